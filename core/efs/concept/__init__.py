"""The federal concept as data: kinds, functions, indicators (and, with conformance, roles and acts)."""
