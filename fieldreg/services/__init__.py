"""Use cases the UI and the CLI call. Each takes an unlocked Context and commits once."""
