"""Monitoring data: the SQL store (:mod:`efs.data.schema`, :mod:`efs.data.store`), import, export, synthesis.

Nothing heavy is imported here: ``import efs.data`` stays cheap; SQLAlchemy is loaded by the
submodules that need it.
"""

from __future__ import annotations
