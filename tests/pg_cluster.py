"""A throwaway PostgreSQL server for the tests (Debian's postgresql: initdb + pg_ctl on a socket directory).

``XIESHOU_TEST_PG_URL`` names a server (through one of its databases) to use
instead.  Otherwise the server is started once per test session, as the
current user — or, when the tests run as root (initdb refuses root), as the
``postgres`` system user — and stopped at the end.  Either way each test
module gets a database of its own (:meth:`Server.create`), so a module that
drops every table cannot disturb another's.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ENV = "XIESHOU_TEST_PG_URL"
MISSING = "PostgreSQL server programs (Debian package postgresql) are not installed"


def pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name))
    if found:
        return Path(found[-1])
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class Cluster:
    def __init__(self, password: str | None = None) -> None:
        self.password = password     # given: connections must log in with it (scram-sha-256), not trusted
        self.bin = pg_bin()
        self.dir: Path | None = None
        self.url = ""
        self._as_postgres = os.geteuid() == 0

    def why_not(self) -> str | None:
        if self.bin is None or not (self.bin / "initdb").exists():
            return MISSING
        if self._as_postgres and shutil.which("runuser") is None:
            return "running as root without runuser: cannot start the Debian package postgresql as the postgres user"
        return None

    def _run(self, *argv: str) -> None:
        command = [str(self.bin / argv[0]), *argv[1:]]
        if self._as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)

    def start(self) -> str:
        self.dir = Path(tempfile.mkdtemp(prefix="xs-test-pg-"))
        if self._as_postgres:
            shutil.chown(self.dir, "postgres")
        data, sock = self.dir / "data", str(self.dir)
        auth = ["-A", "trust"]
        if self.password is not None:
            secret = self.dir / "pwfile"
            secret.write_text(self.password + "\n", encoding="utf-8")
            if self._as_postgres:
                shutil.chown(secret, "postgres")
            auth = ["-A", "scram-sha-256", f"--pwfile={secret}"]
        self._run("initdb", "-D", str(data), *auth, "-U", "postgres", "--no-sync")
        self._run("pg_ctl", "-D", str(data), "-o", f"-k {sock} -c listen_addresses= -c fsync=off",
                  "-l", str(self.dir / "log"), "-w", "start")
        self.url = f"postgresql+psycopg://postgres@/postgres?host={sock}"
        return self.url

    def stop(self) -> None:
        if self.dir is None:
            return
        try:
            self._run("pg_ctl", "-D", str(self.dir / "data"), "-m", "immediate", "stop")
        except (subprocess.SubprocessError, OSError):
            pass
        shutil.rmtree(self.dir, ignore_errors=True)


class Server:
    """Creates and drops the tests' databases on one server, through the database ``url`` names."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._engine = create_engine(url, isolation_level="AUTOCOMMIT")
        self._count = 0

    def create(self, hint: str, template: str | None = None) -> str:
        """A new empty database (or a copy of ``template``) named after ``hint``; its URL."""
        self._count += 1
        name = f"xs_{re.sub(r'[^a-z0-9]+', '_', hint.lower())[-40:]}_{os.getpid()}_{self._count}"
        copy = f" TEMPLATE {template}" if template else ""
        with self._engine.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"{copy}'))
        return self.url_of(name)

    def drop(self, url: str) -> None:
        with self._engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))

    def url_of(self, name: str) -> str:
        return make_url(self.url).set(database=name).render_as_string(hide_password=False)

    def close(self) -> None:
        self._engine.dispose()
