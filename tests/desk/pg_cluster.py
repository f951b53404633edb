"""A throwaway PostgreSQL server for the desk's tests (Debian's postgresql: initdb + pg_ctl on a socket directory).

``XIESHOU_TEST_PG_URL`` (set by .ci/run) names a scratch database to use
instead. Otherwise the server is started here, once per test session, as the
current user — or, when the tests run as root (initdb refuses root), as the
``postgres`` system user — and stopped at the end.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

ENV = "XIESHOU_TEST_PG_URL"


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
            return "PostgreSQL server programs (Debian package postgresql) are not installed"
        if self._as_postgres and shutil.which("runuser") is None:
            return "running as root without runuser: cannot start PostgreSQL as the postgres user"
        return None

    def _run(self, *argv: str, env_password: str | None = None) -> None:
        command = [str(self.bin / argv[0]), *argv[1:]]
        if env_password is not None:
            command = ["env", f"PGPASSWORD={env_password}", *command]
        if self._as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)

    def start(self) -> str:
        self.dir = Path(tempfile.mkdtemp(prefix="xs-desk-pg-"))
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
        self._run("createdb", "-h", sock, "-U", "postgres", "xieshou_desk_test", env_password=self.password)
        self.url = f"postgresql+psycopg://postgres@/xieshou_desk_test?host={sock}"
        return self.url

    def stop(self) -> None:
        if self.dir is None:
            return
        try:
            self._run("pg_ctl", "-D", str(self.dir / "data"), "-m", "immediate", "stop")
        except (subprocess.SubprocessError, OSError):
            pass
        shutil.rmtree(self.dir, ignore_errors=True)
