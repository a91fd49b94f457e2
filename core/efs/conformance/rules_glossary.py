"""The glossary against the text it serves: terms the text never uses (``EFS240``), definitions that break off
(``EFS241``).

A term is *used* when its words, in dictionary form and in order, stand somewhere in the document outside
the glossary (its own lines and the definitions: a definition that mentions another term is not the text
using it); a word in brackets in the term («профессиональных (педагогических) компетенций») may be left
out, and a term used through the short form its definition introduces («(далее – программа ДПО)») counts
as used. Long terms are matched by their first :data:`HEAD` words («Единая федеральная система
научно-методического сопровождения …» is used wherever «единой федеральной системы научно-методического …»
is).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from efs.conformance.engine import RuleContext
from efs.conformance.findings import Finding, Severity
from efs.conformance.rules import Rule
from efs.model import GlossaryTerm
from efs.wholedoc import text_of
from efs.wholedoc.text import FUNCTION_WORDS, Text

#: How many words of a long term must stand together in the text.
HEAD = 4
_BRACKETS = re.compile(r"\([^)]*\)")
_SHORT = re.compile(r"\(\s*далее\s*[-–—]\s*([^)]+)\)")
_WORD = re.compile(r"[^\W\d_]+")
#: How a definition may end without breaking off: a full stop, a semicolon, a closing bracket or quote.
_ENDS = re.compile(r"[.;)»!?…]\s*$")


def _lemmas(phrase: str) -> list[str]:
    from efs.morphology import lemma
    from efs.wholedoc.text import is_abbreviation

    out = []
    for w in _WORD.findall(phrase.replace("«", " ").replace("»", " ")):
        if w.lower() in FUNCTION_WORDS:
            continue
        out.append(w if is_abbreviation(w) else lemma(w))
    return out


def _glossary_lines(ctx: RuleContext, text: Text) -> set[int]:
    """The lines of the glossary: from its first term to the end of its last definition."""
    lines = sorted(t.source.line for t in ctx.config.glossary if t.source is not None and t.source.line)
    if not lines:
        return set()
    last = lines[-1]
    while last < len(text.lines) and text.lines[last].strip() and not _ENDS.search(text.lines[last - 1]):
        last += 1
    return set(range(lines[0], last + 1))


def _used(text: Text, skip: set[int], wanted: list[str]) -> bool:
    if not wanted:
        return True
    lemmas = text.lemma_list
    n = len(wanted)
    content = [i for i, t in enumerate(text.tokens) if t.text.lower() not in FUNCTION_WORDS and t.line not in skip]
    for k in range(len(content) - n + 1):
        # the words stand together: at most one function word between neighbours
        if lemmas[content[k]] == wanted[0] and [lemmas[content[k + j]] for j in range(n)] == wanted and \
                content[k + n - 1] - content[k] <= 2 * (n - 1):
            return True
    return False


def _forms(term: GlossaryTerm) -> list[list[str]]:
    """The word sequences any of which, found in the text, means the term is used."""
    plain = _BRACKETS.sub(" ", term.term)
    quoted = re.findall(r"«([^»]+)»", plain)
    forms = [_lemmas(quoted[0])] if quoted else []
    forms += [_lemmas(plain)[:HEAD], _lemmas(term.term)[:HEAD]]
    forms += [_lemmas(s)[:HEAD] for s in _SHORT.findall(term.definition)]
    forms += [_lemmas(inner)[:HEAD] for inner in re.findall(r"\(([^)]+)\)", term.term)
              if len(_WORD.findall(inner)) >= 1 and inner[:1].isupper()]  # «(Федеральный реестр)», «(педагог)»
    return [f for f in forms if f]


def _unused(ctx: RuleContext) -> Iterator[Finding]:
    text = text_of(ctx)
    if text is None:
        return
    skip = _glossary_lines(ctx, text)
    for i, term in enumerate(ctx.config.glossary):
        if any(_used(text, skip, form) for form in _forms(term)):
            continue
        yield ctx.finding(
            ("glossary", i),
            f"термин «{term.term}» определён в глоссарии, но в тексте положения не употребляется ни в одной форме",
            source=term.source,
            item=term.term,
        )


def _broken(ctx: RuleContext) -> Iterator[Finding]:
    # The encoded definition is the document's verbatim (EFS020 checks it), and whole: a definition the layout
    # breaks over two lines is not one that breaks off.
    for i, term in enumerate(ctx.config.glossary):
        written = term.definition.rstrip()
        words = _WORD.findall(written)
        last = words[-1].lower() if words else ""
        ends_open = not _ENDS.search(written) and (written.endswith((",", ":", "-", "–", "—")) or
                                                   last in FUNCTION_WORDS or len(words) < 2)
        if not written or ends_open:
            yield ctx.finding(
                ("glossary", i, "definition"),
                f"определение термина «{term.term}» обрывается: «…{written[-60:]}» — фраза не закончена",
                source=term.source,
                item=term.term,
            )


W = Severity.warning
_TEXT = "Правило читает документ, который кодирует конфигурация (EFS023). "

RULES: list[Rule] = [
    Rule(
        "EFS240",
        "glossary-term-unused",
        Severity.info,
        "Термин глоссария не употребляется в тексте",
        _TEXT + "Глоссарий определяет термины, которыми пользуется положение; термин, которого в тексте нет "
        "(«Менторство», «Сетевое сообщество педагогов» в Мегионе), перенесён из образца и ничего не "
        "определяет, а понятие, которым текст пользуется на деле, остаётся без определения.",
        "Удалите термин из глоссария или употребите его в тексте там, где речь о нём; если текст говорит о том "
        "же другими словами — приведите слова к одним.",
        _unused,
        "glossary:\n  - {term: Менторство, definition: …}   # а в тексте «менторства» нет\n",
    ),
    Rule(
        "EFS241",
        "glossary-definition-broken",
        W,
        "Определение термина обрывается",
        _TEXT + "Определение, оборванное на запятой или предлоге («Управленческие кадры – … деятельность,» в "
        "Мегионе), не определяет термин: неясно, что ещё входит в понятие.",
        "Допишите определение по источнику (концепции или образцу, из которого оно взято).",
        _broken,
        "glossary:\n  - {term: Управленческие кадры, definition: 'лица, замещающие должности руководителей,'}\n",
    ),
]
