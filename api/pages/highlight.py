"""The article text with its facts highlighted: the text is cut at every sentence and fact
offset and each piece escaped, so untrusted text never becomes markup. docs/adr/0013."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from factdb.ingest.records import STORY_ROLES


def highlight(text: str, sentences: list[tuple[int, int, str]], facts: list[dict[str, Any]],
              span: tuple[int, int] | None) -> Markup:
    """HTML of `text`: each sentence a span with its role (furniture greyed by CSS), each
    piece covered by facts a span with their kinds, an empty anchor `id="cSTART-END"` at
    the start of every fact (and of the marked span), and the marked span in <mark>."""
    cuts = {0, len(text)}
    for s, e, _ in sentences:
        cuts.update((s, e))
    for f in facts:
        cuts.update((f["char_start"], f["char_end"]))
    if span:
        cuts.update(span)
    bounds = sorted(c for c in cuts if 0 <= c <= len(text))
    anchors: dict[int, list[str]] = {}
    seen: set[str] = set()
    spans = [(f["char_start"], f["char_end"]) for f in facts] + ([span] if span else [])
    for s, e in spans:
        ident = f"c{s}-{e}"
        if ident not in seen:
            seen.add(ident)
            anchors.setdefault(s, []).append(ident)
    starts = {s: (e, role) for s, e, role in sentences}
    ends = {e for _, e, _ in sentences}
    starting: dict[int, list[int]] = {}
    for i, f in enumerate(facts):
        if f["char_start"] < f["char_end"]:
            starting.setdefault(f["char_start"], []).append(i)
    active: set[int] = set()  # the facts covering the current piece (a sweep over the cuts)
    out: list[str] = []
    open_sentence = False
    for a, b in zip(bounds, bounds[1:], strict=False):
        active = {i for i in active if facts[i]["char_end"] > a}
        active.update(starting.get(a, ()))
        if a in ends and open_sentence:
            out.append("</span>")
            open_sentence = False
        if a in starts and not open_sentence:
            role = starts[a][1]
            cls = "sent" if role in STORY_ROLES else "sent furniture"
            out.append(f'<span class="{cls} role-{escape(role)}" data-role="{escape(role)}">')
            open_sentence = True
        for ident in anchors.get(a, []):
            out.append(f'<span class="anchor" id="{ident}"></span>')
        covering = [facts[i] for i in sorted(active)]
        piece = str(escape(text[a:b]))
        if covering:
            kinds = sorted({str(f["kind"]) for f in covering})
            title = "; ".join(f"{f['kind']}: {f['fact']}" for f in covering[:6])
            cls = " ".join(f"k-{escape(k)}" for k in kinds)
            piece = f'<span class="fact {cls}" title="{escape(title)}">{piece}</span>'
        if span and span[0] <= a and b <= span[1]:
            piece = f'<mark class="cited">{piece}</mark>'
        out.append(piece)
    if open_sentence:
        out.append("</span>")
    return Markup("".join(out))
