"""Print oracles for the report tests: LibreOffice Calc prints an XLSX, poppler's ``pdftotext`` reads a PDF.

``pdftotext`` (Debian's ``poppler-utils``) rather than a Python PDF library: pypdf, tried first, dropped the
wrapped lines of table cells from its text, so a check that an internal id is *absent* would pass
vacuously; poppler's text (``-layout``) keeps every line of every cell in reading order. Both tools are
Debian packages that ``.ci/run`` installs when absent; without them the tests skip, unless
``EFS_REQUIRE_BROWSER=1`` (CI), where that is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest


def _require(tool: str, package: str) -> str:
    found = shutil.which(tool)
    if found is None:
        problem = f"нет {tool} (apt-get install {package})"
        if os.environ.get("EFS_REQUIRE_BROWSER") == "1":
            pytest.fail(f"EFS_REQUIRE_BROWSER=1, но {problem}")
        pytest.skip(problem)
    return found


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page of ``pdf`` (``pdftotext -layout``), in order."""
    binary = _require("pdftotext", "poppler-utils")
    out = subprocess.run([binary, "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True,
                         timeout=120)
    pages = out.stdout.decode("utf-8").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def pdf_sizes(pdf: Path) -> list[tuple[float, float]]:
    """Width and height (points) of each page of ``pdf`` (poppler's ``pdfinfo``)."""
    binary = _require("pdfinfo", "poppler-utils")
    out = subprocess.run([binary, "-f", "1", "-l", "100000", str(pdf)], capture_output=True, text=True, check=True,
                         timeout=120)
    sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", out.stdout, re.M)
    return [(float(w), float(h)) for w, h in sizes]


def calc_to_pdf(xlsx: Path, outdir: Path, profile: Path) -> Path:
    """``xlsx`` printed to PDF by LibreOffice Calc (headless, with a profile of its own)."""
    binary = _require("soffice", "libreoffice-calc-nogui")
    outdir.mkdir(parents=True, exist_ok=True)
    run = subprocess.run([binary, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
                          "pdf:calc_pdf_Export", "--outdir", str(outdir), str(xlsx)],
                         capture_output=True, text=True, timeout=300)
    pdf = outdir / f"{xlsx.stem}.pdf"
    if not pdf.exists():  # soffice exits 0 even when a component (Calc) is missing
        problem = f"LibreOffice не напечатал {xlsx.name}: {run.stderr.strip() or run.stdout.strip()}"
        if "could not be loaded" in problem and os.environ.get("EFS_REQUIRE_BROWSER") != "1":
            pytest.skip(f"{problem} (нет LibreOffice Calc: apt-get install libreoffice-calc-nogui)")
        pytest.fail(problem)
    return pdf
