"""LibreOffice as the oracle: its headless text export is the reference for every label and line."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.documents.seed_docx import JURISDICTIONS, build

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _require_soffice() -> str:
    if SOFFICE is None:
        if os.environ.get("EFS_REQUIRE_BROWSER") == "1":
            pytest.fail("LibreOffice (soffice) не установлен, а EFS_REQUIRE_BROWSER=1 требует его")
        pytest.skip("LibreOffice (soffice) не установлен: эталон для меток нумерации недоступен")
    return SOFFICE


class LibreOffice:
    """Runs ``soffice --headless --convert-to`` with a profile of its own (parallel runs do not collide)."""

    def __init__(self, profile: Path) -> None:
        self.binary = _require_soffice()
        self.profile = profile

    def convert(self, files: list[Path], target: str, outdir: Path) -> None:
        outdir.mkdir(parents=True, exist_ok=True)
        subprocess.run([self.binary, f"-env:UserInstallation={self.profile.as_uri()}", "--headless",
                        "--convert-to", target, "--outdir", str(outdir), *map(str, files)],
                       check=True, capture_output=True, timeout=300)

    def text(self, files: list[Path], outdir: Path) -> dict[str, list[str]]:
        """Each file's text export, split into lines, the indentation before list labels removed."""
        self.convert(files, "txt:Text", outdir)
        out = {}
        for f in files:
            lines = (outdir / f"{f.stem}.txt").read_text(encoding="utf-8-sig").split("\n")
            while lines and lines[-1] == "":
                lines.pop()
            out[f.stem] = [line.lstrip(" ") for line in lines]
        return out


@pytest.fixture(scope="session")
def libreoffice(tmp_path_factory: pytest.TempPathFactory) -> LibreOffice:
    return LibreOffice(tmp_path_factory.mktemp("lo-profile"))


@pytest.fixture(scope="session")
def seed_docx(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The DOCX versions of the four bundled documents."""
    out = tmp_path_factory.mktemp("seed-docx")
    return {j: build(j, out) for j in JURISDICTIONS}


def strip_trailing(lines: list[str]) -> list[str]:
    lines = [line.lstrip(" ") for line in lines]
    while lines and lines[-1] == "":
        lines.pop()
    return lines
