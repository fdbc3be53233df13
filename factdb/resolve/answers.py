"""Answer tables: every named query's answer, computed once per load, read by key.

The last resolver of a load (docs/adr/0012). For each named query with a build file
(``factdb/sql/answers/<name>.build.sql``) it writes the table ``answers_<name>``: the
query's output rows for every key it can be asked about (an article, an event and unit, an
entity, a fact, a fact group, a claim, a disagreement), citations already built, stored in
the order the query reads them so that a key's rows sit together (DuckDB skips the row
groups whose min/max cannot hold the key). The named query then reads its answer with a
short statement (``<name>.read.sql``) that resolves its parameters to keys first, exactly as
the full query does; the full SQL (``factdb/sql/queries/<name>.sql``) stays the reference,
and tests/test_queries.py checks that both give the same rows for every key.

A load rebuilds only the keys it touched (migration 016): ``answer_inputs`` keeps one hash
per input unit (an article with all its rows, an entity, an event, a fact or claim group)
as of the last build; the next build hashes them again, and the units that differ go to
the temp table ``answer_changed``. A table with a touched file
(``<name>.touched.sql``) deletes the rows of the keys its statement derives from those
changes (the keys the changed rows reach now, and the keys whose stored answer cites
them) and runs its unchanged build SQL over temp views that narrow its input tables to
the rows those keys read (the file's ``-- scope`` lines; ``stored.<table>`` in a scope's
filter is the table itself, not its view). The keys a table's build rebuilt stay, until
the end of the build, in the temp table ``answer_touched_<query>``: the touched files of
the helper tables built from it read them. The files run in name order, a build with an
``-- after:`` header after the builds it names. A table without one, a table
whose build SQL or factdb_* macros changed since its last build (``fingerprint``), and
every table of a database without a last build are rebuilt whole. ``answer_builds``
records, per query, the run that last built it, how (``mode``) and how many keys; a query
reads its answer table only when it has a row there (a database loaded before migration
014 keeps answering with the full SQL until its next load). tests/test_answers.py checks
that loads built incrementally equal a whole rebuild, table for table.
"""

from __future__ import annotations

import hashlib
import re
import time
import weakref
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import duckdb

from factdb.db import SQL_DIR, quote_ident
from factdb.runs import Run, utcnow

ANSWER_DIR = SQL_DIR / "answers"
_HEADER = re.compile(r"^--\s?(?P<key>[a-z_]+):\s*(?P<value>.*)$")


@dataclass(frozen=True)
class AnswerBuild:
    """One answer table: its name, key columns, sort order and the query that fills it."""

    query: str
    table: str
    keys: tuple[str, ...]
    order: str
    sql: str
    #: columns stored as JSON text (lists of citations, ids, sides): one string per row is
    #: read without unpacking every row's list (docs/adr/0012); the query decodes them
    json: tuple[str, ...] = ()
    #: the column of the table's ART index: a read with a constant equality on it fetches
    #: its rows without scanning the table
    index: str | None = None
    #: the builds (query names) this one reads the tables of, other than its own query's
    #: (``-- after:`` header): it runs after them, whatever their names
    after: tuple[str, ...] = ()

    @property
    def part_of(self) -> str:
        """The named query the table serves: its own name, or the name before the dot of a
        helper table's build (``<query>.<part>.build.sql``, e.g. the positions of
        corroboration's pages), which has no read of its own and is built after the
        query's own table (the files run in name order)."""
        return self.query.split(".", 1)[0]


def parse_build_file(path: Path) -> AnswerBuild:
    header: dict[str, str] = {}
    body: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _HEADER.match(line)
        if not body and m:
            header[m.group("key")] = m.group("value").strip()
        elif body or not line.startswith("--"):
            body.append(line)
    query = path.name.removesuffix(".build.sql")
    return AnswerBuild(query=query, table=header["table"],
                       keys=names(header["key"]), order=header["order"],
                       sql="\n".join(body).strip().rstrip(";"),
                       json=names(header.get("json", "")), index=header.get("index") or None,
                       after=names(header.get("after", "")))


def names(text: str) -> tuple[str, ...]:
    """A header's comma-separated column names."""
    return tuple(n.strip() for n in text.split(",") if n.strip())


@lru_cache(maxsize=1)
def builds() -> tuple[AnswerBuild, ...]:
    """Every answer table's build, by query name order, a build with an ``-- after:``
    header moved after the builds it names (e.g. the documents of claims_by_entity read
    answers_entity_lookup, built by entity_profile.lookup)."""
    pending = [parse_build_file(p) for p in sorted(ANSWER_DIR.glob("*.build.sql"))]
    known = {b.query for b in pending}
    out: list[AnswerBuild] = []
    while pending:
        done = {b.query for b in out}
        ready = next((b for b in pending if set(b.after) & known <= done), None)
        if ready is None:
            raise ValueError(f"answer builds wait on each other: {[b.query for b in pending]}")
        out.append(ready)
        pending.remove(ready)
    return tuple(out)


def touched_table(query: str) -> str:
    """The temp table that holds, until the end of the build, the keys an incremental build
    of the query's table rebuilt (``answer_touched_<query>``, a dot as _): the touched
    files of the helper tables built from it read them."""
    return "answer_touched_" + query.replace(".", "_")


def read_sql(query: str) -> str | None:
    """The statement that reads a named query's answer table, or None if it has none."""
    return _text(ANSWER_DIR / f"{query}.read.sql")


def document_sql(query: str) -> str | None:
    """The statement that reads a named query's whole answer for its resolved key as one
    stored document (``<name>.document.sql``: at most one row of one column, the answer's
    rows as a JSON array of arrays in the read's column order and order, from the helper
    table ``<name>.docs``), or None if the query has no documents."""
    return _text(ANSWER_DIR / f"{query}.document.sql")


def search_sql(query: str) -> str | None:
    """The keys statement run when the keys statement finds no key (``<name>.search.sql``:
    the free-text search of the parameter, where the keys statement reads a lookup table
    of the texts it can be asked, built at load), or None."""
    return _text(ANSWER_DIR / f"{query}.search.sql")


def document_fallback(query: str) -> bool:
    """Whether the query has documents for some parameter values only (the document
    statement's ``-- fallback: read`` header): for another value its answer table is read
    as if it had none."""
    return _header_value(document_sql(query) or "", "fallback") == "read"


def keys_sql(query: str) -> str | None:
    """The statement that resolves a named query's parameters to the keys its answer read
    takes (``<name>.keys.sql``: at most one row, its columns are the read's extra
    ``$parameters``), or None if the read resolves them itself."""
    return _text(ANSWER_DIR / f"{query}.keys.sql")


@dataclass(frozen=True)
class Touched:
    """A table's incremental build (``<name>.touched.sql``): the statement that gives the
    keys the changes since the last build touched (over the temp table answer_changed;
    its columns are key columns of the table: all, or some, which stands for every key
    with those values), and the scope views: per input table, the filter that keeps the
    rows the touched keys' answers read."""

    sql: str
    scopes: tuple[tuple[str, str], ...]


_STORED = re.compile(r"\bstored\.")
_SCOPE = re.compile(r"^--\s?scope (?P<tables>[a-z_, ]+):\s*(?P<predicate>.+)$")


@cache
def touched_file(query: str) -> Touched | None:
    """The incremental build of a query's answer table, or None (rebuilt whole)."""
    text = _text(ANSWER_DIR / f"{query}.touched.sql")
    if text is None:
        return None
    scopes: list[tuple[str, str]] = []
    for line in text.splitlines():
        m = _SCOPE.match(line)
        if m:
            scopes += [(t, m.group("predicate").strip()) for t in names(m.group("tables"))]
    return Touched(text, tuple(scopes))


def document_keep(query: str) -> tuple[str, str, str] | None:
    """A document read's row filter (its ``-- keep: <column> <rule> <value>`` header): keep
    the rows whose output column matches, by the rule (``factdb.documents.KEEP_RULES``), the
    value of the document statement's column of that name (a document holds every row of
    its key, e.g. every unit of an event's counts), or None."""
    words = _header_value(document_sql(query) or "", "keep").split()
    if not words:
        return None
    if len(words) != 3:
        raise ValueError(f"{query}.document.sql: keep needs <column> <rule> <value>")
    return words[0], words[1], words[2]


def document_merge(query: str) -> tuple[str, ...]:
    """The order a document read's several documents are merged in (its ``-- merge:``
    header: the read's output columns, ascending, nulls last as in its ORDER BY; ``+name``
    a value stored last in each row for the order and dropped after), or () for a document
    read of one document."""
    items = names(_header_value(document_sql(query) or "", "merge"))
    for item in items:
        if item.split()[1:] not in ([], ["nulls", "last"]):
            raise ValueError(f"{query}.document.sql: merge takes ascending columns: {item}")
    return tuple(item.split()[0] for item in items)


def document_page(query: str) -> tuple[str, int, str, str] | None:
    """A document read cut to one page when read (its ``-- page: <limit> <= <most>,
    <offset>, <total>`` header: the documents hold every row of the answer, the query keeps
    the rows at positions offset + 1 to offset + limit of their order and gives their number
    in the output column total): (limit parameter, its largest value, offset parameter,
    total column), or None."""
    value = _header_value(document_sql(query) or "", "page")
    if not value:
        return None
    m = re.fullmatch(r"([a-z_]+) <= ([0-9]+), ([a-z_]+), ([a-z_]+)", value)
    if m is None:
        raise ValueError(f"{query}.document.sql: page needs <limit> <= <most>, <offset>, "
                         f"<total>: {value}")
    return m.group(1), int(m.group(2)), m.group(3), m.group(4)


def document_keys(query: str) -> str | None:
    """The rule that gives a document read's keys from the query's parameters (its ``--
    keys: <rule>`` header, a name of ``factdb.documents.KEY_RULES``), or None (a keys
    statement gives them)."""
    return _header_value(document_sql(query) or "", "keys") or None


def document_direct(query: str) -> tuple[str, str] | None:
    """A document read tried first with a parameter's value as its key (its ``-- direct:
    <key> = <param>`` header: the parameter is an id, which the keys statement ranks
    first), or None."""
    return _pair(_header_value(document_sql(query) or "", "direct"), " = ")


def read_unique(query: str) -> tuple[str, ...]:
    """The list parameters of a read whose every key is one row (its ``-- unique:`` header):
    with a single key the read runs without its final ORDER BY (a sort of one row cost
    DuckDB 0.4 ms, as much as the read)."""
    return names(_header_value(read_sql(query) or "", "unique"))


def read_either(read: str) -> tuple[str, ...]:
    """The keys of a read that is a UNION ALL of one branch per key (its ``-- either:``
    header; the branches in that order, each after a line ``UNION ALL``), of which the
    keys statement sets one: only that key's branch runs (DuckDB runs a point read of a
    NULL key too)."""
    return names(_header_value(read, "either"))


def _pair(value: str, sep: str) -> tuple[str, str] | None:
    if not value:
        return None
    left, _, right = value.partition(sep)
    return left.strip(), right.strip()


def read_json_columns(query: str) -> tuple[str, ...]:
    """The output columns of a query's answer read that hold JSON text (its ``-- json:``
    header line), decoded by the named query."""
    return names(_header_value(read_sql(query) or "", "json"))


def keys_list(query: str) -> tuple[str, ...] | None:
    """The list parameters of a keys statement that gives many keys (its ``-- list:``
    header): every row's value of each such column goes into the read's ``IN ($<name>)``,
    which DuckDB answers from the table's index or a filter pushed into its scan; None for
    a keys statement of one row."""
    return names(_header_value(keys_sql(query) or "", "list")) or None


def _header_value(text: str, key: str) -> str:
    for line in text.splitlines():
        m = _HEADER.match(line)
        if not m:
            break
        if m.group("key") == key:
            return m.group("value").strip()
    return ""


def _text(path: Path) -> str | None:
    return path.read_text(encoding="utf-8").strip().rstrip(";") if path.exists() else None


def index_name(b: AnswerBuild) -> str:
    return f"{b.table}_{b.index}_idx"


def build_one(con: duckdb.DuckDBPyConnection, b: AnswerBuild, run_id: str, *,
              changes: bool | None = None) -> int:
    """Build one answer table and record it in answer_builds; returns its row count.

    Whole (its index dropped during the insert and built after it) unless ``changes`` is
    true (build_all computed answer_changed), the table has a touched file and its last
    build ran the same SQL (fingerprint): then only the touched keys are rebuilt."""
    table = quote_ident(b.table)
    fingerprint = _fingerprint(con, b)
    last = con.execute("SELECT fingerprint FROM answer_builds WHERE query = ?",
                       [b.query]).fetchone()
    touched = touched_file(b.query)
    if changes and touched is not None and last is not None and last[0] == fingerprint:
        mode, keys = "incremental", _build_touched(con, b, touched)
    else:
        mode, keys = "full", None
        _build_whole(con, b)
    row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
    count = int(row[0]) if row else 0
    con.execute("INSERT OR REPLACE INTO answer_builds (query, run_id, built_at, row_count, "
                "fingerprint, mode, keys_rebuilt) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [b.query, run_id, utcnow(), count, fingerprint, mode, keys])
    return count


def _select(b: AnswerBuild) -> str:
    """The build's output columns, its JSON columns turned into text."""
    select = "*"
    if b.json:
        select += " REPLACE (" + ", ".join(
            f"CAST(to_json({quote_ident(c)}) AS VARCHAR) AS {quote_ident(c)}"
            for c in b.json) + ")"
    return select


def _built(b: AnswerBuild) -> str:
    """The build's rows as stored (``_select``). Its result is materialised before the JSON
    columns are made: DuckDB 1.5 spent 50 s instead of 0.3 making the JSON of
    corroboration's citation lists straight from the aggregate that builds them (30,000
    articles), 8 s instead of 1 for fact_citations'."""
    if not b.json:
        return f"SELECT * FROM ({b.sql})"
    return f"WITH fdb_built AS MATERIALIZED ({b.sql}) SELECT {_select(b)} FROM fdb_built"


def _build_whole(con: duckdb.DuckDBPyConnection, b: AnswerBuild) -> None:
    """Make the table anew and fill it: its columns in their order, with the build's types
    (a migration that changed the citation macro's struct changes them), the JSON columns
    stored uncompressed (DuckDB compresses large strings with zstd, and a read of one key
    then decompresses the whole segment: 190 ms instead of 0.8 for counts_around_event at
    100,000 articles)."""
    table = quote_ident(b.table)
    if b.index:
        con.execute(f"DROP INDEX IF EXISTS {quote_ident(index_name(b))}")
    build = _built(b)
    want = {r[0]: r[1] for r in con.execute(f"DESCRIBE {build}").fetchall()}
    have = con.execute("SELECT column_name, data_type FROM duckdb_columns() WHERE "
                       "database_name = current_database() AND schema_name = 'main' AND "
                       "table_name = ? ORDER BY column_index", [b.table]).fetchall()
    columns = ", ".join(
        f"{quote_ident(name)} {want.get(name, kind)}"
        + (" USING COMPRESSION uncompressed" if name in b.json else "")
        for name, kind in have)
    con.execute(f"CREATE OR REPLACE TABLE {table} ({columns})")
    con.execute(f"INSERT INTO {table} BY NAME {build} ORDER BY {b.order}")
    if b.index:
        con.execute(f"CREATE INDEX {quote_ident(index_name(b))} ON {table} "
                    f"({quote_ident(b.index)})")


def _build_touched(con: duckdb.DuckDBPyConnection, b: AnswerBuild, touched: Touched) -> int:
    """Rebuild the keys of the touched file's statement: their rows are deleted, and the
    build runs with its input tables narrowed by the file's scope views (temp views that
    stand for the tables, so the build's SQL is unchanged) to the rows those keys read.
    Returns the number of keys."""
    table = quote_ident(b.table)
    con.execute(f"CREATE OR REPLACE TEMP TABLE answer_touched AS SELECT DISTINCT * FROM "
                f"({touched.sql})")
    columns = [d[0] for d in con.execute("SELECT * FROM answer_touched LIMIT 0").description]
    if not set(columns) <= set(b.keys):  # a key's leading columns: every key under them
        raise ValueError(f"{b.query}.touched.sql gives {columns}, not key columns {b.keys}")
    match = " AND ".join(f"t.{quote_ident(k)} = x.{quote_ident(k)}" for k in columns)
    database = quote_ident(str(_one(con, "SELECT current_database()")))
    try:
        con.execute(f"DELETE FROM {table} AS x WHERE EXISTS (SELECT 1 FROM answer_touched "
                    f"AS t WHERE {match})")
        for name, predicate in touched.scopes:
            # stored.<table> in a predicate: the table itself, not its scope view
            predicate = _STORED.sub(f"{database}.main.", predicate)
            con.execute(f"CREATE OR REPLACE TEMP VIEW {quote_ident(name)} AS SELECT * FROM "
                        f"{database}.main.{quote_ident(name)} WHERE {predicate}")
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM ({_built(b)}) AS x "
                    f"WHERE EXISTS (SELECT 1 FROM answer_touched AS t WHERE {match}) "
                    f"ORDER BY {b.order}")
    finally:
        for name, _ in touched.scopes:
            con.execute(f"DROP VIEW IF EXISTS temp.main.{quote_ident(name)}")
    keys = int(str(_one(con, "SELECT count(*) FROM answer_touched") or 0))
    # the keys stay for the touched files of the helper tables built from this one (its
    # documents: <query>.docs.touched.sql reads answer_touched_<query>)
    kept = quote_ident(touched_table(b.query))
    con.execute(f"DROP TABLE IF EXISTS {kept}")
    con.execute(f"ALTER TABLE answer_touched RENAME TO {kept}")
    return keys


def _one(con: duckdb.DuckDBPyConnection, sql: str) -> object:
    row = con.execute(sql).fetchone()
    return row[0] if row else None


def _fingerprint(con: duckdb.DuckDBPyConnection, b: AnswerBuild) -> int:
    """A hash of what a build computes: its SQL, its touched file, the factdb_* macros and
    the migrations applied (a new migration, e.g. one that changes the citation macro,
    rebuilds every table whole)."""
    macros = con.execute("SELECT function_name, CAST(macro_definition AS VARCHAR) FROM "
                         "duckdb_functions() WHERE function_name LIKE 'factdb_%' "
                         "ORDER BY ALL").fetchall()
    # a migration may add columns to the inputs (every unit's hash changes with them)
    migrations = con.execute("SELECT list(version ORDER BY version) FROM "
                             "schema_migrations").fetchall()
    touched = touched_file(b.query)
    text = repr((b.sql, b.order, b.json, b.index, touched, macros, migrations))
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


def build_all(con: duckdb.DuckDBPyConnection, run_id: str, *,
              full: bool = False) -> dict[str, tuple[int, float, float]]:
    """Build every answer table: only the keys the changes since the last build touched
    where the table has a touched file and was last built by the same SQL, else whole (or
    every table whole with full=True); (rows, wall seconds, CPU seconds of the process)
    per query, the hashing of the inputs shared among them."""
    out: dict[str, tuple[int, float, float]] = {}
    _GENERATION[0] += 1
    t0, c0 = time.perf_counter(), time.process_time()
    changes = _changes(con)
    share = max(1, len(builds()))
    shared = (time.perf_counter() - t0) / share, (time.process_time() - c0) / share
    try:
        for b in builds():
            t0, c0 = time.perf_counter(), time.process_time()
            # a helper table built from its query's table (documents) is rebuilt whole when
            # that table was: its touched file reads the keys the query's build rebuilt
            parent = None if b.part_of == b.query else _mode(con, b.part_of)
            rows = build_one(con, b, run_id, changes=None if full or parent == "full"
                             else changes)
            out[b.query] = (rows, time.perf_counter() - t0 + shared[0],
                            time.process_time() - c0 + shared[1])
        con.execute("DELETE FROM answer_inputs")
        con.execute("INSERT INTO answer_inputs SELECT * FROM answer_inputs_now")
    finally:
        con.execute("DROP TABLE IF EXISTS answer_inputs_now")
        con.execute("DROP TABLE IF EXISTS answer_changed")
        for b in builds():
            con.execute(f"DROP TABLE IF EXISTS {quote_ident(touched_table(b.query))}")
    return out


def _mode(con: duckdb.DuckDBPyConnection, query: str) -> str | None:
    row = con.execute("SELECT mode FROM answer_builds WHERE query = ?", [query]).fetchone()
    return str(row[0]) if row else None


#: the inputs of the answer tables, one hash per unit (migration 016): an article (every
#: row of it, in every table a named query reads, but for the run that wrote it: no answer
#: shows run_id, and a load that writes the same facts again, or the same facts loaded by
#: another run, e.g. the distributed load of a catalog, touches no key), an entity, an
#: event, a fact group, a claim group and a disagreement (with its sides); entities and
#: events also hash their label apart (h_label)
_INPUTS = """
WITH per_article AS (
    SELECT t.article_id AS id, hash('articles', t) AS h
    FROM (SELECT * EXCLUDE (run_id) FROM articles) AS t
    UNION ALL SELECT t.article_id, hash('sentences', t) FROM sentences AS t
    UNION ALL SELECT t.article_id, hash('entity_mentions', t)
    FROM (SELECT * EXCLUDE (run_id) FROM entity_mentions) AS t
    UNION ALL SELECT t.article_id, hash('dates', t) FROM (SELECT * EXCLUDE (run_id) FROM dates) AS t
    UNION ALL SELECT t.article_id, hash('counts', t)
    FROM (SELECT * EXCLUDE (run_id) FROM counts) AS t
    UNION ALL SELECT t.article_id, hash('claims', t)
    FROM (SELECT * EXCLUDE (run_id) FROM claims) AS t
    UNION ALL SELECT t.article_id, hash('event_mentions', t)
    FROM (SELECT * EXCLUDE (run_id) FROM event_mentions) AS t
)
SELECT 'article' AS source, id, bit_xor(h) AS h, CAST(NULL AS UBIGINT) AS h_label
FROM per_article GROUP BY id
UNION ALL SELECT 'entity', e.entity_id, hash(e), hash(e.name, e.entity_type) FROM entities AS e
UNION ALL SELECT 'event', e.event_id, hash(e), hash(e.label, e.event_type, e.date_start)
FROM events AS e
UNION ALL SELECT 'fact_group', g.group_id, hash(g), NULL FROM fact_groups AS g
UNION ALL SELECT 'claim_group', g.claim_group_id, hash(g), NULL FROM claim_groups AS g
UNION ALL SELECT 'disagreement', d.disagreement_id, hash(d, s.h), NULL
FROM disagreements AS d
LEFT JOIN (SELECT s.disagreement_id, hash(list(hash(s) ORDER BY hash(s))) AS h
           FROM disagreement_sides AS s GROUP BY s.disagreement_id) AS s
       ON s.disagreement_id = d.disagreement_id
"""


def _changes(con: duckdb.DuckDBPyConnection) -> bool:
    """Hash the inputs now (temp table answer_inputs_now) and compare them with the last
    build's (answer_inputs): the units that differ, are new or are gone go to the temp
    table answer_changed (source, id, label_changed). False when there is no last build to
    compare with (a new database, or one built before migration 016)."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE answer_inputs_now AS {_INPUTS}")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE answer_changed AS
        SELECT coalesce(n.source, o.source) AS source, coalesce(n.id, o.id) AS id,
               n.h_label IS DISTINCT FROM o.h_label AS label_changed
        FROM answer_inputs_now AS n
        FULL OUTER JOIN answer_inputs AS o ON o.source = n.source AND o.id = n.id
        WHERE n.h IS DISTINCT FROM o.h""")
    row = con.execute("SELECT count(*) FROM answer_inputs").fetchone()
    return bool(row and row[0])


def resolve(con: duckdb.DuckDBPyConnection, run: Run) -> None:
    """The resolver: build the answer tables for the load's run (the keys it touched)."""
    build_all(con, run.run_id)


#: per connection, the filled answer tables as last read, and the build generation then
_BUILT: weakref.WeakKeyDictionary[duckdb.DuckDBPyConnection, tuple[int, frozenset[str]]] = (
    weakref.WeakKeyDictionary())
#: bumped by every build in this process (a build on another connection changes the set)
_GENERATION = [0]


def built(con: duckdb.DuckDBPyConnection) -> frozenset[str]:
    """The queries whose answer table is filled (an empty set before migration 014). Read
    once per connection and build: a named query asks on every run, and the statement
    cost as much as the answer's own point read."""
    hit = _BUILT.get(con)
    if hit is not None and hit[0] == _GENERATION[0]:
        return hit[1]
    try:
        filled = frozenset(r[0] for r in
                           con.execute("SELECT query FROM answer_builds").fetchall())
    except duckdb.CatalogException:
        filled = frozenset()
    if filled:  # a database not yet built may be built by another connection
        _BUILT[con] = (_GENERATION[0], filled)
    return filled
