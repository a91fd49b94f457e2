"""The embedding API: only `import efs`, no printing, no exiting, no global state."""

from __future__ import annotations

import datetime as dt

import pytest

import efs

MINIMAL = {
    "format_version": 1,
    "jurisdiction": {"id": "x", "name": "Образцовый район", "level": "municipal", "document": "d.txt"},
    "subjects": [{
        "id": "council", "name": "Методический совет", "kind": "school_methodical_council",
        "level": "institutional",
    }],
}


def test_load_and_validate_through_the_public_api_only(capsys):
    config = efs.load_configuration(MINIMAL)
    assert isinstance(config, efs.Configuration)
    findings = efs.validate(config, as_of=dt.date(2026, 1, 1))
    assert all(isinstance(f, efs.Finding) for f in findings)
    assert any(f.item == "council" for f in findings)  # the council has no functions
    out = capsys.readouterr()
    assert out.out == "" and out.err == ""


def test_api_raises_efs_errors_instead_of_exiting():
    with pytest.raises(efs.ConfigurationError) as err:
        efs.load_configuration({**MINIMAL, "format_version": 2})
    assert err.value.exit_code == 1
    assert "format_version" in str(err.value)


def test_api_accepts_a_registry_built_from_a_chosen_plugin_manager():
    pm = efs.get_plugin_manager(entry_points=False)
    registry = efs.Registry.build(pm)
    assert "amur" not in registry.jurisdictions
    config = efs.load_configuration(MINIMAL, registry=registry)
    assert config.subjects[0].kind == "school_methodical_council"


def test_every_name_in_all_is_importable_and_documented():
    for name in efs.__all__:
        obj = getattr(efs, name)
        if callable(obj):
            assert obj.__doc__, name
