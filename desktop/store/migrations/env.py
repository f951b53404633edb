"""Alembic environment for the store.

At run time ``desktop.store.schema`` passes an open connection in
``config.attributes["connection"]`` (no alembic.ini). For writing a new
revision a developer may instead set ``sqlalchemy.url`` on the Config.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine, pool

from desktop.store.models import Base

config = context.config
target_metadata = Base.metadata


def run_on(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_on(connection)
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url"), poolclass=pool.NullPool)
    with engine.begin() as new_connection:
        run_on(new_connection)
    engine.dispose()


run_online()
