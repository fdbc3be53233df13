"""The load pipeline: read sources, segment, extract, resolve, and write in one transaction.

Nothing touches the database until every file has been read and every article extracted;
then all writes happen in a single transaction, so a load that fails or is killed leaves
the database exactly as it was.
"""

from __future__ import annotations

import gc
import os
import re
import signal
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
from tqdm import tqdm

from factdb import db, stages
from factdb.errors import DatabaseBusy, InputError
from factdb.extract.context import ArticleContext
from factdb.ingest import pubdate
from factdb.ingest.readers import discover, read_source, source_uri
from factdb.ingest.records import STORY_ROLES, Sentence, SourceDoc, story_text
from factdb.ingest.segment import segment
from factdb.lang.events import load_lexicon
from factdb.nlp import annotate, load_model
from factdb.resolve.judgements import load_judgements
from factdb.runs import Run, utcnow
from factdb.settings import Settings
from factdb.stages import Extractor, Resolver


@dataclass
class LoadReport:
    run_id: str
    files: int
    added: int
    unchanged: int
    replaced: int
    problems: list[str]
    notes: list[str]
    table_rows: dict[str, int]
    seconds: float
    new_rows: dict[str, int] = field(default_factory=dict)
    stages: dict[str, float] = field(default_factory=dict)  # seconds per step (scale.load)
    redated: int = 0  # stored articles dated anew by this load's articles, extracted again

    def summary(self) -> str:
        lines = [
            f"run {self.run_id}: {self.files} files, {self.added} articles added, "
            f"{self.unchanged} unchanged, {self.replaced} replaced by a new version, "
            f"{len(self.problems)} skipped with problems, in {self.seconds:.2f}s",
        ]
        if self.redated:
            lines.append(f"  {self.redated} stored articles dated anew by their story's new "
                         "articles, extracted again")
        lines += [f"  skipped {p}" for p in self.problems]
        lines += [f"  warning {n}" for n in self.notes if "treated as missing" in n]
        width = max(len(t) for t in self.table_rows)
        lines.append("  table" + " " * (width - 4) + "rows  (new this run)")
        for table, n in self.table_rows.items():
            lines.append(f"  {table:<{width}} {n:>6}  (+{self.new_rows.get(table, 0)})")
        return "\n".join(lines)


@dataclass
class Prepared:
    doc: SourceDoc
    sentences: list[Sentence]
    published_on: date | None = None
    published_basis: str | None = None
    published_earliest: date | None = None
    published_latest: date | None = None
    #: an article already stored, extracted again because this load changed its reference
    #: date (its story's dated articles came later): the same version, no new
    #: article_versions row
    stored: bool = False


def default_extractors(settings: Settings) -> list[Extractor]:
    """The extractors a load runs, in order (listed in factdb.stages)."""
    return stages.extractors(settings)


def default_resolvers(settings: Settings) -> list[Resolver]:
    return stages.resolvers(settings)


def read_all(paths: Sequence[str], settings: Settings, strict: bool,
             progress: bool) -> tuple[list[SourceDoc], list[str], list[str], int]:
    """Read every source. Returns (docs, problems, notes, file count); strict raises.

    Each article is stored under a relative name (readers.source_uri); in a JSON list or
    JSON Lines file a bad item is a problem of its own and the good items load.
    """
    files: list[Path] = []
    args: list[str] = []
    notes: list[str] = []
    for raw in paths:  # one argument at a time: each file's name is relative to its own
        found, found_notes = discover([raw])
        files += found
        args += [raw] * len(found)
        notes += found_notes
    docs: list[SourceDoc] = []
    problems: list[str] = []
    for path, arg in tqdm(list(zip(files, args, strict=True)), desc="reading", unit="file",
                          disable=not progress or None, file=sys.stderr, leave=False):
        try:
            docs.extend(read_source(path, settings.max_file_bytes,
                                    source_uri(path, arg, settings.source_root),
                                    None if strict else problems))
        except InputError as exc:
            if strict:
                raise
            problems.append(str(exc))
    return docs, problems, notes, len(files)


def load(paths: Sequence[str], settings: Settings, *, strict: bool = False,
         progress: bool = False, command: str | None = None,
         extractors: list[Extractor] | None = None,
         resolvers: list[Resolver] | None = None) -> LoadReport:
    """Load sources into the database at settings.db_path."""
    began = time.perf_counter()
    _check_user_files(settings)
    run = Run(command=publishable_command(command or "load " + " ".join(paths), paths),
              settings=settings)
    docs, problems, notes, n_files = read_all(paths, settings, strict, progress)

    with _collector_paused():
        con = _connect_for_writing(settings.db_path)
        try:
            fresh, unchanged, replaced = plan(con, docs)
            rows, failed = _extract(list(fresh.values()), run,
                                    default_extractors(settings) if extractors is None
                                    else extractors, progress, settings, strict)
            for article_id, problem in failed.items():
                del fresh[article_id]  # not loaded; an older version of the source stays
                replaced.pop(article_id, None)
                problems.append(problem)
            run.warnings = [publishable(m, paths, settings.source_root) for m in problems + notes]
            before = db.row_counts(con, db.SUMMARY_TABLES)
            _write(con, run, fresh, replaced, rows,
                   default_resolvers(settings) if resolvers is None else resolvers)
            after = db.row_counts(con, db.SUMMARY_TABLES)
        finally:
            con.close()
    redated = sum(p.stored for p in fresh.values())
    return LoadReport(
        run_id=run.run_id, files=n_files, added=len(fresh) - redated, unchanged=unchanged,
        replaced=len(replaced) - redated, problems=problems, notes=notes, table_rows=after,
        seconds=time.perf_counter() - began,
        new_rows={t: max(after[t] - before[t], 0) for t in after}, redated=redated,
    )


def plan(con: duckdb.DuckDBPyConnection, docs: Sequence[SourceDoc],
         ) -> tuple[dict[str, Prepared], int, dict[str, str]]:
    """What a load adds: the new articles (segmented, with their reference dates), how many
    are already stored unchanged, and new article id -> the id of the version it replaces.

    The articles to extract also hold the stored articles whose reference date the new
    ones change (``Prepared.stored``, mapped to themselves in the third value: their rows
    are replaced like those of a replaced version, in the same transaction)."""
    existing = dict(con.execute("SELECT article_id, source_uri FROM articles").fetchall())
    by_source = {uri: aid for aid, uri in existing.items()}
    fresh: dict[str, Prepared] = {}
    unchanged = 0
    for doc in docs:
        if doc.article_id in existing or doc.article_id in fresh:
            unchanged += 1
            continue
        fresh[doc.article_id] = Prepared(doc, segment(doc.text, doc.title))
    replaced = {aid: by_source[p.doc.source_uri] for aid, p in fresh.items()
                if p.doc.source_uri in by_source}
    for p in _resolve_publication_dates(con, list(fresh.values()), set(replaced.values())):
        fresh[p.doc.article_id] = p
        replaced[p.doc.article_id] = p.doc.article_id
    return fresh, unchanged, replaced


def _connect_for_writing(path: str) -> duckdb.DuckDBPyConnection:
    """The read-write connection of a load; DatabaseBusy when another process holds the file
    (another load, or a server reading it): DuckDB allows one writer, or many readers."""
    try:
        return db.connect(path)
    except duckdb.IOException as exc:
        if "lock" not in str(exc).lower():
            raise
        holder = re.search(r"\(PID (\d+)\)", str(exc))
        who = f" (process {holder.group(1)})" if holder else ""
        raise DatabaseBusy(f"{path}: the database is in use by another process{who}; wait "
                           "for the other load to finish, or stop the server reading it, "
                           "and run the load again") from None


def publishable(message: str, paths: Sequence[str], root: str | None = None) -> str:
    """A load message as stored in extraction_runs: the absolute directories above the
    command-line paths (and FACTDB_SOURCE_ROOT) cut off, as in articles.source_uri."""
    bases = sorted({os.path.dirname(os.path.abspath(p).rstrip(os.sep)) or os.sep
                    for p in paths} | ({os.path.abspath(root)} if root else set()),
                   key=len, reverse=True)
    for base in bases:
        if base != os.sep:
            message = message.replace(base.rstrip(os.sep) + os.sep, "")
    return message


def publishable_command(command: str, paths: Sequence[str]) -> str:
    """The command as stored in extraction_runs: an absolute path argument by its name."""
    for p in sorted(paths, key=len, reverse=True):
        if os.path.isabs(p):
            command = command.replace(p, os.path.basename(p.rstrip(os.sep)) or os.sep)
    return command


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while a load builds and writes its rows (on
    again after, as it was). The rows are many small objects that all stay alive until the
    transaction ends, and the collector scans them again each time it runs (about 2 % of
    a load's CPU at 300 articles, more as a load grows); reference counting still frees
    everything that is not in a cycle, and the collector takes the rest when it is back on.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _check_user_files(settings: Settings) -> None:
    """Fail before reading any article when a user-supplied rule file is malformed."""
    load_judgements(settings.judgements_path)
    load_lexicon(settings.event_lexicon_path)


def _resolve_publication_dates(con: duckdb.DuckDBPyConnection, prepared: list[Prepared],
                               leaving: set[str]) -> list[Prepared]:
    """Reference dates of the new articles, from their own evidence and from the same story
    in the other articles of the load and of the store (pubdate.resolve_all).

    A stored article whose date was not read (none, or inferred from its story or the
    corpus) is estimated again with them, as the corpus stands now: the stored articles
    whose estimate changes are returned, to be extracted again (docs/dates.md). ``leaving``
    are the stored versions this load replaces: no evidence any more."""
    if not prepared:
        return []
    undated = con.execute(
        "SELECT count(*) FROM articles WHERE published_basis IS NULL "
        "OR published_basis NOT IN ?", [list(pubdate.READ_BASES)]).fetchone()
    if all(p.doc.published is not None for p in prepared) and undated == (0,):
        stored: list[Prepared] = []
    else:
        stored = _stored_articles(con, leaving)
    known = [(p.published_on, pubdate.fingerprint(p.doc.text, p.sentences))
             for p in stored if p.published_basis in pubdate.READ_BASES and p.published_on]
    again = [p for p in stored if p.published_basis not in pubdate.READ_BASES]
    redated = []
    for p, e in zip(prepared + again, pubdate.resolve_all(
            [(p.doc, p.sentences) for p in prepared + again], known), strict=True):
        if p.stored and (p.published_on, p.published_basis, p.published_earliest,
                         p.published_latest) == (e.published_on, e.basis, e.earliest, e.latest):
            continue
        p.published_on, p.published_basis = e.published_on, e.basis
        p.published_earliest, p.published_latest = e.earliest, e.latest
        if p.stored:
            redated.append(p)
    return redated


def _stored_articles(con: duckdb.DuckDBPyConnection, leaving: set[str]) -> list[Prepared]:
    """The stored articles (but ``leaving``) as a load prepares them: source, sentences and
    reference date, for the dating of a load's articles."""
    rows = con.execute(
        "SELECT article_id, source_uri, source_format, text, url, outlet, outlet_basis, title, "
        "language, published_on, published_basis, published_earliest, published_latest "
        "FROM articles WHERE article_id NOT IN ? ORDER BY article_id",
        [list(leaving) or [""]]).fetchall()
    sentences: dict[str, list[Sentence]] = {}
    for aid, seq, start, end, role, paragraph, reason in con.execute(
            "SELECT article_id, seq, char_start, char_end, role, paragraph, role_reason "
            "FROM sentences ORDER BY article_id, seq").fetchall():
        sentences.setdefault(aid, []).append(Sentence(seq, start, end, role, paragraph, reason))
    out = []
    for (aid, uri, fmt, text, url, outlet, outlet_basis, title, language, day, basis,
         earliest, latest) in rows:
        doc = SourceDoc(uri, fmt, text, url=url, title=title, language=language,
                        outlet=outlet if outlet_basis == "metadata" else None,
                        published=day if basis == "metadata" else None)
        out.append(Prepared(doc, sentences.get(aid, []), day, basis, earliest, latest,
                            stored=True))
    return out


def _extract(prepared: list[Prepared], run: Run, extractors: list[Extractor],
             progress: bool, settings: Settings, strict: bool = False,
             ) -> tuple[dict[str, list[dict[str, Any]]], dict[str, str]]:
    """Rows of every article, and the articles an extractor failed on (id -> problem).

    An extractor that raises on one article costs that article, not the load: its rows
    are dropped and the problem names the file, unless strict, which raises.
    """
    rows: dict[str, list[dict[str, Any]]] = {"articles": [], "sentences": [],
                                             "article_versions": []}
    failed: dict[str, str] = {}
    docs: Iterator[Any] = iter(())
    if extractors and prepared:
        nlp = load_model(settings.spacy_models)
        docs = annotate(nlp, (story_text(p.doc.text, p.sentences) for p in prepared))
    for p in tqdm(prepared, desc="extracting", unit="article", disable=not progress or None,
                  file=sys.stderr, leave=False):
        doc = p.doc
        ctx = ArticleContext(article_id=doc.article_id, text=doc.text, sentences=p.sentences,
                             published_on=p.published_on, published_basis=p.published_basis,
                             run_id=run.run_id, outlet=doc.outlet,
                             doc=next(docs) if extractors else None)
        found = ctx.rows  # later extractors see the rows of earlier ones
        story = {f"{doc.article_id}:{s.seq}" for s in p.sentences if s.role in STORY_ROLES}
        for extractor in extractors:
            try:
                new_rows = extractor(ctx)
            except Exception as exc:
                name = getattr(extractor, "__module__", "") + "." + getattr(
                    extractor, "__qualname__", repr(extractor))
                error = InputError(doc.source_uri, f"extractor {name} failed on this "
                                   f"article ({type(exc).__name__}: {exc}); not loaded")
                if strict:
                    raise error from exc
                failed[doc.article_id] = str(error)
                break
            for table, new in new_rows.items():
                found.setdefault(table, []).extend(r for r in new if _from_story(r, story))
        if doc.article_id in failed:
            continue
        _article_rows(rows, p, run)
        for table, new in found.items():
            rows.setdefault(table, []).extend(new)
    return rows, failed


def _from_story(row: dict[str, Any], story: set[str]) -> bool:
    """Is a fact row from a story sentence? A row of a caption, a byline, a date box or other
    page furniture is dropped, whatever extractor made it; rows of no sentence are kept."""
    sid = row.get("sentence_id")
    return sid is None or sid in story


def _article_rows(rows: dict[str, list[dict[str, Any]]], p: Prepared, run: Run) -> None:
    doc = p.doc
    agency = None if doc.outlet else pubdate.dateline_agency(doc.text, p.sentences)
    rows["articles"].append({
        "article_id": doc.article_id, "source_uri": doc.source_uri, "url": doc.url,
        "outlet": doc.outlet or agency,
        "outlet_basis": "metadata" if doc.outlet else ("dateline" if agency else None),
        "title": doc.title, "published_on": p.published_on,
        "published_basis": p.published_basis, "published_earliest": p.published_earliest,
        "published_latest": p.published_latest, "language": doc.language,
        "text": doc.text, "sha256": doc.sha256, "run_id": run.run_id,
        "source_format": doc.source_format, "char_count": len(doc.text),
    })
    rows["sentences"].extend({
        "sentence_id": f"{doc.article_id}:{s.seq}", "article_id": doc.article_id,
        "seq": s.seq, "char_start": s.char_start, "char_end": s.char_end, "role": s.role,
        "paragraph": s.paragraph, "role_reason": s.role_reason,
    } for s in p.sentences)
    if p.stored:
        return  # the same version, extracted again: its article_versions row stays
    rows["article_versions"].append({
        "source_uri": doc.source_uri, "article_id": doc.article_id, "sha256": doc.sha256,
        "run_id": run.run_id, "loaded_at": run.started_at,
    })


def _write(con: duckdb.DuckDBPyConnection, run: Run, fresh: dict[str, Prepared],
           replaced: dict[str, str], rows: dict[str, list[dict[str, Any]]],
           resolvers: list[Resolver], parquet: dict[str, list[str]] | None = None) -> None:
    """The load's one transaction: replaced articles out, new rows in (``rows``, and the
    Parquet files of a distributed load's shards, in order), then the resolvers."""
    con.execute("BEGIN TRANSACTION")
    try:
        old_ids = list(replaced.values())
        for table in db.ARTICLE_TABLES:
            db.delete_where_in(con, table, "article_id", old_ids)
        db.delete_where_in(con, "articles", "article_id", old_ids)
        for new_id, old_id in replaced.items():
            if new_id == old_id:
                continue  # a stored article extracted again (plan): no new version
            con.execute(
                "UPDATE article_versions SET superseded_by = ?, superseded_run = ? "
                "WHERE article_id = ? AND superseded_by IS NULL",
                [new_id, run.run_id, old_id])
        db.insert_rows(con, "extraction_runs", [run.row(0, "running", {})])
        for table, table_rows in rows.items():
            db.insert_rows(con, table, table_rows)
        for table, files in (parquet or {}).items():
            db.insert_parquet(con, table, files)
        for resolver in resolvers:
            resolver(con, run)
        con.execute("UPDATE extraction_runs SET status = 'completed', finished_at = ?, "
                    "article_count = ? WHERE run_id = ?", [utcnow(), len(fresh), run.run_id])
        _fault_point("before-commit")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def _fault_point(name: str) -> None:
    """Fault injection for the crash-safety test: FACTDB_FAULT=<name> kills the process here."""
    if os.environ.get("FACTDB_FAULT") == name:
        os.kill(os.getpid(), signal.SIGKILL)
