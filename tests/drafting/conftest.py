"""Fixtures of the drafting tests: LibreOffice and the DOCX versions of the four documents."""

from __future__ import annotations

from tests.documents.conftest import libreoffice, seed_docx

__all__ = ["libreoffice", "seed_docx"]
