"""What changed: facts added, removed or changed between extraction runs, between versions
of an article, and the rows of a named query those changes reach (docs/changes.md).

The facts of every article version are in fact_versions (written by factdb.resolve.fact_log
at load, kept when a new version replaces the article). The state of the store after a run
is, for every source (articles.source_uri), the version loaded by the latest run up to that
one (article_versions). Two states are compared source by source; the facts of two versions
of one source are matched by kind and key (what the fact is about, not its row id or
offsets): the same key and value is the same fact; what is left with the same key is a
changed fact, paired in text order; what is left after that is paired by the sentence
around it or a quote much alike (an edited claim); the rest is added or removed.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from difflib import SequenceMatcher
from typing import Any

import duckdb

from factdb.errors import UnknownChange
from factdb.queries import NamedQuery

__all__ = ["Diff", "Fact", "UnknownChange", "answer_since", "diff_runs", "diff_versions",
           "rows_since"]


@dataclass(frozen=True)
class RunInfo:
    run_id: str
    started_at: datetime
    finished_at: datetime | None
    order: int

    def as_dict(self) -> dict[str, Any]:
        return {"run_id": self.run_id, "started_at": self.started_at,
                "finished_at": self.finished_at}


@dataclass(frozen=True)
class Fact:
    kind: str
    key: str
    value: dict[str, Any]
    source_uri: str
    article_id: str
    fact_id: str
    quote: str
    char_start: int
    char_end: int
    run_id: str
    context: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "key": self.key, "value": self.value,
                "source_uri": self.source_uri, "article_id": self.article_id,
                "fact_id": self.fact_id, "quote": self.quote, "char_start": self.char_start,
                "char_end": self.char_end, "run_id": self.run_id}


@dataclass
class Diff:
    """Facts added, removed and changed from one state (a run, a version) to another."""

    before: dict[str, Any]
    after: dict[str, Any]
    added: list[Fact] = field(default_factory=list)
    removed: list[Fact] = field(default_factory=list)
    changed: list[tuple[Fact, Fact]] = field(default_factory=list)
    #: article versions of either side whose facts were never logged (replaced before the
    #: fact log existed): their facts cannot be compared
    unrecorded: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "from": self.before, "to": self.after,
            "added": [f.as_dict() for f in self.added],
            "removed": [f.as_dict() for f in self.removed],
            "changed": [{"kind": a.kind, "key": a.key, "source_uri": b.source_uri,
                         "fields": changed_fields(a, b), "before": a.as_dict(),
                         "after": b.as_dict()} for a, b in self.changed],
            "unrecorded_versions": self.unrecorded,
        }


def changed_fields(a: Fact, b: Fact) -> list[str]:
    """What differs between two versions of a fact: 'key' (what it is about: the claim's
    content, the count's unit or place, the date as written) and its value's fields."""
    keys = sorted(set(a.value) | set(b.value))
    return (["key"] if a.key != b.key else []) + [
        k for k in keys if a.value.get(k) != b.value.get(k)]


# -- runs and states -------------------------------------------------------------------------

def runs(con: duckdb.DuckDBPyConnection) -> list[RunInfo]:
    """The completed runs, oldest first."""
    rows = con.execute("SELECT run_id, started_at, finished_at FROM extraction_runs "
                       "WHERE status = 'completed' ORDER BY started_at, run_id").fetchall()
    return [RunInfo(r, s, f, i) for i, (r, s, f) in enumerate(rows)]


def run_info(con: duckdb.DuckDBPyConnection, run_id: str) -> RunInfo:
    """The completed run of that id; UnknownChange naming it otherwise."""
    for r in runs(con):
        if r.run_id == run_id:
            return r
    status = con.execute("SELECT status FROM extraction_runs WHERE run_id = ?",
                         [run_id]).fetchone()
    if status is not None:
        raise UnknownChange(f"run '{run_id}' did not complete (status {status[0]})")
    raise UnknownChange(f"no extraction run '{run_id}' in this database (see `factdb info` "
                        "or the extraction_runs table for the run ids)")


def latest_run(con: duckdb.DuckDBPyConnection) -> RunInfo:
    done = runs(con)
    if not done:
        raise UnknownChange("this database has no completed extraction run")
    return done[-1]


def state(con: duckdb.DuckDBPyConnection, run: RunInfo) -> dict[str, str]:
    """source_uri -> article_id of the version current after the run."""
    upto = {r.run_id: r.order for r in runs(con) if r.order <= run.order}
    current: dict[str, tuple[int, datetime, str]] = {}
    for uri, aid, rid, at in con.execute(
            "SELECT source_uri, article_id, run_id, loaded_at FROM article_versions").fetchall():
        if rid in upto and (uri not in current or (upto[rid], at) > current[uri][:2]):
            current[uri] = (upto[rid], at, aid)
    return {uri: v[2] for uri, v in current.items()}


def facts_of(con: duckdb.DuckDBPyConnection,
             article_ids: Iterable[str]) -> tuple[dict[str, list[Fact]], set[str]]:
    """The logged facts of each article version (run_id: the run that loaded the version),
    and the versions that were never logged."""
    ids = sorted(set(article_ids))
    if not ids:
        return {}, set()
    logged = {a: uri for a, uri in con.execute(
        "SELECT article_id, source_uri FROM fact_logged_versions WHERE article_id IN ?",
        [ids]).fetchall()}
    loaded_by = dict(con.execute(  # the run that loaded each version (a revert loads twice)
        "SELECT article_id, run_id FROM article_versions WHERE article_id IN ? "
        "ORDER BY loaded_at", [ids]).fetchall())
    out: dict[str, list[Fact]] = {a: [] for a in logged}
    for row in con.execute(
            "SELECT article_id, fact_kind, fact_key, fact_value, fact_id, quote, char_start, "
            "char_end, run_id, context_key FROM fact_versions WHERE article_id IN ? "
            "ORDER BY article_id, char_start, char_end, fact_kind, fact_id", [ids]).fetchall():
        aid, kind, key, value, fid, quote, start, end, rid, context = row
        out[aid].append(Fact(kind, key, json.loads(value), logged[aid], aid, fid, quote,
                             start, end, loaded_by.get(aid, rid), context))
    return out, set(ids) - set(logged)


# -- comparing -------------------------------------------------------------------------------

#: How alike two quotes must be (difflib ratio) for an edited fact whose key changed to be
#: paired as changed (a claim whose content had one number edited).
SIMILAR_QUOTES = 0.8
#: Above this many (removed x added) facts of a kind in one source (a rewritten article),
#: quotes are not compared pairwise: what is left is added and removed.
MAX_QUOTE_PAIRS = 20_000


def compare(before: Iterable[Fact], after: Iterable[Fact], diff: Diff) -> None:
    """Match one source's facts in two versions (docs/changes.md) into diff: by kind, key
    and value (the same fact), then by kind and key (changed), then what is left by kind
    and the sentence around it or a quote much alike (changed); the rest is removed or
    added."""
    removed: list[Fact] = []
    added: list[Fact] = []
    _by_key(before, after, diff.changed, removed, added)
    for kind in sorted({f.kind for f in removed + added}):
        old = [f for f in removed if f.kind == kind]
        new = [f for f in added if f.kind == kind]
        for a in list(old):  # the same sentence around an edited quote
            b = next((b for b in new if a.context and b.context == a.context), None)
            if b is not None:
                diff.changed.append((a, b))
                old.remove(a)
                new.remove(b)
        pairs = sorted(((SequenceMatcher(None, a.quote.lower(), b.quote.lower()).ratio(),
                         i, j) for i, a in enumerate(old) for j, b in enumerate(new)
                        if len(old) * len(new) <= MAX_QUOTE_PAIRS),
                       key=lambda p: (-p[0], p[1], p[2]))
        used_a: set[int] = set()
        used_b: set[int] = set()
        for ratio, i, j in pairs:
            if ratio >= SIMILAR_QUOTES and i not in used_a and j not in used_b:
                diff.changed.append((old[i], new[j]))
                used_a.add(i)
                used_b.add(j)
        diff.removed.extend(f for i, f in enumerate(old) if i not in used_a)
        diff.added.extend(f for j, f in enumerate(new) if j not in used_b)


def _by_key(before: Iterable[Fact], after: Iterable[Fact], changed: list[tuple[Fact, Fact]],
            removed: list[Fact], added: list[Fact]) -> None:
    groups: dict[tuple[str, str], tuple[list[Fact], list[Fact]]] = defaultdict(
        lambda: ([], []))
    for f in before:
        groups[f.kind, f.key][0].append(f)
    for f in after:
        groups[f.kind, f.key][1].append(f)
    for old, new in groups.values():
        left = list(old)
        rest: list[Fact] = []
        for f in new:  # the same key and value: the same fact, wherever it moved
            same = next((i for i, o in enumerate(left) if o.value == f.value), None)
            if same is None:
                rest.append(f)
            else:
                left.pop(same)
        changed.extend(zip(left, rest, strict=False))  # in text order
        removed.extend(left[len(rest):])
        added.extend(rest[len(left):])


def _sorted(diff: Diff) -> Diff:
    def order(f: Fact) -> tuple[str, int, int, str]:
        return (f.source_uri, f.char_start, f.char_end, f.kind)
    diff.added.sort(key=order)
    diff.removed.sort(key=order)
    diff.changed.sort(key=lambda p: order(p[1]))
    diff.unrecorded.sort()
    return diff


def diff_runs(con: duckdb.DuckDBPyConnection, run_a: str, run_b: str,
              kinds: Iterable[str] | None = None) -> Diff:
    """Facts added, removed or changed from the state after run_a to the state after run_b."""
    a, b = run_info(con, run_a), run_info(con, run_b)
    sa, sb = state(con, a), state(con, b)
    changed = {u for u in set(sa) | set(sb) if sa.get(u) != sb.get(u)}
    versions = {sa[u] for u in changed if u in sa} | {sb[u] for u in changed if u in sb}
    facts, unrecorded = facts_of(con, versions)
    keep = set(kinds) if kinds else None
    diff = Diff(before=a.as_dict(), after=b.as_dict(), unrecorded=sorted(unrecorded))
    for uri in sorted(changed):
        old = facts.get(sa.get(uri, ""), [])
        new = facts.get(sb.get(uri, ""), [])
        if keep is not None:
            old = [f for f in old if f.kind in keep]
            new = [f for f in new if f.kind in keep]
        compare(old, new, diff)
    return _sorted(diff)


def versions(con: duckdb.DuckDBPyConnection, article_id: str) -> list[dict[str, Any]]:
    """Every stored version of the source the article is a version of, oldest first."""
    uri = con.execute("SELECT source_uri FROM article_versions WHERE article_id = ? "
                      "ORDER BY loaded_at DESC LIMIT 1", [article_id]).fetchone()
    if uri is None:
        raise UnknownChange(f"no article version with id '{article_id}'")
    order = {r.run_id: r.order for r in runs(con)}
    rows = con.execute("SELECT article_id, run_id, loaded_at, superseded_by, sha256 "
                       "FROM article_versions WHERE source_uri = ?", [uri[0]]).fetchall()
    rows.sort(key=lambda r: (order.get(r[1], -1), r[2]))
    return [{"article_id": a, "source_uri": uri[0], "run_id": r, "loaded_at": at,
             "superseded_by": s, "sha256": h} for a, r, at, s, h in rows]


def diff_versions(con: duckdb.DuckDBPyConnection, article_id: str,
                  against: str | None = None) -> Diff:
    """Facts added, removed or changed from an earlier version of an article's source
    (``against``; by default the version just before) to the version ``article_id``."""
    chain = versions(con, article_id)
    ids = [v["article_id"] for v in chain]
    at = ids.index(article_id)
    if against is None:
        if at == 0:
            raise UnknownChange(f"article '{article_id}' is the first stored version of "
                                f"'{chain[0]['source_uri']}': there is no earlier version "
                                "to compare it with")
        old = chain[at - 1]
    elif against in ids:
        old = chain[ids.index(against)]
    else:
        raise UnknownChange(f"'{against}' is not a stored version of "
                            f"'{chain[0]['source_uri']}' (its versions: {', '.join(ids)})")
    facts, unrecorded = facts_of(con, [old["article_id"], article_id])
    diff = Diff(before=old, after=chain[at], unrecorded=sorted(unrecorded))
    compare(facts.get(old["article_id"], []), facts.get(article_id, []), diff)
    return _sorted(diff)


# -- named queries since a run ---------------------------------------------------------------

def changed_spans(con: duckdb.DuckDBPyConnection,
                  since: str) -> dict[str, list[tuple[int, int, str]]]:
    """article_id -> (start, end, run_id) of the current facts added or changed since the
    run (its state compared with the latest run's)."""
    diff = diff_runs(con, since, latest_run(con).run_id)
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for f in diff.added + [b for _, b in diff.changed]:
        spans[f.article_id].append((f.char_start, f.char_end, f.run_id))
    return spans


def row_citations(row: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The citations of an answer row: its citations column (a list, or JSON text), and the
    row itself when it has an article and offsets (article_facts)."""
    cited = row.get("citations")
    if isinstance(cited, str):
        cited = json.loads(cited)
    out = [dict(c) for c in cited or [] if isinstance(c, Mapping)]
    for side in row.get("sides") or []:  # disagreements cite on each side
        if isinstance(side, Mapping):
            out += [dict(c) for c in side.get("citations") or [] if isinstance(c, Mapping)]
    if not out and all(k in row for k in ("article_id", "char_start", "char_end")):
        out.append({k: row[k] for k in ("article_id", "char_start", "char_end", "quote")
                    if k in row})
    return out


@dataclass
class ChangedRow:
    row: dict[str, Any]
    citations: list[dict[str, Any]]
    #: the citations that quote a fact added or changed since the run
    changed: list[dict[str, Any]]
    runs: list[str]


def rows_since(con: duckdb.DuckDBPyConnection, query: NamedQuery, values: Mapping[str, Any],
               since: str) -> tuple[list[str], list[ChangedRow]]:
    """The named query's columns, and its answer rows that cite a fact added or changed
    since the run: a citation whose span overlaps the span of such a fact in the same
    article."""
    spans = changed_spans(con, since)
    columns, rows = query.run(con, values)
    out: list[ChangedRow] = []
    for values_row in rows:
        row = dict(zip(columns, values_row, strict=True))
        cites = row_citations(row)
        hit, hit_runs = [], set()
        for c in cites:
            for start, end, rid in spans.get(c.get("article_id") or "", []):
                if c.get("char_start") is not None and c.get("char_end") is not None \
                        and start < c["char_end"] and c["char_start"] < end:
                    hit.append(c)
                    hit_runs.add(rid)
                    break
        if hit:
            out.append(ChangedRow(row, cites, hit, sorted(hit_runs)))
    return columns, out


def diff_table(diff: Diff) -> str:
    """The diff as lines for a terminal: one per fact, with its source and quote."""
    def value(f: Fact) -> str:
        return ", ".join(f"{k}={v}" for k, v in f.value.items() if v is not None)

    lines = [f"from {diff.before.get('run_id') or diff.before.get('article_id')} "
             f"to {diff.after.get('run_id') or diff.after.get('article_id')}: "
             f"{len(diff.added)} added, {len(diff.removed)} removed, "
             f"{len(diff.changed)} changed"]
    for sign, facts in (("+", diff.added), ("-", diff.removed)):
        lines += [f"{sign} {f.kind:<6} {f.source_uri} [{f.char_start}:{f.char_end}] "
                  f"\u201c{f.quote}\u201d  {value(f)}" for f in facts]
    for a, b in diff.changed:
        fields = ", ".join(f"{k}: {a.value.get(k)} -> {b.value.get(k)}"
                           for k in changed_fields(a, b) if k != "key")
        lines.append(f"~ {b.kind:<6} {b.source_uri} [{b.char_start}:{b.char_end}] "
                     f"\u201c{a.quote}\u201d -> \u201c{b.quote}\u201d  {fields}")
    lines += [f"? article version {v}: replaced before its facts were logged; not compared"
              for v in diff.unrecorded]
    return "\n".join(lines)


def answer_since(con: duckdb.DuckDBPyConnection, query: NamedQuery,
                 values: Mapping[str, Any], since: str) -> dict[str, Any]:
    """GET /v1/queries/<name>?since=RUN: the query's answer cut to the rows that cite a fact
    added or changed since the run, each with the citations of those facts
    (``changed_citations``) and the runs that brought them (``changed_in``). Raises
    UnknownChange for a run the store does not have (404)."""
    columns, found = rows_since(con, query, values, since)
    return {"query": query.name, "params": {k: str(v) for k, v in query.bind(values).items()},
            "since": since, "columns": columns + ["changed_citations", "changed_in"],
            "rows": [{**c.row, "changed_citations": c.changed, "changed_in": c.runs}
                     for c in found],
            "truncated": False}
