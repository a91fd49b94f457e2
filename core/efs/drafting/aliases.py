"""Other spellings of each subject across the document, kept as written.

Three kinds, each recorded with the line where it is written:

* a short name the document defines anywhere — «Бюджетного учреждения … (далее - БУ ДПО РА «ИПКиИИРО РА»)» —
  given to the subject whose name the words before it repeat;
* an abbreviation made of the initials of a subject's name («ДОиМП» for «Департамент образования и
  молодежной политики …»);
* a spelling that differs from one of those by one misspelt word («ИПКиППРО» beside «ИПКиИИРО», «ДЮиМП»
  beside «ДОиМП»): the document's own defect, kept for the validator to report (EFS142), never tidied.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

DEFINED = re.compile(r"\((?:далее|Далее)\s*[-–—]?\s*(?P<a>[^(),;]{1,60}?(?:«[^»]{1,40}»)?)\s*\)")
BARE = re.compile(r"\s*\((?P<a>[А-ЯЁ][А-ЯЁA-Z]{1,}(?:\s+[А-ЯЁA-Z]{2,}){0,3})\)")
INITIALS = re.compile(r"^[А-ЯЁ]{1,4}(?:и[А-ЯЁ]{1,4})+$")
_PUNCT = ",;:.)("


def _initials(name: str) -> str:
    words = re.findall(r"[А-ЯЁа-яё]+", name)
    return "".join("и" if w == "и" else w[0].upper() for w in words)


def _stems5(text: str) -> list[str]:
    return [w[:5] for w in re.findall(r"[а-яёa-z0-9]+", text.lower().replace("ё", "е")) if len(w) > 1]


def _owner(subjects: list[dict[str, Any]], before: str) -> dict[str, Any] | None:
    """The subject whose name the words just before a definition repeat (in any case): the name must end
    where the definition starts, give or take a few words."""
    best, score = None, 0.0
    for s in subjects:
        theirs = set(_stems5(s["name"]))
        if len(theirs) < 2:
            continue
        words = set(_stems5(" ".join(before.split()[-(len(s["name"].split()) + 2):])))
        share = len(words & theirs) / len(theirs)
        if share > score:
            best, score = s, share
    return best if score >= 0.8 else None


def collect(subjects: list[dict[str, Any]], texts: list[tuple[str, int, int, str]], lines: list[str],
            src: Callable[[str, int], dict[str, Any]]) -> None:
    """Add ``aliases`` (text as written and source) to the drafted subjects."""
    from efs.conformance.rules_names import spelling_variant

    def add(subject: dict[str, Any], text: str, line: int, section: str) -> None:
        text = text.strip(" " + _PUNCT)
        known = {subject["name"], subject.get("short_name"), *(a["text"] for a in subject.get("aliases", []))}
        if text and text not in known:
            subject.setdefault("aliases", []).append({"text": text, "source": src(section, line)})

    for text, line, last, section in texts:
        for m in DEFINED.finditer(text):
            owner = _owner(subjects, text[: m.start()])
            if owner is not None:
                add(owner, m.group("a"), _line_of(lines, m.group(0), line, last), section)

    for s in subjects:
        # «… университет» (ФГБОУ ВО БГПУ) выступает …»: an abbreviation in brackets right after the name.
        for text, line, last, section in texts:
            at = text.find(s["name"])
            bare = BARE.match(text, at + len(s["name"])) if at >= 0 else None
            if bare is not None:
                add(s, bare.group("a"), _line_of(lines, bare.group(0), line, last), section)
        # «МКУ «Центр развития образования»» for «Муниципальное казенное учреждение «Центр развития образования»».
        quoted = re.search(r"«.+»$", s["name"])
        if quoted and quoted.start() > 0:
            form = _initials(s["name"][: quoted.start()]).replace("и", "И")
            for number, row in enumerate(lines, start=1):
                for m in re.finditer(r"\b(?P<f>[А-ЯЁ]{2,8})\s+" + re.escape(quoted.group(0)), row):
                    if len(m.group("f")) >= 2 and form.startswith(m.group("f")):
                        add(s, m.group(0), number, "")
    _declined(subjects, lines, add)

    short: list[tuple[dict[str, Any], str]] = []
    for s in subjects:
        for n in [s.get("short_name"), *(a["text"] for a in s.get("aliases", []))]:
            if n and len(n.split()) <= 5:
                short.append((s, n))
    initials = [(s, _initials(s["name"])) for s in subjects]
    for number, row in enumerate(lines, start=1):
        tokens = row.replace("\t", " ").split()
        for i, token in enumerate(tokens):
            word = token.strip(_PUNCT + "«»")
            if INITIALS.match(word):
                for s, letters in initials:
                    if len(word) >= 4 and letters.startswith(word):
                        add(s, word, number, "")
                        short.append((s, word))
            for s, name in short:
                size = len(name.split())
                window = " ".join(tokens[i:i + size]).strip(_PUNCT)
                if window[:1] != name[:1] or window == name:
                    continue
                if spelling_variant(name, window):
                    add(s, window, number, "")


def _declined(subjects: list[dict[str, Any]], lines: list[str], add: Callable[..., None]) -> None:
    """A subject's name in another case («департаментом образования и молодежной политики администрации
    города» for «Департамент образования …»): the same words, each with the same first letters."""
    wanted: dict[tuple[str, ...], dict[str, Any]] = {}
    for s in subjects:
        words = s["name"].split()
        if len(words) >= 3:
            wanted[tuple(w.lower()[:4] for w in words)] = s
    sizes = sorted({len(k) for k in wanted})
    for number, row in enumerate(lines, start=1):
        tokens = row.replace("\t", " ").split()
        heads = [t.lower()[:4] for t in tokens]
        for size in sizes:
            for i in range(len(tokens) - size + 1):
                subject = wanted.get(tuple(heads[i:i + size]))
                if subject is not None:
                    text = " ".join(tokens[i:i + size]).strip(_PUNCT)
                    if text != subject["name"] and text.split()[-1].lower()[:-2] in subject["name"].lower():
                        add(subject, text, number, "")


def _line_of(lines: list[str], fragment: str, first: int, last: int) -> int:
    probe = fragment[:20]
    for n in range(first, last + 1):
        if probe in lines[n - 1]:
            return n
    return first
