"""The сравнительная таблица as an XLSX workbook, on the report's sheets (:func:`efs.report.xlsx.table_sheet`).

Sheet one is the table the people who approve an amendment read: section, item, the wording before
and after, the type of change, what changed (word by word for a rewording) and its impact. Then one
sheet each for the findings, the indicators, the recommendations and the function coverage.
"""

from __future__ import annotations

from typing import Any

from efs.diff.text import _words_plain, coverage_text, headline
from efs.report.text import LEVEL_LABELS


def _levels(values: list[str]) -> str:
    return ", ".join(LEVEL_LABELS.get(v, v) for v in values)


def xlsx_bytes(data: dict[str, Any]) -> bytes:
    """The comparison's workbook as the bytes of an ``.xlsx`` file (for a download)."""
    import io

    buf = io.BytesIO()
    workbook(data).save(buf)
    return buf.getvalue()


def workbook(data: dict[str, Any]) -> Any:
    """The сравнительная таблица as an :class:`openpyxl.Workbook`."""
    from openpyxl import Workbook

    from efs.report.xlsx import Column, table_sheet

    wb = Workbook()
    wb.remove(wb.active)
    old, new = data["old"], data["new"]
    where = f"{new['jurisdiction_name']}: {old['name']} → {new['name']} (на {data['as_of']})"
    syn = data["synthetic"]
    rows = []
    n = 0
    for section in data["sections"]:
        for c in section["changes"]:
            n += 1
            words = _words_plain(c["words"]) if c["words"] is not None else None
            rows.append([n, section["title"], c["item"], c["old"], c["new"], c["type_label"],
                         "; ".join(x for x in (c["detail"], words) if x), "\n".join(c["impact"]),
                         c["match"]["label"] if c["match"] else None, c["old_line"], c["new_line"], c["type"],
                         c["old_id"], c["new_id"]])
    table_sheet(wb, "Сравнительная таблица", f"Сравнительная таблица — {where}",
                [Column("№", 5, "int"), Column("Раздел", 18), Column("Элемент", 30),
                 Column("Редакция до изменения", 50), Column("Редакция после изменения", 50),
                 Column("Вид изменения", 16), Column("Что изменилось", 40), Column("Влияние", 40),
                 Column("Сопоставление", 16), Column("Строка до", 9, "line"), Column("Строка после", 9, "line"),
                 Column("Код изменения", 14, "code"), Column("Id до", 14, "code"), Column("Id после", 14, "code")],
                rows, synthetic=syn, preface=headline(data), landscape=True)
    imp = data["impact"]
    f = imp["findings"]
    table_sheet(wb, "Находки", f"Находки проверки — {where}",
                [Column("Изменение", 12), Column("Код", 9), Column("Уровень", 14), Column("Находка", 90),
                 Column("Элемент", 20, "code")],
                [[what, x["code"], x["severity_label"], x["message"], x["item"]]
                 for what, items in (("появится", f["appeared"]), ("исчезнет", f["disappeared"])) for x in items],
                synthetic=syn,
                preface=f"Было: ошибок {f['before']['error']}, предупреждений {f['before']['warning']}, сведений "
                f"{f['before']['info']}. Станет: ошибок {f['after']['error']}, предупреждений {f['after']['warning']}, "
                f"сведений {f['after']['info']}.")
    ind = imp["indicators"]
    rows = []
    for row in ind["items"]:
        values = row["values"] or [{"sub_measure": None, "old": None, "new": None}]
        for v in values:
            a, b = v["old"] or {}, v["new"] or {}
            rows.append([row["number"], row["text"], "\n".join(row["changes"]), row["old_targets"], row["new_targets"],
                         v["sub_measure"], a.get("value"), a.get("status_label"), b.get("value"), b.get("status_label"),
                         row["id"]])
    for v in ind["other_changes"]:
        a, b = v["old"] or {}, v["new"] or {}
        rows.append([v["number"], v["text"], "значение или вердикт изменились", None, None, v["sub_measure"],
                     a.get("value"), a.get("status_label"), b.get("value"), b.get("status_label"), v["id"]])
    table_sheet(wb, "Показатели", f"Показатели — {where}",
                [Column("№", 6), Column("Показатель", 45), Column("Что изменилось", 40), Column("Цели до", 25),
                 Column("Цели после", 25), Column("Часть", 16), Column("Значение до", 11, "number"),
                 Column("Статус до", 14), Column("Значение после", 11, "number"), Column("Статус после", 14),
                 Column("Код показателя", 16, "code")],
                rows, synthetic=syn,
                preface=(f"Значения за {ind['year']} год. " if ind["computed"] else "") + ind["note"], landscape=True)
    rec = imp["recommendations"]
    table_sheet(wb, "Рекомендации", f"Рекомендации — {where}",
                [Column("Изменение", 16), Column("Кому", 35), Column("Что сделать", 60), Column("Почему", 60)],
                [*([what, "; ".join(r["who"]), r["what"], r["why"]]
                   for what, items in (("появится", rec["gained"]), ("исчезнет", rec["lost"])) for r in items),
                 *([what, None, f"{u['indicator']}: {u['text']}", u["note"]]
                   for what, items in (("без исполнителя: появится", rec["unlinked_gained"]),
                                       ("без исполнителя: исчезнет", rec["unlinked_lost"])) for u in items)],
                synthetic=syn, preface=f"Было рекомендаций {rec['before']}, станет {rec['after']}.")
    cov = imp["coverage"]
    table_sheet(wb, "Покрытие функций", f"Покрытие функций — {where}",
                [Column("Функция", 40), Column("Не покрыта до", 16), Column("Не покрыта после", 16),
                 Column("Выполняют до", 40), Column("Выполняют после", 40), Column("Итог", 50),
                 Column("Код функции", 16, "code")],
                [[r["name"], _levels(r["uncovered_before"]), _levels(r["uncovered_after"]),
                  "; ".join(r["subjects_before"]), "; ".join(r["subjects_after"]), coverage_text(r), r["id"]]
                 for r in cov["functions"]],
                synthetic=syn, preface=f"Обязательных функций, которые на уровне не выполняет никто: было "
                f"{cov['uncovered_before']}, станет {cov['uncovered_after']}.")
    return wb
