"""The district console: web pages for district officers at ``/console/``, served by the same
process as the sync API (``fieldreg-server serve``). Accounts: ``fieldreg-server officer``."""

from fieldreg.server.console.routes import PREFIX, install, is_console, status_page

__all__ = ["PREFIX", "install", "is_console", "status_page"]
