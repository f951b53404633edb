"""Alembic environment of the store; run from code by ``desktop.store.schema``."""
