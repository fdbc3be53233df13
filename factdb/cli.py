"""The factdb command line: thin commands over library functions."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from factdb import __version__
from factdb.errors import FactdbError, NotBuiltYet
from factdb.settings import DEFAULT_DB, Settings

DB_HELP = f"DuckDB database file (default: $FACTDB_DB or ./{DEFAULT_DB})."


def db_option(f: Any) -> Any:
    return click.option("--db", "db_path", metavar="FILE", default=None, help=DB_HELP)(f)


def settings_for(db_path: str | None) -> Settings:
    return Settings.from_env(db_path=db_path)


class FactdbGroup(click.Group):
    """Turns factdb's own errors into one-line messages and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NotBuiltYet as exc:
            click.echo(f"factdb: {exc}", err=True)
            sys.exit(3)
        except FactdbError as exc:
            click.echo(f"factdb: error: {exc}", err=True)
            sys.exit(2)


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
@click.option("--quiet", "-q", is_flag=True, help="Print no progress bar or summary.")
def load(paths: tuple[str, ...], db_path: str | None, strict: bool, quiet: bool) -> None:
    """Load articles (.txt, .md, .json, .jsonl, .html; directories are walked).

    Files with problems are skipped with a message naming the file and the problem
    (or, with --strict, fail the load). The database changes only if the load
    completes: a failed load leaves it exactly as it was.
    """
    from factdb.load import load as run_load

    settings = settings_for(db_path)
    report = run_load(list(paths), settings, strict=strict, progress=not quiet,
                      command="load " + " ".join(paths))
    if not quiet:
        click.echo(f"database: {settings.db_path}")
        click.echo(report.summary())
    if report.problems:
        sys.exit(1)


@main.command()
@click.argument("statement")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of row objects.")
@click.option("--max-rows", default=1000, show_default=True, help="Row cap.")
def sql(statement: str, db_path: str | None, as_json: bool, max_rows: int) -> None:
    """Run one read-only SELECT over the database."""
    from factdb.sqlrun import run_readonly_sql

    result = run_readonly_sql(settings_for(db_path).db_path, statement, max_rows=max_rows)
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
    """Run a named fact query (see sql/queries/)."""
    raise NotBuiltYet("`factdb query` is not built yet: the named fact queries land with the "
                      "fact-queries release (issue 5)")


@main.group()
def export() -> None:
    """Export the database to files."""


@export.command("parquet")
@click.argument("directory")
@db_option
def export_parquet(directory: str, db_path: str | None) -> None:
    """Write one Parquet file per table into DIRECTORY, with a manifest."""
    raise NotBuiltYet("`factdb export parquet` is not built yet: it lands with the "
                      "publishing release (issue 6)")


@main.command()
@click.argument("directory")
@db_option
def publish(directory: str, db_path: str | None) -> None:
    """Write a SQLite copy and Datasette metadata into DIRECTORY."""
    raise NotBuiltYet("`factdb publish` is not built yet: it lands with the publishing "
                      "release (issue 6)")


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind.")
@click.option("--port", default=8000, show_default=True, help="Port of the JSON API.")
def serve(db_path: str | None, host: str, port: int) -> None:
    """Serve the database read-only over HTTP (JSON API)."""
    raise NotBuiltYet("`factdb serve` is not built yet: the HTTP API lands with issue 5; "
                      "meanwhile use `factdb sql`")


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
