"""The district console: web pages for district officers at ``/console/``, served by the same
process as the sync API (``fieldreg-server serve``). Accounts: ``fieldreg-server officer``.

A new page: a module in ``pages/`` with ``add_routes(router, kit)``, listed in ``routes.PAGES``;
every route guarded by ``Viewer``, ``Operator`` or ``Admin`` (``web.py``), its queries in a
``fieldreg/server/service/`` module limited to the officer's district, every POST read with the
``form`` dependency and checked with ``check_csrf``, its words in ``i18n.py``."""

from fieldreg.server.console.routes import install
from fieldreg.server.console.web import (
    PREFIX,
    current_officer,
    is_console,
    require_role,
    status_page,
)

__all__ = ["PREFIX", "current_officer", "install", "is_console", "require_role", "status_page"]
