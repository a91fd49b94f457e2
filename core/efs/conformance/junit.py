"""JUnit XML for CI dashboards: a suite per file, a test case per finding (a passing case when clean).

Every text and attribute goes through :func:`efs.neutral.xml_text`: a name with ``\x00`` or ``\x01`` in
the configuration is written as ``\u0000``, never as a character XML 1.0 forbids.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree as ET

from efs.conformance.findings import Finding, Severity
from efs.neutral import xml_text

if TYPE_CHECKING:
    from efs.registry import Registry


def render_junit(
    results: list[tuple[str, Any, list[Finding]]], as_of: dt.date, registry: Registry | None = None
) -> str:
    """``<testsuites>`` with the as-of date as a property of every suite."""
    from efs.documents.shipped import cited

    root = ET.Element("testsuites", name="efs validate")
    total = failures = skipped = 0
    for path, _config, findings in results:
        suite = ET.SubElement(root, "testsuite", name=path)
        props = ET.SubElement(suite, "properties")
        ET.SubElement(props, "property", name="as_of", value=as_of.isoformat())
        n_fail = n_skip = 0
        for f in sorted(findings, key=Finding.sort_key):
            loc = f.location
            case = ET.SubElement(
                suite,
                "testcase",
                classname=f"{path}.{f.code}",
                name=f"{f.code} {f.slug}: {loc.dotted_path or f.item or '<корень>'}",
                file=loc.file or path,
                line=str(loc.line or 1),
            )
            text = f"{loc.file or path}:{loc.line or 1}:{loc.column or 1}: {f.message}"
            if f.source is not None:
                text += f"\nдокумент: {cited(f.source, registry=registry, near=path)}"
            if f.suppressed:
                n_skip += 1
                ET.SubElement(case, "skipped", message=f"подавлено: {f.suppression_reason or ''}").text = text
            elif f.severity == Severity.info:
                ET.SubElement(case, "system-out").text = text
            else:
                n_fail += 1
                ET.SubElement(case, "failure", message=f.message, type=f.severity.value).text = text
        if not findings:
            ET.SubElement(suite, "testcase", classname=path, name="без находок")
        count = max(len(findings), 1)
        suite.set("tests", str(count))
        suite.set("failures", str(n_fail))
        suite.set("errors", "0")
        suite.set("skipped", str(n_skip))
        total, failures, skipped = total + count, failures + n_fail, skipped + n_skip
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    root.set("skipped", str(skipped))
    for element in root.iter():
        if element.text:
            element.text = xml_text(element.text)
        for key, value in element.attrib.items():
            element.set(key, xml_text(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
