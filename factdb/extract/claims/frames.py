"""Attribution frames: a reporting verb and its speaker ("X said", "said X", "X told
...", "according to X", headline attributions), with the speaker's span and region.
"""

from __future__ import annotations

from typing import Any

from factdb.extract.claims.passives import agent_frames
from factdb.extract.claims.quotes import (
    FINITE_TAGS,
    MODAL_AUX,
    NOUN_TAGS,
    NP_TAGS,
    PASSIVE_AUX,
    QUOTE_TOKENS,
    SPEAKER_PREPS,
    VERB_TAGS,
    Frame,
    Quote,
)
from factdb.extract.claims.syntax import subject_span, widen_speaker
from factdb.extract.context import ArticleContext
from factdb.extract.tokens import Tok
from factdb.ingest.records import Sentence
from factdb.lang import attribution as A

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
    for f in agent_frames(text, toks, sentence, _np_right):
        frames.append(f)
        used.update(tok_range(f.cue[0], f.cue[1]))
    for m in A.NO_COMMENT.finditer(text, s, e):
        idx = tok_range(m.start(), m.end())
        if not idx or used & set(idx):
            continue
        j = idx[0] - 1
        while j >= 0 and (toks[j].lower in A.CUE_AUXILIARIES or _manner_adverb(toks[j])):
            j -= 1
        if toks[idx[0]].lower == "there":     # "There was no comment from X"
            end = _np_right(toks, idx[-1] + 1) if idx[-1] + 1 < len(toks) else None
            f = None if end is None else Frame(
                "no_comment", sentence, (m.start(), m.end()),
                speaker=(toks[idx[-1] + 1].start, toks[end - 1].end), boundary="start",
                inverted=True)
        else:
            cue_start = toks[j + 1].start if j + 1 < idx[0] else m.start()
            f = _left_frame(toks, j, sentence, "no_comment", (cue_start, m.end()))
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
        f = _verb_frame(text, toks, i, sentence, frames, ctx.doc)
        if f is not None:
            frames.append(f)
    frames.extend(_nested_frames(ctx, sentence, toks, inside - used))
    for m in A.HEDGE_CUE.finditer(text, s, e):
        hit = [f for f in frames if f.cue[0] <= m.start() < f.cue[1]
               or (f.speaker and f.speaker[0] <= m.start() < f.speaker[1])]
        for f in hit:
            f.hedge = True
        if not frames and not _in_quote(quotes, m.start()):
            frames.append(Frame("hedge", sentence, (m.start(), m.end()), hedge=True,
                                confidence=0.6))
    if sentence.role == "headline" and not frames:
        f = _headline_frame(text, sentence, toks)
        if f is not None:
            frames.append(f)
    for f in frames:
        if f.speaker and not f.inverted and f.kind in _SUBJECT_KINDS:
            f.speaker = widen_speaker(ctx.doc, f.cue[0], f.speaker, s)
        _set_region(text, toks, f)
    return frames


def _nested_frames(ctx: ArticleContext, sentence: Sentence, toks: list[Tok],
                   inside: set[int]) -> list[Frame]:
    """Reported speech inside a quotation, told of someone else ("“They said the receivers
    were done,” he said"): a claim of its own beside the quotation's. Not the quoted
    speaker's own words of saying ("I would say", "we urge"), and only a speaker before
    the cue, in the quotation."""
    nested: list[Frame] = []
    for i in sorted(inside):
        if toks[i].tag not in VERB_TAGS:
            continue
        f = _verb_frame(ctx.text, toks, i, sentence, nested, ctx.doc)
        if f is None or f.kind != "speech" or f.inverted or f.speaker is None or \
                ctx.text[f.speaker[0]:f.speaker[1]].lower() in FIRST_PERSONS or \
                not all(j in inside for j, t in enumerate(toks)
                        if f.speaker[0] <= t.start < f.speaker[1]):
            continue
        f.nested = True
        nested.append(f)
    return nested


FIRST_PERSONS = frozenset({"i", "we", "you"})


#: Frames whose speaker is the grammatical subject of the cue.
_SUBJECT_KINDS = frozenset({"speech", "intent", "document", "no_comment", "passive"})


def _inside_quotes(toks: list[Tok], quotes: list[Quote]) -> set[int]:
    if not quotes:
        return set()
    return {i for i, t in enumerate(toks) if _in_quote(quotes, t.start)}


def _in_quote(quotes: list[Quote], pos: int) -> bool:
    return any(q.open < pos < q.close for q in quotes)


def _verb_frame(text: str, toks: list[Tok], i: int, sentence: Sentence,
                earlier: list[Frame], doc: Any = None) -> Frame | None:
    t = toks[i]
    lemma = t.lemma
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    particle = _phrasal_end(toks, i)
    tally = lemma in A.TALLY_VERBS and t.tag != "VBG" and any(
        x.tag == "CD" for x in toks[i + 1:i + 4])
    # "X suspended the count, citing the need to ...": a reason given is a claim of X's,
    # unless the participle relays the source of a reporting verb before it
    cites = lemma == "cite" and t.tag == "VBG" and not any(f.citing_end == t.end for f in earlier)
    if lemma in A.SPEECH_VERBS or particle is not None or tally or cites:
        kind = "speech"
    elif lemma in A.INTENT_VERBS:
        kind = "intent"
    elif lemma in A.DOCUMENT_VERBS:
        kind = "document"
    else:
        return None
    j = _after_auxiliary_phrase(toks, i - 1)
    while j >= 0 and (toks[j].lower in A.CUE_AUXILIARIES or toks[j].lower in A.NEGATIONS
                      or _manner_adverb(toks[j])):
        j -= 1
    aux = [x.lower for x in toks[j + 1:i]]
    if any(a in A.NEGATIONS for a in aux):
        return None
    past_root = t.tag == "VBN" and not aux and t.dep == "ROOT"    # a past tense mis-tagged
    if t.tag == "VBN" and not past_root and (not any(a in ("has", "have", "had") for a in aux)
                                             or any(a in PASSIVE_AUX for a in aux)):
        return None
    if t.tag == "VB" and not any(a in MODAL_AUX for a in aux):
        return None
    if j >= 0 and toks[j].lower == "to":
        return None
    if lemma == "claim" and nxt is not None and nxt.lower in A.NON_STATEMENT_OBJECTS:
        return None
    if lemma == "describe" and particle is None and not any(
            x.lower in ("as", "how", "what") for x in toks[i + 1:i + 9]):
        return None         # "described the plan": an object, not a statement
    cue_start, cue_end = toks[j + 1].start, (toks[particle].end if particle else t.end)
    coordinated = j >= 0 and toks[j].lower in ("and", "but") and t.tag in ("VBD", "VBZ")
    progressive = t.tag == "VBG" and any(a in PASSIVE_AUX for a in aux)   # "are urging"
    if t.tag == "VBG" and not progressive and j >= 0 and toks[j].text != ",":
        # "..., with the union saying C": a noun phrase after "with" (and a comma)
        w = j
        while w >= 0 and j - w <= 10 and toks[w].lower != "with" and (
                toks[w].tag in NP_TAGS or toks[w].lower in SPEAKER_PREPS):
            w -= 1
        if (w < 1 or toks[w].lower != "with" or w == j or toks[w - 1].text != ","
                or toks[j].tag not in NOUN_TAGS):
            return None
        return Frame(kind, sentence, (t.start, t.end), verb=lemma, boundary="other",
                     speaker=(toks[w + 1].start, toks[j].end), confidence=0.7)
    if (t.tag == "VBG" and not progressive) or coordinated:
        if j < 0 or (toks[j].text != "," and not coordinated):
            return None
        if not earlier or earlier[-1].speaker is None:
            # "X withdrew the bill, saying ...": the subject of the verb it hangs from
            subj = subject_span(doc, t.start, sentence.char_start, toks[j].start, climb=True)
            if subj is None:
                return None
            return Frame("adding", sentence, (t.start, t.end), speaker=subj, verb=lemma,
                         boundary="comma", speaker_kind=None, confidence=0.7)
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
    elif lemma in A.ADDRESSEE_VERBS and nxt is not None and nxt.lower in A.OBJECT_PRONOUNS:
        addressee = (nxt.start, nxt.end)        # "warned them the talks would fail"
        cue_end = nxt.end
    if j >= 2 and toks[j].lower in ("who", "which") and toks[j - 1].text == ",":
        # "the group, which has denied that ..., took the town": the relative clause tells
        # what the noun phrase before it says, up to the comma before the main verb
        f = _left_frame(toks, j - 2, sentence, kind, (cue_start, cue_end))
        if f is not None and f.speaker is not None and toks[j].lower == "which":
            # "comment from the group, which ...": "which" is told of the nearest thing
            after = [k + 1 for k in range(j - 2) if toks[k].tag == "IN"
                     and f.speaker[0] <= toks[k].start and k + 1 < j - 1]
            if after:
                f.speaker = (toks[after[-1]].start, f.speaker[1])
        if f is not None:
            f.clause_end = next((toks[k].start for k in range(i + 1, len(toks) - 1)
                                 if toks[k].text == "," and toks[k + 1].tag in FINITE_TAGS),
                                sentence.char_end)
    else:
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


def _after_auxiliary_phrase(toks: list[Tok], j: int) -> int:
    """The auxiliary before a short prepositional phrase that ends at token j, between it
    and its verb ("has in the past denied", "had on Monday said"), else j."""
    k = j
    while k >= 0 and j - k < 4 and toks[k].tag in ("DT", "JJ", "NN", "NNS", "NNP", "CD",
                                                    "PRP$"):
        k -= 1
    if k < j and k >= 1 and toks[k].tag == "IN" and toks[k - 1].lower in A.CUE_AUXILIARIES:
        return k - 1
    return j


def _phrasal_end(toks: list[Tok], i: int) -> int | None:
    """The last token of a phrasal cue starting at verb i ("pointed out"), else None."""
    for words in A.PHRASAL_CUES.get(toks[i].lemma, ()):
        k = i + len(words)
        if k < len(toks) and [x.lower for x in toks[i + 1:k + 1]] == list(words):
            return k
    return None


def _manner_adverb(t: Tok) -> bool:
    """An adverb in -ly between a speaker and its cue: "formally announced"."""
    return t.tag == "RB" and len(t.text) > 4 and t.lower.endswith("ly")


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
    out; a bracketed acronym after the name ("the National Liberation Army (NLA)") is kept.
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
    if toks[j].tag == "-RRB-":                # "the National Liberation Army (NLA) said"
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
    """'..., said the minister' / '"...," said Jane Doe, a spokeswoman'; also after a full
    stop that should have been a comma: '"...". said an official.'"""
    full_stop = j < 0 and toks[i].text[:1].islower()
    stop_inside = j >= 0 and toks[j].text == "." and toks[i].text[:1].islower()
    if not full_stop and not stop_inside and (j < 0 or (
            toks[j].text != "," and toks[j].text not in QUOTE_TOKENS)):
        return None
    k = i + 1
    if k >= len(toks) or (toks[k].tag not in NP_TAGS - {"POS", "HYPH"} and not _role_word(
            toks, k)):
        return None
    end = _np_right(toks, k)
    if end is None:
        return None
    return Frame(kind, sentence, cue, speaker=(toks[k].start, toks[end - 1].end),
                 boundary="full_stop" if full_stop else "comma", inverted=True)


def _np_right(toks: list[Tok], k: int) -> int | None:
    """The end (exclusive) of a speaker noun phrase starting at token k, with appositions."""
    n = len(toks)
    end = k + 1 if _role_word(toks, k) else k
    while end < n and (toks[end].tag in NP_TAGS
                       or (toks[end].lower in SPEAKER_PREPS and toks[end].tag in ("IN", "TO"))
                       or (toks[end].tag in ("VBN", "VBG") and (
                           toks[end - 1].tag == "HYPH" or (
                               toks[end - 1].tag in ("DT", "JJ") and end + 1 < n
                               and toks[end + 1].tag in NOUN_TAGS)))):
        end += 1
    while end > k and toks[end - 1].tag not in NOUN_TAGS | {"CD"}:
        end -= 1
    for m in range(k + 1, end):           # "wrote Jane Roe in a statement": the medium
        nxt = m + 2 if m + 2 < end and toks[m + 1].tag == "DT" else m + 1
        if toks[m].lower in ("in", "on", "via") and toks[nxt].lower in _MEDIA_NOUNS:
            end = m
            break
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


#: What a statement is made in, not who makes it: "in a statement", "on Facebook".
_MEDIA_NOUNS = A.DOCUMENT_NOUNS | frozenset(
    "interview interviews twitter facebook x instagram telegram television radio".split())


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
        if t.tag in FINITE_TAGS or t.tag in ("VB", "TO") or t.lower == "that" or (
                t.text in QUOTE_TOKENS):
            return          # "vowed to appeal, citing Y": the reason of what was said
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


def _headline_frame(text: str, sentence: Sentence, toks: list[Tok]) -> Frame | None:
    s = sentence.char_start
    line = text[s:sentence.char_end]
    for pattern, named in ((A.HEADLINE_LEAD, False), (A.HEADLINE_TAIL, False),
                           (A.HEADLINE_NAMED_TAIL, True), (A.HEADLINE_NAMED_LEAD, True)):
        m = pattern.match(line)
        if not m or (named and not _named_source(toks, s + m.start("spk"), s + m.end("spk"))):
            continue
        cue = "cue" if m.groupdict().get("cue") else "colon"
        f = Frame("headline", sentence, (s + m.start(cue), s + m.end(cue)),
                  speaker=(s + m.start("spk"), s + m.end("spk")), verb="report",
                  confidence=0.6)
        f.content = (s + m.start("c"), s + m.end("c"))
        return f
    return None


def _named_source(toks: list[Tok], a: int, b: int) -> bool:
    """A headline tail or lead that names a source: an organisation or an outlet word."""
    ts = [t for t in toks if t.start >= a and t.end <= b]
    if not ts or ts[-1].tag not in ("NNP", "NNPS", "NN", "NNS"):
        return False
    if any(t.lower in A.MEDIA_WORDS or t.lower in A.INSTITUTION_NOUNS for t in ts):
        return True
    return all(t.ent == "ORG" for t in ts if t.lower != "the")


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
