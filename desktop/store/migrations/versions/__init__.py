"""Alembic revisions of the store, oldest first (0001, 0002, …)."""
