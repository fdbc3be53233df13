"""The content of each page, as plain values for its template. docs/adr/0013."""

from __future__ import annotations

from collections import Counter
from typing import Any

import duckdb

from api.pages.chart import bars, counts_chart, number_text, plural
from api.pages.data import (
    Articles,
    article_href,
    parse_span,
    run,
)
from api.pages.highlight import highlight
from factdb.ingest.records import STORY_ROLES

#: the most rows a list on a page shows (the rest are counted)
MAX_ROWS = 200


def _claim(c: dict[str, Any], arts: Articles, groups: dict[str, dict[str, Any]]
           ) -> dict[str, Any]:
    """A claim with its speaker, cue, content, sources and readable citation."""
    group = groups.get(c.get("claim_group_id") or "")
    cites = c.get("citations") or [{"article_id": c["article_id"], "quote": c["quote"],
                                    "char_start": c["char_start"], "char_end": c["char_end"]}]
    return {**c, "group": group, "citations": arts.cite(cites)}


def _groups(cur: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    cols = ["group_id", "fact_kind", "label", "member_count", "article_count", "outlet_count",
            "independent_source_count", "relay_count", "original_sources"]
    rows = cur.execute(f"SELECT {', '.join(cols)} FROM fact_groups "
                       "WHERE group_id IN (SELECT unnest($ids))", {"ids": ids}).fetchall()
    return {r[0]: dict(zip(cols, r, strict=True)) for r in rows}


def landing(cur: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    cols = ["event_id", "event_type", "label", "date_start", "date_end", "location_entity_id",
            "location", "mention_count", "article_count"]
    events = [dict(zip(cols, r, strict=True)) for r in cur.execute(
        "SELECT e.event_id, e.event_type, e.label, e.date_start, e.date_end, "
        "e.location_entity_id, l.name, e.mention_count, e.article_count FROM events AS e "
        "LEFT JOIN entities AS l ON l.entity_id = e.location_entity_id "
        "ORDER BY e.article_count DESC, e.mention_count DESC, e.label, e.event_id LIMIT $n",
        {"n": MAX_ROWS}).fetchall()]
    entities = cur.execute(
        "SELECT entity_id, name, entity_type, article_count, mention_count FROM entities "
        "ORDER BY article_count DESC, mention_count DESC, name LIMIT $n",
        {"n": MAX_ROWS}).fetchall()
    articles = cur.execute(
        "SELECT article_id, outlet, source_uri, published_on, title FROM articles "
        "ORDER BY published_on DESC NULLS LAST, source_uri LIMIT $n", {"n": MAX_ROWS}
    ).fetchall()
    # an article without a title is named by its first headline sentence
    headlines = dict(cur.execute(
        "SELECT s.article_id, substr(a.text, s.char_start + 1, s.char_end - s.char_start) "
        "FROM (SELECT article_id, min(char_start) AS char_start, arg_min(char_end, char_start)"
        "      AS char_end FROM sentences WHERE role = 'headline' AND article_id IN "
        "      (SELECT unnest($ids)) GROUP BY article_id) AS s "
        "JOIN articles AS a USING (article_id)",
        {"ids": [r[0] for r in articles if not r[4]]}).fetchall())
    entity_total, event_total, article_total, disagreement_total = cur.execute(
        "SELECT (SELECT count(*) FROM entities), (SELECT count(*) FROM events), "
        "(SELECT count(*) FROM articles), (SELECT count(*) FROM disagreements)").fetchone() \
        or (0, 0, 0, 0)
    return {"events": events, "event_total": event_total,
            "entities": [dict(zip(("entity_id", "name", "entity_type", "article_count",
                                   "mention_count"), r, strict=True)) for r in entities],
            "entity_total": entity_total,
            "articles": [{"article_id": r[0], "outlet": r[1] or r[2].rsplit("/", 1)[-1],
                          "published_on": r[3],
                          "title": r[4] or headlines.get(r[0]) or r[2].rsplit("/", 1)[-1],
                          "href": article_href(r[0])} for r in articles],
            "article_total": article_total, "disagreement_total": disagreement_total}


def event(cur: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    head = cur.execute("SELECT event_type, date_start, date_end FROM events "
                       "WHERE event_id = $id", {"id": event_id}).fetchone()
    if head is None:
        return None
    # the timeline's row of this event: asked for its type and dates, so the answer is small
    rows = [e for e in run(cur, "event_timeline", type=head[0],
                           **{"from": str(head[1] or ""), "to": str(head[2] or "")})
            if e["event_id"] == event_id]
    if not rows:
        return None
    ev = rows[0]
    arts = Articles(cur)
    mentions = run(cur, "fact_citations", kind="event", id=event_id)
    cites = mentions[0]["citations"] if mentions else ev["citations"]
    participants = cur.execute(
        "SELECT p.entity_id, any_value(e.name), any_value(e.entity_type), "
        "  string_agg(DISTINCT p.role, ', ' ORDER BY p.role), sum(p.mention_count) "
        "FROM event_participants AS p JOIN entities AS e USING (entity_id) "
        "WHERE p.event_id = $id GROUP BY p.entity_id ORDER BY 5 DESC, 2", {"id": event_id}
    ).fetchall()
    outlets = Counter((c["article_id"]) for c in cites)
    arts.load(set(outlets))
    sources = [{"article_id": a, "outlet": arts.cache[a].label,
                "published_on": arts.cache[a].published_on, "mentions": n,
                "href": article_href(a)} for a, n in sorted(outlets.items())
               if a in arts.cache]
    # counts before, during and after: counts_around_event, one chart per anchored unit
    units = [u for (u,) in cur.execute(
        "SELECT DISTINCT lower(unit) FROM counts WHERE anchor_event_id = $id "
        "AND unit IS NOT NULL ORDER BY 1", {"id": event_id}).fetchall()]
    series = []
    n = 0
    for unit in units:
        found = [r for r in run(cur, "counts_around_event", event=event_id, unit=unit)
                 if r["event_id"] == event_id]
        for r in found:
            r["n"] = n
            r["number"] = number_text(r)
            r["unit_text"] = plural(r["unit"], r)
            r["cites"] = arts.cite(r["citations"])
            n += 1
        series.append({"unit": unit, "rows": found,
                       "chart": counts_chart(found, ev["date_start"])})
        for point in (series[-1]["chart"] or {}).get("points", []):
            point["n"] = found[point["index"]]["n"]
    # counts and claims in the sentences that report the event (their sources)
    sentence_ids = [r[0] for r in cur.execute(
        "SELECT DISTINCT sentence_id FROM event_mentions WHERE event_id = $id",
        {"id": event_id}).fetchall()]
    reported = cur.execute(
        "SELECT count_id, value, value_low, value_high, qualifier, unit, group_id, article_id, "
        "quote, char_start, char_end, confidence, confidence_reason FROM counts "
        "WHERE sentence_id IN (SELECT unnest($s)) "
        "AND coalesce(role, 'body') IN ('headline', 'body') "
        "ORDER BY unit, value, article_id, char_start",
        {"s": sentence_ids}).fetchall()
    cols = ["count_id", "value", "value_low", "value_high", "qualifier", "unit", "group_id",
            "article_id", "quote", "char_start", "char_end", "confidence", "confidence_reason"]
    counts = [dict(zip(cols, r, strict=True)) for r in reported]
    claim_cols = ["claim_id", "speaker", "cue", "content", "quote", "is_direct_quote", "hedge",
                  "is_relayed", "original_source", "relay_speaker", "claim_group_id",
                  "article_id", "char_start", "char_end", "speaker_entity_id", "confidence",
                  "confidence_reason"]
    claims = [dict(zip(claim_cols, r, strict=True)) for r in cur.execute(
        f"SELECT {', '.join(claim_cols)} FROM claims WHERE sentence_id IN "
        "(SELECT unnest($s)) ORDER BY article_id, char_start", {"s": sentence_ids}).fetchall()]
    groups = _groups(cur, sorted({c["group_id"] for c in counts if c["group_id"]}
                                 | {c["claim_group_id"] for c in claims
                                    if c["claim_group_id"]}))
    by_group: dict[str, list[dict[str, Any]]] = {}
    for c in counts:
        by_group.setdefault(c["group_id"] or c["count_id"], []).append(c)
    count_groups = []
    for key, members in by_group.items():
        count_groups.append({
            "number": number_text(members[0]),
            "unit": plural(members[0]["unit"], members[0]),
            "group": groups.get(key),
            "reasons": sorted({(m["confidence"], m["confidence_reason"]) for m in members
                               if m["confidence_reason"]}, reverse=True),
            "cites": arts.cite([{k: m[k] for k in ("article_id", "quote", "char_start",
                                                   "char_end")} for m in members])})
    relayed = [c for c in claims if c["is_relayed"]]
    origins = sorted({c["original_source"] for c in claims if c["original_source"]})
    outlets_n = len({s["outlet"] for s in sources})
    summary = {"articles": len(sources), "outlets": outlets_n, "claims": len(claims),
               "relayed": len(relayed), "first_hand": len(claims) - len(relayed),
               "origins": origins}
    disagreements = [d for d in run(cur, "disagreements", event=event_id)
                     if d["event_id"] == event_id]
    return {"event": ev, "participants": participants, "source_articles": sources,
            "summary": summary,
            "mentions": arts.cite(cites), "series": series, "count_groups": count_groups,
            "claims": [_claim(c, arts, groups) for c in claims[:MAX_ROWS]],
            "claim_total": len(claims),
            "disagreements": [_disagreement(d, arts) for d in disagreements]}


def _disagreement(d: dict[str, Any], arts: Articles) -> dict[str, Any]:
    return {**d, "sides": [{**s, "cites": arts.cite(s["citations"])} for s in d["sides"]]}


def disagreements(cur: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    arts = Articles(cur)
    rows = run(cur, "disagreements", event="")
    return {"disagreements": [_disagreement(d, arts) for d in rows[:MAX_ROWS]],
            "total": len(rows)}


def entity(cur: duckdb.DuckDBPyConnection, entity_id: str) -> dict[str, Any] | None:
    rows = [e for e in run(cur, "entity_profile", entity=entity_id)
            if e["entity_id"] == entity_id]
    if not rows:
        return None
    ent = rows[0]
    arts = Articles(cur)
    names = sorted({ent["name"], *(ent["aliases"] or [])})
    surfaces = cur.execute(
        "SELECT quote, count(*), count(DISTINCT article_id), list(DISTINCT article_id "
        "ORDER BY article_id) FROM entity_mentions WHERE entity_id = $id "
        "GROUP BY quote ORDER BY 2 DESC, 1", {"id": entity_id}).fetchall()
    arts.load({a for s in surfaces for a in s[3]})
    merged = [{"name": s[0], "mentions": s[1], "article_count": s[2],
               "articles": [{"label": arts.cache[a].label, "href": article_href(a)}
                            for a in s[3] if a in arts.cache]} for s in surfaces]
    judgements = cur.execute(
        "SELECT j.run_id, r.started_at, j.action, j.names, j.entity_type, j.note "
        "FROM entity_judgements AS j LEFT JOIN extraction_runs AS r USING (run_id) "
        "WHERE list_has_any(j.names, $names) OR contains(j.note, $id) "
        "ORDER BY r.started_at, j.action", {"names": names, "id": entity_id}).fetchall()
    per_day = Counter[Any]()
    for a in ent["articles"] or []:
        per_day[a["published_on"]] += a["mentions"]
    timeline = sorted(((d, n) for d, n in per_day.items() if d is not None), key=lambda t: t[0])
    # the query's largest page: its claims whose speaker is this entity (not the claims of
    # speaker texts that only contain the name), the first MAX_ROWS shown
    claims_by = [c for c in run(cur, "claims_by_entity", entity=entity_id, limit="1000")
                 if c["speaker_entity_id"] == entity_id]
    claim_cols = ["claim_id", "speaker", "cue", "content", "quote", "is_direct_quote", "hedge",
                  "is_relayed", "original_source", "relay_speaker", "claim_group_id",
                  "article_id", "char_start", "char_end", "speaker_entity_id"]
    about = [dict(zip(claim_cols, r, strict=True)) for r in cur.execute(
        f"SELECT {', '.join('c.' + c for c in claim_cols)} FROM claims AS c "
        "WHERE EXISTS (SELECT 1 FROM entity_mentions AS m WHERE m.entity_id = $id "
        "  AND m.article_id = c.article_id AND m.char_start >= c.content_start "
        "  AND m.char_end <= c.content_end) ORDER BY c.article_id, c.char_start",
        {"id": entity_id}).fetchall()]
    groups = _groups(cur, sorted({c["claim_group_id"] for c in claims_by + about
                                  if c["claim_group_id"]}))
    events = cur.execute(
        "SELECT e.event_id, e.label, e.date_start, p.role, e.article_count "
        "FROM event_participants AS p JOIN events AS e USING (event_id) "
        "WHERE p.entity_id = $id ORDER BY e.date_start NULLS LAST, e.label",
        {"id": entity_id}).fetchall()
    located = cur.execute(
        "SELECT event_id, label, date_start, 'place', article_count FROM events "
        "WHERE location_entity_id = $id ORDER BY date_start NULLS LAST, label",
        {"id": entity_id}).fetchall()
    roles: dict[tuple[Any, ...], list[str]] = {}
    for e in list(events) + list(located):
        roles.setdefault(tuple(e[:3]), []).append(e[3] or "")
    return {"entity": ent, "names": names, "merged": merged, "judgements": judgements,
            "timeline": timeline, "chart": bars(timeline),
            "articles": [{**a, "label": (arts.get(a["article_id"]).label  # type: ignore[union-attr]
                                         if arts.get(a["article_id"]) else a["article_id"]),
                          "href": article_href(a["article_id"])}
                         for a in ent["articles"] or []],
            "mentions": arts.cite(ent["citations"]),
            "claims_by": [_claim(c, arts, groups) for c in claims_by[:MAX_ROWS]],
            "claims_by_total": len(claims_by),
            "claims_about": [_claim(c, arts, groups) for c in about[:MAX_ROWS]],
            "events": [(*key, ", ".join(dict.fromkeys(r))) for key, r in roles.items()]}


#: (kind as article_facts names it, table, id column) of every fact table.
FACT_TABLES = [("entity", "entity_mentions", "mention_id"), ("date", "dates", "date_id"),
               ("count", "counts", "count_id"), ("claim", "claims", "claim_id"),
               ("event", "event_mentions", "event_id")]


def _reasons(cur: duckdb.DuckDBPyConnection, article_id: str
             ) -> dict[tuple[str, str, int], str | None]:
    """The confidence reason of each fact of an article, by (kind, id, char_start)."""
    sql = " UNION ALL ".join(
        f"SELECT '{kind}', {key}, char_start, confidence_reason FROM {table} "
        "WHERE article_id = $a" for kind, table, key in FACT_TABLES)
    return {(k, i, s): r for k, i, s, r in cur.execute(sql, {"a": article_id}).fetchall()}


def article(cur: duckdb.DuckDBPyConnection, article_id: str,
            at: str | None) -> dict[str, Any] | None:
    arts = Articles(cur)
    info = arts.get(article_id)
    if info is None:
        return None
    facts = run(cur, "article_facts", article=article_id)
    facts = [f for f in facts if f["char_start"] is not None and f["char_end"] is not None]
    span = parse_span(at, len(info.text))
    sentences = list(zip(info.starts, info.ends, info.roles, strict=True))
    kinds = Counter(f["kind"] for f in facts)
    reasons = _reasons(cur, article_id)
    for f in facts:
        f["confidence_reason"] = reasons.get((f["kind"], f["id"], f["char_start"]))
        f["href"] = article_href(article_id, f["char_start"], f["char_end"])
        f["furniture"] = (f.get("sentence_role") or "body") not in STORY_ROLES
    headline = next((info.text[s:e] for s, e, r in sentences if r == "headline"), None)
    return {"article": info, "html": highlight(info.text, sentences, facts, span),
            "heading": info.title or headline or info.label,
            "facts": facts, "kinds": sorted(kinds.items()), "span": span,
            "marked": info.text[span[0]:span[1]] if span else None,
            "furniture_roles": sorted({r for r in info.roles if r not in STORY_ROLES})}
