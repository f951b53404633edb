"""A shared store's password: split from the address, put back for connecting (escaped), found as libpq finds it."""

from __future__ import annotations

from sqlalchemy.engine import make_url

from desktop.desk.db_password import asks_password, password_source, server_name, split_password, with_password

BARE = "postgresql+psycopg://officer@db.example:5433/desk"


def test_the_password_is_split_off_and_put_back_escaped():
    for secret in ("plain", "with:colon@at/slash%pct", "中文口令"):
        full = with_password(BARE, secret)
        bare, found = split_password(full)
        assert found == secret and make_url(bare).password is None
        assert make_url(full).password == secret and make_url(bare) == make_url(BARE)
    assert split_password(BARE) == (BARE, None)


def test_where_libpq_looks_first(tmp_path):
    assert password_source({"PGPASSWORD": "x"}) == "PGPASSWORD 环境变量"
    assert password_source({"PGPASSFILE": str(tmp_path / "none")}) == ""
    (tmp_path / "pgpass").write_text("*:*:*:*:x\n")
    assert password_source({"PGPASSFILE": str(tmp_path / "pgpass")}) == f"口令文件 {tmp_path / 'pgpass'}"


def test_server_errors_that_ask_for_a_password():
    cause = Exception('connection failed: FATAL:  password authentication failed for user "officer"')
    error = RuntimeError("无法打开收件数据库")
    error.__cause__ = cause
    assert asks_password(error) and asks_password(Exception("fe_sendauth: no password supplied"))
    assert not asks_password(Exception("could not connect to server: Connection refused"))


def test_the_server_is_named_without_its_password():
    assert server_name(with_password(BARE, "s3cret")) == "officer@db.example/desk"
    assert server_name("postgresql+psycopg://postgres@/x?host=/run/pg") == "postgres@/run/pg/x"
