"""Local storage: SQLCipher database, key slots, migrations, unit of work, repositories."""
