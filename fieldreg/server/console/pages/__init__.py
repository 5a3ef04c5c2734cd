"""The console's pages, one module per page; each has ``add_routes(router, kit)``."""
