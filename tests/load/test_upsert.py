"""The writer's dialect helpers. The INSERT .. ON CONFLICT helper stores each value as the
database's own insert would, pages many rows, updates only where its condition holds, and
returns what it wrote; `one_of` matches a list of values bound as one parameter."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Engine,
    Float,
    Integer,
    LargeBinary,
    MetaData,
    Table,
    Text,
    select,
)

from imr_etl.load.upsert import SQLITE_PAGE_ROWS, one_of, upsert_rows


def _table(metadata: MetaData, name: str) -> Table:
    """A table with a column of every type the warehouse uses."""
    return Table(
        name, metadata,
        Column("key", Text, primary_key=True),
        Column("day", Date),
        Column("moment", DateTime(timezone=True)),
        Column("flag", Boolean),
        Column("count", Integer),
        Column("share", Float),
        Column("raw", LargeBinary),
        Column("note", Text),
    )


def _rows(count: int) -> list[dict[str, Any]]:
    return [{"key": f"k{number:04d}", "day": date(2016, 1 + number % 12, 1 + number % 28),
             "moment": datetime(2026, 12, 2, 13, number % 60, 5, 123456, tzinfo=UTC),
             "flag": number % 2 == 0, "count": number, "share": number / 7,
             "raw": bytes([number % 256]) * 3, "note": None if number % 5 else "it's 'quoted'"}
            for number in range(count)]


def test_values_are_stored_as_the_database_s_own_insert_stores_them(engine: Engine) -> None:
    metadata = MetaData()
    ours, theirs = _table(metadata, "t_upsert_ours"), _table(metadata, "t_upsert_theirs")
    metadata.create_all(engine)
    rows = _rows(2 * SQLITE_PAGE_ROWS + 37)  # two full pages and a rest in powers of two
    with engine.begin() as connection:
        upsert_rows(rows, table=ours, key=["key"], connection=connection)
        connection.execute(theirs.insert(), rows)
    with engine.connect() as connection:
        stored = connection.execute(select(ours).order_by(ours.c.key)).all()
        expected = connection.execute(select(theirs).order_by(theirs.c.key)).all()
        if engine.dialect.name == "sqlite":  # the text and storage classes themselves
            columns = ", ".join(f"typeof({name}), quote({name})" for name in rows[0])
            stored_raw = connection.exec_driver_sql(
                f"SELECT {columns} FROM t_upsert_ours ORDER BY key").all()
            expected_raw = connection.exec_driver_sql(
                f"SELECT {columns} FROM t_upsert_theirs ORDER BY key").all()
            assert stored_raw == expected_raw
    assert stored == expected
    if engine.dialect.name == "sqlite":  # SQLite's DATETIME keeps no time zone
        rows = [{**row, "moment": row["moment"].replace(tzinfo=None)} for row in rows]
    assert [row._asdict() for row in stored] == rows


def test_a_conflict_updates_only_where_the_condition_holds_and_returns_what_it_wrote(
    engine: Engine,
) -> None:
    metadata = MetaData()
    table = _table(metadata, "t_upsert_condition")
    metadata.create_all(engine)
    rows = _rows(SQLITE_PAGE_ROWS + 3)
    with engine.begin() as connection:
        upsert_rows(rows, table=table, key=["key"], connection=connection)
        changed = [{**row, "count": row["count"] + 1000, "note": "again"} for row in rows]
        # Only rows whose stored day is before 2016-07-01 may be replaced.
        returned = upsert_rows(
            changed, table=table, key=["key"], connection=connection,
            where=lambda target, _: target.day < date(2016, 7, 1),
            returning=[table.c.key, table.c.count],
        )
        # A preserved column keeps its stored value on a conflict; the others are updated.
        upsert_rows([{**rows[0], "count": 5, "note": "not stored"}], table=table, key=["key"],
                    connection=connection, preserve=["note"])
    replaced = {row["key"] for row in rows if row["day"] < date(2016, 7, 1)}
    assert sorted((key, count) for key, count in returned) == sorted(
        (row["key"], row["count"] + 1000) for row in rows if row["key"] in replaced)
    with engine.connect() as connection:
        stored = {row.key: row for row in connection.execute(select(table))}
    assert 0 < len(replaced) < len(rows)
    for row in rows[1:]:
        assert stored[row["key"]].count == row["count"] + (1000 if row["key"] in replaced else 0)
        assert stored[row["key"]].note == ("again" if row["key"] in replaced else row["note"])
    assert (stored[rows[0]["key"]].count, stored[rows[0]["key"]].note) == (5, "again")


def test_one_of_finds_exactly_the_rows_in_its_list(engine: Engine) -> None:
    metadata = MetaData()
    table = _table(metadata, "t_one_of")
    metadata.create_all(engine)
    keys = ["plain", "it's \"quoted\"", "naïve/ünïcode", "back\\slash", "[1, 2]", "x" * 300]
    with engine.begin() as connection:
        upsert_rows([{"key": key, "note": "n"} for key in [*keys, "left out"]], table=table,
                    key=["key"], connection=connection)
    with engine.connect() as connection:
        found = connection.execute(
            select(table.c.key).where(one_of(table.c.key, [*keys, "not stored"], connection))
        ).scalars().all()
        assert sorted(found) == sorted(keys)
        assert connection.execute(
            select(table.c.key).where(one_of(table.c.key, ["left out"], connection))
        ).scalars().all() == ["left out"]
