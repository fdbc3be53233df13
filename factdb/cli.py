"""The factdb command line: thin commands over library functions."""

from __future__ import annotations

import errno
import json
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from factdb import __version__
from factdb.errors import DatabaseBusy, FactdbError, SchemaError
from factdb.settings import DEFAULT_DB, Settings

DB_HELP = f"DuckDB database file (default: $FACTDB_DB or ./{DEFAULT_DB})."


def db_option(f: Any) -> Any:
    return click.option("--db", "db_path", metavar="FILE", default=None, help=DB_HELP)(f)


def settings_for(db_path: str | None) -> Settings:
    """The settings of a command; a --db (or FACTDB_DB) that names a DuckLake catalog
    directory reads its last snapshot (factdb.lake.serving_copy)."""
    settings = Settings.from_env(db_path=db_path)
    from factdb import lake

    if lake.is_catalog(settings.db_path):
        from dataclasses import replace

        return replace(settings, db_path=lake.serving_copy(settings.db_path))
    return settings


#: Exit codes (README "Exit codes"): 0 done; 1 done, but some files or items were skipped;
#: 2 error (bad input with --strict, bad query, no database, ...); (3 is no longer used);
#: 4 the database is in use by another process (a load, or a server): nothing was written;
#: 5 (serve) the port is in use or cannot be bound: nothing was served.
EXIT_SKIPPED, EXIT_ERROR, EXIT_BUSY, EXIT_PORT = 1, 2, 4, 5


class FactdbGroup(click.Group):
    """Turns factdb's own errors into one-line messages and their exit codes."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DatabaseBusy as exc:
            click.echo(f"factdb: busy: {exc}", err=True)
            sys.exit(EXIT_BUSY)
        except FactdbError as exc:
            click.echo(f"factdb: error: {exc}", err=True)
            sys.exit(EXIT_ERROR)


@click.group(cls=FactdbGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factdb")
def main() -> None:
    """factdb: a provenance-aware fact database for news articles.

    Load a folder of articles, then query their facts (entities, dates, counts,
    claims, events) with the exact quote and character offsets of each.
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@db_option
@click.option("--strict", is_flag=True,
              help="Fail the whole load (and write nothing) if any file has a problem.")
@click.option("--judgements", metavar="FILE", default=None,
              help="YAML file of entity merge/split judgements to apply (see docs/judgements.md; "
                   "default: $FACTDB_JUDGEMENTS).")
@click.option("--quiet", "-q", is_flag=True, help="Print no progress bar or summary.")
@click.option("--catalog", metavar="DIR", default=None,
              help="Load into the DuckLake catalog in DIR (created when missing), extracting "
                   "on a Dask cluster (docs/scale.md); read it with --db DIR.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="With --catalog: worker processes of the local Dask cluster (default 2).")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="With --catalog: use the Dask cluster at ADDRESS (tcp://HOST:8786) "
                   "instead of a local one.")
def load(paths: tuple[str, ...], db_path: str | None, strict: bool, judgements: str | None,
         quiet: bool, catalog: str | None, workers: int | None, scheduler: str | None) -> None:
    """Load articles (.txt, .md, .json, .jsonl, .html; directories are walked).

    Files with problems are skipped with a message naming the file and the problem
    (or, with --strict, fail the load). The database changes only if the load
    completes: a failed load leaves it exactly as it was.
    """
    from factdb.load import load as run_load

    settings = Settings.from_env(db_path=db_path, judgements_path=judgements)
    from factdb import lake

    if catalog is None and lake.is_catalog(settings.db_path):
        catalog = settings.db_path  # --db DIR (or FACTDB_DB) names a catalog: load into it
    if not catalog and (workers or scheduler):
        raise click.UsageError("--workers and --scheduler load into a catalog: add --catalog DIR")
    if catalog:
        from factdb.scale import load as scale_load

        report = scale_load(list(paths), settings, catalog, workers=workers or 2,
                            scheduler=scheduler, strict=strict, progress=not quiet,
                            command="load " + " ".join(paths))
    else:
        report = run_load(list(paths), settings, strict=strict, progress=not quiet,
                          command="load " + " ".join(paths))
    if not quiet:
        click.echo(f"catalog: {catalog}" if catalog else f"database: {settings.db_path}")
        click.echo(report.summary())
    if report.problems:
        sys.exit(EXIT_SKIPPED)


@main.command()
@click.argument("statement")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of row objects.")
@click.option("--max-rows", default=1000, show_default=True, help="Row cap.")
@click.option("--dialect", type=click.Choice(["duckdb", "postgres", "sqlite"]),
              default="duckdb", show_default=True,
              help="SQL dialect of STATEMENT; it is transpiled to DuckDB.")
def sql(statement: str, db_path: str | None, as_json: bool, max_rows: int,
        dialect: str) -> None:
    """Run one read-only SELECT over the database.

    The statement is parsed and checked (one SELECT over factdb's tables, allow-listed
    functions); the SQL that runs is the one regenerated from the parse. See
    docs/adr/0004-read-only-sql.md.
    """
    from factdb.sqlrun import run_readonly_sql

    result = run_readonly_sql(settings_for(db_path).db_path, statement, max_rows=max_rows,
                              dialect=dialect)
    print_rows(result.columns, result.rows, as_json)
    if result.truncated:
        click.echo(f"(truncated at {max_rows} rows)", err=True)


@main.command()
@click.argument("name")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="A query parameter; repeat for several.")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of row objects.")
def query(name: str, params: tuple[str, ...], db_path: str | None, as_json: bool) -> None:
    """Run a named fact query (see sql/queries/ and `factdb query list`)."""
    from factdb import db
    from factdb.queries import get, key_values, registry

    if name == "list":
        for q in registry().values():
            args = ", ".join(p.name if p.required else f"{p.name}={p.default!r}"
                             for p in q.params)
            click.echo(f"{q.name}({args})  {q.title}")
        return
    values = key_values(params)
    named = get(name)
    named.bind(values)
    con = db.connect(settings_for(db_path).db_path, read_only=True)
    try:
        columns, rows = named.run(con, values)
    finally:
        con.close()
    print_rows(columns, rows, as_json)


@main.command()
@click.argument("run_a")
@click.argument("run_b")
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="A line per fact, or the whole diff as JSON.")
@click.option("--kind", "kinds", multiple=True,
              type=click.Choice(["count", "date", "claim", "event", "entity"]),
              help="Only facts of this kind; repeat for several.")
def diff(run_a: str, run_b: str, db_path: str | None, fmt: str,
         kinds: tuple[str, ...]) -> None:
    """Facts added, removed or changed from run RUN_A to run RUN_B (docs/changes.md)."""
    from factdb import changes, db

    con = db.connect(settings_for(db_path).db_path, read_only=True)
    try:
        result = changes.diff_runs(con, run_a, run_b, kinds or None)
    finally:
        con.close()
    if fmt == "json":
        click.echo(json.dumps(result.as_dict(), indent=2, default=str, ensure_ascii=False))
        return
    click.echo(changes.diff_table(result))


@main.group()
def export() -> None:
    """Export the database to files."""


@export.command("parquet")
@click.argument("directory")
@db_option
@click.option("--query", "query_name", metavar="NAME", default=None,
              help="Also export the rows of this named query as DIRECTORY/NAME.parquet.")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="A parameter of --query; repeat for several.")
def export_parquet(directory: str, db_path: str | None, query_name: str | None,
                   params: tuple[str, ...]) -> None:
    """Write one Parquet file per table into DIRECTORY, with a manifest.

    Files keep DuckDB's types (dates, lists, structs) and are zstd-compressed;
    manifest.json gives the run, and each file's rows, sha256 and schema. Nothing in
    DIRECTORY changes unless every file was written.
    """
    from factdb.errors import QueryParamError
    from factdb.publish.parquet import export_parquet as run_export
    from factdb.queries import get, key_values

    if params and not query_name:
        raise QueryParamError("-p/--param needs --query NAME")
    query = (get(query_name), key_values(params)) if query_name else None
    manifest = run_export(settings_for(db_path).db_path, directory, query)
    tables = manifest["tables"]
    click.echo(f"exported {len(tables)} tables ({sum(t['rows'] for t in tables.values())} "
               f"rows) to {directory}/ (manifest.json, run {manifest['run_id']})")
    for name, entry in manifest.get("queries", {}).items():
        click.echo(f"query {name}: {entry['rows']} rows in {directory}/{entry['file']}")


@main.command()
@click.argument("directory")
@db_option
def publish(directory: str, db_path: str | None) -> None:
    """Write a SQLite copy and Datasette metadata into DIRECTORY.

    DIRECTORY gets factdb.db (every table, with keys, indexes and full-text search),
    a generated metadata.yml (descriptions, facets, canned queries), settings.json and
    plugins/: browse it with `datasette serve DIRECTORY`, or under /datasette/ of
    `factdb serve`.
    """
    from factdb.publish import build

    report = build(settings_for(db_path).db_path, directory)
    click.echo(report.summary())


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind.")
@click.option("--port", default=8000, show_default=True, envvar="PORT",
              help="Port of the JSON API (also $PORT); 0 picks a free one.")
@click.option("--datasette", "publish_dir", metavar="DIR", default=None,
              help="Serve Datasette at /datasette/ over DIR, a directory written by "
                   "`factdb publish` (default: $FACTDB_PUBLISH_DIR, else <db>-datasette/ "
                   "next to the database, published or refreshed when older than it).")
@click.option("--no-datasette", is_flag=True, help="Serve the JSON API only.")
def serve(db_path: str | None, host: str, port: int, publish_dir: str | None,
          no_datasette: bool) -> None:
    """Serve the database read-only over HTTP: the JSON API and Datasette.

    Routes live under /v1 (articles, entities, events, counts, dates, claims, named
    queries, POST /v1/sql); OpenAPI at /schema, status at /health, Datasette at
    /datasette/. The database is opened read-only. Limits and CORS are settings
    (FACTDB_API_*, see docs/api.md). The port is checked first: when it is in use,
    serve says so and exits 5 (pick another with --port N or PORT=N).
    """
    from dataclasses import replace

    import uvicorn

    from api.app import create_app
    from api.settings import ApiSettings
    from factdb.sqlrun import process_memory_cap

    # the port first: a busy port is said before anything is opened or announced
    sock = _bind(host, port)
    port = sock.getsockname()[1]
    api_settings = ApiSettings.from_env(db_path=settings_for(db_path).db_path)
    if no_datasette:
        api_settings = replace(api_settings, publish_dir=None)
    else:
        chosen = publish_dir or api_settings.publish_dir
        api_settings = replace(api_settings,
                               publish_dir=chosen or _fresh_publish_dir(api_settings.db_path))
    try:
        app = create_app(api_settings)
    except BaseException:
        sock.close()
        raise
    extra = " and Datasette at /datasette/" if api_settings.publish_dir else ""
    click.echo(f"factdb: serving {api_settings.db_path} read-only on http://{host}:{port}/ "
               f"(OpenAPI: /schema){extra}", err=True)
    # X-Forwarded-For is read by the app, from trusted proxies only (FACTDB_API_TRUSTED_PROXIES):
    # uvicorn must not rewrite the peer address from it; the server's memory is capped
    with process_memory_cap(api_settings.memory_cap_bytes) if api_settings.memory_cap_bytes \
            else _nothing():
        server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning",
                                               proxy_headers=False, server_header=False))
        server.run(sockets=[sock])


def _bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (handed to uvicorn), or exit EXIT_PORT saying what to
    do: the check and the bind are one step, so no other process can take the port between."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        click.echo(f"factdb: cannot serve on host '{host}': {exc.strerror}", err=True)
        sys.exit(EXIT_PORT)
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            click.echo(f"factdb: port {port} is in use (another server, or an earlier "
                       f"`factdb serve`): pass --port N (or set PORT=N, also for `make run`), "
                       "or stop the other server", err=True)
        else:
            click.echo(f"factdb: cannot serve on {host}:{port}: {exc.strerror}", err=True)
        sys.exit(EXIT_PORT)
    sock.set_inheritable(True)
    return sock


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def _fresh_publish_dir(db_path: str) -> str | None:
    """<db>-datasette/ next to the database, (re)published when missing or older than it.
    None (API only, with a warning) when it cannot be written."""
    from factdb.publish import PublishError, build

    source = Path(db_path)
    if not source.is_file():
        raise SchemaError(f"{db_path}: no such database; build it with `factdb load`")
    target = source.with_name(source.stem + "-datasette")
    copy = target / "factdb.db"
    if copy.is_file() and copy.stat().st_mtime >= source.stat().st_mtime:
        return str(target)
    try:
        click.echo(f"factdb: publishing {db_path} for Datasette into {target}/", err=True)
        build(db_path, target)
    except (OSError, PublishError) as exc:
        click.echo(f"factdb: warning: Datasette not served: {exc}", err=True)
        return None
    return str(target)


@main.command()
@db_option
def migrate(db_path: str | None) -> None:
    """Bring an existing database to this version's schema (`load` does it too)."""
    import duckdb

    from factdb import db

    path = settings_for(db_path).db_path
    if not Path(path).is_file():
        raise SchemaError(f"{path}: no such database; build it with `factdb load`")
    try:
        con = duckdb.connect(path)
    except duckdb.IOException as exc:
        if "lock" not in str(exc).lower():
            raise
        raise DatabaseBusy(f"{path}: the database is in use by another process; stop it "
                           "and run the migration again") from None
    try:
        done = db.migrate(con)
    finally:
        con.close()
    applied = ", ".join(f"{v:03d}" for v in done) if done else "none (already current)"
    click.echo(f"{path}: migrations applied: {applied}")


@main.command()
@db_option
def info(db_path: str | None) -> None:
    """Print row counts per table and the extraction runs."""
    from factdb.summary import describe

    click.echo(describe(settings_for(db_path).db_path))


def print_rows(columns: list[str], rows: list[tuple[Any, ...]], as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps([dict(zip(columns, r, strict=True)) for r in rows],
                              default=str, ensure_ascii=False, indent=2))
        return
    cells = [[("" if v is None else str(v)) for v in r] for r in rows]
    widths = [min(max([len(c)] + [len(r[i]) for r in cells]), 60) for i, c in enumerate(columns)]
    click.echo("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    click.echo("  ".join("-" * w for w in widths))
    for r in cells:
        click.echo("  ".join(v[:w].ljust(w) for v, w in zip(r, widths, strict=True)))
    click.echo(f"({len(rows)} rows)")


if __name__ == "__main__":
    main()
