"""What a frame says: its content from quotations, continued paragraphs, or the
reported clause ("X said that ..."), trimmed of attribution and connectors.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from factdb.extract.claims.quotes import (
    CONNECTOR_TAIL,
    CUE_QUOTE_GAP,
    FINITE_TAGS,
    LEADING_JUNK,
    NP_TAGS,
    QUOTE_TOKENS,
    TAIL_MARKERS,
    VERB_TAGS,
    WEAK_VERBS,
    Frame,
    Quote,
)
from factdb.extract.context import ArticleContext
from factdb.extract.tokens import Tok
from factdb.ingest.records import Sentence
from factdb.lang import attribution as A

# --- contents ---------------------------------------------------------------------------

def _attach_contents(ctx: ArticleContext, para: list[Sentence], frames: list[Frame],
                     quotes: list[Quote], toks: list[Tok], starts: list[int],
                     carried: Frame | None = None) -> None:
    """Contents of the paragraph's frames; carried: the frame whose quotation the previous
    paragraph left open (its continuation may open this one)."""
    text = ctx.text
    used_quotes: set[int] = set()
    for inner, source in _relayed_frames(text, frames):
        # "According to the agency, the commander stressed C": two claims, the agency's
        # (its content the whole clause) and the commander's (its content after the cue,
        # the agency its original source when an outlet)
        source.relays = inner
        inner.outer, inner.boundary = source.speaker, "start"
    for f in frames:
        if f.kind == "headline":
            f.span = (min(f.content or f.cue) if f.content else f.cue[0],
                      max(f.cue[1], f.speaker[1] if f.speaker else 0,
                          f.content[1] if f.content else 0))
            continue
        if f.kind == "no_comment":
            end = _sentence_content_end(text, f.sentence)
            f.span = (f.region_start if text[f.region_start] != "," else f.speaker[0]
                      if f.speaker else f.cue[0], max(end, f.cue[1]))
            continue
        if f.kind == "hedge":
            a = _sentence_content_start(text, f.sentence)
            b = _sentence_content_end(text, f.sentence)
            f.content = (a, b)
            f.span = (a, b)
            continue
        if f.kind == "agent":
            if f.boundary == "previous":
                _previous_sentence_content(text, para, f, quoted=False)
            elif f.content:
                f.span = (min(f.content[0], f.cue[0]), max(f.content[1], _attr_end(f)))
            continue
        if f.boundary == "full_stop":
            _previous_sentence_content(text, para, f)
            continue
        if f.kind in ("speech", "passive", "intent", "adding") and _quote_content(
                text, f, quotes, frames, used_quotes, toks):
            continue
        restart = _lowercase_restart(text, f, toks, starts)
        if restart == "previous":
            # "... Richard Roe. the officials added on condition of anonymity."
            _previous_sentence_content(text, para, f, quoted=False)
            if f.span is not None:
                continue
        elif restart == "inside" and f.speaker is not None:
            a, b = _trim_content(text, _sentence_content_start(text, f.sentence),
                                 text.rindex(".", 0, f.speaker[0]))
            if b > a:
                f.content, f.span, f.confidence = (a, b), (a, _attr_end(f)), 0.7
                continue
        _clause_content(ctx, f, frames, toks, starts)
    _continuations(text, para, frames, quotes, used_quotes, carried)


def nested_contents(ctx: ArticleContext, frames: list[Frame], quotes: list[Quote],
                    toks: list[Tok], starts: list[int]) -> None:
    """Contents of the frames inside quotations: the clause after the cue, up to the close
    of its quotation or the next such frame."""
    for f in frames:
        _clause_content(ctx, f, frames, toks, starts)
        q = next((q for q in quotes if q.open < f.cue[0] < q.close), None)
        if f.content is None or q is None:
            f.span = None
            continue
        a, b = _trim_content(ctx.text, f.content[0], min(f.content[1], q.close))
        if b <= a:
            f.content = f.span = None
            continue
        f.content, f.span = (a, b), (f.span[0] if f.span else (f.speaker or f.cue)[0], b)


#: What may stand between "According to X" and the clause it relays: a comma, or a
#: relative clause on the source (", which cited officials,").
_SOURCE_CLAUSE = re.compile(r"\s*(?:,\s*(?:which|who)\b[^.;:“”\"]*(?=,))?[\s,]*")


def _relayed_frames(text: str, frames: list[Frame]) -> list[tuple[Frame, Frame]]:
    """(the clause's frame, the source's) for a sentence opening "According to X, ..."
    whose clause is itself an attribution ("According to the agency, the commander
    stressed the risks"): the agency relays the commander's claim."""
    out = []
    for a in frames:
        if a.kind != "according" or a.cue[0] > _sentence_content_start(text, a.sentence) + 1:
            continue
        end = max(a.region_end, a.cited[1] if a.cited else 0)  # "X, which cited Y,"
        for f in frames:
            if f is not a and f.sentence is a.sentence and f.kind == "speech" and \
                    f.speaker is not None and not f.inverted and f.speaker[0] >= end and \
                    _SOURCE_CLAUSE.fullmatch(text, end, f.speaker[0]):
                out.append((f, a))
                break
    return out


def _lowercase_restart(text: str, f: Frame, toks: list[Tok], starts: list[int]) -> str | None:
    """A speaker in lower case right after a full stop, with only the attribution after
    it: the stop was written where a comma belonged, so the statement is what precedes
    it ("previous": the sentence before; "inside": the same sentence, up to the stop)."""
    if f.speaker is None or f.inverted or f.kind != "speech" or not text[f.speaker[0]].islower():
        return None
    a = _sentence_content_start(text, f.sentence)
    before = text[a:f.speaker[0]].rstrip()
    if f.speaker[0] != a and not (before.endswith(".") and len(before) > 1):
        return None
    stoks = toks[bisect_left(starts, f.sentence.char_start):
                 bisect_left(starts, f.sentence.char_end)]
    if not _tail_is_attribution(text, stoks, f, _sentence_content_end(text, f.sentence)):
        return None
    return "previous" if f.speaker[0] == a else "inside"


def _previous_sentence_content(text: str, para: list[Sentence], f: Frame,
                               quoted: bool = True) -> None:
    """'The raid "helped the government". said an official.': the full stop before the
    attribution ends the statement's sentence; the content is that sentence."""
    prev = [s for s in para if s.char_end <= f.sentence.char_start]
    if not prev:
        return
    a = _sentence_content_start(text, prev[-1])
    b = _sentence_content_end(text, prev[-1])
    if quoted and text[a:b].count("“") + text[a:b].count('"') == 0:
        return                      # only a quotation marks the statement as someone's
    a, b = _trim_content(text, a, b)
    if b > a:
        f.content = (a, b)
        f.span = (a, _attr_end(f))
        f.confidence = 0.7


def _attr_start(f: Frame) -> int:
    if f.speaker and not f.inverted and f.kind != "adding":
        return min(f.speaker[0], f.cue[0])
    return f.cue[0]


def _attr_end(f: Frame) -> int:
    return max(f.cue[1], f.speaker[1] if f.speaker and f.kind != "adding" else 0)


def _quote_content(text: str, f: Frame, quotes: list[Quote], frames: list[Frame],
                   used: set[int], toks: list[Tok]) -> bool:
    """Attach a quotation before or after the frame; True when one was attached."""
    a, b = _attr_start(f), _attr_end(f)
    for n, q in enumerate(quotes):
        if not q.closed or q.end > a or n in used:
            continue
        gap = text[q.end:a]
        inner_a, inner_b = q.inner(text)
        last = text[q.close - 1] if q.close > q.open + 1 else ""
        if re.fullmatch(r"[\s,:]*", gap) and (last in ",?!—–-…" or gap.strip().startswith(
                (",", ":"))):
            if f.boundary not in ("quote", "comma") and not f.inverted and not (
                    f.boundary == "start" and ":" in gap):
                continue
            if inner_b <= inner_a:
                continue
            used.add(n)
            f.content, f.direct = (inner_a, inner_b), True
            f.span = (q.open, b)
            f.confidence = 0.9
            mixed = _mixed_start(text, f, q, toks)
            if mixed is not None:       # 'P “worked with all parties” that C “Q,” S said'
                f.content, f.direct, f.mixed = (mixed, inner_b), False, True
                f.span = (mixed, b)
                f.confidence = 0.8
            _split_quote(text, f, quotes, used, b)
            return True
    for n, q in enumerate(quotes):
        if q.open < b or n in used:
            continue
        if not CUE_QUOTE_GAP.fullmatch(text[b:q.open]) or not _ends_sentence(text, q, f):
            return False
        inner_a, inner_b = q.inner(text)
        if inner_b <= inner_a:
            return False
        used.add(n)
        f.content, f.direct = (inner_a, inner_b), True
        f.span = (a, q.end)
        f.confidence = 0.9
        return True
    return False


def _mixed_start(text: str, f: Frame, q: Quote, toks: list[Tok]) -> int | None:
    """Where a mixed quotation's statement starts: the reported clause opens the sentence
    before the quotation ("The mayor “did everything” to warn them that the dam would
    “fail within hours,” an engineer said"); None for a plain quotation."""
    s = f.sentence
    a = _sentence_content_start(text, s)
    if not s.char_start <= a < q.open:
        return None
    prefix = [t for t in toks if a <= t.start and t.end <= q.open]
    if len(prefix) < 3 or any(t.text in (".", "!", "?", ";") for t in prefix):
        return None
    if not any(t.tag in FINITE_TAGS for t in prefix):
        return None
    return a


def _split_quote(text: str, f: Frame, quotes: list[Quote], used: set[int], b: int) -> None:
    """'"Q1," she said, "Q2."': the second part is a claim of the same frame."""
    for n, q in enumerate(quotes):
        if q.open < b or n in used:
            continue
        if not CUE_QUOTE_GAP.fullmatch(text[b:q.open]) or text[b:q.open].count(",") == 0:
            return
        if not _ends_sentence(text, q, f):
            return
        inner_a, inner_b = q.inner(text)
        if inner_b > inner_a:
            used.add(n)
            extra = _copy_frame(f)
            extra.content = (inner_a, inner_b)
            extra.span = (_attr_start(f), q.end)
            f.extras.append(extra)
        return


def _copy_frame(f: Frame) -> Frame:
    return Frame(f.kind, f.sentence, f.cue, speaker=f.speaker, verb=f.verb,
                 addressee=f.addressee, by=f.by, cited=f.cited, citing_end=f.citing_end,
                 parenthetical=f.parenthetical, boundary=f.boundary, inverted=f.inverted,
                 hedge=f.hedge, region_start=f.region_start, region_end=f.region_end,
                 direct=True, confidence=f.confidence)


def _ends_sentence(text: str, q: Quote, f: Frame) -> bool:
    if not q.closed:
        return True
    k = q.end
    while k < len(text) and text[k] in " .!?…":
        k += 1
    return k >= len(text) or text[k] in "\n\"”" or (k > q.end and text[k].isupper())


def _continuations(text: str, para: list[Sentence], frames: list[Frame],
                   quotes: list[Quote], used: set[int], carried: Frame | None = None) -> None:
    """A quotation opening a sentence of its own continues the previous direct quote: of
    this paragraph, or of the previous one when that one left its quotation open (news
    copy reopens a quotation that runs on over paragraphs: '"... do.' then '"They ...')."""
    sentence_starts = {s.char_start for s in para}
    for n, q in enumerate(quotes):
        if n in used or q.open not in sentence_starts:
            continue
        if any(q.open <= (fr.span or (-1, -1))[0] < q.end for fr in frames):
            continue
        prev = [fr for fr in frames if (fr.direct or fr.mixed) and fr.span
                and fr.span[1] <= q.open]
        if not prev and carried is None:
            continue
        p = prev[-1] if prev else carried
        assert p is not None
        inner_a, inner_b = q.inner(text)
        if inner_b <= inner_a:
            continue
        used.add(n)
        extra = _copy_frame(p)
        extra.content = (inner_a, inner_b)
        # the citation holds the attribution when it is in the same paragraph; a quotation
        # carried over from an earlier paragraph is cited alone (the speaker is a column)
        extra.span = (min(_attr_start(p), p.cue[0]), q.end) if prev else (q.open, q.end)
        extra.confidence = 0.75 if prev else 0.7
        p.extras.append(extra)


def open_quotation(frames: list[Frame], quotes: list[Quote]) -> Frame | None:
    """The direct frame whose quotation the paragraph leaves open at its end (no closing
    mark), or None."""
    if not quotes or quotes[-1].closed:
        return None
    last = quotes[-1]
    for f in reversed(frames):
        for g in (*reversed(f.extras), f):
            if (g.direct or g.mixed) and g.content and last.open <= g.content[0] < last.end:
                return f
    return None


#: a list's number or bullet before an item ("1. ", "2) ", "- ", "• ")
_LIST_MARKER = re.compile(r"(?:\d{1,2}[.)]|[-•*])\s+")


def ends_on_colon(text: str, f: Frame, para: list[Sentence]) -> bool:
    """Whether the frame's sentence ends its paragraph on a colon with nothing said after
    the cue: "X released a statement in response to the strike:", "Y said in a
    statement:" (what was said is the next paragraph)."""
    s = f.sentence
    if s is not para[-1]:
        return False
    written = text[s.char_start:s.char_end].rstrip()
    return written.endswith(":") and f.cue[1] < s.char_start + len(written)


def introduced_content(text: str, f: Frame, para: list[Sentence], quotes: list[Quote],
                       frames: list[Frame]) -> None:
    """The statement a colon introduced at the end of the previous paragraph: the quotation
    that opens this paragraph, or the paragraph itself when it is set without quotation
    marks (a statement printed as a block). Its words are the source's own (a direct quote);
    the citation is the statement alone, as for a quotation carried over from an earlier
    paragraph (the speaker and cue keep their offsets). Not when a frame of this paragraph
    already attributes its opening quotation ('"We ...," she said.')."""
    start = _sentence_content_start(text, para[0])
    if quotes and quotes[0].open == start:
        q = quotes[0]
        if any(g.content and q.open <= g.content[0] < q.end for g in frames):
            return
        a, b = q.inner(text)
        span = (q.open, q.end)
    else:
        if any(g.span for g in frames if g.sentence is para[0]):
            return  # the paragraph opens with an attribution of its own
        a, b = _trim_content(text, start, _sentence_content_end(text, para[-1]))
        marker = _LIST_MARKER.match(text, a, b)
        a = marker.end() if marker else a  # "stated that:" then "1. Policy is appropriate"
        span = (a, b)
    if b <= a:
        return
    f.content, f.span, f.direct, f.confidence = (a, b), span, True, 0.7


def _sentence_content_start(text: str, s: Sentence) -> int:
    m = LEADING_JUNK.match(text, s.char_start, s.char_end)
    return m.end() if m else s.char_start


def _sentence_content_end(text: str, s: Sentence) -> int:
    b = s.char_end
    while b > s.char_start and (text[b - 1] in ".!?…" or text[b - 1].isspace()):
        b -= 1
    return b


def _trim_content(text: str, a: int, b: int) -> tuple[int, int]:
    m = CONNECTOR_TAIL.search(text, a, b)
    if m and m.start() >= a:
        b = m.start()
    while a < b and text[a] in " ,:;":
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    seg = text[a:b]
    if seg and seg[-1] in "\"”»" and _quote_count(seg) % 2 == 1:
        b -= 1
    return a, b


def _quote_count(seg: str) -> int:
    return sum(seg.count(c) for c in '"“”«»')


def _clause_content(ctx: ArticleContext, f: Frame, frames: list[Frame], toks: list[Tok],
                    starts: list[int]) -> None:
    text = ctx.text
    s = f.sentence
    lo = bisect_left(starts, s.char_start)
    hi = bisect_left(starts, s.char_end)
    stoks = toks[lo:hi]
    s_end = _sentence_content_end(text, s)
    backward = (f.boundary == "comma" and not f.inverted and f.kind != "adding") or f.inverted
    if f.kind == "according":
        backward = f.boundary == "comma"
    if backward and not f.clause_end and _tail_is_attribution(text, stoks, f, s_end):
        a = _sentence_content_start(text, s)
        b = f.region_start
        a, b = _trim_content(text, a, b)
        if b > a and (_has_finite_verb(stoks, a, b) or (s.role == "headline" and any(
                t.tag == "VBN" for t in stoks if a <= t.start and t.end <= b))):
            f.content = (a, b)
            f.span = (a, max(_attr_end(f), f.cited[1] if f.cited else 0))
            return
    if f.inverted or text[f.cue[0]:f.cue[1]].lower().endswith("statement"):
        return          # "issued a statement" reports only a quotation or a colon clause
    start: int | None = f.region_end
    if f.kind == "according":
        cited = _SOURCE_CLAUSE.match(text, f.region_end)  # ", which cited officials,"
        start = cited.end() if cited else f.region_end
    else:
        start = _forward_start(stoks, f)
    if start is None or start >= s_end:
        return
    a = start
    b = min(s_end, f.clause_end) if f.clause_end > start else s_end
    for other in frames:
        if other is not f and other is not f.relays and other.sentence is s and \
                a < other.region_start < b:
            b = other.region_start
    b = _cut_coordination(stoks, a, b)
    a, b = _trim_content(text, a, b)
    if b <= a:
        return
    first = next((t for t in stoks if t.start >= a), None)
    if first is None:
        return
    according = f.kind == "according" and _has_finite_verb(stoks, a, b)
    relative = _relative_pronoun(stoks, f)
    if relative and first.tag in VERB_TAGS and first.tag != "VBG":
        # "clashes that officials said endangered the truce", "in what S say is C"
        if relative == "what" and first.lemma == "be":
            nxt = next((t for t in stoks if t.start > first.start), None)
            if nxt is None or nxt.start >= b:
                return
            a = nxt.start
        b = next((t.start for t in stoks if t.start > first.start and t.end <= b
                  and t.tag in FINITE_TAGS), b)   # the main clause's own verb
        a, b = _trim_content(text, a, b)
        if b <= a:
            return
    elif according and f.boundary == "comma" and first.tag in VERB_TAGS:
        # "This visit, according to X, played a role": the predicate after the parenthesis
        pass
    elif first.tag in VERB_TAGS - {"VBG"} or (first.tag in ("IN", "TO") and not (
            (f.kind == "intent" or f.verb in A.INTENT_VERBS or _claims_a_state(stoks, f, first))
            and first.lower == "to")
            and not according and not (_after_that(stoks, a) and first.tag == "IN"
                                       and _has_finite_verb(stoks, a, b))) or (
            first.lower in ("which", "who")):
        return      # but "said that by 2030 the city would ...": a clause after "that"
    if f.verb in WEAK_VERBS and not _after_that(stoks, a) and f.kind != "adding":
        return
    if f.verb == "claim" and first.lower not in ("to", "that") and not _after_that(
            stoks, a) and not _has_finite_verb(stoks, a, b):
        return          # "the club claimed another trophy": a win, not a statement
    if f.kind == "intent" and first.lower not in ("to", "that") and not _after_that(stoks, a):
        return
    f.content = (a, b)
    f.span = (_attr_start(f) if f.kind != "adding" else f.speaker[0] if f.speaker
              else f.cue[0], b)


def _claims_a_state(stoks: list[Tok], f: Frame, first: Tok) -> bool:
    """"X claimed to have attacked a base", "claims to be the rightful heir": a statement
    about X, where "claimed to" with another verb is rare and "claimed victory" an act."""
    if f.verb != "claim":
        return False
    nxt = next((t for t in stoks if t.start > first.start), None)
    return nxt is not None and nxt.lower in ("have", "be", "represent", "speak")


def _relative_pronoun(stoks: list[Tok], f: Frame) -> str | None:
    """'what' / 'that' / 'which' right before the speaker of a relative-clause frame
    ("clashes that officials said endangered ..."), else None."""
    if f.speaker is None or f.inverted or f.kind not in ("speech", "document"):
        return None
    prev = [t for t in stoks if t.end <= f.speaker[0]]
    if not prev or prev[-1].lower not in ("what", "that", "which"):
        return None
    if prev[-1].lower == "that" and prev[-1].tag not in ("WDT", "IN"):
        return None
    if len(prev) < 2 or prev[-2].tag not in ("NN", "NNS", "NNP", "NNPS", "IN", ","):
        return None                 # "that" after a noun; "what" after a preposition
    return prev[-1].lower


def _cut_coordination(stoks: list[Tok], a: int, b: int) -> int:
    """Where the content ends before a verb coordinated with the cue's own.

    "X acknowledged that P, but said Q": the second cue is X's (another claim);
    "X reported a rise in profit and raised its forecast": before the content has a
    verb of its own, a coordinated verb is X's act, not part of what X reported.
    """
    inside = [t for t in stoks if a <= t.start and t.end <= b]
    for n, t in enumerate(inside[:-1]):
        nxt = inside[n + 1]
        if t.lower in ("and", "but") and nxt.tag in ("VBD", "VBZ") and (
                nxt.lemma in A.SPEECH_VERBS):
            return t.start
    for n, t in enumerate(inside[:-1]):
        if t.tag in FINITE_TAGS:
            return b
        if t.lower in ("and", "but") and inside[n + 1].tag in ("VBD", "VBZ"):
            return t.start
    return b


def _after_that(stoks: list[Tok], a: int) -> bool:
    prev = [t for t in stoks if t.end <= a]
    return bool(prev) and prev[-1].lower in ("that", ":")


def _forward_start(stoks: list[Tok], f: Frame) -> int | None:
    """Where the content after a cue begins: after 'that', adverbials and punctuation."""
    end = max(f.cue[1], f.cited[1] if f.cited else 0)
    idx = [i for i, t in enumerate(stoks) if t.start >= end]
    if not idx:
        return None
    k0 = idx[0]
    for k in range(k0, min(k0 + 16, len(stoks))):
        t = stoks[k]
        if t.lower == "that" and t.tag in ("IN", "WDT", "DT"):
            return stoks[k + 1].start if k + 1 < len(stoks) else None
        if t.text == "," and (k == k0 and f.cited or k > k0 and all(
                x.ent in ("DATE", "TIME") or x.text == "," for x in stoks[k0:k])):
            continue                  # "X reported, citing Y, that", "announced today, ..."
        if t.tag in FINITE_TAGS or t.text in QUOTE_TOKENS or t.text in (",", ";", ":"):
            break
    k = k0
    while k < len(stoks):
        t = stoks[k]
        if t.text in (",", ":"):
            k += 1
        elif t.ent in ("DATE", "TIME") or (t.tag == "IN" and k + 1 < len(stoks)
                                           and stoks[k + 1].ent in ("DATE", "TIME")
                                           and t.lower != "that"):
            k += 1
        else:
            break
    return stoks[k].start if k < len(stoks) else None


def _tail_is_attribution(text: str, stoks: list[Tok], f: Frame, s_end: int) -> bool:
    """Is everything after the cue up to the sentence end only about the attribution?"""
    start = max(_attr_end(f), f.cited[1] if f.cited else 0)
    tail = [t for t in stoks if t.start >= start and t.end <= s_end]
    comma = next((n for n, t in enumerate(tail[:7]) if t.text == ","), None)
    if comma is not None and comma + 1 < len(tail) and tail[comma + 1].tag in (
            "DT", "PRP$", "JJS") and not any(
            t.lower == "that" or t.tag in VERB_TAGS or t.text in QUOTE_TOKENS
            for t in tail[:comma]):
        # "C, the group said on Saturday, the worst toll in weeks" / ", a sign that ...":
        # an apposition to the whole statement, up to its own relative or "that" clause
        rest = tail[comma + 1:]
        cut = next((n for n, t in enumerate(rest) if n > 1 and (t.lower in (
            "that", "which", "who") or t.tag == "IN") and rest[n - 1].tag in ("NN", "NNS")),
            len(rest))
        if all(t.tag in NP_TAGS for t in rest[:cut]):
            return True
    for n, t in enumerate(tail):
        if t.text == "," and n + 1 < len(tail) and tail[n + 1].lower in TAIL_MARKERS:
            return True
        if t.lower == "that" or t.tag in FINITE_TAGS or t.text in QUOTE_TOKENS:
            return False
        if n >= 14:
            return False
    return True


def _has_finite_verb(stoks: list[Tok], a: int, b: int) -> bool:
    return any(t.tag in FINITE_TAGS for t in stoks if a <= t.start and t.end <= b)
