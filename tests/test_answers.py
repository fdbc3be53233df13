"""Answer tables (docs/adr/0012): what the API sends is the named query's answer.

The API serialises an answer table's JSON columns as they are stored (msgspec.Raw, no
decode and encode per request); its body must hold exactly the rows the in-process read
gives (and the full SQL gives: tests/test_queries.py checks that one on every key).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from api.controllers.queries import run_query
from api.jsonable import jsonable
from factdb import db
from factdb.errors import QueryParamError
from factdb.queries import get
from factdb.resolve.answers import build_all
from tests.test_queries import RUN_ID, answer_cases, build_fixture_db


def api_body(rows_from: Any, q: Any, params: dict[str, str], max_rows: int) -> dict[str, Any]:
    """The body the API would have sent before answers were serialised once: the rows
    decoded into Python values, each value through jsonable."""
    columns, rows = q.run(rows_from, params, max_rows=max_rows + 1)
    return {"query": q.name, "params": {k: str(v) for k, v in q.bind(params).items()},
            "columns": columns,
            "rows": [{c: jsonable(v) for c, v in zip(columns, r, strict=True)}
                     for r in rows[:max_rows]],
            "truncated": len(rows) > max_rows}


@pytest.mark.parametrize("max_rows", [1000, 1])
def test_api_body_of_every_answer_is_the_decoded_answer(tmp_path: Path, max_rows: int) -> None:
    con = db.connect(build_fixture_db(tmp_path / "answers.duckdb"))
    try:
        build_all(con, RUN_ID)
        checked = 0
        for name, params in answer_cases(con):
            q = get(name)
            try:
                expected = api_body(con, q, params, max_rows)
            except QueryParamError:
                continue
            body = json.loads(run_query(con, q, params, max_rows))
            assert body == json.loads(json.dumps(expected)), (name, params)
            checked += 1
        assert checked > 300
    finally:
        con.close()


def answer_rows(con: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every answer table's rows, in a defined order (the order of insertion differs
    between an incremental and a whole build)."""
    from factdb.resolve.answers import builds

    return {b.table: con.execute(f"SELECT * FROM {b.table} ORDER BY ALL").fetchall()
            for b in builds()}


#: an invented article on another subject, for a load that leaves the others unchanged
UNRELATED = """Harbour rowing club wins the autumn regatta

By Sports Desk

October 12, 2025

The Kestrelmouth Rowing Club won the autumn regatta on Saturday, finishing ahead of 14 other
crews on the estuary course, organisers said.

Coach Maren Olufsen said the crew had trained for six months. "We wanted this one," she said.
"""


#: the tables of stored answers per text asked or per part of an answer (migrations 035,
#: 038), built incrementally (answers_counts_around_event_labels too, but whole when an
#: event changed: the unrelated article of the third load adds one)
TEXTS = {"entity_profile.texts": "answers_entity_profile_texts",
         "claims_by_entity.docs": "answers_claims_by_entity_docs",
         "disagreements.docs": "answers_disagreements_docs"}


def _one(con: Any, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row else 0


def test_an_incremental_build_equals_a_whole_rebuild(tmp_path: Path) -> None:
    """Load A, then B (the second load rebuilds only the keys it touched) == every table
    rebuilt whole on A+B; a third load of an unrelated article rebuilds fewer keys than the
    tables hold, and still equals a whole rebuild."""
    from factdb.load import load
    from factdb.resolve.answers import touched_file
    from factdb.settings import Settings
    from tests.scoring.context import FORMATS

    path = tmp_path / "two.duckdb"
    files = sorted(p for p in FORMATS.iterdir() if p.is_file())
    settings = Settings(db_path=str(path))
    load([str(p) for p in files[:3]], settings)
    load([str(p) for p in files[3:]], settings)
    unrelated = tmp_path / "regatta.txt"
    unrelated.write_text(UNRELATED, encoding="utf-8")
    for step in ("second load", "third load"):
        con = db.connect(path)
        try:
            builds = {r[0]: r[1:] for r in con.execute(
                "SELECT query, mode, keys_rebuilt FROM answer_builds").fetchall()}
            incremental = {q for q, (mode, _) in builds.items() if mode == "incremental"}
            assert incremental == {q for q in builds if touched_file(q) is not None}, step
            assert len(incremental) >= 6
            loaded = answer_rows(con)
            con.execute("BEGIN")
            build_all(con, "run-whole", full=True)
            assert answer_rows(con) == loaded, step
            con.execute("ROLLBACK")
            keys = con.execute("SELECT count(DISTINCT article_id) FROM answers_article_facts"
                               ).fetchone()
            texts = {q: _one(con, f"SELECT count(*) FROM {table}") for q, table in TEXTS.items()}
        finally:
            con.close()
        if step == "third load":
            # only the new article's facts (and what it mentions) were rebuilt
            assert keys is not None and builds["article_facts"][1] == 1 < keys[0]
            # the stored answers per text or part: those the article changed, not all
            for q in TEXTS:
                assert builds[q][1] < texts[q], (q, builds[q], texts[q])
        else:
            load([str(unrelated)], settings)


def test_one_fact_citation_is_the_stored_one(tmp_path: Path) -> None:
    """GET /v1/counts/ID and the other facts by id read the citation the load stored
    (answers_article_facts): for every count, date and claim it is the citation the macro
    builds from the article (what they served before, and serve on a database whose answer
    tables are not built)."""
    from api.listing import _ONE_CITATION, stored_citation
    from api.models import Citation
    from factdb.prepared import run_prepared

    con = db.connect(build_fixture_db(tmp_path / "citations.duckdb"))
    try:
        spans = con.execute("SELECT article_id, quote, char_start, char_end FROM (SELECT "
                            "article_id, quote, char_start, char_end FROM counts UNION ALL "
                            "SELECT article_id, quote, char_start, char_end FROM dates "
                            "UNION ALL SELECT article_id, quote, char_start, char_end "
                            "FROM claims)").fetchall()
        rows = [dict(zip(("article_id", "quote", "char_start", "char_end"), s, strict=True))
                for s in spans]
        assert len(rows) > 20
        assert stored_citation(con, rows[0]) is None  # not built: the macro's citation
        build_all(con, RUN_ID)
        for row in rows:
            made = run_prepared(con, "one_citation", _ONE_CITATION, row).fetchone()[0]
            stored = stored_citation(con, row)
            assert stored is not None, row
            assert Citation(**stored) == Citation(**made), row
    finally:
        con.close()


def test_json_rows_write_every_duckdb_type_as_jsonable_does() -> None:
    """The API's rows skip jsonable() for the column types msgspec writes the same way
    (api.jsonable.json_rows): for every type a value's JSON is what jsonable() gives, and
    the types msgspec writes otherwise (a Decimal, an interval, a blob, a time-zoned
    timestamp, a map, a UUID, inside a list or struct too) still go through it."""
    import duckdb
    import msgspec

    from api.jsonable import json_rows, native_json

    con = duckdb.connect()
    cur = con.execute("""
        SELECT 'x' AS s, 7 AS i, 170141183460469231731687303715884105727::HUGEINT AS big,
               true AS b, 1.5::DOUBLE AS d,
               'NaN'::DOUBLE AS nan, 'inf'::DOUBLE AS inf, DATE '2024-01-29' AS day,
               TIMESTAMP '2024-01-29 10:00:00.000123' AS ts, NULL::VARCHAR AS nothing,
               ['a', NULL] AS l, [{'day': DATE '2024-01-29', 'n': 1}] AS structs,
               1.25::DECIMAL(6, 2) AS dec, INTERVAL 36 HOUR AS span,
               '\\xAA'::BLOB AS blob, TIMESTAMPTZ '2024-01-29 10:00:00+00' AS tz,
               MAP {'k': 1} AS m, '5f0c9b8e-5a7e-4a43-9d5e-0c6f8f4b7e21'::UUID AS id,
               [{'paid': 1.25::DECIMAL(6, 2)}] AS nested_dec, TIME '10:00:00' AS t
    """)
    columns = [d[0] for d in cur.description]
    kinds = [str(d[1]) for d in cur.description]
    rows = cur.fetchall()
    slow = {c for c, k in zip(columns, kinds, strict=True) if not native_json(k)}
    assert slow == {"dec", "span", "blob", "tz", "m", "id", "nested_dec", "t"}
    got = json.loads(msgspec.json.encode(json_rows(columns, kinds, rows)))
    expected = json.loads(json.dumps([{c: jsonable(v) for c, v in zip(columns, r, strict=True)}
                                      for r in rows]))
    assert got == expected
    # a stored JSON text is kept as it is, in any column
    raw = json_rows(["j", "span"], ["JSON", "INTERVAL"],
                    [(msgspec.Raw(b'{"a": 1}'), msgspec.Raw(b"[2]"))])
    assert json.loads(msgspec.json.encode(raw)) == [{"j": {"a": 1}, "span": [2]}]
