"""``efs serve``: the web workspace and the HTTP API (FastAPI, Jinja2, uvicorn; the ``web`` extra).

Imported only by ``efs serve`` and its tests: ``import efs`` and every other command load none of it.

::

    from efs.web.app import Settings, create_app

    app = create_app(Settings(db="monitoring.sqlite"))   # an ASGI application
"""
