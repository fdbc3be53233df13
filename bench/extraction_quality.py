"""Precision and recall of every extractor on the hand-written fixtures, in one run.

    .venv/bin/python bench/extraction_quality.py [-v]

The fixtures (tests/fixtures/{entities,dates,counts,claims,events}/) hold expected facts
for the seeds and for texts on other subjects (elections, disasters, economy, sport, other
conflicts); the events fixtures are stories told by several articles, loaded with the
full pipeline. The scorers are the ones the tests assert with (tests/*_scoring.py); this
script prints their figures side by side. -v also prints every miss and false alarm.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factdb import db  # noqa: E402
from factdb.extract import entities  # noqa: E402
from factdb.load import load  # noqa: E402
from factdb.resolve import aliases  # noqa: E402
from factdb.settings import Settings  # noqa: E402
from tests import (  # noqa: E402
    claim_scoring,
    count_scoring,
    date_scoring,
    entity_scoring,
    event_scoring,
)


def entity_scores(verbose: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        fixtures = entity_scoring.all_fixtures()
        paths = {f.name: entity_scoring.write_articles(f, Path(tmp) / "texts")
                 for f in fixtures}
        path = Path(tmp) / "entities.duckdb"
        load([str(p) for ps in paths.values() for p in ps.values()],
             Settings(db_path=str(path)), extractors=[entities.extract],
             resolvers=[aliases.resolve])
        con = db.connect(path, read_only=True)
        try:
            for label, chosen in (("other subjects", [f for f in fixtures if f.name != "seeds"]),
                                  ("seeds", [f for f in fixtures if f.name == "seeds"])):
                score = entity_scoring.score_entities(
                    [(f, entity_scoring.predicted_for(con, paths[f.name])) for f in chosen])
                print(f"entities ({label}, {len(chosen)} fixtures): {score.summary()}")
                if verbose:
                    print(*("  " + p for p in score.problems), sep="\n")
        finally:
            con.close()


def date_scores(verbose: bool) -> None:
    from factdb.extract.dates import extract

    cases = date_scoring.load_cases()
    total, _ = date_scoring.evaluate(extract, cases)
    print(total.line(f"dates ({len(cases)} fixtures)"))
    if verbose:
        print(*("  " + x for x in total.misses + total.false_alarms + total.disagreements),
              sep="\n")


def event_scores(verbose: bool) -> None:
    total, per = event_scoring.evaluate()
    print(f"events ({len(per)} stories): {total.report()}")
    if verbose:
        print(*("  " + p for p in total.problems), sep="\n")


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    began = time.perf_counter()
    entity_scores(verbose)
    date_scores(verbose)
    print("counts: " + count_scoring.evaluate().report())
    print("claims: " + claim_scoring.score_all().report())
    event_scores(verbose)
    print(f"(scored in {time.perf_counter() - began:.1f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
