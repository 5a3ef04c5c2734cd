"""The district server: FastAPI app, its own database and migrations, and the admin CLI."""
