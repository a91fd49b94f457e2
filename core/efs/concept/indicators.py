"""The federal effectiveness indicators and their targets, from ``001_5ac565084bef0351.txt``."""

from __future__ import annotations

from efs.model import Comparator, IndicatorDefinition, Link, Scope, Source, Target

DOCUMENT = "001_5ac565084bef0351.txt"
SECTION = "Показатели эффективности деятельности Системы"


def _src(line: int) -> Source:
    return Source(document=DOCUMENT, section=SECTION, line=line)


def _link(function: str, rationale: str) -> Link:
    return Link(id=function, rationale=rationale)


def federal_indicators() -> list[IndicatorDefinition]:
    """The four federal indicators with their six targets, verbatim from the document."""
    return [
        IndicatorDefinition(
            id="federal_1",
            number="1",
            text="Доля педагогических работников, освоивших программы дополнительного профессионального "
            "образования, вошедшие в федеральный реестр и подобранные с учетом диагностики "
            "профессиональных дефицитов (к 2024 году – не менее 30%).",
            numerator="педагогические работники, освоившие в году программы ДПО из федерального реестра, "
            "подобранные с учётом диагностики профессиональных дефицитов",
            denominator="все педагогические работники",
            unit="%",
            formula="federal_registry_by_diagnostics_share",
            targets=[
                Target(year=2024, value=30, unit="%", comparator=Comparator.at_least,
                       as_written="к 2024 году – не менее 30%", source=_src(34)),
            ],
            functions=[
                _link("federal_registry", "показатель считает освоение программ федерального реестра"),
                _link("diagnostics", "программы подобраны с учётом диагностики дефицитов"),
                _link("professional_development", "показатель считает освоение программ ДПО"),
            ],
            source=_src(34),
        ),
        IndicatorDefinition(
            id="federal_2",
            number="2",
            text="Доля педагогических работников и выпускников педагогических вузов, принявших участие в "
            "диагностике уровня функциональной грамотности (к 2024 году – не менее 30%), в том числе "
            "справившихся с диагностикой на 70% и более (к 2024 году – не менее 15%).",
            numerator="педагогические работники и выпускники педагогических вузов, принявшие участие в "
            "диагностике функциональной грамотности (в том числе справившиеся на 70% и более)",
            denominator="педагогические работники и выпускники педагогических вузов",
            unit="%",
            formula="functional_literacy_diagnostics_share",
            targets=[
                Target(year=2024, value=30, unit="%", comparator=Comparator.at_least,
                       as_written="к 2024 году – не менее 30%", source=_src(36)),
                Target(year=2024, value=15, unit="%", comparator=Comparator.at_least,
                       sub_measure="справившихся с диагностикой на 70% и более",
                       as_written="к 2024 году – не менее 15%", source=_src(36)),
            ],
            functions=[_link("diagnostics", "показатель считает участие в диагностике")],
            source=_src(36),
        ),
        IndicatorDefinition(
            id="federal_3",
            number="3",
            text="Количество управленческих команд, повысивших свою квалификацию (к 2022 году – не менее "
            "200, в том числе не менее 2 в каждом субъекте Российской Федерации).",
            numerator="управленческие команды, повысившие квалификацию",
            denominator=None,
            unit="ед.",
            formula="management_teams_trained_count",
            targets=[
                Target(year=2022, value=200, unit="ед.", comparator=Comparator.at_least, scope=Scope.country,
                       as_written="к 2022 году – не менее 200", source=_src(38)),
                Target(year=2022, value=2, unit="ед.", comparator=Comparator.at_least, scope=Scope.each_region,
                       as_written="не менее 2 в каждом субъекте Российской Федерации", source=_src(38)),
            ],
            functions=[_link("management_training", "показатель считает обучение управленческих команд")],
            source=_src(38),
        ),
        IndicatorDefinition(
            id="federal_4",
            number="4",
            text="Доля педагогических работников в возрасте до 35 лет, участвующих в различных формах "
            "поддержки и сопровождения в первые 3 года работы (к 2024 году – не менее 70%).",
            numerator="педагоги до 35 лет в первые 3 года работы, участвующие в формах поддержки и сопровождения",
            denominator="педагоги до 35 лет в первые 3 года работы",
            unit="%",
            formula="young_teachers_supported_share",
            targets=[
                Target(year=2024, value=70, unit="%", comparator=Comparator.at_least,
                       as_written="к 2024 году – не менее 70%", source=_src(40)),
            ],
            functions=[
                _link("young_teachers_support", "показатель считает поддержку молодых педагогов"),
                _link("mentoring", "наставничество — основная форма сопровождения молодых педагогов"),
            ],
            source=_src(40),
        ),
    ]
