"""Whole-document rules on names and entities: abbreviations, and the bodies the text relies on.

They read the document the configuration encodes (:mod:`efs.wholedoc`), not only the encoded items: an
abbreviation the text uses without introducing it, one introduced twice in two spellings, letters that do
not spell the words they stand for, one abbreviation for two bodies, a body the text works with that is
neither a subject nor an actor. Without the document at hand they say nothing (``EFS023`` says it is not
at hand). One organisation written several ways (``EFS142``) and mixed scripts (``EFS144``) read the whole
text too: :mod:`efs.conformance.rules_names`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from efs.conformance.engine import RuleContext
from efs.conformance.findings import Finding, Severity
from efs.conformance.rules import Rule
from efs.model import Actor, Subject
from efs.wholedoc import abbreviations_of, anchor, mentions_of, names_of, source_at, text_of
from efs.wholedoc.text import FUNCTION_WORDS, is_abbreviation

_WORD = re.compile(r"[^\W\d_]+")
#: What a Положение says about drafting: every abbreviation is introduced at its first use (юридико-
#: техническое правило; the concept's own text introduces ЕФС, ЦНППМ, ДПП, ИОМ this way).
_DRAFTING = ("Сокращение вводится при первом употреблении: «полное название (далее – сокращение)»; так "
             "поступает и сама концепция ЕФС (ЕФС, ЦНППМ, ДПП, ИОМ). ")


def _lines(lines: list[int], limit: int = 8) -> str:
    uniq = sorted(set(lines))
    shown = ", ".join(str(n) for n in uniq[:limit])
    more = f" и ещё {len(uniq) - limit}" if len(uniq) > limit else ""
    return (f"строка {shown}" if len(uniq) == 1 else f"строки {shown}") + more


def _finding(ctx: RuleContext, line: int, message: str, *, path: tuple[str | int, ...] | None = None,
             item: str | None = None, **extra: Any) -> Finding:
    at, owner = anchor(ctx, line)
    return ctx.finding(path or at, message, source=source_at(ctx, line), item=item or owner, **extra)


# --- EFS200 abbreviation-undefined ---------------------------------------------------------------------------

@dataclass(slots=True)
class _Use:
    text: str
    lines: list[int]


def _groups(ctx: RuleContext) -> list[_Use]:
    """Uses of abbreviations, adjacent ones read together («РС НМС», «ФР ДПО») when they stand for one thing."""
    from efs.wholedoc.abbreviations import COMMON, key

    abbr = abbreviations_of(ctx)
    assert abbr is not None
    uses = abbr.uses
    runs: list[list[int]] = []
    for n, use in enumerate(uses):
        prev = uses[n - 1].token if n else None
        t = use.token
        if prev is not None and prev.index == t.index - 1 and t.gap == " " and runs:
            runs[-1].append(n)
        else:
            runs.append([n])
    introduced = {i.key for i in abbr.introductions}
    heads = {_WORD.findall(i.short)[0] for i in abbr.introductions if len(_WORD.findall(i.short)) > 1}
    alone = {uses[r[0]].token.text for r in runs if len(r) == 1}
    out: dict[str, _Use] = {}

    def add(text: str, line: int) -> None:
        out.setdefault(key(text), _Use(text, [])).lines.append(line)

    for run in runs:
        words = [uses[n].token.text for n in run]
        line = uses[run[0]].token.line
        if all(w in COMMON or _common_joined(w) for w in words):
            continue
        whole = " ".join(words)
        if len(words) > 1 and (key(whole) in introduced or words[0] in heads or not any(w in alone for w in words)):
            if key(whole) not in introduced:
                add(whole, line)
            continue
        for n in run:
            use = uses[n]
            if use.short is None and use.token.text not in COMMON and not _common_joined(use.token.text):
                add(use.token.text, use.token.line)
    return list(out.values())


def _common_joined(word: str) -> bool:
    """«ФГОСНОО» — common abbreviations run together (a typing slip, not a new abbreviation)."""
    from efs.wholedoc.abbreviations import COMMON

    def split(rest: str) -> bool:
        return not rest or any(rest.startswith(c) and split(rest[len(c):]) for c in COMMON)

    return word not in COMMON and split(word)


def _undefined(ctx: RuleContext) -> Iterator[Finding]:
    from efs.wholedoc.abbreviations import key
    from efs.wholedoc.names import near

    abbr = abbreviations_of(ctx)
    if abbr is None:
        return
    organisations = names_of(ctx).abbreviations()
    shorts = {i.key: i for i in abbr.introductions if i.is_abbreviation}
    groups = _groups(ctx)
    first_use = {key(u.text): min(u.lines) for u in groups}
    for use in groups:
        k = key(use.text)
        # A misspelt abbreviation of a subject or actor is one organisation written two ways (EFS142).
        close = [o for o in organisations if near(k, o)]
        if len(close) == 1 and (k not in organisations or (
                organisations[k] & organisations[close[0]] and first_use.get(close[0], 0) < min(use.lines))):
            continue
        similar = sorted((i for kk, i in shorts.items() if near(k, kk) or _one_off(k, kk)), key=lambda i: i.line)
        hint = ""
        if similar:
            hint = f"; возможно, имелось в виду «{similar[0].short}» (введено на строке {similar[0].line})"
        known = " (так названы субъект или орган конфигурации, но документ сокращение не расшифровывает)" \
            if k in organisations else ""
        yield _finding(
            ctx, min(use.lines),
            f"сокращение «{use.text}» не введено: в документе нет ни «(далее – {use.text})», ни расшифровки в "
            f"скобках; {_lines(use.lines)}{known}{hint}",
            abbreviation=use.text, lines=sorted(set(use.lines)),
        )


def _one_off(a: str, b: str) -> bool:
    """Short abbreviations one letter apart («ДНП» and «ДПП»)."""
    from efs.wholedoc.names import distance

    return len(a) == len(b) >= 3 and a[0] == b[0] and distance(a, b) == 1


# --- EFS201 abbreviation-respelled, EFS203 abbreviation-two-bodies -------------------------------------------

def _introduced_twice(ctx: RuleContext) -> dict[str, list]:
    abbr = abbreviations_of(ctx)
    if abbr is None:
        return {}
    glossary = _glossary_lines(ctx)
    by_key: dict[str, list] = defaultdict(list)
    for intro in abbr.introductions:
        if intro.is_abbreviation and intro.line not in glossary:
            by_key[intro.key].append(intro)
    return {k: v for k, v in by_key.items() if len(v) > 1}


def _glossary_lines(ctx: RuleContext) -> set[int]:
    """Lines of the glossary (a term re-introducing an abbreviation there defines it, it does not rename it)."""
    lines = sorted(t.source.line for t in ctx.config.glossary if t.source and t.source.line)
    if not lines:
        return set()
    return set(range(lines[0], lines[-1] + 4))


def _respelled(ctx: RuleContext) -> Iterator[Finding]:
    for intros in _introduced_twice(ctx).values():
        spellings = {re.sub(r"\s+", " ", i.short) for i in intros}
        if len(spellings) < 2:
            continue
        text = text_of(ctx)
        assert text is not None
        used = defaultdict(list)
        for token_text, line in _spelled_uses(text, spellings):
            used[token_text].append(line)
        where = "; ".join(f"«{i.short}» — строка {i.line}" for i in intros)
        counts = ", ".join(f"«{s}» — {len(used.get(s, []))}" for s in sorted(spellings))
        first = intros[0]
        yield _finding(
            ctx, intros[1].line,
            f"сокращение введено {len(intros)} раза в разных написаниях: {where}; в тексте употреблений: {counts}",
            abbreviation=first.short, lines=[i.line for i in intros],
        )


def _spelled_uses(text, spellings: set[str]) -> Iterator[tuple[str, int]]:
    for n, line in enumerate(text.lines, start=1):
        for s in spellings:
            for _ in re.finditer(rf"(?<![\w]){re.escape(s)}(?![\w])", line):
                yield s, n


def _two_bodies(ctx: RuleContext) -> Iterator[Finding]:
    from efs.morphology import lemma

    for intros in _introduced_twice(ctx).values():
        owners = [_owners_of(ctx, i) for i in intros]
        words = [{lemma(w) for w in _WORD.findall(i.expansion) if len(w) > 2} for i in intros]
        first = intros[0]
        for n in range(1, len(intros)):
            other = intros[n]
            differ_owner = owners[0] and owners[n] and not owners[0] & owners[n]
            a, b = words[0], words[n]
            overlap = len(a & b) / min(len(a), len(b)) if a and b else 1.0
            if differ_owner or overlap < 0.5:
                yield _finding(
                    ctx, other.line,
                    f"сокращение «{other.short}» введено для разных органов: «{first.expansion}» (строка "
                    f"{first.line}) и «{other.expansion}» (строка {other.line})",
                    abbreviation=other.short,
                )


def _owners_of(ctx: RuleContext, intro) -> set[str]:
    return {m.owner for m in mentions_of(ctx) if intro.start <= m.start < intro.end}


# --- EFS202 abbreviation-mismatch ----------------------------------------------------------------------------

def _initials(words: list[str]) -> str:
    return "".join("и" if w.lower() == "и" else w[:1].upper() for w in words if w.lower() not in _SKIP)


_SKIP = frozenset(["в", "во", "на", "по", "для", "при", "с", "со", "к", "о", "об", "от", "до"])


def _mismatch(ctx: RuleContext) -> Iterator[Finding]:
    abbr = abbreviations_of(ctx)
    if abbr is None:
        return
    for intro in abbr.introductions:
        if not intro.is_abbreviation or intro.matches or not intro.expansion:
            continue
        quoted = re.search(r"«([^«»]+)»", intro.expansion)
        if quoted and "«" in intro.short:
            spelled = quoted.group(1)
            part = re.search(r"«([^«»]+)»?", intro.short)
            written = part.group(1) if part else intro.short
        else:
            spelled = _best_tail(intro.short, intro.expansion)
            written = intro.short
        expected = _initials(_WORD.findall(spelled))
        yield _finding(
            ctx, intro.line,
            f"сокращение «{written}» введено для «{spelled}», но его буквы не повторяют начальных букв этих слов "
            f"(по ним — «{expected}»): сокращение искажено или стоит не при своём названии",
            abbreviation=intro.short, expected=expected,
        )


def _best_tail(short: str, expansion: str) -> str:
    """The words at the end of ``expansion`` whose initials best agree with ``short``."""
    import difflib

    words = _WORD.findall(expansion)
    letters = short.replace(" ", "").upper()
    best, score = expansion, -1.0
    for n in range(len(words)):
        if words[n][:1].upper() != letters[:1]:
            continue
        tail = words[n:]
        s = difflib.SequenceMatcher(None, letters, _initials(tail).upper()).ratio()
        if s >= score:
            best, score = " ".join(tail), s
    return best


# --- EFS204 body-undefined -----------------------------------------------------------------------------------

#: Words that name a body (the head of its name).
BODY_HEADS = frozenset(
    [
        "министерство", "департамент", "управление", "отдел", "комитет", "центр", "институт", "учреждение",
        "служба", "оператор", "координатор", "орган", "университет", "колледж", "академия", "ассоциация",
        "объединение", "совет", "комиссия", "организация", "актив", "сообщество", "клуб", "факультет",
        "администрация", "правительство", "агентство", "фонд", "учредитель",
    ]
)
#: Heads that name one body even without a proper name («учредителем», «региональным оператором»).
UNIQUE_ROLES = frozenset(["учредитель", "оператор", "координатор"])
#: A group of bodies named by kind only («государственными органами», «иными организациями»).
_GENERIC = frozenset(
    [
        "государственный", "общественный", "иной", "другой", "образовательный", "организация", "орган",
        "объединение", "учреждение", "различный", "все", "всех", "заинтересованный", "профессиональный",
        "педагогический", "сообщество", "субъект", "система", "муниципальный", "региональный", "методический",
        "отдельный",
    ]
)


def _bodies(ctx: RuleContext) -> Iterator[tuple[int, int]]:
    """(start, end) of every body the text relies on (:data:`_WITH`, :data:`_TO`, «на базе», «через»,
    «между») that no mention of a subject or actor covers."""
    text = text_of(ctx)
    if text is None:
        return
    covered = {i for m in mentions_of(ctx) for i in range(m.start, m.end)}
    lemmas = text.lemma_list
    queue: list[tuple[int, str | None]] = [(n, None) for n in _reliance_objects(text, lemmas)]
    seen: set[int] = set()
    while queue:
        start, case = queue.pop(0)
        if start in seen:
            continue
        seen.add(start)
        head = start if start in covered else _head(ctx, text, lemmas, start)
        if head is None or (case is not None and _case(text.tokens[head].text) not in (case, None)):
            continue
        if start in covered:
            head = next((m.end - 1 for m in mentions_of(ctx) if m.start <= start < m.end), start)
        queue[:0] = [(n, _case(text.tokens[head].text)) for n in _conjuncts(text, lemmas, head)]
        if start in covered or text.tokens[start].quoted:
            continue
        end = head + 1
        while end < len(lemmas) and end - head < 8 and not text.boundary_before(end) and end not in covered and (
                text.tokens[end].quoted or text.tokens[end].gap.strip() == "-" or _genitive(text.tokens[end].text)
                or is_abbreviation(text.tokens[end].text)
                or (end + 1 < len(lemmas) and text.tokens[end + 1].gap.strip() == "-")):
            end += 1
        words = set(lemmas[start:end])
        if "субъект" in words:
            continue  # «с субъектами РС НМС»: the system's own subjects, collectively
        named = any(t.upper_initial or t.quoted or is_abbreviation(t.text) for t in text.tokens[start:end]) or \
            lemmas[head] in UNIQUE_ROLES
        if not named and words <= _GENERIC | BODY_HEADS | FUNCTION_WORDS:
            continue
        if any(n in covered for n in range(start, end)):
            continue
        yield start, end


def _head(ctx: RuleContext, text, lemmas: list[str], start: int) -> int | None:
    """The head word of a body starting at ``start``: a word of :data:`BODY_HEADS` after at most two adjectives,
    participles or legal-form abbreviations («региональным *оператором*», «ФГАУ ДПО «*Академия* …»»), or an
    abbreviation the document uses without introducing («с *ФНМЦ*»)."""
    from efs.morphology import analyzer
    from efs.wholedoc.abbreviations import FORM_PARTS, LEGAL_FORMS

    for n in range(start, min(start + 5, len(lemmas))):
        if n > start and text.boundary_before(n) and not text.tokens[n].quoted and \
                text.tokens[n].gap.strip() != "-":
            return None
        token = text.tokens[n]
        if lemmas[n] in BODY_HEADS or (n == start and _unknown_abbreviation(ctx, token.text)):
            return n
        if token.text in LEGAL_FORMS or token.text in FORM_PARTS:
            continue
        if n + 1 < len(lemmas) and text.tokens[n + 1].gap.strip() == "-":
            continue  # «Научно-методическими»: the first part of a compound adjective
        if analyzer().parse(token.text)[0].tag.POS not in ("ADJF", "PRTF"):
            return None
    return None


#: «… взаимодействует *с* …», «в сотрудничестве *с* …», «согласование показателей *с* …».
_WITH = frozenset(
    [
        "взаимодействие", "взаимодействовать", "сотрудничество", "сотрудничать", "совместно", "согласование",
        "согласовывать", "соглашение", "договор",
    ]
)
#: «предоставляет *в* …», «направляет его *Федеральному оператору*».
_TO = frozenset(["предоставлять", "направлять", "представлять", "передавать", "передача"])


def _reliance_objects(text, lemmas: list[str]) -> Iterator[int]:
    """Where a body the text relies on starts: after «с» that follows a word of :data:`_WITH`, after «в» or a
    dative after a word of :data:`_TO`, after «на базе», «через», «между» (adjectives before the body's head
    are part of it)."""
    for i, lem in enumerate(lemmas):
        if lem in _WITH or lem in _TO:
            prepositions = ("с", "со") if lem in _WITH else ("в", "во")
            for n in range(i + 1, min(i + 5, len(lemmas))):
                if text.boundary_before(n):
                    break
                if lemmas[n] in prepositions:
                    if n + 1 < len(lemmas) and not text.boundary_before(n + 1):
                        yield n + 1
                    break
                if lem in _TO and _dative_head(text.tokens[n].text):
                    yield _adjectives_before(text, n, i + 1)
                    break
        elif _passive(text.tokens[i].text) and i + 1 < len(lemmas) and not text.boundary_before(i + 1):
            for n in range(i + 1, min(i + 4, len(lemmas))):
                if text.boundary_before(n):
                    break
                if _case_head(text.tokens[n].text, "ablt"):
                    yield _adjectives_before(text, n, i + 1)
                    break
        elif text.boundary_before(i) and _case_head(text.tokens[i].text, "datv") and \
                _infinitive_follows(text, lemmas, i):
            yield i  # «3. Отделу общего образования … обеспечить …»
        elif i + 1 < len(lemmas) and not text.boundary_before(i + 1) and (
                (lem == "база" and i > 0 and lemmas[i - 1] == "на") or lem in ("через", "между")):
            yield i + 1


def _conjuncts(text, lemmas: list[str], head: int) -> Iterator[int]:
    """The bodies joined to a body by «и» or a comma in the same clause («с ММС и АУ «…»»)."""
    for n in range(head + 1, min(head + 14, len(lemmas))):
        if any(c in text.tokens[n].gap for c in ";.:()") or "\n" in text.tokens[n].gap:
            break
        if lemmas[n - 1] == "и" or "," in text.tokens[n].gap:
            yield n


def _case(word: str) -> str | None:
    from efs.morphology import analyzer
    from efs.wholedoc.text import is_abbreviation as abbreviation

    if abbreviation(word):
        return None
    case = analyzer().parse(word)[0].tag.case
    return str(case) if case else None


def _dative_head(word: str) -> bool:
    return _case_head(word, "datv")


def _case_head(word: str, case: str) -> bool:
    """Whether ``word`` is a body's head noun in ``case`` («Отделу», «центром»)."""
    from efs.morphology import analyzer, lemma

    tag = analyzer().parse(word)[0].tag
    return tag.case == case and tag.POS == "NOUN" and lemma(word) in BODY_HEADS


def _passive(word: str) -> bool:
    """A passive participle («выявленных», «устанавливаемым»): its agent in the instrumental is a body the text
    relies on."""
    from efs.morphology import analyzer

    tag = analyzer().parse(word)[0].tag
    return tag.POS == "PRTF" and "pssv" in tag


def _adjectives_before(text, head: int, floor: int) -> int:
    from efs.morphology import analyzer

    start = head
    while start > floor and not text.boundary_before(start) and \
            analyzer().parse(text.tokens[start - 1].text)[0].tag.POS in ("ADJF", "PRTF"):
        start -= 1
    return start


def _infinitive_follows(text, lemmas: list[str], i: int) -> bool:
    from efs.morphology import analyzer

    for n in range(i + 1, min(i + 30, len(lemmas))):
        gap = text.tokens[n].gap
        initial = len(text.tokens[n - 1].text) == 1 and text.tokens[n - 1].text.isupper()
        ends = text.lines[text.tokens[n - 1].line - 1].rstrip()[-1:]
        if ";" in gap or ("." in gap and not initial) or ("\n" in gap and ends in ".;:"):
            return False
        if analyzer().parse(text.tokens[n].text)[0].tag.POS == "INFN":
            return True
    return False


def _genitive(word: str) -> bool:
    from efs.morphology import analyzer

    tag = analyzer().parse(word)[0].tag
    return tag.POS in ("NOUN", "ADJF") and tag.case == "gent"


def _unknown_abbreviation(ctx: RuleContext, word: str) -> bool:
    """An abbreviation the document uses without introducing it (``EFS200``'s findings) that names no subject
    or actor of the configuration."""
    from efs.wholedoc.abbreviations import key

    if "wholedoc:undefined" not in ctx.shared:
        ctx.shared["wholedoc:undefined"] = {key(u.text) for u in _groups(ctx)} if abbreviations_of(ctx) else set()
    return word in ctx.shared["wholedoc:undefined"] and word not in names_of(ctx).abbreviations()


def _body_undefined(ctx: RuleContext) -> Iterator[Finding]:
    from efs.conformance.rules_names import nearest

    text = text_of(ctx)
    if text is None:
        return
    found: dict[str, tuple[str, list[int]]] = {}
    for start, end in _bodies(ctx):
        key = " ".join(text.lemma_list[start:end])
        phrase, lines = found.setdefault(key, (text.phrase(start, end), []))
        lines.append(text.tokens[start].line)
    named: list[Subject | Actor] = [*ctx.config.subjects, *ctx.config.actors]
    names = [(n, item.id) for item in named for n in item.names()]
    for phrase, lines in found.values():
        near = nearest(phrase, names)
        hint = f"; ближайшее название: «{near[0]}»" if near else ""
        yield _finding(
            ctx, min(lines),
            f"текст опирается на «{phrase}» ({_lines(lines)}: взаимодействие, отчёт, соглашение, база или "
            f"поручение), но это ни субъект системы, ни орган из actors{hint}",
            body=phrase, lines=sorted(set(lines)),
        )


W, E, INFO = Severity.warning, Severity.error, Severity.info
_TEXT = "Правило читает документ, который кодирует конфигурация (он должен быть под рукой: EFS023). "

RULES: list[Rule] = [
    Rule(
        "EFS200",
        "abbreviation-undefined",
        W,
        "Сокращение употреблено, но не введено",
        _TEXT + _DRAFTING + "Сокращение без расшифровки читатель понимает по догадке, а два читателя — по-разному "
        "(«ДППО» — паспорт ДПО или ДПП?). Общеизвестные сокращения (РФ, ФГОС, ЕГЭ, ОГЭ, ГИА, ОВЗ, СПО) и "
        "организационно-правовые формы (ГАУ, МКУ, ФГБОУ ВО) не требуют введения.",
        "Введите сокращение при первом употреблении: «полное название (далее – сокращение)»; опечатку исправьте "
        "на введённое сокращение.",
        _undefined,
        "# в документе: «… паспорта ДППО …» — и нигде «(далее – ДППО)»\njurisdiction: {document: polozhenie.txt}\n",
    ),
    Rule(
        "EFS201",
        "abbreviation-respelled",
        W,
        "Сокращение введено повторно в другом написании",
        _TEXT + _DRAFTING + "Одно сокращение, введённое несколько раз в разных написаниях («РС НМС» и «РСНМС»), "
        "делает текст небрежным и ломает поиск: неясно, одна это система или две.",
        "Введите сокращение один раз, в одном написании, и пишите его так везде.",
        _respelled,
        "# «… системы (далее – РСНМС) …» и ниже «… системы (далее - РС НМС) …»\n",
    ),
    Rule(
        "EFS202",
        "abbreviation-mismatch",
        W,
        "Буквы сокращения не повторяют название",
        _TEXT + "Сокращение составляют из начальных букв слов названия; если буквы с ними не сходятся "
        "(«ИПКиИИРО» для «Института повышения квалификации и профессиональной переподготовки работников "
        "образования», «ММС» для «муниципального методического центра»), сокращение искажено или введено не "
        "для того органа — и его будут искать под другим названием.",
        "Исправьте сокращение по начальным буквам названия или поставьте его при том названии, которое оно "
        "сокращает.",
        _mismatch,
        "# «Муниципальное казенное учреждение …, выполняющий функции муниципального методического центра "
        "(далее – ММС)»\n",
    ),
    Rule(
        "EFS203",
        "abbreviation-two-bodies",
        W,
        "Одно сокращение введено для разных органов",
        _TEXT + "Если одно сокращение означает в одном месте один орган, в другом — другой, ответственность и "
        "функции в тексте нельзя отнести ни к одному из них.",
        "Введите для второго органа своё сокращение.",
        _two_bodies,
        "# «… методическая служба (далее – ММС) …» и «… методический центр (далее – ММС) …»\n",
    ),
    Rule(
        "EFS204",
        "body-undefined",
        W,
        "Текст опирается на орган, которого нет среди субъектов и органов",
        _TEXT + "Положение возлагает на субъектов взаимодействие, отчёты и соглашения с другими органами; орган, "
        "с которым субъект должен взаимодействовать или которому отчитывается, должен быть назван — субъектом "
        "системы или органом вне её (actors); иначе обязанность невыполнима или неясна.",
        "Добавьте орган в actors (или в subjects), с написанием как в документе; если это другое написание "
        "известного органа — в его aliases.",
        _body_undefined,
        "# «… во взаимодействии с Региональным центром оценки …» — а такого органа в конфигурации нет\n",
    ),
]
