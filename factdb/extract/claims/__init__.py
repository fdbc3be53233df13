"""Claims: statements an article attributes to a source, with speaker, cue and relay levels.

A claim is found from an attribution frame (a speaker and a reporting cue: "X said",
"X told Y", "according to X", "X was quoted as saying", "X declined to comment",
"reportedly", a headline's "- report") and the content the frame attributes: a
quotation next to it, the clause after it ("X said (that) ..."), or the clause before it
("..., X said."). Relay chains ("X reported, citing Y", "told <outlet>", "the news agency
said") give the original reporter and the relaying outlet. See docs/claims.md.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from factdb.extract.claims.classify import _all, _classify, _span_text
from factdb.extract.claims.contents import (
    _attach_contents,
    ends_on_colon,
    introduced_content,
    nested_contents,
    open_quotation,
)
from factdb.extract.claims.frames import _sentence_frames
from factdb.extract.claims.links import link_counts
from factdb.extract.claims.quotes import EXTRACTOR, Frame, _tokens, find_quotes
from factdb.extract.claims.syntax import trim_speaker
from factdb.extract.context import ArticleContext
from factdb.extract.provenance import provenance
from factdb.ingest.records import Sentence
from factdb.lang import attribution as A

# --- the extractor ----------------------------------------------------------------------

def extract(ctx: ArticleContext) -> dict[str, list[dict[str, Any]]]:
    toks = _tokens(ctx)
    starts = [t.start for t in toks]
    frames: list[Frame] = []
    carried: Frame | None = None  # the frame whose quotation the last paragraph left open
    introduced: list[Frame] = []  # frames that end the last paragraph on a colon
    last_seq = -2
    for para in _paragraphs(ctx):
        p_start, p_end = para[0].char_start, para[-1].char_end
        quotes = find_quotes(ctx.text, p_start, p_end)
        para_frames: list[Frame] = []
        for sentence in para:
            lo = bisect_left(starts, sentence.char_start)
            hi = bisect_left(starts, sentence.char_end)
            para_frames.extend(_sentence_frames(ctx, sentence, toks[lo:hi], quotes))
        if para[0].seq != last_seq + 1:
            carried = None  # a line that is no story (a caption) stands between
            introduced = []
        nested = [f for f in para_frames if f.nested]
        para_frames = [f for f in para_frames if not f.nested]
        _attach_contents(ctx, para, para_frames, quotes, toks, starts, carried)
        nested_contents(ctx, nested, quotes, toks, starts)
        for f in introduced:
            introduced_content(ctx.text, f, para, quotes, para_frames)
        introduced = [f for f in para_frames if f.span is None and
                      ends_on_colon(ctx.text, f, para)]
        carried = open_quotation([*([carried] if carried else []), *para_frames], quotes)
        last_seq = para[-1].seq
        frames.extend(para_frames)
        frames.extend(nested)
    frames = [f for f in frames if f.span is not None]
    for f in frames:
        if f.speaker is not None:
            f.speaker = trim_speaker(ctx.text, f.speaker)
    _classify(ctx, frames, toks, starts)
    rows = [_row(ctx, n, f) for n, f in enumerate(_all(frames))]
    link_counts(ctx.earlier("counts"), rows)   # counts ran before: who gives each figure
    return {"claims": rows}


def _paragraphs(ctx: ArticleContext) -> list[list[Sentence]]:
    out: list[list[Sentence]] = []
    for s in ctx.story_sentences():
        if out and out[-1][-1].paragraph == s.paragraph and out[-1][-1].seq == s.seq - 1:
            out[-1].append(s)
        else:
            out.append([s])
    return out


# --- rows -------------------------------------------------------------------------------

#: What each attribution frame kind (Frame.kind) rests on.
FRAME_REASONS = {
    "speech": "a speaker with a reporting verb",
    "intent": "a speaker with a verb of intent ('vowed', 'threatened')",
    "document": "a document as the subject of a finding verb ('the study found')",
    "agent": "a passive with its agent ('as reported by X')",
    "according": "'according to' names the source",
    "passive": "a passive attribution ('was quoted as saying')",
    "no_comment": "a speaker declining to comment",
    "hedge": "only a hedge word ('reportedly'), no speaker named",
    "headline": "a headline's attribution",
    "adding": "a participle ('..., saying') whose speaker is its clause's subject",
}


def _reason(f: Frame) -> str:
    """What set a claim's confidence: the frame kind and where its content was found."""
    parts = [FRAME_REASONS.get(f.kind, "an attribution frame")]
    if f.content is None:
        pass
    elif f.content[0] < f.sentence.char_start and not f.direct:
        parts.append("content is the sentence before the attribution")
    elif f.direct and f.content[0] >= f.sentence.char_end:
        parts.append("content is a quotation continuing the speaker's earlier one")
    elif f.mixed:
        parts.append("content is reported speech with a quotation inside")
    elif f.direct:
        parts.append("content is a quotation beside the attribution")
    else:
        parts.append("content is the clause the attribution introduces")
    if f.hedge and f.kind != "hedge":
        parts.append("hedged")
    return "; ".join(parts)


def _row(ctx: ArticleContext, n: int, f: Frame) -> dict[str, Any]:
    text = ctx.text
    assert f.span is not None
    row = provenance(ctx, f.span[0], f.span[1], EXTRACTOR, f.confidence, _reason(f))
    content = _span_text(text, f.content) if f.content else None
    row.update({
        "claim_id": f"{ctx.article_id}:c{n}",
        "speaker": _span_text(text, f.speaker) or None,
        "speaker_entity_id": None,
        "cue": text[f.cue[0]:f.cue[1]],
        "is_direct_quote": f.direct,
        "claim_group_id": None,
        "content": content,
        "content_start": f.content[0] if f.content else None,
        "content_end": f.content[1] if f.content else None,
        "speaker_start": f.speaker[0] if f.speaker else None,
        "speaker_end": f.speaker[1] if f.speaker else None,
        "cue_start": f.cue[0],
        "cue_end": f.cue[1],
        "speaker_kind": f.speaker_kind,
        "hedge": f.hedge,
        "claim_kind": "no_comment" if f.kind == "no_comment" else "statement",
        "original_source": f.original,
        "relay_speaker": f.relay,
        "is_relayed": f.relayed,
        "content_key": A.content_key(content) if content else None,
        "role": f.sentence.role,
    })
    return row
