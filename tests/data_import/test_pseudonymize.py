"""Pseudonymisation: СНИЛС → stable keyed ids, bad check numbers reported, the key required."""

from __future__ import annotations

import pytest

from efs.cli import run
from efs.data import pseudonymize as P
from efs.errors import DataError
from tests.data_import.conftest import write


def test_same_person_same_id_and_key_matters():
    key = b"k" * 32
    assert P.pseudonym(key, "112-233-445 95") == P.pseudonym(key, "11223344595")
    assert P.pseudonym(key, "11223344595") != P.pseudonym(b"x" * 32, "11223344595")
    assert len(P.pseudonym(key, "T-001")) == P.ID_LENGTH


def test_cli_replaces_the_column_and_keeps_the_rest(tmp_path, capsys):
    key = tmp_path / "key"
    assert run(["data", "pseudonymize", "--create-key", "--key-file", str(key)]) == 0
    src = write(tmp_path / "staff.csv", "СНИЛС;Должность\n112-233-445 95;учитель\n")
    out = tmp_path / "out.csv"
    assert run(["data", "pseudonymize", str(src), "--key-file", str(key), "-o", str(out)]) == 0
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "СНИЛС;Должность"
    pid, position = lines[1].split(";")
    assert position == "учитель" and pid == P.pseudonym(P.load_key(key), "11223344595")


def test_wrong_snils_check_number_is_reported_with_its_row(tmp_path):
    src = write(tmp_path / "staff.csv", "СНИЛС\n112-233-445 95\n112-233-445 96\n")
    with pytest.raises(DataError) as info:
        P.pseudonymize_file(src, tmp_path / "o.csv", b"k" * 32)
    assert [p.location.line for p in info.value.problems] == [3]
    assert not (tmp_path / "o.csv").exists()


def test_short_or_missing_key_is_refused(tmp_path):
    from efs.errors import InputError

    (tmp_path / "k").write_text("short")
    with pytest.raises(InputError, match="короче"):
        P.load_key(tmp_path / "k")
    with pytest.raises(InputError, match="--create-key"):
        P.load_key(tmp_path / "missing")
