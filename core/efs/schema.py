"""JSON Schema of the configuration format, for editors."""

from __future__ import annotations

import json

from efs.model import Configuration

SCHEMA_ID = "https://efs.invalid/schema/configuration-1.json"


def json_schema() -> dict[str, object]:
    """The configuration's JSON Schema (draft 2020-12)."""
    schema = Configuration.model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def json_schema_text() -> str:
    """The schema as stable, pretty JSON."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True)
