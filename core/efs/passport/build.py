"""Assemble the passport of one jurisdiction (or one municipality's part of it) as plain data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from efs._version import __version__
from efs.indicators import MIN_DENOMINATOR
from efs.passport import counts as C
from efs.passport.disclosure import protect
from efs.passport.tables import column, protected, share, table
from efs.passport.text import (
    ACTIVE_ROLES,
    ENGAGEMENT_TITLES,
    HIDDEN_NOTE,
    NO_DEVELOPER,
    ORGANIZATION_KINDS,
    SECTIONS,
    SITE_KINDS,
    TOTAL,
)

if TYPE_CHECKING:
    from efs.data.store import Store
    from efs.model import Configuration
    from efs.passport.fill import Filled
    from efs.registry import Registry
    from efs.report.names import Namer

FORMAT_VERSION = 1
#: Subject kinds the infrastructure section lists from the configuration.
CNPPM_KINDS = ("cnppm", "cnppm_branch")
SITE_SUBJECT_KINDS = ("internship_site", "innovation_site", "networking_site")


class Grain:
    """The rows of the person tables: municipalities of a region, or kinds of organisations in one place."""

    def __init__(self, store: Store, config: Configuration, year: int, municipality: str | None) -> None:
        jur = config.jurisdiction
        self.names = C.municipalities(store, jur.id)
        regional = jur.level.value == "regional" and municipality is None
        self.by = "municipality" if regional else "kind"
        self.scope = C.Scope(jur.id, year, self.by, municipality)
        self.title = "Муниципалитет" if regional else "Организации"
        if regional:
            self.keys = list(self.names)
        else:
            kinds = C.organization_kinds(store, self.scope)
            known = [k for k in ORGANIZATION_KINDS if k in kinds]
            self.keys = known + sorted(k for k in kinds if k not in ORGANIZATION_KINDS)

    def label(self, key: str) -> str:
        """A row's name."""
        if self.by == "municipality":
            return self.names.get(key, key)
        return ORGANIZATION_KINDS.get(key, key)


def _check_municipality(store: Store, config: Configuration, municipality: str | None) -> None:
    from efs.errors import InputError

    if municipality is None:
        return
    jur = config.jurisdiction
    if jur.level.value == "municipal":
        raise InputError(
            f"юрисдикция «{jur.name}» муниципальная: её паспорт и есть сведения муниципалитета для ЦНППМ региона; "
            "уберите --municipality"
        )
    names = C.municipalities(store, jur.id)
    if municipality not in names:
        from efs.yamlsafe import did_you_mean

        known = ", ".join(list(names)[:10]) + (" …" if len(names) > 10 else "")
        raise InputError(
            f"в хранилище нет муниципалитета «{municipality}» юрисдикции «{jur.name}»"
            f"{did_you_mean(municipality, names)}; известны: {known or 'ни одного'}"
        )


def build_passport(
    config: Configuration,
    store: Store,
    *,
    year: int,
    municipality: str | None = None,
    filled: Filled | None = None,
    registry: Registry | None = None,
    min_denominator: int = MIN_DENOMINATOR,
) -> dict[str, Any]:
    """The passport (or a municipality's part of it) as a JSON-ready dictionary (shape: ``docs/passport.md``).

    Raises:
        InputError: The store holds no data of the jurisdiction, or no such municipality.
        StoreError: The store is not at the newest schema revision.
    """
    from efs.indicators.engine import is_synthetic
    from efs.passport.fill import fill_section
    from efs.registry import Registry
    from efs.report.build import _check_store
    from efs.report.names import Namer

    registry = Registry.of(registry)
    jur = config.jurisdiction
    _check_store(store, jur.id, jur.name)
    _check_municipality(store, config, municipality)
    namer = Namer(config, registry)
    grain = Grain(store, config, year, municipality)
    k = min_denominator
    region_scope = C.Scope(jur.id, year, "municipality") if municipality is not None else None
    sections = {
        "structure": _structure(config, registry, namer, part=municipality is not None),
        "staff": _staff(store, grain, k, region_scope, municipality),
        "programmes": _programmes(store, config, grain, k, region_scope, municipality),
        "infrastructure": _infrastructure(store, config, registry, namer, grain),
        "engagement": _engagement(store, grain, k, region_scope, municipality),
        "indicators": _indicators(config, store, registry, namer, year, k, municipality),
        "to_fill": fill_section(config, filled, recipient=_recipient(config, namer)),
    }
    titles = dict(SECTIONS)
    return {
        "format": "efs-passport",
        "format_version": FORMAT_VERSION,
        "efs_version": __version__,
        "jurisdiction": {
            "id": jur.id,
            "name": jur.name,
            "level": jur.level.value,
            "system_name": jur.system_name,
            "document_title": namer.document_title,
            "region": jur.region,
        },
        "municipality": ({"id": municipality, "name": grain.names[municipality]} if municipality else None),
        "part": municipality is not None or jur.level.value == "municipal",
        "recipient": _recipient(config, namer),
        "year": year,
        "synthetic": is_synthetic(store, jur.id),
        "min_denominator": k,
        "sections": [{"id": sid, "title": titles[sid], **sections[sid]} for sid, _ in SECTIONS],
    }


def _recipient(config: Configuration, namer: Namer) -> str:
    """Who receives the passport: the federal operator for a region, the region's ЦНППМ for a municipality."""
    jur = config.jurisdiction
    if jur.level.value == "regional":
        return "федеральный оператор (через орган исполнительной власти субъекта РФ)"
    for subject in config.subjects:
        if subject.kind == "cnppm":
            return subject.short_name or subject.name
    for actor in config.actors:
        if actor.kind == "cnppm":
            return actor.short_name or actor.name
    return f"ЦНППМ {jur.region}" if jur.region else "ЦНППМ региона"


def _name(namer: Namer, ref: Any) -> str | None:
    if ref is None:
        return None
    return namer.names.get(ref.id, ref.as_written) if ref.id else ref.as_written


def _structure(config: Configuration, registry: Registry, namer: Namer, *, part: bool) -> dict[str, Any]:
    from efs.report.text import AGREEMENT_LABELS, LEVEL_LABELS

    levels: tuple[str | None, ...] = ("municipal", "institutional", None)
    if not part:
        levels = ("federal", "regional", *levels)
    subjects = [s for s in config.subjects if (s.level.value if s.level else None) in levels]

    def kind_name(kind: str | None) -> str:
        found = registry.kinds.get(kind) if kind else None
        return found.name if found is not None else (kind or "вид не указан")

    by_level: dict[str | None, list[Any]] = {}
    for s in subjects:
        by_level.setdefault(s.level.value if s.level else None, []).append(s)
    level_rows = [[LEVEL_LABELS[lv], len(by_level[lv]), "; ".join(sorted({kind_name(s.kind) for s in by_level[lv]}))]
                  for lv in levels if lv in by_level]
    subject_rows = [
        [s.number, s.name, s.short_name, kind_name(s.kind), LEVEL_LABELS[s.level.value if s.level else None],
         _name(namer, s.host) or _name(namer, s.part_of), len(s.functions), s.id]
        for s in subjects
    ]
    agreement_rows = [
        [a.title, AGREEMENT_LABELS.get(a.kind.value, "соглашение"), a.number, a.date_as_written or
         (a.date.isoformat() if a.date else None), "; ".join(_name(namer, p) or "" for p in a.parties), a.id]
        for a in config.agreements
    ]
    note = ("Субъекты муниципального и институционального уровней из положения." if part
            else "Из конфигурации положения.")
    return {
        "from": "конфигурация положения: subjects (вид, уровень, host, part_of), agreements",
        "notes": [note],
        "tables": [
            table("levels", "Уровни системы", [column("level", "Уровень"), column("subjects", "Субъектов", "int"),
                                               column("kinds", "Виды субъектов")], level_rows,
                  total=[TOTAL, sum(r[1] for r in level_rows), None]),
            table("subjects", "Субъекты системы",
                  [column("number", "Пункт"), column("name", "Субъект"), column("short_name", "Сокращение"),
                   column("kind", "Вид"), column("level", "Уровень"),
                   column("parent", "Головная организация (структурное подразделение или филиал)"),
                   column("functions", "Функций", "int"), column("id", "Код", "code")], subject_rows),
            table("agreements", "Соглашения",
                  [column("title", "Соглашение"), column("kind", "Вид"), column("number", "Номер"),
                   column("date", "Дата"), column("parties", "Стороны"), column("id", "Код", "code")],
                  agreement_rows, note="" if agreement_rows else "Положение соглашений не называет."),
        ],
    }


def _region_hides(store: Store, region: C.Scope | None, municipality: str | None, k: int,
                  base_of: Any, counter: Any) -> bool:
    """Whether the region's table (counted by ``counter``) hides ``municipality``'s row: its part must too."""
    if region is None or municipality is None:
        return False
    data = counter(store, region)
    keys = list(C.municipalities(store, region.jurisdiction))  # the region's rows, in its table's order
    hidden, _ = protect([base_of(data.get(key, {})) for key in keys], k)
    return keys.index(municipality) in hidden


def _staff(store: Store, grain: Grain, k: int, region: C.Scope | None, municipality: str | None) -> dict[str, Any]:
    data = C.staff(store, grain.scope)
    measures = ("pedagogical", "under35", "managers", "active")

    def row(d: dict[str, int]) -> list[Any]:
        return [d.get("pedagogical", 0), d.get("under35", 0), share(d.get("under35", 0), d.get("pedagogical", 0)),
                d.get("managers", 0), d.get("active", 0)]

    def base(d: dict[str, int]) -> int:
        """The group a row's attributes are about: its teachers (under 35 is a share of them)."""
        return d.get("pedagogical", 0)

    totals = {m: sum(data.get(key, {}).get(m, 0) for key in grain.keys) for m in measures}
    forced = _region_hides(store, region, municipality, k, base, C.staff)
    t = protected(
        "staff", f"Педагогические и управленческие работники, {grain.scope.year} год",
        [column("group", grain.title), column("pedagogical", "Педагогических работников", "int"),
         column("under35", "из них моложе 35 лет", "int"), column("under35_share", "доля моложе 35 лет, %", "percent"),
         column("managers", "Управленческих работников", "int"), column("active", "Методический актив, чел.", "int")],
        [[grain.label(key)] for key in grain.keys], [row(data.get(key, {})) for key in grain.keys],
        [base(data.get(key, {})) for key in grain.keys], threshold=k,
        total=([TOTAL], row(totals), base(totals)),
        forced=frozenset(range(len(grain.keys))) if forced else frozenset(), total_forced=forced,
        note=HIDDEN_NOTE.format(k=k))
    roles = C.active_roles(store, grain.scope)
    role_rows = [[ACTIVE_ROLES.get(r, r), roles[r], r] for r in [*ACTIVE_ROLES, *sorted(set(roles) - set(ACTIVE_ROLES))]
                 if r in roles]
    notes = ["Работают в году: начали педагогическую работу не позже этого года и не уволились до него "
             "(как в показателях efs). Моложе 35 лет — год рождения позже (год − 35)."]
    missing = C.aggregate_only(store, grain.scope)
    if missing:
        names = [grain.names.get(m, m) for m in missing]
        notes.append("Нет списков работников (только сводные отчёты), в таблицах не учтены: " + ", ".join(names) + ".")
    if forced:
        notes.append("Строки скрыты: в паспорте региона этот муниципалитет скрыт (мал или скрыт ради итога).")
    return {
        "from": "хранилище: staff, organizations, municipalities, methodical_active_members",
        "notes": notes,
        "tables": [
            t,
            table("active_roles", "Методический актив по ролям",
                  [column("role", "Роль"), column("members", "Человек", "int"), column("id", "Код", "code")], role_rows,
                  note="Число участников актива — количество, как количественные показатели efs, не скрывается."),
        ],
    }


def _programmes(store: Store, config: Configuration, grain: Grain, k: int, region: C.Scope | None,
                municipality: str | None) -> dict[str, Any]:
    jur = config.jurisdiction.id
    by_dev = C.programmes(store, jur)
    keys = sorted(by_dev, key=lambda d: (d == "", d))
    fields = ("programmes", "registry", "network", "innovation")
    dev_rows = [[d or NO_DEVELOPER, *(by_dev[d][f] for f in fields)] for d in keys]
    forms = C.programme_forms(store, jur)
    form_rows: list[list[Any]] = [
        [label, forms.get((net, True), 0), forms.get((net, False), 0),
         forms.get((net, True), 0) + forms.get((net, False), 0)]
        for net, label in ((True, "в сетевой форме"), (False, "без сетевой формы"))
    ]
    done = C.completions(store, grain.scope)
    total = done.pop("__total__", {})
    dkeys = sorted(done, key=lambda d: (d == "", d))
    comp = protected(
        "completions", f"Освоили программы ДПО в {grain.scope.year} году (работники"
        + (f" муниципалитета «{grain.names[municipality]}»)" if municipality else ")"),
        [column("developer", "Разработчик"), column("persons", "Освоили, чел.", "int"),
         column("registry", "из них программы федерального реестра, чел.", "int")],
        [[d or NO_DEVELOPER] for d in dkeys], [[done[d].get("persons", 0), done[d].get("registry", 0)] for d in dkeys],
        [done[d].get("persons", 0) for d in dkeys], threshold=k,
        total=([TOTAL], [total.get("persons", 0), total.get("registry", 0)], total.get("persons", 0)),
        note="Человек считается один раз у каждого разработчика; итог — число разных людей. " + HIDDEN_NOTE.format(k=k))
    return {
        "from": "хранилище: programmes (developer, in_federal_registry, network_form, innovation_based), "
                "programme_completions",
        "notes": ["Форма обучения (очная, очно-заочная, с применением ДОТ) в хранилище не ведётся — её заполняют "
                  "в разделе «Заполняется вручную»."]
                 + (["Программы — общие для юрисдикции; освоение — работниками муниципалитета."]
                    if municipality else []),
        "tables": [
            table("by_developer", "Программы по разработчикам",
                  [column("developer", "Разработчик"), column("programmes", "Программ", "int"),
                   column("registry", "в федеральном реестре", "int"), column("network", "в сетевой форме", "int"),
                   column("innovation", "на основе инновационного опыта", "int")], dev_rows,
                  total=[TOTAL, *(sum(by_dev[d][f] for d in keys) for f in fields)]),
            table("by_form", "Программы по форме реализации и реестру",
                  [column("form", "Форма реализации"), column("registry", "в федеральном реестре", "int"),
                   column("not_registry", "не в реестре", "int"), column("programmes", "всего", "int")], form_rows,
                  total=[TOTAL, *(sum(r[i] for r in form_rows) for i in (1, 2, 3))]),
            comp,
        ],
    }


def _infrastructure(
    store: Store, config: Configuration, registry: Registry, namer: Namer, grain: Grain
) -> dict[str, Any]:
    from efs.report.text import LEVEL_LABELS

    def kind_name(kind: str | None) -> str:
        found = registry.kinds.get(kind) if kind else None
        return found.name if found is not None else (kind or "вид не указан")

    cnppm_ids = {s.id for s in config.subjects if s.kind == "cnppm"}
    centres = [s for s in config.subjects
               if s.kind in CNPPM_KINDS or (s.part_of is not None and s.part_of.id in cnppm_ids)]
    site_subjects = [s for s in config.subjects if s.kind in SITE_SUBJECT_KINDS]

    def subject_row(s: Any) -> list[Any]:
        return [s.name, kind_name(s.kind), LEVEL_LABELS[s.level.value if s.level else None],
                _name(namer, s.host) or _name(namer, s.part_of), s.id]

    subject_columns = [column("name", "Название"), column("kind", "Вид"), column("level", "Уровень"),
                       column("parent", "Головная организация"), column("id", "Код", "code")]
    stored = C.organizations_of_kind(store, grain.scope, "cnppm")
    order = {k: i for i, k in enumerate(SITE_KINDS)}
    sites = sorted(C.sites(store, grain.scope), key=lambda s: order.get(s["kind"], len(order)))
    kinds = [k for k in SITE_KINDS if any(s["kind"] == k for s in sites)] + sorted(
        {s["kind"] for s in sites} - set(SITE_KINDS))
    if grain.by == "municipality":
        keys = grain.keys
        key_of = "municipality_id"
        label = grain.label
    else:
        names = {s["organization_id"]: s["organization"] for s in sites}
        keys = sorted(names, key=lambda o: (names[o], o))
        key_of = "organization_id"

        def label(key: str) -> str:
            return names[key]
    matrix: dict[str, dict[str, int]] = {key: dict.fromkeys(kinds, 0) for key in keys}
    for s in sites:
        matrix.setdefault(s[key_of], dict.fromkeys(kinds, 0))[s["kind"]] += 1
    count_rows: list[list[Any]] = [[label(key), *(matrix[key][k] for k in kinds), sum(matrix[key].values())]
                                   for key in matrix]
    return {
        "from": "конфигурация положения: subjects видов cnppm, cnppm_branch, площадок; хранилище: organizations "
                "(kind = cnppm), internship_sites",
        "notes": ["Площадки — действующие в году (since_year ≤ год ≤ until_year). Организации не персональные "
                  "данные: их числа не скрываются."],
        "tables": [
            table("centres", "ЦНППМ и его филиалы (по положению)", subject_columns, [subject_row(s) for s in centres],
                  note="" if centres else "Положение ЦНППМ не называет."),
            table("stored_centres", "ЦНППМ в данных мониторинга", [column("name", "Организация"),
                  column("municipality", "Муниципалитет"), column("id", "Код", "code")],
                  [[o["name"], o["municipality"], o["id"]] for o in stored]),
            table("site_subjects", "Площадки, названные в положении", subject_columns,
                  [subject_row(s) for s in site_subjects],
                  note="" if site_subjects else "Положение площадок как субъектов не называет."),
            table("site_counts", f"Площадки в {grain.scope.year} году",
                  [column("group", "Муниципалитет" if grain.by == "municipality" else "Организация"),
                   *(column(k, SITE_KINDS.get(k) or k, "int") for k in kinds), column("all", "всего", "int")],
                  count_rows, total=[TOTAL, *(sum(r[i] for r in count_rows) for i in range(1, len(kinds) + 2))]),
            table("sites", "Перечень площадок",
                  [column("kind", "Вид"), column("organization", "Организация"),
                   column("municipality", "Муниципалитет"), column("since", "С года", "year"),
                   column("topic", "Тема"), column("id", "Код организации", "code")],
                  [[SITE_KINDS.get(s["kind"], s["kind"]), s["organization"], s["municipality"], s["since_year"],
                    s["topic"], s["organization_id"]] for s in sites]),
        ],
    }


def _engagement(store: Store, grain: Grain, k: int, region: C.Scope | None, municipality: str | None) -> dict[str, Any]:
    data = C.engagement(store, grain.scope)
    measures = C.ENGAGEMENT

    def counts_of(d: dict[str, int]) -> list[int | None]:
        return [d.get("pedagogical", 0), *(d.get(m, 0) for m in measures)]

    totals = {m: sum(data.get(key, {}).get(m, 0) for key in grain.keys) for m in ("pedagogical", *measures)}
    forced = _region_hides(store, region, municipality, k, lambda d: d.get("pedagogical", 0), C.engagement)
    force_rows = frozenset(range(len(grain.keys))) if forced else frozenset()
    labels = [[grain.label(key)] for key in grain.keys]
    bases = [data.get(key, {}).get("pedagogical", 0) for key in grain.keys]
    people = protected(
        "engagement", f"Педагоги, вовлечённые в формы сопровождения, {grain.scope.year} год, чел.",
        [column("group", grain.title), column("pedagogical", "Педагогических работников", "int"),
         *(column(m, ENGAGEMENT_TITLES[m], "int") for m in measures)],
        labels, [counts_of(data.get(key, {})) for key in grain.keys], bases, threshold=k,
        total=([TOTAL], counts_of(totals), totals["pedagogical"]), forced=force_rows, total_forced=forced,
        note=HIDDEN_NOTE.format(k=k))
    shares = {
        "id": "engagement_shares",
        "title": f"Доля педагогов, вовлечённых в формы сопровождения, {grain.scope.year} год, %",
        "columns": [column("group", grain.title), *(column(m, ENGAGEMENT_TITLES[m], "percent") for m in measures)],
        "rows": [
            {"cells": [row["cells"][0], *(None if row["hidden"] else share(row["cells"][i], row["cells"][1])
                                          for i in range(2, 2 + len(measures)))],
             "total": row["total"], "hidden": row["hidden"]}
            for row in people["rows"]
        ],
        "note": "Доли — от педагогических работников той же строки; скрытые строки скрыты и здесь.",
    }
    return {
        "from": "хранилище: diagnostics, individual_routes, support_participation (mentoring: mentee, mentor; "
                "все формы), programme_completions, post_course_support",
        "notes": ["Считаются педагогические работники, работающие в году; каждый — один раз в каждой графе. "
                  "Диагностика и освоение программ — в году; маршруты, участие и сопровождение — действовавшие "
                  "хотя бы часть года."],
        "tables": [people, shares],
    }


def _indicators(config: Configuration, store: Store, registry: Registry, namer: Namer, year: int, k: int,
                municipality: str | None) -> dict[str, Any]:
    from efs.report.indicators import indicator_section
    from efs.report.text import rounded

    section = indicator_section(config, store, registry, year=year, min_denominator=k, namer=namer)
    rows = []
    for item in section["items"]:
        value, status = item["value"], item["status_label"]
        if municipality is not None:
            mine = next((d for d in item["drilldown"] if d["scope_id"] == municipality), None)
            value, status = (mine["value"], mine["status_label"]) if mine else (None, "нет данных")
        target = item["target"]["label"] if item["target"] else None
        rows.append([item["label"], item["text"], rounded(value), item["unit"], target,
                     status, item["verdict_note"] if municipality is None else None, item["id"]])
    notes = [section["data_note"]]
    if municipality is not None:
        notes.append("Значения и вердикты — по муниципалитету (как в разбивке отчёта efs report).")
    return {
        "from": "движок показателей efs (как efs report и efs indicators): формулы конфигурации и федеральные, "
                "цели положения, концепции, дорожной карты",
        "notes": notes,
        "tables": [table("indicators", f"Показатели за {year} год",
                         [column("label", "Показатель"), column("text", "Текст показателя"),
                          column("value", "Значение", "number"),
                          column("unit", "Ед."), column("target", "Цель"), column("status", "Вердикт"),
                          column("basis", "Основание вердикта"), column("id", "Код", "code")], rows)],
    }
