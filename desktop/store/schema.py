"""Schema versions, managed with Alembic from the first schema on.

Alembic is driven from code: the Config is built here with ``script_location``
set to the ``migrations`` package directory, so nothing depends on an
alembic.ini or on the current directory. A frozen (PyInstaller) build must ship
``desktop/store/migrations`` as data files (the .py sources), because Alembic
reads the revision files from disk.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

from desktop.store.errors import StoreTooNewError
from desktop.store.schema_version import MIGRATIONS_DIR, newest_revision_file

if TYPE_CHECKING:
    from alembic.config import Config

def is_current(connection: Connection) -> bool:
    if not inspect(connection).has_table("alembic_version"):
        return False
    stamped = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    return stamped == [newest_revision_file()]


def alembic_config(connection: Connection | None = None, url: str | None = None) -> "Config":
    """An Alembic Config for the store's migrations, bound to a connection or a URL.

    Developers write a new revision with
    ``command.revision(alembic_config(url=...), message=..., autogenerate=True)``.
    """
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest schema revision this program knows."""
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    return heads[0]


def current_revisions(connection: Connection) -> tuple[str, ...]:
    """The revisions stamped in the database (empty for a new database)."""
    from alembic.runtime.migration import MigrationContext

    return tuple(MigrationContext.configure(connection).get_current_heads())


def upgrade_to_head(connection: Connection) -> None:
    """Bring the database on ``connection`` to the newest schema.

    A database stamped with a revision this program does not know was written
    by a newer version; opening it would risk damage, so that is refused.
    """
    if is_current(connection):
        return
    from alembic import command
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    config = alembic_config(connection)
    script = ScriptDirectory.from_config(config)
    current = current_revisions(connection)
    for revision in current:
        try:
            script.get_revision(revision)
        except CommandError as unknown:
            raise StoreTooNewError(revision) from unknown
    if set(current) == set(script.get_heads()):
        return
    command.upgrade(config, "head")
