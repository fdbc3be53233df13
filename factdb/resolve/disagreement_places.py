"""Place disagreements: articles that place one event in different places."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import duckdb

from factdb.resolve.disagreement_rows import chosen_articles, evidence
from factdb.resolve.local_events import NAME_BEFORE

PLACE_TYPES = ("GPE", "LOC", "FAC")


def place_disagreements(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str | None,
                                                                      dict[str, list[Any]]]]:
    """Articles that place one event in different places: the places named inside the
    trigger's place arguments ("in X", "the visit to X"), each side cited by that argument.
    Two places are no disagreement when one may lie in the other: one name holds the other
    ("Lorvik" and "Lorvik airport"), or one sentence of the event's articles names both
    ("in X, Y", "X in the Y region")."""
    rows = con.execute("""
        WITH args AS (
            SELECT m.mention_id, m.article_id, m.event_id, m.sentence_id,
                   unnest(m.place_starts) AS p_start, unnest(m.place_ends) AS p_end
            FROM event_mentions m WHERE len(coalesce(m.place_starts, [])) > 0)
        SELECT g.mention_id AS fact_id, g.article_id, a.outlet,
               substr(a.text, g.p_start + 1, g.p_end - g.p_start) AS quote,
               g.p_start AS char_start, g.p_end AS char_end, g.event_id, ev.label,
               e.entity_id, n.name, a.text[greatest(e.char_start - 24, 0) + 1:e.char_start]
        FROM args g JOIN events ev ON ev.event_id = g.event_id
        JOIN articles a ON a.article_id = g.article_id
        JOIN entity_mentions e ON e.sentence_id = g.sentence_id
             AND e.char_start >= g.p_start AND e.char_end <= g.p_end
        JOIN entities n ON n.entity_id = e.entity_id
        WHERE n.entity_type IN ?
        ORDER BY g.event_id, g.article_id, g.p_start""", [list(PLACE_TYPES)]).fetchall()
    names = ["fact_id", "article_id", "outlet", "quote", "char_start", "char_end",
             "event_id", "label", "entity_id", "name"]
    by_event: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for *values, lead in rows:
        if not NAME_BEFORE.search(lead or ""):  # not "France" of "the Stade de France"
            by_event[values[6]].append(dict(zip(names, values, strict=True)))
    together = _named_together(con, {r["article_id"] for v in by_event.values() for r in v})
    out: list[tuple[str, str | None, dict[str, list[Any]]]] = []
    for event_id, found in by_event.items():
        places = {r["entity_id"]: r["name"] for r in found}
        articles: dict[str, set[str]] = defaultdict(set)
        for r in found:
            articles[r["entity_id"]].add(r["article_id"])

        ids = sorted(places)
        disputed = {p for i, x in enumerate(ids) for y in ids[i + 1:]
                    if _apart(places, articles, together, x, y) for p in (x, y)}
        if not disputed:
            continue
        positions: dict[str, list[dict[str, Any]]] = defaultdict(list)
        seen: set[tuple[str, str]] = set()
        for r in found:
            if r["entity_id"] in disputed and (r["fact_id"], r["entity_id"]) not in seen:
                seen.add((r["fact_id"], r["entity_id"]))
                positions[places[r["entity_id"]]].append(evidence(r))
        out.append((f"place of {found[0]['label']}", event_id, dict(positions)))
    return out


def _apart(places: dict[str, str], articles: dict[str, set[str]],
           together: set[frozenset[str]], x: str, y: str) -> bool:
    """Whether places x and y of one event are two positions: told by different articles,
    neither name holding the other, never named together in one sentence."""
    nx, ny = places[x].lower(), places[y].lower()
    return nx not in ny and ny not in nx and frozenset((x, y)) not in together \
        and len(articles[x] | articles[y]) >= 2 and articles[x] != articles[y]


def _named_together(con: duckdb.DuckDBPyConnection,
                    articles: set[str]) -> set[frozenset[str]]:
    """Pairs of places that one sentence of these articles names together."""
    if not articles:
        return set()
    with chosen_articles(con, articles):
        return {frozenset((x, y)) for x, y in con.execute("""
            SELECT DISTINCT a.entity_id, b.entity_id
            FROM entity_mentions a JOIN _chosen USING (article_id) JOIN entity_mentions b
                 ON a.sentence_id = b.sentence_id AND a.entity_id < b.entity_id""").fetchall()}
