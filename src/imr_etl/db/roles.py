"""A read-only PostgreSQL role for analysts and BI tools (`imr-etl db grant-readonly`)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, Engine, text

from imr_etl.errors import DatabaseError

_WRITE_PRIVILEGES = ("INSERT", "UPDATE", "DELETE", "TRUNCATE")


@dataclass(frozen=True, slots=True)
class ReadOnlyGrant:
    """What grant_readonly did."""

    role: str
    database: str
    schema: str
    created: bool
    """True when the role did not exist and was created (with LOGIN)."""
    relations: int
    """Tables and views the role can now read."""


def grant_readonly(engine: Engine, role: str, *, password: str | None = None) -> ReadOnlyGrant:
    """Let `role` read every table and view, now and after future migrations, and write nothing.

    The role is created (LOGIN, with `password` if given) when it does not exist. Tables
    created later by the user running this (the one that runs the migrations) are granted
    too, through default privileges. Refuses on SQLite, for superusers, for the owner, and
    when the role can still write through earlier grants.
    """
    require_postgresql(engine)
    if not role or len(role.encode()) > 63:
        raise DatabaseError(f"role name {role!r} must be 1 to 63 bytes long")
    quote = engine.dialect.identifier_preparer.quote_identifier
    with engine.begin() as connection:
        database, schema, current = connection.execute(
            text("SELECT current_database(), current_schema(), current_user")).one()
        if role == current:
            raise DatabaseError(f"{role!r} is the user running imr-etl, which owns the tables "
                                "and so can write them; name another role for analysts")
        created = _ensure_role(connection, role, quote(role), password)
        for statement in (
            f"GRANT CONNECT ON DATABASE {quote(database)} TO {quote(role)}",
            f"GRANT USAGE ON SCHEMA {quote(schema)} TO {quote(role)}",
            f"GRANT SELECT ON ALL TABLES IN SCHEMA {quote(schema)} TO {quote(role)}",
            # Tables and views the migrations create later are created by this same user, so
            # its default privileges reach them without running this command again.
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA {quote(schema)} "
            f"GRANT SELECT ON TABLES TO {quote(role)}",
            # Belt and braces: even a write privilege granted by mistake later fails in a
            # read-only transaction, which BI tools' sessions now start as.
            f"ALTER ROLE {quote(role)} IN DATABASE {quote(database)} "
            "SET default_transaction_read_only = on",
        ):
            connection.exec_driver_sql(statement)
        _check_cannot_write(connection, role, schema)
        relations = connection.scalar(text(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = :schema AND c.relkind IN ('r', 'p', 'v', 'm') "
            "AND has_table_privilege(:role, c.oid, 'SELECT')"), {"schema": schema, "role": role})
    return ReadOnlyGrant(role=role, database=database, schema=schema, created=created,
                         relations=relations or 0)


def require_postgresql(engine: Engine) -> None:
    """Refuse, with what to do instead, a warehouse that has no roles (SQLite)."""
    if engine.dialect.name != "postgresql":
        raise DatabaseError(
            "grant-readonly needs PostgreSQL: a SQLite warehouse is one file with no roles. "
            "Give analysts a copy of the file, or open it read-only with "
            "sqlite:///file:imr_warehouse.db?mode=ro&uri=true (see docs/bi.md)")


def _ensure_role(connection: Connection, role: str, quoted: str, password: str | None) -> bool:
    """Create the role if missing (True); refuse a superuser, who can write anything."""
    existing = connection.execute(
        text("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = :role"),
        {"role": role}).one_or_none()
    if existing is not None:
        if existing[0]:
            raise DatabaseError(f"role {role!r} is a superuser (or bypasses row security) and "
                                "can write whatever it is granted; name another role")
        return False
    statement = f"CREATE ROLE {quoted} LOGIN"
    if password is not None:
        statement += f" PASSWORD {_string_literal(connection, password)}"
    connection.exec_driver_sql(statement)
    return True


def _check_cannot_write(connection: Connection, role: str, schema: str) -> None:
    """Fail (and roll back) when the role could still change data: earlier grants, membership."""
    writable = connection.execute(text(
        "SELECT c.relname, p.privilege FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "CROSS JOIN unnest(CAST(:privileges AS text[])) AS p(privilege) "
        "WHERE n.nspname = :schema AND c.relkind IN ('r', 'p', 'v', 'm') "
        "AND has_table_privilege(:role, c.oid, p.privilege) ORDER BY 1, 2"),
        {"privileges": list(_WRITE_PRIVILEGES), "schema": schema, "role": role}).all()
    problems = [f"{privilege} on {table}" for table, privilege in writable]
    fixes = [f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {role}"] if problems else []
    if connection.scalar(text("SELECT has_schema_privilege(:role, :schema, 'CREATE')"),
                         {"role": role, "schema": schema}):
        # Before PostgreSQL 15 every role (PUBLIC) may create tables in schema public.
        problems.insert(0, f"CREATE in schema {schema}")
        fixes.append(f"REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC, {role}")
    if problems:
        shown = ", ".join(problems[:5]) + (" ..." if len(problems) > 5 else "")
        raise DatabaseError(
            f"role {role!r} could still write ({shown}), through earlier grants, PUBLIC or "
            f"roles it belongs to; run {'; '.join(fixes)} (and revoke memberships), or name "
            "another role")


def _string_literal(connection: Connection, value: str) -> str:
    """A SQL string literal; CREATE ROLE takes no bind parameters."""
    # Doubling quotes is the whole escape only when backslashes are plain characters.
    if connection.scalar(text("SHOW standard_conforming_strings")) != "on":
        raise DatabaseError("standard_conforming_strings is off on this server; set the "
                            "password yourself with ALTER ROLE ... PASSWORD")
    return "'" + value.replace("'", "''") + "'"
