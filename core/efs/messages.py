"""Russian for every message the libraries efs reads with can produce: one table per library.

* :data:`YAML_PROBLEMS` — every problem libyaml's scanner, parser, reader and composer
  (``src/scanner.c``, ``parser.c``, ``reader.c``, ``loader.c``) and PyYAML's pure-Python loader
  (``scanner.py``, ``parser.py``, ``composer.py``, ``reader.py``) report, as a pattern and a Russian
  sentence that says what to do; :func:`yaml_problem` uses it.
* :data:`PYDANTIC` — every error type of pydantic-core, in Russian; :func:`pydantic_message` uses it
  (the loader words the common ones itself, with the configuration's field names).
* :func:`vocabulary` — an enum value as the user writes it with its Russian name
  (``regional (региональный)``), never ``<Level.regional: 'regional'>``.

A message no table knows becomes a Russian sentence with the original in parentheses, so nothing is
lost and nothing English stands alone.
"""

from __future__ import annotations

import re
from typing import Any

#: (pattern of the English problem, Russian) — the first that matches wins; the specific ones come first.
YAML_PROBLEMS: list[tuple[str, str]] = [
    # scanner: tabs, tokens, keys and values
    (r"found a tab character|found character '\\t' that cannot start any token",
     "символ табуляции недопустим в YAML: отступы — только пробелами"),
    (r"found character .*that cannot start any token|found character that cannot start any token",
     "недопустимый символ в начале значения (например, @ или `): возьмите значение в кавычки"),
    (r"could not find expected ':'",
     "не найдено двоеточие «:» после ключа: ключ не закончен или текст продолжается на следующей строке без "
     "кавычек — возьмите его в кавычки"),
    (r"mapping values are not allowed (?:here|in this context)",
     "двоеточие здесь недопустимо: в значении после «ключ: » есть ещё «: » — возьмите значение в кавычки "
     "(или проверьте отступы)"),
    (r"mapping keys are not allowed (?:here|in this context)",
     "здесь не может начинаться ключ («? »): проверьте отступы или возьмите значение в кавычки"),
    (r"block sequence entries are not allowed (?:here|in this context)",
     "элемент списка «- » здесь недопустим: список начинается с новой строки с отступом"),
    (r"found unexpected ':'", "неожиданное двоеточие: возьмите значение в кавычки"),
    (r"found unexpected end of stream", "неожиданный конец файла: не закрыта кавычка или скобка"),
    (r"found unexpected document (?:indicator|separator)",
     "внутри значения строка «---» или «...»: это разделитель документов YAML — возьмите значение в кавычки"),
    (r"found unknown escape character",
     "неизвестная escape-последовательность «\\…» в строке в двойных кавычках: удвойте обратную косую черту "
     "или возьмите строку в одинарные кавычки"),
    (r"found invalid Unicode character escape code", "недопустимый код символа в escape-последовательности \\u…"),
    (r"hexdecimal number|hexadecimal numbers",
     "после \\x, \\u или \\U в двойных кавычках нужны шестнадцатеричные цифры"),
    (r"(?:did not find expected|expected) alphabetic or numeric character",
     "после «&», «*» или «!» нужно имя из букв и цифр (якорь, ссылка или тег); если это текст — возьмите его "
     "в кавычки"),
    (r"did not find expected whitespace or line break|expected ' ', but found",
     "ожидался пробел или конец строки"),
    (r"did not find expected whitespace", "ожидался пробел"),
    (r"(?:did not find expected|expected a) comment or (?:a )?line break",
     "после значения на строке лишний текст (после закрывающей кавычки или заголовка блока «|», «>»)"),
    (r"indentation indicator (?:equal to 0|in the range 1-9)",
     "указатель отступа блочного текста («|2», «>1») должен быть от 1 до 9"),
    (r"expected chomping or indentation indicators", "после «|» или «>» допустимы только «+», «-» и цифра 1–9"),
    # tags and directives: a configuration needs neither
    (r"did not find expected '!'|expected '!', but found", "тег записан неверно: конфигурации теги не нужны"),
    (r"did not find the expected '>'|expected '>', but found", "тег «!<…>» не закрыт: конфигурации теги не нужны"),
    (r"did not find expected tag URI|expected URI", "тег записан неверно: конфигурации теги не нужны"),
    (r"URI escaped octet|URI escape sequence", "тег записан неверно: конфигурации теги не нужны"),
    (r"found undefined tag handle", "неизвестный префикс тега: конфигурации теги не нужны"),
    (r"expected non-empty name appended to the tag", "тег без имени: конфигурации теги не нужны"),
    (r"found non-specific tag", "тег «!» недопустим: конфигурации теги не нужны"),
    (r"found incompatible YAML document", "документ требует другой версии YAML (нужна 1.1 или 1.2): удалите «%YAML»"),
    (r"found duplicate (?:%YAML|YAML) directive|found duplicate %TAG directive|duplicate tag handle",
     "директива «%YAML» или «%TAG» повторяется: удалите её — конфигурации директивы не нужны"),
    (r"version number|expected a digit|digit or '\.'",
     "директива «%YAML» записана неверно: удалите её — конфигурации директивы не нужны"),
    (r"directive name|non-alphabetical character",
     "строка, начинающаяся с «%», — директива YAML: удалите её или возьмите значение в кавычки"),
    # parser
    (r"did not find expected <stream-start>", "файл не начинается как документ YAML"),
    (r"did not find expected <document start>|expected '<document start>'",
     "ожидалось начало документа: лишний текст после конца документа («...») или перед «---»"),
    (r"did not find expected node content|expected the node content",
     "не найдено ожидаемое значение (после «-», «:» или запятой)"),
    (r"did not find expected key|expected <block end>",
     "нарушены отступы: ожидался следующий ключ на том же отступе (или значение не закрыто)"),
    (r"did not find expected '-' indicator", "нарушены отступы в списке: ожидался элемент «- » на том же отступе"),
    (r"expected ',' or '\]'", "в списке [...] ожидалась «,» или «]»"),
    (r"expected ',' or '\}'", "в отображении {...} ожидалась «,» или «}»"),
    (r"expected the empty value", "ожидалось пустое значение"),
    (r"expected a single document|but found another document",
     "в файле несколько документов YAML («---»), а нужен один"),
    # composer and loader
    (r"found duplicate anchor|second occurrence", "якорь (&имя) определён дважды"),
    (r"found undefined alias", "ссылка (*имя) на якорь, который не определён выше"),
    (r"exceeded maximum nesting depth|maximum nesting depth|Maximum nesting level", "слишком глубокая вложенность"),
    (r"found unhashable key|found unconstructable recursive node",
     "ключ отображения должен быть простым значением (строкой или числом)"),
    # reader: characters and encodings
    (r"control characters are not allowed|special characters are not allowed|unacceptable character",
     "в файле управляющие символы: это не текст YAML (или текст повреждён)"),
    (r"UTF-8 octet|UTF-8 sequence|codec can't decode", "файл не в кодировке UTF-8: пересохраните его в UTF-8"),
    (r"UTF-16|surrogate", "файл в UTF-16 или с испорченными символами: пересохраните его в UTF-8"),
    (r"invalid Unicode character", "в файле недопустимый символ Юникода"),
    (r"input is too long", "файл слишком велик для разборщика YAML"),
    (r"input error|memory error", "разборщик YAML не смог прочитать файл (ошибка ввода или нехватка памяти)"),
]
_YAML_COMPILED = [(re.compile(p), r) for p, r in YAML_PROBLEMS]


def yaml_problem(problem: str) -> str | None:
    """The Russian for one of libyaml's or PyYAML's problems, or ``None`` when the table has none."""
    for pattern, russian in _YAML_COMPILED:
        if pattern.search(problem):
            return russian
    return None


# ------------------------------------------------------------------------------------------ pydantic

#: pydantic-core error type → Russian (``{name}`` fields come from the error's ``ctx`` and ``input``).
PYDANTIC: dict[str, str] = {
    "no_such_attribute": "неизвестное поле «{attribute}»",
    "json_invalid": "недопустимый JSON ({error})",
    "json_type": "ожидается текст JSON",
    "needs_python_object": "ожидается объект Python",
    "recursion_loop": "значение ссылается само на себя (цикл)",
    "recursion_depth_exceeded": "слишком глубокая вложенность",
    "missing": "не хватает обязательного поля",
    "frozen_field": "поле нельзя изменить",
    "frozen_instance": "значение нельзя изменить",
    "extra_forbidden": "неизвестный ключ",
    "invalid_key": "ключ отображения должен быть строкой",
    "get_attribute_error": "не удалось прочитать поле ({error})",
    "model_type": "ожидается отображение (ключ: значение), а указано: {type}",
    "model_attributes_type": "ожидается отображение (ключ: значение), а указано: {type}",
    "dataclass_type": "ожидается отображение (ключ: значение), а указано: {type}",
    "dataclass_exact_type": "ожидается отображение (ключ: значение), а указано: {type}",
    "named_tuple_type": "ожидается список значений, а указано: {type}",
    "default_factory_not_called": "значение по умолчанию не вычислено",
    "none_required": "значение должно быть пустым",
    "greater_than": "значение должно быть больше {gt}",
    "greater_than_equal": "значение должно быть не меньше {ge}",
    "less_than": "значение должно быть меньше {lt}",
    "less_than_equal": "значение должно быть не больше {le}",
    "multiple_of": "значение должно быть кратно {multiple_of}",
    "finite_number": "нужно конечное число (не .inf и не .nan)",
    "too_short": "слишком мало элементов: нужно не меньше {min_length}",
    "too_long": "слишком много элементов: допустимо не больше {max_length}",
    "iterable_type": "ожидается список, а указано: {type}",
    "iteration_error": "не удалось перебрать элементы ({error})",
    "string_type": "ожидается строка, а указано: {type}",
    "string_unicode": "ожидается строка в Юникоде",
    "string_too_short": "значение не может быть пустым",
    "string_too_long": "значение слишком длинное (не более {max_length} символов)",
    "string_pattern_mismatch": "значение «{input}» не подходит под образец {pattern}",
    "string_not_ascii": "допустимы только латинские буквы, цифры и знаки ASCII",
    "enum": "недопустимое значение «{input}»; допустимо: {expected}",
    "dict_type": "ожидается отображение (ключ: значение), а указано: {type}",
    "frozen_dict_type": "ожидается отображение (ключ: значение), а указано: {type}",
    "ordered_dict_type": "ожидается отображение (ключ: значение), а указано: {type}",
    "counter_type": "ожидается отображение (ключ: число), а указано: {type}",
    "mapping_type": "ожидается отображение (ключ: значение), а указано: {type}",
    "list_type": "ожидается список, а указано: {type}",
    "deque_type": "ожидается список, а указано: {type}",
    "tuple_type": "ожидается список, а указано: {type}",
    "set_type": "ожидается список без повторов, а указано: {type}",
    "frozen_set_type": "ожидается список без повторов, а указано: {type}",
    "set_item_not_hashable": "элемент списка должен быть простым значением",
    "bool_type": "ожидается true или false, а указано: {type}",
    "bool_parsing": "ожидается true или false, а указано «{input}»",
    "int_type": "ожидается целое число, а указано: {type}",
    "int_parsing": "ожидается целое число, а указано «{input}»",
    "int_parsing_size": "целое число слишком велико",
    "int_from_float": "ожидается целое число, а указано «{input}»",
    "float_type": "ожидается число, а указано: {type}",
    "float_parsing": "ожидается число, а указано «{input}»",
    "bytes_type": "ожидаются байты, а указано: {type}",
    "bytes_too_short": "слишком короткое значение (не меньше {min_length} байт)",
    "bytes_too_long": "слишком длинное значение (не больше {max_length} байт)",
    "bytes_invalid_encoding": "байты не в кодировке {encoding}",
    "value_error": "недопустимое значение ({error})",
    "assertion_error": "недопустимое значение ({error})",
    "literal_error": "недопустимое значение «{input}»; допустимо: {expected}",
    "missing_sentinel_error": "значение не указано",
    "ellipsis_error": "значение не указано",
    "date_type": "ожидается дата в формате ГГГГ-ММ-ДД, а указано: {type}",
    "date_parsing": "ожидается дата в формате ГГГГ-ММ-ДД, а указано «{input}»",
    "date_from_datetime_parsing": "ожидается дата в формате ГГГГ-ММ-ДД, а указано «{input}»",
    "date_from_datetime_inexact": "ожидается дата без времени, а указано «{input}»",
    "date_past": "дата должна быть в прошлом",
    "date_future": "дата должна быть в будущем",
    "time_type": "ожидается время ЧЧ:ММ, а указано: {type}",
    "time_parsing": "ожидается время ЧЧ:ММ, а указано «{input}»",
    "datetime_type": "ожидаются дата и время, а указано: {type}",
    "datetime_parsing": "ожидаются дата и время (ГГГГ-ММ-ДД ЧЧ:ММ), а указано «{input}»",
    "datetime_object_invalid": "недопустимые дата и время",
    "datetime_from_date_parsing": "ожидаются дата и время (ГГГГ-ММ-ДД ЧЧ:ММ), а указано «{input}»",
    "datetime_past": "дата и время должны быть в прошлом",
    "datetime_future": "дата и время должны быть в будущем",
    "timezone_naive": "дата и время должны быть без часового пояса",
    "timezone_aware": "у даты и времени должен быть часовой пояс",
    "timezone_offset": "неверный часовой пояс",
    "time_delta_type": "ожидается продолжительность, а указано: {type}",
    "time_delta_parsing": "ожидается продолжительность, а указано «{input}»",
    "is_instance_of": "недопустимый вид значения",
    "is_subclass_of": "недопустимый вид значения",
    "callable_type": "ожидается функция",
    "union_tag_invalid": "недопустимый вид «{tag}»; допустимо: {expected_tags}",
    "union_tag_not_found": "не указан вид («{discriminator}»)",
    "arguments_type": "недопустимые аргументы",
    "missing_argument": "не хватает аргумента",
    "unexpected_keyword_argument": "лишний аргумент",
    "missing_keyword_only_argument": "не хватает аргумента",
    "unexpected_positional_argument": "лишний аргумент",
    "missing_positional_only_argument": "не хватает аргумента",
    "multiple_argument_values": "аргумент указан дважды",
    "url_type": "ожидается адрес (URL), а указано: {type}",
    "url_parsing": "адрес (URL) записан неверно",
    "url_syntax_violation": "адрес (URL) записан неверно",
    "url_too_long": "адрес (URL) слишком длинный",
    "url_scheme": "адрес (URL) должен начинаться с {expected_schemes}",
    "uuid_type": "ожидается UUID, а указано: {type}",
    "uuid_parsing": "UUID записан неверно",
    "uuid_version": "UUID не той версии",
    "decimal_type": "ожидается число, а указано: {type}",
    "decimal_parsing": "ожидается число, а указано «{input}»",
    "decimal_max_digits": "в числе больше {max_digits} цифр",
    "decimal_max_places": "в числе больше {decimal_places} знаков после запятой",
    "decimal_whole_digits": "в целой части числа больше {whole_digits} цифр",
    "fraction_type": "ожидается дробь, а указано: {type}",
    "fraction_parsing": "дробь записана неверно",
    "complex_type": "ожидается комплексное число, а указано: {type}",
    "complex_str_parsing": "комплексное число записано неверно",
}

_TYPE_NAMES = {dict: "отображение", list: "список", str: "строка", int: "целое число", float: "число",
               bool: "логическое значение", type(None): "пустое значение"}
_CYRILLIC = re.compile("[а-яА-ЯёЁ]")


def type_name(value: Any) -> str:
    """The kind of a YAML value in Russian (``отображение``, ``список``…)."""
    return _TYPE_NAMES.get(type(value), "значение другого вида")


class _Fields(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "?"


def pydantic_message(err: Any) -> str:
    """A pydantic error in Russian; an unknown type as a Russian sentence with the original in parentheses."""
    etype = str(err.get("type", ""))
    ctx = dict(err.get("ctx") or {})
    value = err.get("input")
    msg = str(err.get("msg", etype))
    if etype in ("value_error", "assertion_error") and _CYRILLIC.search(str(ctx.get("error", ""))):
        return str(ctx["error"])  # efs's own validators speak Russian already
    if etype not in PYDANTIC:
        if _CYRILLIC.search(msg):
            return msg  # a PydanticCustomError of efs or of a plugin, in Russian
        return f"недопустимое значение (сообщение проверки: {msg})"
    fields = _Fields({k: vocabulary(v) for k, v in ctx.items()})
    fields["input"] = value if not isinstance(value, (dict, list)) else type_name(value)
    fields["type"] = type_name(value)
    if "expected" in ctx:
        fields["expected"] = ", ".join(expected_values(str(ctx["expected"])))
    return PYDANTIC[etype].format_map(fields)


_ENUM_REPR = re.compile(r"<(?P<cls>\w+)\.(?P<name>\w+): '?(?P<value>[^'>]*)'?>")


def _vocabularies() -> dict[str, Any]:
    from efs.model.base import Vocabulary

    out: dict[str, Any] = {}
    todo = list(Vocabulary.__subclasses__())
    while todo:
        cls = todo.pop()
        out[cls.__name__] = cls
        todo.extend(cls.__subclasses__())
    return out


def vocabulary(value: Any) -> Any:
    """An enum member (or its repr) as written in YAML with its Russian name: ``regional (региональный)``."""
    from efs.model.base import Vocabulary

    if isinstance(value, Vocabulary):
        return f"{value.value} ({value.label})"
    if isinstance(value, str) and "<" in value:
        return _ENUM_REPR.sub(lambda m: _labelled(m.group("cls"), m.group("value")), value)
    return value


def _labelled(cls_name: str, value: str) -> str:
    cls = _vocabularies().get(cls_name)
    label = getattr(cls, "__labels__", {}).get(value) if cls is not None else None
    return f"{value} ({label})" if label else value


def expected_values(expected: str) -> list[str]:
    """pydantic's ``expected`` (``'a', 'b' or 'c'``, or enum reprs) as a list of values with Russian names."""
    text = vocabulary(expected)
    parts = re.split(r",\s*|\s+or\s+", str(text))
    values = [p.strip().strip("'\"") for p in parts if p.strip().strip("'\"")]
    if values and not any("(" in v for v in values):  # an enum's plain values: find its vocabulary
        for cls in _vocabularies().values():
            labels = getattr(cls, "__labels__", {})
            if labels and set(values) <= set(labels):
                return [f"{v} ({labels[v]})" for v in values]
    return values
