"""Classification of claims: the kind (quote, paraphrase, hedge...), the speaker kind,
the original source and relays ("citing ..."), and surnames of named speakers.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any

from factdb.extract.claims.quotes import DATELINE_AGENCY, Frame
from factdb.extract.context import ArticleContext
from factdb.extract.tokens import Tok
from factdb.lang import attribution as A

# --- classification: kind, hedge, original source, relay --------------------------------

def _span_text(text: str, span: tuple[int, int] | None) -> str:
    return text[span[0]:span[1]] if span else ""


def _ents_in(toks: list[Tok], starts: list[int], span: tuple[int, int]) -> list[Tok]:
    lo = bisect_left(starts, span[0])
    hi = bisect_left(starts, span[1])
    return toks[lo:hi]


def _label(toks: list[Tok], starts: list[int], span: tuple[int, int]) -> str | None:
    labels = [t.ent for t in _ents_in(toks, starts, span) if t.ent]
    return labels[-1] if labels else None


def _self_names(ctx: ArticleContext) -> list[str]:
    """The article's own reporter: its outlet, or the agency in a wire dateline '(Agency)'."""
    names = [ctx.outlet] if ctx.outlet else []
    for s in ctx.sentences[:8]:
        if s.role == "dateline" or s.role_reason == "dateline":
            m = DATELINE_AGENCY.search(ctx.text, s.char_start, s.char_end)
            if m:
                names.append(m.group(1))
    return names


def _publisher(text: str, toks: list[Tok], starts: list[int],
               span: tuple[int, int]) -> str | None:
    """'an AP report', 'the agency's investigation': the name before a document noun."""
    ts = _ents_in(toks, starts, span)
    for n, t in enumerate(ts):
        if t.lower in A.DOCUMENT_NOUNS and n > 0:
            k = n
            while k > 0 and ts[k - 1].tag in ("NNP", "NNPS", "POS"):
                k -= 1
            names = [x for x in ts[k:n] if x.tag in ("NNP", "NNPS")]
            if names and all(x.ent not in ("GPE", "NORP", "PERSON", "DATE") for x in names):
                return text[names[0].start:names[-1].end]
            return None
    return None


def _classify(ctx: ArticleContext, frames: list[Frame], toks: list[Tok],
              starts: list[int]) -> None:
    text = ctx.text
    known: dict[str, str] = {A.source_key(n): n for n in _self_names(ctx)}
    self_keys = set(known)

    def outletish(span: tuple[int, int] | None) -> bool:
        if span is None:
            return False
        name = _span_text(text, span)
        core = re.sub(r"^(?:the)\s+", "", name, flags=re.IGNORECASE)
        return A.looks_like_outlet_name(core, _label(toks, starts, span))

    # pass 1: outlets named in the article
    for f in _all(frames):
        spk = _span_text(text, f.speaker)
        if f.addressee and outletish(f.addressee):
            known.setdefault(A.source_key(_span_text(text, f.addressee)),
                             _span_text(text, f.addressee))
        if f.by:
            known.setdefault(A.source_key(_span_text(text, f.by)), _span_text(text, f.by))
        if f.speaker and not A.ANAPHORIC_OUTLETS.match(spk) and (
                A.head_noun(spk) in A.MEDIA_WORDS
                or (f.verb == "report" and outletish(f.speaker))
                or (f.verb == "report" and f.cited and spk[:1].isupper()
                    and not A.is_institution(spk))):
            known.setdefault(A.source_key(spk), spk)
        if f.speaker:
            pub = _publisher(text, toks, starts, f.speaker)
            if pub:
                known.setdefault(A.source_key(pub), pub)
        if f.outer:
            pub = _publisher(text, toks, starts, f.outer)
            if pub:
                known.setdefault(A.source_key(pub), pub)

    def is_outlet(span: tuple[int, int] | None) -> bool:
        if span is None:
            return False
        name = _span_text(text, span)
        return A.source_key(name) in known or A.head_noun(name) in A.MEDIA_WORDS

    # pass 2: kinds, explicit originals, relay chains
    for f in _all(frames):
        if f.cited and f.speaker and f.kind != "according" and (
                f.verb in ("report", "say", "write") and is_outlet(f.speaker)):
            f.outer, f.speaker = f.speaker, f.cited
            f.cue = (f.outer[0], f.citing_end)
        spk = _span_text(text, f.speaker)
        f.speaker_kind = _speaker_kind(text, toks, starts, f, spk, is_outlet)
        f.hedge = f.hedge or A.is_hedged(spk)
        outer = _span_text(text, f.outer)
        if f.outer and is_outlet(f.speaker):
            f.original, f.relay = spk, outer
        elif f.outer:
            f.original = (_publisher(text, toks, starts, f.outer) or
                          (outer if is_outlet(f.outer) else None))
        elif f.addressee and is_outlet(f.addressee):
            f.original = _span_text(text, f.addressee)
        elif f.by:
            f.original = _span_text(text, f.by)
        elif f.speaker_kind == "outlet" and not A.ANAPHORIC_OUTLETS.match(spk):
            f.original = spk
        elif f.speaker_kind == "document" and f.speaker:
            f.original = _publisher(text, toks, starts, f.speaker)
        f.original_explicit = f.original is not None

    _surnames(text, _all(frames))

    # pass 3: anaphora ("the news agency", "the report", "was quoted as saying", "the sources")
    ordered = list(_all(frames))
    for n, f in enumerate(ordered):
        if f.original is not None:
            continue
        spk = _span_text(text, f.speaker)
        if A.ANAPHORIC_SOURCES.search(spk):
            for p in reversed(ordered[:n]):
                if p.speaker and re.search(r"\bsources?\b", _span_text(text, p.speaker),
                                           re.IGNORECASE):
                    f.original = p.original
                    break
        elif (A.ANAPHORIC_OUTLETS.match(spk) or A.ANAPHORIC_DOCUMENTS.match(spk)
              or (f.kind == "passive" and f.by is None)):
            before = [p for p in ordered[:n] if p.original_explicit]
            after = [p for p in ordered[n + 1:] if p.original_explicit]
            src = before[-1] if before else after[0] if after else None
            if src is not None:
                f.original = src.original
    for f in ordered:
        if f.original is None:
            continue
        key = A.source_key(f.original)
        if key in self_keys:
            f.relay, f.relayed = None, False
            continue
        f.relayed = True
        if f.relay is None and ctx.outlet:
            f.relay = ctx.outlet


def _surnames(text: str, frames: list[Frame]) -> None:
    """'Okafor said' after 'commission chair Helen Okafor told ...': a named person too."""
    people = set()
    for f in frames:
        if f.speaker_kind == "named_person":
            name = A.head_chunk(_span_text(text, f.speaker)).split()
            if len(name) >= 2:
                people.add(name[-1])
    for f in frames:
        spk = _span_text(text, f.speaker)
        if f.speaker_kind in ("named_org", "anonymous") and spk in people:
            f.speaker_kind = "named_person"


def _all(frames: list[Frame]) -> list[Frame]:
    out: list[Frame] = []
    for f in frames:
        out.append(f)
        out.extend(f.extras)
    out.sort(key=lambda f: (f.span or (0, 0), f.cue))
    return out


def _speaker_kind(text: str, toks: list[Tok], starts: list[int], f: Frame, spk: str,
                  is_outlet: Any) -> str | None:
    """named_person | named_org | anonymous (unnamed people) | document | outlet."""
    if f.speaker is None:
        return "anonymous" if f.kind == "hedge" else None
    low = spk.lower()
    if low in A.PRONOUN_KINDS:
        return A.PRONOUN_KINDS[low]
    head = A.head_noun(spk)
    if head in A.DOCUMENT_NOUNS or A.ANAPHORIC_DOCUMENTS.match(spk):
        return "document"
    if A.ANAPHORIC_OUTLETS.match(spk) or (is_outlet(f.speaker) and head not in
                                          A.PERSON_ROLE_NOUNS):
        return "outlet"
    chunk = A.head_chunk(spk)
    ts = _ents_in(toks, starts, (f.speaker[0], f.speaker[0] + len(chunk)))
    rest = spk[len(chunk):].lstrip()
    appos = rest.lstrip(" ,") if rest.startswith(",") else ""
    appos_head = A.head_noun(appos) if appos else ""
    relative = bool(re.match(r",\s*who\b", rest))
    named = bool(ts) and (ts[-1].tag in ("NNP", "NNPS") or _capitalised_name(ts))
    if named:
        if appos_head in A.INSTITUTION_NOUNS:
            return "named_org"
        if ts[-1].ent == "PERSON" or relative or appos_head in A.PERSON_ROLE_NOUNS or any(
                t.lower.rstrip(".") in A.TITLES | A.PERSON_ROLE_NOUNS for t in ts[:-1]):
            return "named_person"
        return "named_org"
    if appos:
        ats = _ents_in(toks, starts, (f.speaker[1] - len(appos), f.speaker[1]))
        if ats and all(t.tag in ("NNP", "NNPS") for t in ats):
            return "named_org" if head in A.INSTITUTION_NOUNS else "named_person"
    if head in A.PERSON_ROLE_NOUNS:
        return "anonymous"
    return "named_org"


def _capitalised_name(ts: list[Tok]) -> bool:
    """A name the tagger missed: the last word capitalised (and not just sentence-initial)."""
    last = ts[-1]
    if not last.text[:1].isupper() or last.lower in A.PERSON_ROLE_NOUNS | A.INSTITUTION_NOUNS:
        return False
    return len(ts) > 1 or last.text.isupper() or last.ent != ""
