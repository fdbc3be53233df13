"""Claims: statements an article attributes to a source, with speaker, cue and relay levels.

A claim is found from an attribution frame (a speaker and a reporting cue: "X said",
"X told Y", "according to X", "X was quoted as saying", "X declined to comment",
"reportedly", a headline's "- report") and the content the frame attributes: a
quotation next to it, the clause after it ("X said (that) ..."), or the clause before it
("..., X said."). Relay chains ("X reported, citing Y", "told <outlet>", "the news agency
said") give the original reporter and the relaying outlet. See docs/claims.md.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

from factdb.extract import attribution as A
from factdb.extract.context import ArticleContext
from factdb.extract.provenance import provenance
from factdb.ingest.records import Sentence

EXTRACTOR = "claims"

NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
NP_TAGS = NOUN_TAGS | {"DT", "PDT", "JJ", "JJR", "JJS", "CD", "POS", "PRP$", "HYPH", "RBS",
                       "RBR", "NFP"}
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
VERB_TAGS = frozenset({"VB", "VBD", "VBZ", "VBP", "VBN", "VBG", "MD"})
SPEAKER_PREPS = frozenset("of in at for from with on to among within across near by inside "
                          "outside around close familiar".split())
PASSIVE_AUX = frozenset("is are was were be been being".split())
MODAL_AUX = frozenset("will would may might could should can must did does do".split())
#: Cue verbs that need "that", a quotation or a position after the content to report speech.
WEAK_VERBS = frozenset("add note estimate reveal predict maintain recall suggest observe "
                       "disclose remark reply write tweet concede explain comment".split())
TAIL_MARKERS = frozenset("citing quoting adding according speaking who which as warning "
                         "saying noting stressing insisting".split())
OPEN_QUOTES = {"“": "”", "«": "»", '"': '"', "„": "“"}
CLOSE_QUOTES = frozenset('”»"')
QUOTE_TOKENS = frozenset({'"', "“", "”", "«", "»", "„", "``", "''"})
#: The gap allowed between a cue and a quotation: adverbials and a colon or comma.
CUE_QUOTE_GAP = re.compile(r"^\s*(?:,?\s*(?:(?:in|on|at|during|after|before|to|from|via|by|with|"
                           r"last|this|late|early|earlier|later)\b(?:(?!\bthat\b)"
                           r"[^\"“”«».;:,]){0,60})?\s*[,:])?\s*$", re.IGNORECASE)
CONNECTOR_TAIL = re.compile(r"[\s,;:–—-]*(?:\b(?:while|whereas|but|and|as|although|though|"
                            r"yet|so)\b)?[\s,;:–—-]*$", re.IGNORECASE)
LEADING_JUNK = re.compile(r"^[#\s*•·–—-]+")
DATELINE_AGENCY = re.compile(r"\(([A-Z][\w .&'’-]{0,30}[\w.])\)")


@dataclass(frozen=True)
class Tok:
    text: str
    start: int
    end: int
    tag: str
    lemma: str
    ent: str

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass
class Quote:
    open: int          # offset of the opening mark
    close: int         # offset of the closing mark (paragraph end when unclosed)
    closed: bool

    @property
    def end(self) -> int:
        return self.close + 1 if self.closed else self.close

    def inner(self, text: str) -> tuple[int, int]:
        a, b = self.open + 1, self.close
        while a < b and text[a].isspace():
            a += 1
        while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:–—-"):
            b -= 1
        return a, b


@dataclass
class Frame:
    """An attribution: who (speaker), by what expression (cue), with relay details."""

    kind: str                      # speech | intent | document | according | passive |
    #                                no_comment | hedge | headline | adding
    sentence: Sentence
    cue: tuple[int, int]
    speaker: tuple[int, int] | None = None
    verb: str = ""
    addressee: tuple[int, int] | None = None
    by: tuple[int, int] | None = None
    cited: tuple[int, int] | None = None      # "citing Y": the level below the speaker
    citing_end: int = 0                       # end of the "citing" word
    outer: tuple[int, int] | None = None      # the relaying level once a chain is unfolded
    parenthetical: str = ""
    boundary: str = "start"                   # what precedes the speaker: start|comma|quote|other
    inverted: bool = False
    hedge: bool = False
    region_start: int = 0
    region_end: int = 0
    content: tuple[int, int] | None = None
    direct: bool = False
    span: tuple[int, int] | None = None
    confidence: float = 0.8
    # filled by classification
    speaker_kind: str | None = None
    original: str | None = None
    original_explicit: bool = False
    relay: str | None = None
    relayed: bool = False
    extras: list[Frame] = field(default_factory=list)


# --- tokens and quotations --------------------------------------------------------------

def _tokens(ctx: ArticleContext) -> list[Tok]:
    doc = ctx.products.get("doc")
    if doc is None:
        raise ValueError("claims extraction needs the spaCy doc in ctx.products['doc']")
    return [Tok(t.text, t.idx, t.idx + len(t.text), t.tag_, t.lemma_.lower(), t.ent_type_)
            for t in doc if not t.is_space]


def find_quotes(text: str, start: int, end: int) -> list[Quote]:
    """Quotations in text[start:end] (one paragraph); an unclosed one runs to the end."""
    quotes: list[Quote] = []
    opened: int | None = None
    closer = ""
    for i in range(start, end):
        ch = text[i]
        if opened is None:
            if ch in OPEN_QUOTES and (ch != '"' or _can_open(text, i, start)):
                opened, closer = i, OPEN_QUOTES[ch]
        elif ch == closer or (ch in CLOSE_QUOTES and closer in CLOSE_QUOTES and ch != '"'):
            quotes.append(Quote(opened, i, True))
            opened = None
        elif ch == "“" and closer == "”":
            opened = i
    if opened is not None:
        quotes.append(Quote(opened, end, False))
    return quotes


def _can_open(text: str, i: int, start: int) -> bool:
    return i == start or not text[i - 1].isalnum()


# --- the extractor ----------------------------------------------------------------------

def extract(ctx: ArticleContext) -> dict[str, list[dict[str, Any]]]:
    toks = _tokens(ctx)
    starts = [t.start for t in toks]
    frames: list[Frame] = []
    for para in _paragraphs(ctx):
        p_start, p_end = para[0].char_start, para[-1].char_end
        quotes = find_quotes(ctx.text, p_start, p_end)
        para_frames: list[Frame] = []
        for sentence in para:
            lo = bisect_left(starts, sentence.char_start)
            hi = bisect_left(starts, sentence.char_end)
            para_frames.extend(_sentence_frames(ctx, sentence, toks[lo:hi], quotes))
        _attach_contents(ctx, para, para_frames, quotes, toks, starts)
        frames.extend(para_frames)
    frames = [f for f in frames if f.span is not None]
    _classify(ctx, frames, toks, starts)
    return {"claims": [_row(ctx, n, f) for n, f in enumerate(_all(frames))]}


def _paragraphs(ctx: ArticleContext) -> list[list[Sentence]]:
    out: list[list[Sentence]] = []
    for s in ctx.story_sentences():
        if out and out[-1][-1].paragraph == s.paragraph and out[-1][-1].seq == s.seq - 1:
            out[-1].append(s)
        else:
            out.append([s])
    return out


# --- frames -----------------------------------------------------------------------------

def _sentence_frames(ctx: ArticleContext, sentence: Sentence, toks: list[Tok],
                     quotes: list[Quote]) -> list[Frame]:
    text = ctx.text
    s, e = sentence.char_start, sentence.char_end
    used: set[int] = set()          # token indices taken by a multi-word cue
    frames: list[Frame] = []

    def tok_range(a: int, b: int) -> list[int]:
        return [i for i, t in enumerate(toks) if t.start >= a and t.end <= b]

    for m in A.PASSIVE_QUOTE.finditer(text, s, e):
        idx = tok_range(m.start(), m.end())
        if not idx:
            continue
        f = _left_frame(toks, idx[0] - 1, sentence, "passive", (m.start(), m.end()))
        if f is None:
            continue
        if m.group("by"):
            f.by = (m.start("by"), m.end("by"))
        f.confidence = 0.85
        frames.append(f)
        used.update(idx)
    for m in A.NO_COMMENT.finditer(text, s, e):
        idx = tok_range(m.start(), m.end())
        if not idx or used & set(idx):
            continue
        f = _left_frame(toks, idx[0] - 1, sentence, "no_comment", (m.start(), m.end()))
        if f is None:
            continue
        f.confidence = 0.85
        frames.append(f)
        used.update(idx)
    for i in range(len(toks) - 1):
        if toks[i].lower == "according" and toks[i + 1].lower == "to" and i not in used:
            f = _according_frame(text, toks, i, sentence)
            if f is not None:
                frames.append(f)
                used.update((i, i + 1))
    inside = _inside_quotes(toks, quotes)
    for i, t in enumerate(toks):
        if i in used or i in inside or t.tag not in VERB_TAGS:
            continue
        f = _verb_frame(text, toks, i, sentence, frames)
        if f is not None:
            frames.append(f)
    for m in A.HEDGE_CUE.finditer(text, s, e):
        hit = [f for f in frames if f.cue[0] <= m.start() < f.cue[1]
               or (f.speaker and f.speaker[0] <= m.start() < f.speaker[1])]
        for f in hit:
            f.hedge = True
        if not frames and not _in_quote(quotes, m.start()):
            frames.append(Frame("hedge", sentence, (m.start(), m.end()), hedge=True,
                                confidence=0.6))
    if sentence.role == "headline" and not frames:
        f = _headline_frame(text, sentence)
        if f is not None:
            frames.append(f)
    for f in frames:
        _set_region(text, toks, f)
    return frames


def _inside_quotes(toks: list[Tok], quotes: list[Quote]) -> set[int]:
    return {i for i, t in enumerate(toks) if _in_quote(quotes, t.start)}


def _in_quote(quotes: list[Quote], pos: int) -> bool:
    return any(q.open < pos < q.close for q in quotes)


def _verb_frame(text: str, toks: list[Tok], i: int, sentence: Sentence,
                earlier: list[Frame]) -> Frame | None:
    t = toks[i]
    lemma = t.lemma
    if lemma in A.SPEECH_VERBS:
        kind = "speech"
    elif lemma in A.INTENT_VERBS:
        kind = "intent"
    elif lemma in A.DOCUMENT_VERBS:
        kind = "document"
    else:
        return None
    j = i - 1
    while j >= 0 and (toks[j].lower in A.CUE_AUXILIARIES or toks[j].lower in A.NEGATIONS):
        j -= 1
    aux = [x.lower for x in toks[j + 1:i]]
    if any(a in A.NEGATIONS for a in aux):
        return None
    if t.tag == "VBN" and (not any(a in ("has", "have", "had") for a in aux)
                           or any(a in PASSIVE_AUX for a in aux)):
        return None
    if t.tag == "VB" and not any(a in MODAL_AUX for a in aux):
        return None
    if j >= 0 and toks[j].lower == "to":
        return None
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if lemma == "claim" and nxt is not None and nxt.lower in A.NON_STATEMENT_OBJECTS:
        return None
    cue_start, cue_end = toks[j + 1].start, t.end
    coordinated = j >= 0 and toks[j].lower in ("and", "but") and t.tag in ("VBD", "VBZ")
    if t.tag == "VBG" or coordinated:
        if j < 0 or (toks[j].text != "," and not coordinated) or not earlier or (
                earlier[-1].speaker is None):
            return None
        prev = earlier[-1]
        return Frame("adding", sentence, (t.start, t.end), speaker=prev.speaker, verb=lemma,
                     boundary=prev.boundary, speaker_kind=None, confidence=0.75)
    addressee = None
    if lemma == "tell":
        k = i + 1
        while k < len(toks) and (toks[k].tag in NP_TAGS and toks[k].tag != "HYPH"):
            k += 1
        if k == i + 1 or toks[k - 1].tag not in NOUN_TAGS | {"PRP"}:
            if not (k < len(toks) and toks[i + 1].tag == "PRP"):
                return None
            k = i + 2
        addressee = (toks[i + 1].start, toks[k - 1].end)
        cue_end = toks[k - 1].end
    f = _left_frame(toks, j, sentence, kind, (cue_start, cue_end))
    if f is None:
        f = _inverted_frame(toks, i, j, sentence, kind, (cue_start, cue_end))
        if f is None or lemma == "tell":
            return None
    f.verb = lemma
    f.addressee = addressee
    if kind == "document" and (f.speaker is None or A.head_noun(
            text[f.speaker[0]:f.speaker[1]]) not in A.DOCUMENT_NOUNS):
        return None
    if any(a in ("reportedly", "allegedly") for a in aux):
        f.hedge = True
    _find_citing(text, toks, i, f)
    return f


def _left_frame(toks: list[Tok], j: int, sentence: Sentence, kind: str,
                cue: tuple[int, int]) -> Frame | None:
    """A frame whose speaker ends at token j (the token before the cue)."""
    if j < 0:
        return None
    parenthetical = ""
    if toks[j].text == ",":
        c = j - 1
        while c >= 0 and j - c <= 25 and toks[c].text != "," and toks[c].text not in (
                QUOTE_TOKENS | {";", ":"}):
            c -= 1
        if c < 0 or toks[c].text != "," or c == j - 1:
            return None
        np = _np_left(toks, c - 1)
        if np is None:
            return None
        a, end_tok = np
        first = toks[c + 1]
        if first.tag in ("IN", "VBG", "RB", "TO"):
            parenthetical = " ".join(x.text for x in toks[c + 1:j])
        elif end_tok == c - 1:
            end_tok = j - 1
    else:
        np = _np_left(toks, j)
        if np is None:
            return None
        a, end_tok = np
    f = Frame(kind, sentence, cue, speaker=(toks[a].start, toks[end_tok].end),
              boundary=_boundary(toks, a), parenthetical=parenthetical)
    if A.is_hedged(parenthetical):
        f.hedge = True
    return f


def _boundary(toks: list[Tok], a: int) -> str:
    if a == 0:
        return "start"
    prev = toks[a - 1].text
    if prev == ",":
        return "comma"
    if prev in QUOTE_TOKENS:
        return "quote"
    if prev in (":", "-", "–", "—", "#"):
        return "start"
    return "other"


def _np_left(toks: list[Tok], j: int) -> tuple[int, int] | None:
    """The first and last tokens of a speaker noun phrase ending at (or before) token j.

    A time phrase between the speaker and the cue ("Hamas on Friday confirmed") is left
    out; a bracketed acronym after the name ("the Rapid Support Forces (RSF)") is kept.
    """
    if j < 0:
        return None
    if toks[j].tag == "PRP":
        return (j, j) if toks[j].lower in A.PRONOUN_KINDS else None
    if toks[j].ent in ("DATE", "TIME"):       # "Hamas on Friday confirmed"
        k = j
        while k >= 0 and toks[k].ent in ("DATE", "TIME"):
            k -= 1
        if k > 0 and toks[k].tag == "IN":
            return _np_left(toks, k - 1)
        return None
    if toks[j].tag == "-RRB-":                # "the Rapid Support Forces (RSF) said"
        k = j - 1
        while k >= 0 and toks[k].tag != "-LRB-" and j - k < 8:
            k -= 1
        if k <= 0 or toks[k].tag != "-LRB-":
            return None
        np = _np_left(toks, k - 1)
        return (np[0], j) if np else None
    if toks[j].tag not in NOUN_TAGS | {"CD"}:
        return None
    i = j
    while i >= 0:
        t = toks[i]
        ok = t.tag in NP_TAGS
        if not ok and t.lower in SPEAKER_PREPS and t.tag in ("IN", "TO", "RB", "JJ"):
            ok = True
        if not ok and t.tag in ("VBN", "VBG", "VBD") and (
                (i > 0 and toks[i - 1].tag == "HYPH")
                or (i < j and toks[i + 1].tag in ("IN", "RP"))):
            ok = True
        if not ok and t.lower == "and" and 0 < i < j and toks[i - 1].tag in (
                "JJ", "NNP", "NNPS") and toks[i + 1].tag in ("JJ", "NNP", "NNPS"):
            ok = True
        if not ok:
            break
        i -= 1
    a = i + 1
    while a <= j:
        t = toks[a]
        if t.tag in ("CC", "RB", "HYPH", "POS", "NFP"):
            a += 1
        elif t.tag in ("IN", "TO") or t.lower in SPEAKER_PREPS:
            k = a + 1
            while k <= j and toks[k].tag not in NOUN_TAGS:
                k += 1
            while k <= j and toks[k].tag in NOUN_TAGS:
                k += 1
            a = k
        else:
            break
    if a > j or j - a + 1 > 16:
        return None
    if all(t.ent in ("DATE", "TIME", "CARDINAL", "ORDINAL") for t in toks[a:j + 1]):
        return None
    return a, j


def _inverted_frame(toks: list[Tok], i: int, j: int, sentence: Sentence, kind: str,
                    cue: tuple[int, int]) -> Frame | None:
    """'..., said the minister' / '"...," said Jane Doe, a spokeswoman'."""
    if j < 0 or (toks[j].text != "," and toks[j].text not in QUOTE_TOKENS):
        return None
    k = i + 1
    if k >= len(toks) or (toks[k].tag not in NP_TAGS - {"POS", "HYPH"} and not _role_word(
            toks, k)):
        return None
    end = _np_right(toks, k)
    if end is None:
        return None
    return Frame(kind, sentence, cue, speaker=(toks[k].start, toks[end - 1].end),
                 boundary="comma", inverted=True)


def _np_right(toks: list[Tok], k: int) -> int | None:
    """The end (exclusive) of a speaker noun phrase starting at token k, with appositions."""
    n = len(toks)
    end = k + 1 if _role_word(toks, k) else k
    while end < n and (toks[end].tag in NP_TAGS
                       or (toks[end].lower in SPEAKER_PREPS and toks[end].tag in ("IN", "TO"))):
        end += 1
    while end > k and toks[end - 1].tag not in NOUN_TAGS | {"CD"}:
        end -= 1
    if end == k:
        return None
    if end + 1 < n and toks[end].text == "," and toks[end + 1].tag in (
            "DT", "PRP$", "WP", "WDT", "NNP", "NN", "JJ"):
        m = end + 1
        while m < n and toks[m].text not in (",", ".", ";", ":", "!", "?") and (
                toks[m].text not in QUOTE_TOKENS):
            m += 1
        if m >= n or toks[m].text != ",":
            end = m
    return end


def _role_word(toks: list[Tok], k: int) -> bool:
    """A lowercase word before a name ('midfielder Jonah Pike'), whatever its tag."""
    return (toks[k].text.isalpha() and toks[k].text.islower() and k + 1 < len(toks)
            and toks[k + 1].tag in ("NNP", "NNPS"))


def _according_frame(text: str, toks: list[Tok], i: int, sentence: Sentence) -> Frame | None:
    k = i + 2
    if k >= len(toks):
        return None
    backward = i > 0 and toks[i - 1].text == ","
    m = k
    while m < len(toks) and toks[m].text not in (",", ";", ":") and toks[m].text not in (
            QUOTE_TOKENS) and not (toks[m].text in (".", "!", "?") and m == len(toks) - 1):
        m += 1
    if backward:
        while m + 1 < len(toks) and toks[m].text == "," and toks[m + 1].tag in (
                "WP", "WDT", "DT", "PRP$"):
            m += 1
            while m < len(toks) and toks[m].text not in (",", ";", ":") and not (
                    toks[m].text in (".", "!", "?") and m == len(toks) - 1):
                m += 1
    end = m
    while end > k and toks[end - 1].tag not in NOUN_TAGS | {"CD", "PRP", "-RRB-"}:
        end -= 1
    if end == k:
        return None
    s0, s1 = toks[k].start, toks[end - 1].end
    f = Frame("according", sentence, (toks[i].start, toks[i + 1].end), speaker=(s0, s1),
              verb="according", boundary="comma" if backward else _boundary(toks, i),
              confidence=0.8)
    spk = text[s0:s1]
    rm = A.RELAY_MARKER.search(spk)
    if rm and rm.start() > 0 and rm.end() < len(spk):
        inner_start = s0 + rm.end()
        while text[inner_start].isspace():
            inner_start += 1
        f.outer = (s0, s0 + len(spk[:rm.start()].rstrip(" ,")))
        f.cue = (f.cue[0], s0 + rm.end())
        f.speaker = (inner_start, s1)
    return f


def _find_citing(text: str, toks: list[Tok], i: int, f: Frame) -> None:
    """A relay chain after the cue: '..., citing Y' up to the next comma or the end."""
    k = i + 1
    while k < len(toks) and k - i <= 10:
        t = toks[k]
        if t.tag in FINITE_TAGS or t.lower == "that" or t.text in QUOTE_TOKENS:
            return
        if t.lower in ("citing", "quoting"):
            a = k + 1
            b = a
            while b < len(toks) and toks[b].text not in (",", ";", ":", ".", "!", "?"):
                b += 1
            while b > a and toks[b - 1].tag not in NOUN_TAGS | {"CD"}:
                b -= 1
            if b > a:
                f.cited = (toks[a].start, toks[b - 1].end)
                f.citing_end = t.end
            return
        k += 1


def _headline_frame(text: str, sentence: Sentence) -> Frame | None:
    s = sentence.char_start
    line = text[s:sentence.char_end]
    for pattern in (A.HEADLINE_LEAD, A.HEADLINE_TAIL):
        m = pattern.match(line)
        if m:
            f = Frame("headline", sentence, (s + m.start("cue"), s + m.end("cue")),
                      speaker=(s + m.start("spk"), s + m.end("spk")), verb="report",
                      confidence=0.6)
            f.content = (s + m.start("c"), s + m.end("c"))
            return f
    return None


def _set_region(text: str, toks: list[Tok], f: Frame) -> None:
    starts = [f.cue[0]]
    if f.speaker and not f.inverted and f.kind != "adding":
        starts.append(f.speaker[0])
    if f.kind == "according" and f.outer:
        starts.append(f.outer[0])
    a = min(starts)
    b = max(f.cue[1], f.speaker[1] if f.speaker else 0, f.cited[1] if f.cited else 0)
    k = a
    while k > f.sentence.char_start and text[k - 1].isspace():
        k -= 1
    if k > f.sentence.char_start and text[k - 1] == ",":
        a = k - 1
    f.region_start, f.region_end = a, b


# --- contents ---------------------------------------------------------------------------

def _attach_contents(ctx: ArticleContext, para: list[Sentence], frames: list[Frame],
                     quotes: list[Quote], toks: list[Tok], starts: list[int]) -> None:
    text = ctx.text
    used_quotes: set[int] = set()
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
        if f.kind in ("speech", "passive", "intent", "adding") and _quote_content(
                text, f, quotes, frames, used_quotes):
            continue
        _clause_content(ctx, f, frames, toks, starts)
    _continuations(text, para, frames, quotes, used_quotes)


def _attr_start(f: Frame) -> int:
    if f.speaker and not f.inverted and f.kind != "adding":
        return min(f.speaker[0], f.cue[0])
    return f.cue[0]


def _attr_end(f: Frame) -> int:
    return max(f.cue[1], f.speaker[1] if f.speaker and f.kind != "adding" else 0)


def _quote_content(text: str, f: Frame, quotes: list[Quote], frames: list[Frame],
                   used: set[int]) -> bool:
    """Attach a quotation before or after the frame; True when one was attached."""
    a, b = _attr_start(f), _attr_end(f)
    for n, q in enumerate(quotes):
        if not q.closed or q.end > a or n in used:
            continue
        gap = text[q.end:a]
        inner_a, inner_b = q.inner(text)
        last = text[q.close - 1] if q.close > q.open + 1 else ""
        if re.fullmatch(r"[\s,]*", gap) and (last in ",?!—–-…" or gap.strip().startswith(",")):
            if f.boundary not in ("quote", "comma") and not f.inverted:
                continue
            if inner_b <= inner_a:
                continue
            used.add(n)
            f.content, f.direct = (inner_a, inner_b), True
            f.span = (q.open, b)
            f.confidence = 0.9
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
                   quotes: list[Quote], used: set[int]) -> None:
    """A quotation opening a sentence of its own continues the previous direct quote."""
    sentence_starts = {s.char_start for s in para}
    for n, q in enumerate(quotes):
        if n in used or q.open not in sentence_starts:
            continue
        if any(q.open <= (fr.span or (-1, -1))[0] < q.end for fr in frames):
            continue
        prev = [fr for fr in frames if fr.direct and fr.span and fr.span[1] <= q.open]
        if not prev:
            continue
        p = prev[-1]
        inner_a, inner_b = q.inner(text)
        if inner_b <= inner_a:
            continue
        used.add(n)
        extra = _copy_frame(p)
        extra.content = (inner_a, inner_b)
        extra.span = (min(_attr_start(p), p.cue[0]), q.end)
        extra.confidence = 0.75
        p.extras.append(extra)


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
    if backward and _tail_is_attribution(text, stoks, f, s_end):
        a = _sentence_content_start(text, s)
        b = f.region_start
        a, b = _trim_content(text, a, b)
        if b > a and _has_finite_verb(stoks, a, b):
            f.content = (a, b)
            f.span = (a, max(_attr_end(f), f.cited[1] if f.cited else 0))
            return
    if f.inverted:
        return
    start: int | None = f.region_end
    if f.kind == "according":
        while start is not None and start < s_end and text[start] in " ,":
            start += 1
    else:
        start = _forward_start(stoks, f)
    if start is None or start >= s_end:
        return
    a = start
    b = s_end
    for other in frames:
        if other is not f and other.sentence is s and a < other.region_start < b:
            b = other.region_start
    b = _cut_coordination(stoks, a, b)
    a, b = _trim_content(text, a, b)
    if b <= a:
        return
    first = next((t for t in stoks if t.start >= a), None)
    if first is None:
        return
    if first.tag in VERB_TAGS - {"VBG"} or (first.tag in ("IN", "TO") and not (
            f.kind == "intent" and first.lower == "to")) or first.lower in ("which", "who"):
        return
    if f.verb in WEAK_VERBS and not _after_that(stoks, a) and f.kind != "adding":
        return
    if f.kind == "intent" and first.lower not in ("to", "that") and not _after_that(stoks, a):
        return
    f.content = (a, b)
    f.span = (_attr_start(f) if f.kind != "adding" else f.speaker[0] if f.speaker
              else f.cue[0], b)


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
    for k in range(k0, min(k0 + 10, len(stoks))):
        t = stoks[k]
        if t.lower == "that" and t.tag in ("IN", "WDT", "DT"):
            return stoks[k + 1].start if k + 1 < len(stoks) else None
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
        if s.role == "dateline":
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


# --- rows -------------------------------------------------------------------------------

def _row(ctx: ArticleContext, n: int, f: Frame) -> dict[str, Any]:
    text = ctx.text
    assert f.span is not None
    row = provenance(ctx, f.span[0], f.span[1], EXTRACTOR, f.confidence)
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
