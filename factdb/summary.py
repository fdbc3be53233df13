"""A human-readable description of a database: row counts and runs."""

from __future__ import annotations

from factdb import db


def describe(db_path: str) -> str:
    con = db.connect(db_path, read_only=True)
    try:
        counts = db.row_counts(con, db.SUMMARY_TABLES)
        runs = con.execute(
            "SELECT run_id, status, article_count, started_at, command FROM extraction_runs "
            "ORDER BY started_at").fetchall()
    finally:
        con.close()
    width = max(len(t) for t in counts)
    lines = [f"database: {db_path}"]
    lines += [f"  {t:<{width}} {n:>7}" for t, n in counts.items()]
    lines.append(f"runs: {len(runs)}")
    lines += [f"  {r[0]}  {r[1]:<9} {r[2]:>5} articles  {r[3]:%Y-%m-%d %H:%M:%S}  {r[4]}"
              for r in runs]
    return "\n".join(lines)
