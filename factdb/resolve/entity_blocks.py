"""Incremental entity resolution (issue 16 item 3): the block keys each rule of the entity
resolver reads, and the units a load must resolve again.

A unit (one article's mentions of one thing) is linked to another only through keys both
hold: a same-name key (factdb.lang.entity_types.same_name_keys), a place name shared by
places of two kinds, a long person name's surname and length, a name as written ("s:"), the
last word of a fullest name ("l:"), the initials of a name and the letters of an acronym
("i:"), a given name and the full names in its article that open with it ("g:"), a
person's name without its middle initials ("m:"). A unit
that *looks up* a key depends on every unit that holds it; keys only held, never looked up
(a name's other spellings, initials of a name no acronym stands for), join nothing; a
name of n words looks up only the longer names of its last word ("l>n:").

Each unit holds its same-name keys (looked up by every unit of the name) and the entries it
can give the short-name indexes; what a cluster looks up there is recorded after the
same-name pass (entities._short_name_candidates). A place held in its article beside a
team named after it has no key: it links to no other article.

So the units a load can change are closed: those of the articles it loaded, extracted
again, removed or whose recovered mentions changed, then every unit that shares a
looked-up key with one of them, and so on, plus the other units of their last entities;
the part grows while one of its clusters looks up a unit outside it. The resolver runs its
rules over that part only and keeps every other unit's entity: the rules read nothing
outside it, so the result is the one a run over every unit gives. The whole-corpus run is
the same run with every unit in the part (no kept state, other rules, judgements, whose
merges and splits join names no key joins, or a part above half of the units).

Kept state (migration 034): ``entity_units`` (each unit's entity, stamped with a digest of
the rules) and ``entity_blocks`` (each unit's keys).
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from factdb import db
from factdb.lang.entity_types import HOMONYM_PLACES, entity_id, same_name_keys
from factdb.lang.names import initials, match_key, name_words, plain, without_initials
from factdb.runs import Run

Block = tuple[str, bool]  # (key, looks)
#: above this share of the kept units the part is resolved as a whole run (the same
#: entities; the closure's rounds and a second same-name pass cost more than they save)
WHOLE_SHARE = 0.5


def unit_blocks(name: str, key: str, kind: str, keys: dict[str, str],
                article_id: str) -> set[Block]:
    """The keys of a unit named ``name`` (match key ``key``, type class ``kind``) whose
    surfaces have the match keys ``keys``: the same-name keys, which every unit of the name
    looks up, and a superset of the entries it can give the indexes of short names
    (entities._short_name_candidates records what a cluster looks up there)."""
    out: set[Block] = set()
    words = key.split()
    if kind == "PLACE" and plain(name) in HOMONYM_PLACES:
        out.add(("h:" + key, True))
    else:
        out |= {("n:" + k, True) for k in same_name_keys(name, key, kind)}
    if kind == "PERSON" and len(words) >= 3:
        out.add((f"p:{len(words)}:{words[-1]}", True))  # one letter off ("Olivier"/"Oliver")
    if kind == "PERSON" and len(words) >= 2:  # with and without middle initials
        out.add(("m:" + " ".join(without_initials(name_words(name))), True))
    longest = max((len(k.split()) for k in keys.values() if k), default=0)
    for surface, k in keys.items():
        if not k:
            continue
        out.add(("s:" + k, False))
        if len(k.split()) == longest > 1:  # a cluster's name is one unit's fullest surface
            # its last word, for a one-word name and for each shorter name of several
            last = k.split()[-1]
            out |= {("l:" + last, False)} | {(f"l>{n}:{last}", False) for n in range(2, longest)}
        if len(surface.split()) > 1:
            out |= {("i:" + letters, False) for letters in set(initials(surface))}
    if len(words) > 1:  # a full name its article opens with a given name
        out.add((f"g:{words[0]}:{article_id}", False))
    return out


@functools.cache
def _code_digest() -> str:
    from factdb.lang import entity_types, names

    code = "".join(inspect.getsource(m) for m in (
        sys.modules["factdb.resolve.entities"], sys.modules[__name__], names, entity_types))
    return hashlib.sha1(code.encode()).hexdigest()[:16]


def rules_digest(judgements: Any) -> str:
    """A digest of the resolver's rules and of the judgements: kept units made by other
    rules or judgements are not trusted."""
    return hashlib.sha1(f"{_code_digest()}|{judgements!r}".encode()).hexdigest()[:16]


def touched_articles(con: duckdb.DuckDBPyConnection, run: Run, rules: str,
                     recovered: set[str] | None) -> set[str] | None:
    """The articles whose units can differ from the kept ones (None: every article, when
    nothing is kept or it was kept by other rules): the load's own (new or extracted again),
    those whose recovered mentions changed (``recovered``, None for all), those removed
    since, and any holding a mention of a unit not kept."""
    if recovered is None:
        return None
    kept, other = con.execute("SELECT count(*), count(*) FILTER (WHERE rules <> ?) "
                              "FROM entity_units", [rules]).fetchone() or (0, 0)
    if not kept or other:
        return None
    rows = con.execute("""
        SELECT article_id FROM articles WHERE run_id = $run
        UNION SELECT article_id FROM entity_mentions WHERE run_id = $run
        UNION SELECT article_id FROM entity_units
              WHERE article_id NOT IN (SELECT article_id FROM articles)
        UNION SELECT m.article_id FROM entity_mentions m ANTI JOIN entity_units u
              ON u.local_key = coalesce(m.local_key, m.mention_id)""",
                       {"run": run.run_id}).fetchall()
    return recovered | {str(r[0]) for r in rows}


def kept_units(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute("SELECT count(*) FROM entity_units").fetchone()
    return int(row[0]) if row else 0


def temp_list(con: duckdb.DuckDBPyConnection, table: str, column: str,
              values: Iterable[str]) -> None:
    con.register("_blocks_values", pa.table({column: pa.array(sorted(values), pa.string())}))
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS FROM _blocks_values")
    finally:
        con.unregister("_blocks_values")


def _insert_blocks(con: duckdb.DuckDBPyConnection, rows: list[tuple[str, str, str, bool]]
                   ) -> None:
    db.insert_rows(con, "entity_blocks", [
        {"article_id": a, "local_key": u, "block": b, "looks": looks} for a, u, b, looks in rows])


def closure(con: duckdb.DuckDBPyConnection, articles: set[str], units: set[str],
            rows: list[tuple[str, str, str, bool]]) -> set[str]:
    """The local keys of the units to resolve again, given the touched ``articles``, their
    current ``units`` and those units' block ``rows`` (article, unit, key, looks), which
    replace the kept ones (a place held in its article has none). Every key the touched
    units held at the last run joins (it may have been looked up by a unit now gone)."""
    temp_list(con, "_blocks_articles", "article_id", articles)
    joined = {str(r[0]) for r in con.execute(
        "SELECT DISTINCT block FROM entity_blocks WHERE article_id IN "
        "(SELECT article_id FROM temp.main._blocks_articles)").fetchall()}
    units = units | {str(r[0]) for r in con.execute(
        "SELECT local_key FROM entity_units WHERE article_id IN "
        "(SELECT article_id FROM temp.main._blocks_articles)").fetchall()}
    con.execute("DELETE FROM entity_blocks WHERE article_id IN "
                "(SELECT article_id FROM temp.main._blocks_articles)")
    con.execute("DROP TABLE temp.main._blocks_articles")
    _insert_blocks(con, rows)
    return _grow(con, units, set(units), joined)


def grow(con: duckdb.DuckDBPyConnection, part: set[str], keys: set[str]) -> set[str]:
    """The units outside ``part`` that hold one of ``keys`` (what the clusters of ``part``
    look up), and every unit joined to those; empty when none."""
    temp_list(con, "_blocks_keys", "block", keys)
    temp_list(con, "_blocks_units", "local_key", part)
    reached = {str(r[0]) for r in con.execute(
        "SELECT DISTINCT local_key FROM entity_blocks "
        "WHERE block IN (SELECT block FROM temp.main._blocks_keys) "
        "AND local_key NOT IN (SELECT local_key FROM temp.main._blocks_units)").fetchall()}
    con.execute("DROP TABLE temp.main._blocks_units")
    if not reached:
        con.execute("DROP TABLE temp.main._blocks_keys")
        return set()
    return _grow(con, part | reached, reached, keys) - part


def _grow(con: duckdb.DuckDBPyConnection, units: set[str], frontier: set[str],
          joined: set[str]) -> set[str]:
    """``units`` and every unit joined to its ``frontier`` through a key some unit looks up,
    to ``joined`` keys, or through a last entity, transitively."""
    keys = set(joined)
    new_keys = set(joined)
    entities: set[str] = set()
    while frontier or new_keys:
        temp_list(con, "_blocks_frontier", "local_key", frontier)
        # the keys of the new units that some unit looks up
        found = {str(r[0]) for r in con.execute("""
            SELECT block FROM entity_blocks WHERE block IN (
                SELECT block FROM entity_blocks
                WHERE local_key IN (SELECT local_key FROM temp.main._blocks_frontier))
            GROUP BY block HAVING bool_or(looks)""").fetchall()} - keys
        keys |= found
        new_keys |= found
        # the units of those keys, and the other units of the new units' last entities
        temp_list(con, "_blocks_keys", "block", new_keys)
        ids = {str(r[0]) for r in con.execute(
            "SELECT DISTINCT entity_id FROM entity_units WHERE local_key IN "
            "(SELECT local_key FROM temp.main._blocks_frontier)").fetchall()} - entities
        entities |= ids
        temp_list(con, "_blocks_entities", "entity_id", ids)
        reached = {str(r[0]) for r in con.execute("""
            SELECT local_key FROM entity_blocks
            WHERE block IN (SELECT block FROM temp.main._blocks_keys)
            UNION SELECT local_key FROM entity_units
            WHERE entity_id IN (SELECT entity_id FROM temp.main._blocks_entities)""").fetchall()}
        frontier = reached - units
        units |= frontier
        new_keys = set()
    for t in ("_blocks_frontier", "_blocks_keys", "_blocks_entities"):
        con.execute(f"DROP TABLE IF EXISTS temp.main.{t}")
    return units


def store(con: duckdb.DuckDBPyConnection, rows: list[tuple[str, str, str, bool]],
          part: set[str] | None) -> None:
    """Keep the block rows of the units resolved (of every unit when ``part`` is None)."""
    _forget(con, "entity_blocks", part)
    looks: dict[tuple[str, str, str], bool] = {}
    for article, unit, block, look in rows:  # a key a unit holds and looks up: one row
        looks[(article, unit, block)] = looks.get((article, unit, block), False) or look
    _insert_blocks(con, [(*k, v) for k, v in sorted(looks.items())])


@dataclass
class Named:
    """An entity made by the run: its type, name and first mention (the whole run's order
    is type, name key, first mention) and the id it is given."""

    kind: str
    name: str
    first_mention: str
    ident: str = ""

    @property
    def base(self) -> tuple[str, str]:
        return self.kind, match_key(self.name) or self.name


def nth_id(kind: str, name: str, n: int) -> str:
    """The id entity_types.entity_id gives the n-th entity of a type and name."""
    base = f"{kind}|{match_key(name) or name}"
    return "e" + hashlib.sha1((base if n == 1 else f"{base}|{n}").encode()).hexdigest()[:12]


def name_entities(con: duckdb.DuckDBPyConnection, made: list[Named], units: set[str] | None
                  ) -> dict[str, str]:
    """Give each made entity its id in the whole run's order: the first of a type and name
    key gets "e" + sha1(type|key), the next ones a numbered key. With ``units`` (a run over
    part of the units) the kept entities of the same names are numbered with the made ones;
    returns kept id -> new id for those whose id changes."""
    taken: set[str] = set()
    if units is None:
        for m in sorted(made, key=_order):
            m.ident = entity_id(m.kind, m.name, taken)
        return {}
    temp_list(con, "_blocks_units", "local_key", units)
    old = {str(r[0]) for r in con.execute(
        "SELECT DISTINCT entity_id FROM entity_units WHERE local_key IN "
        "(SELECT local_key FROM temp.main._blocks_units)").fetchall()}
    # the whole run numbered the entities of a name 1..k: walk each name until one is missing
    bases = {m.base: m for m in made}
    kept: dict[str, Named] = {}
    n, walking = 1, list(bases.values())
    while walking:
        ids = {nth_id(m.kind, m.name, n): m for m in walking}
        temp_list(con, "_blocks_ids", "entity_id", ids)
        present = {str(r[0]) for r in con.execute(
            "SELECT entity_id FROM entities WHERE entity_id IN "
            "(SELECT entity_id FROM temp.main._blocks_ids)").fetchall()} | (old & ids.keys())
        kept.update({i: Named(ids[i].kind, ids[i].name, "", i) for i in present - old})
        walking = [ids[i] for i in sorted(present)]
        n += 1
    if kept:
        temp_list(con, "_blocks_ids", "entity_id", kept)
        for ident, first in con.execute(
                "SELECT entity_id, min(mention_id) FROM entity_mentions WHERE entity_id IN "
                "(SELECT entity_id FROM temp.main._blocks_ids) GROUP BY ALL").fetchall():
            kept[str(ident)].first_mention = str(first)
    for t in ("_blocks_units", "_blocks_ids"):
        con.execute(f"DROP TABLE IF EXISTS temp.main.{t}")
    renamed: dict[str, str] = {}
    for m in sorted([*made, *kept.values()], key=_order):
        ident = entity_id(m.kind, m.name, taken)
        if m.ident and m.ident != ident:
            renamed[m.ident] = ident
        m.ident = ident
    return renamed


def _order(m: Named) -> tuple[str, str, str]:
    return m.kind, match_key(m.name), m.first_mention


def write(con: duckdb.DuckDBPyConnection, entities: list[dict[str, Any]],
           assignment: dict[str, str], part: set[str] | None, renamed: dict[str, str]) -> None:
    """Replace the entities of the units resolved (every entity when ``part`` is None) and
    give their mentions their ids; kept entities in ``renamed`` take their new ids."""
    if part is None:
        con.execute("DELETE FROM entities")
    else:
        temp_list(con, "_entity_units", "local_key", part)
        temp_list(con, "_entity_renamed", "entity_id", renamed)
        cur = con.execute("SELECT * FROM entities WHERE entity_id IN "
                          "(SELECT entity_id FROM temp.main._entity_renamed)")
        names = [d[0] for d in cur.description or []]
        for row in cur.fetchall():
            entities.append({**dict(zip(names, row, strict=True)),
                             "entity_id": renamed[row[names.index("entity_id")]]})
        con.execute("""
            DELETE FROM entities WHERE entity_id IN (
                SELECT entity_id FROM entity_units
                WHERE local_key IN (SELECT local_key FROM temp.main._entity_units)
                UNION SELECT entity_id FROM temp.main._entity_renamed)""")
        con.execute("DROP TABLE temp.main._entity_units")
        con.execute("DROP TABLE temp.main._entity_renamed")
    db.insert_rows(con, "entities", entities)
    table = pa.table({"mention_id": pa.array(list(assignment), pa.string()),
                      "new_id": pa.array(list(assignment.values()), pa.string())})
    old = pa.table({"old_id": pa.array(list(renamed), pa.string()),
                    "new_id": pa.array(list(renamed.values()), pa.string())})
    con.register("_factdb_entity_map", table)
    con.register("_factdb_entity_renamed", old)
    try:
        con.execute("""
            UPDATE entity_mentions SET entity_id = m.new_id
            FROM _factdb_entity_map m
            WHERE entity_mentions.mention_id = m.mention_id
              AND entity_mentions.entity_id IS DISTINCT FROM m.new_id""")
        con.execute("""
            UPDATE entity_mentions SET entity_id = r.new_id FROM _factdb_entity_renamed r
            WHERE entity_mentions.entity_id = r.old_id""")
    finally:
        con.unregister("_factdb_entity_map")
        con.unregister("_factdb_entity_renamed")
    con.execute("""
        UPDATE entity_references SET entity_id = m.entity_id
        FROM entity_mentions m
        WHERE entity_references.antecedent_mention_id = m.mention_id
          AND entity_references.entity_id IS DISTINCT FROM m.entity_id""")


def _forget(con: duckdb.DuckDBPyConnection, table: str, part: set[str] | None) -> None:
    """Delete the rows of the units in part from table (every row when part is None)."""
    if part is None:
        con.execute(f"DELETE FROM {table}")
        return
    temp_list(con, "_forget_units", "local_key", part)
    try:
        con.execute(f"DELETE FROM {table} WHERE local_key IN "
                    "(SELECT local_key FROM temp.main._forget_units)")
    finally:
        con.execute("DROP TABLE temp.main._forget_units")


def keep_units(con: duckdb.DuckDBPyConnection, units: list[tuple[str, str, str]],
               part: set[str] | None, renamed: dict[str, str], rules: str) -> None:
    """entity_units: each unit resolved (local key, article, entity); kept units keep
    theirs, or the new id of a renamed entity."""
    _forget(con, "entity_units", part)
    if part is not None and renamed:
        con.register("_factdb_entity_renamed", pa.table({
            "old_id": pa.array(list(renamed), pa.string()),
            "new_id": pa.array(list(renamed.values()), pa.string())}))
        try:
            con.execute("UPDATE entity_units SET entity_id = r.new_id "
                        "FROM _factdb_entity_renamed r WHERE entity_units.entity_id = r.old_id")
        finally:
            con.unregister("_factdb_entity_renamed")
    db.insert_rows(con, "entity_units", [
        {"local_key": k, "article_id": a, "entity_id": e, "rules": rules} for k, a, e in units])
