"""What changed (docs/changes.md): the fact diff between two runs, between versions of an
article, and a feed (Atom or JSON Feed) per named query of the rows changed since a run."""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from typing import Annotated, Any, cast

from litestar import Controller, Request, Response, get
from litestar.exceptions import NotFoundException
from litestar.params import PathParameter, QueryParameter

from api.jsonable import jsonable
from api.params import Cursor
from factdb import changes
from factdb.errors import UnknownQuery
from factdb.queries import get as get_query

ATOM = "http://www.w3.org/2005/Atom"
ATOM_MEDIA_TYPE = "application/atom+xml"
FEED_MEDIA_TYPE = "application/feed+json"
Since = Annotated[str, QueryParameter(
    description="Id of an extraction run: list what was added or changed after it")]


class ChangesController(Controller):
    tags = ["changes"]

    @get("/v1/runs/{run_a:str}/diff/{run_b:str}", operation_id="diff_runs",
         sync_to_thread=True, summary="Facts added, removed or changed between two runs")
    def diff_runs(
        self, cur: Cursor,
        run_a: Annotated[str, PathParameter(description="The earlier run (run_id)")],
        run_b: Annotated[str, PathParameter(description="The later run (run_id)")],
    ) -> dict[str, Any]:
        return cast(dict[str, Any], jsonable(changes.diff_runs(cur, run_a, run_b).as_dict()))

    @get("/v1/articles/{article_id:str}/versions/diff", operation_id="diff_article_versions",
         sync_to_thread=True,
         summary="Facts added, removed or changed between two versions of an article")
    def diff_versions(
        self, cur: Cursor,
        article_id: Annotated[str, PathParameter(
            description="Id of an article version (article_id, current or replaced)")],
        against: Annotated[str | None, QueryParameter(
            description="Id of an earlier version of the same source to compare with "
                        "(default: the version just before)")] = None,
    ) -> dict[str, Any]:
        out = changes.diff_versions(cur, article_id, against).as_dict()
        out["versions"] = changes.versions(cur, article_id)
        return cast(dict[str, Any], jsonable(out))

    @get("/v1/feeds/{feed:str}", operation_id="query_feed", sync_to_thread=True,
         summary="A feed of a named query's rows with facts added or changed since a run",
         description="`/v1/feeds/<query>.atom` (Atom) or `/v1/feeds/<query>.json` (JSON "
                     "Feed 1.1); `since` is a run id, the other query-string parameters are "
                     "the named query's.")
    def feed(self, request: Request[Any, Any, Any], cur: Cursor,
             feed: Annotated[str, PathParameter(description="<query name>.atom or .json")],
             since: Since) -> Response[Any]:
        name, _, fmt = feed.rpartition(".")
        if fmt not in ("atom", "json") or not name:
            raise NotFoundException(f"no feed '{feed}': ask for <query>.atom or <query>.json")
        try:
            query = get_query(name)
        except UnknownQuery as exc:
            raise NotFoundException(str(exc)) from None
        values = {k: v for k, v in request.query_params.items() if k != "since"}
        since_run = changes.run_info(cur, since)  # UnknownChange: 404
        latest = changes.latest_run(cur)
        _, found = changes.rows_since(cur, query, values, since)
        finished = {r.run_id: r.finished_at or r.started_at for r in changes.runs(cur)}
        base = str(request.base_url).rstrip("/")
        entries = [_entry(name, c, finished, base) for c in found]
        meta = {"query": name, "since": since_run.run_id, "latest": latest.run_id,
                "params": values, "self": str(request.url),
                "updated": _stamp(latest.finished_at or latest.started_at)}
        if fmt == "json":
            return Response(_json_feed(meta, entries), media_type=FEED_MEDIA_TYPE)
        return Response(_atom(meta, entries), media_type=ATOM_MEDIA_TYPE)


def _stamp(at: datetime) -> str:
    return at.replace(tzinfo=UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _entry(name: str, c: changes.ChangedRow, finished: dict[str, datetime],
           base: str) -> dict[str, Any]:
    row = jsonable(c.row)
    digest = hashlib.sha256(json.dumps(row, sort_keys=True, default=str).encode()).hexdigest()
    title = next((str(row[k]) for k in ("fact", "label", "event_label", "content", "subject",
                                        "name", "quote") if row.get(k)), name)
    updated = max(finished[r] for r in c.runs if r in finished) if c.runs else None
    links = [f"{base}/v1/articles/{x['article_id']}" for x in c.changed]
    return {"id": f"urn:factdb:{name}:{digest[:32]}", "title": title,
            "updated": _stamp(updated) if updated else None, "row": row,
            "citations": jsonable(c.citations), "changed": jsonable(c.changed),
            "links": list(dict.fromkeys(links)), "runs": c.runs}


def _citation_text(c: dict[str, Any]) -> str:
    where = c.get("outlet") or c.get("article_id")
    return f"{where} [{c.get('char_start')}:{c.get('char_end')}]: \u201c{c.get('quote')}\u201d"


def _atom(meta: dict[str, Any], entries: list[dict[str, Any]]) -> bytes:
    ET.register_namespace("", ATOM)

    def sub(parent: ET.Element, tag: str, text: str | None = None,
            **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            el.text = text
        return el

    root = ET.Element(f"{{{ATOM}}}feed")
    sub(root, "id", f"urn:factdb:feed:{meta['query']}:since:{meta['since']}")
    sub(root, "title", f"factdb: {meta['query']}, changed since {meta['since']}")
    sub(root, "updated", meta["updated"])
    sub(root, "link", rel="self", href=meta["self"])
    sub(sub(root, "author"), "name", "factdb")
    for e in entries:
        entry = sub(root, "entry")
        sub(entry, "id", e["id"])
        sub(entry, "title", e["title"])
        sub(entry, "updated", e["updated"] or meta["updated"])
        for href in e["links"]:
            sub(entry, "link", rel="related", href=href)
        sub(entry, "summary", "\n".join(_citation_text(c) for c in e["changed"]))
        sub(entry, "content", json.dumps({"row": e["row"], "citations": e["citations"]},
                                         ensure_ascii=False), type="text")
    return cast(bytes, ET.tostring(root, encoding="utf-8", xml_declaration=True))


def _json_feed(meta: dict[str, Any], entries: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "version": "https://jsonfeed.org/version/1.1",
        "title": f"factdb: {meta['query']}, changed since {meta['since']}",
        "feed_url": meta["self"],
        "_factdb": {k: meta[k] for k in ("query", "since", "latest", "params", "updated")},
        "items": [{"id": e["id"], "title": e["title"], "date_modified": e["updated"],
                   "url": e["links"][0] if e["links"] else None,
                   "content_text": "\n".join(_citation_text(c) for c in e["changed"]),
                   "_factdb": {"row": e["row"], "citations": e["citations"],
                               "changed_citations": e["changed"], "runs": e["runs"]}}
                  for e in entries],
    }
