"""Act citations as written — moved to :mod:`efs.documents.citations`, where drafting and the
whole-document rules share one parser; this module keeps the old import path working."""

from efs.documents.citations import (
    CODE,
    DATE,
    KINDS,
    MONTHS,
    NUMBER,
    PROJECT,
    Citation,
    citations,
    parse_date,
)

__all__ = ["CODE", "DATE", "KINDS", "MONTHS", "NUMBER", "PROJECT", "Citation", "citations", "parse_date"]
