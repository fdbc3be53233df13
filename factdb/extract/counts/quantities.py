"""One quantity: the counted noun and unit ("14 people", "dozens more", "300 in
Niger"), coordinated and elliptical counts, and their antecedents.
"""

from __future__ import annotations

from collections.abc import Sequence

from factdb.extract.counts.typing import _event_type
from factdb.extract.counts.vocabulary import (
    ABOVE_VERBS,
    COORDINATORS,
    ELLIPSIS_BEFORE,
    EVENT_NOUNS,
    EVENT_WORDS,
    HUMAN_EVENTS,
    MODIFIER_TAGS,
    MORE_AFTER,
    NOT_COUNTED_AFTER_NO,
    NOUN_TAGS,
    PARTITIVE_DET,
    SCALE_WORDS,
    TIME_UNITS,
    ArticleState,
    Found,
    _index_at,
)
from factdb.extract.counts.windows import Window
from factdb.extract.tokens import LEMMA_FIX, Tok, _singular
from factdb.lang.numbers import Quantity


def _counted(toks: list[Tok], q: Quantity, found: list[Found], state: ArticleState,
             s0: int, windows: list[Window]) -> Found | None:
    """The count a quantity makes, or None when it is not a count."""
    if q.definite:
        return None
    first = _index_at(toks, q.num_start)
    qfirst = _index_at(toks, q.start)
    before = toks[qfirst - 1] if qfirst > 0 else None
    if before is not None and q.kind in ("numeral", "words") and q.start == q.num_start:
        if _is_designator(before, qfirst == 1 or before.start == s0):
            return None
        if before.lower in ("a", "an") and q.value != 1:
            return None  # "a 25 basis point cut", "a 2,000 strong force": a modifier
    if before is not None and before.lower in SCALE_WORDS:
        return None  # "a magnitude 7.8 quake", "a category 4 storm": a reading on a scale
    after = _index_at(toks, q.end)
    f = Found(q=q, after=after, quote_end=q.end, qualifier=q.qualifier)
    if q.value == 0 and q.kind in ("numeral", "words"):
        f.qualifier = "none"
    if before is not None and before.lower in ABOVE_VERBS and f.qualifier == "exact":
        f.qualifier = "more_than"
    # a noun inside a window phrase is not the counted one: "up from 700 last week"
    limit = min([w.start for w in windows if w.start >= q.end], default=len(toks) and
                toks[-1].end + 1)
    if q.currency:
        f.unit, f.unit_span = q.currency, (q.start, q.end)
    elif not _noun_after(toks, after, f, limit):
        if not _elliptical(toks, first, after, f, found, state):
            return None
    if f.unit is None or f.unit.split()[-1] in TIME_UNITS:
        return None
    if q.year_like and (f.basis != "noun" or before is not None and before.tag in ("IN", "TO")
                        or f.head is not None and toks[f.head].tag != "NNS"):
        return None
    if q.kind == "none" and f.basis == "noun" and f.head is not None:
        head = toks[f.head]
        if head.lemma in NOT_COUNTED_AFTER_NO or (head.tag != "NNS" and
                                                  f.unit not in EVENT_NOUNS):
            return None
    if q.kind == "range" and f.basis != "noun":
        return None
    if q.kind == "words" and q.value == 1 and after < len(toks) and \
            toks[after].lower in ("of", "another"):
        return None  # "one of the factions": a mention, not a count
    if f.event_type is None:
        f.event_type = _event_type(toks, f, found)
    if f.event_type is None and f.prior is None and before is not None and \
            before.lower in COORDINATORS:
        prior = _coordinated_prior(toks, qfirst, found)
        if prior is not None:
            f.event_type = prior.event_type
    return f


def _coordinated_prior(toks: list[Tok], qfirst: int, found: list[Found]) -> Found | None:
    """The count right before "and"/"or" that this one is coordinated with."""
    if not found or qfirst < 2:
        return None
    prior = found[-1]
    return prior if toks[qfirst - 2].end <= prior.quote_end + 1 else None


def _is_designator(before: Tok, sentence_start: bool) -> bool:
    """ "Camp 7", "Route 1", "Chapter 11": a capitalised word followed by a number."""
    if not before.text[:1].isupper() or not before.text.isalpha():
        return False
    return before.tag in ("NNP", "NNPS") or not sentence_start


def _noun_after(toks: list[Tok], i: int, f: Found, limit: int) -> bool:
    """Find the counted noun after the number; sets unit, unit_span, head, quote_end."""
    n = _index_at(toks, limit)
    if i >= n:
        return False
    t = toks[i]
    if t.text == "%" or t.lower in ("percent", "pct"):
        return _set_unit(f, "percent", toks, i, i)
    if t.lower == "per" and i + 1 < n and toks[i + 1].lower == "cent":
        return _set_unit(f, "percent", toks, i, i + 1)
    if t.lower == "percentage" and i + 1 < n and toks[i + 1].lemma == "point":
        return _set_unit(f, "percentage point", toks, i, i + 1)
    j = i
    partitive = False
    if t.lower == "of":
        j += 1
        partitive = True
        if j < n and toks[j].lower in PARTITIVE_DET:
            j += 1
        # "of the state's 497 municipalities", "of the 250 seats"
        pos = next((k for k in range(j, min(j + 4, n)) if toks[k].tag == "POS"), None)
        if pos is not None:
            j = pos + 1
        if j < n and toks[j].tag == "CD":
            j += 1
    begin = j
    skipped = 0
    while j < n and skipped < 6:
        tj = toks[j]
        model = tj.tag == "CD" and any(c.isalpha() for c in tj.text)  # "F-16", "S-300"
        if (tj.tag not in MODIFIER_TAGS and not model) or (tj.text[:1].isdigit() and not model):
            break
        next_tag = toks[j + 1].tag if j + 1 < n else ""
        if (tj.tag == "CC" and next_tag not in ("JJ", "NNP")) or \
                (tj.tag == "," and next_tag != "JJ") or \
                (tj.tag == "RB" and next_tag not in ("JJ", "VBN", "NN", "NNS")):
            break
        j += 1
        skipped += 1
    if toks[j - 1].tag in ("CC", ",") if j > begin else False:
        j -= 1
    k = j
    while k < n and (toks[k].tag in NOUN_TAGS or (toks[k].tag == "HYPH" and k > j and
                                                  k + 1 < n and toks[k + 1].tag in NOUN_TAGS)):
        if toks[k].lemma in ("percent",) and k > j:
            break
        k += 1
    if k == j:
        # a plural proper noun of people: "12 Palestinians", "two Americans"
        last = j - 1
        if last >= begin and toks[last].tag == "NNPS":
            return _set_unit(f, _singular(toks[last].lower), toks, i, last, head=last)
        if partitive and j < n and toks[j].lower in ("them", "those", "whom", "which"):
            f.after = j + 1
        return False
    nouns = toks[j:k]
    head = nouns[-1]
    if head.lower in MORE_AFTER and len(nouns) == 1:
        return False  # "two others": the noun is left out
    lemma = LEMMA_FIX.get(head.lower, head.lemma or _singular(head.lower))
    if head.tag == "NNS" and lemma == head.lower and lemma.endswith("s"):
        lemma = _singular(lemma)
    parts = [t.lower for t in nouns[:-1] if t.tag != "HYPH"]
    if any(not p.replace("-", "").isalpha() for p in parts):
        parts = []  # "S-300 missiles": a model name is not part of the unit
    unit = " ".join([*parts, lemma]) if parts and not any(
        t.tag == "HYPH" for t in nouns) else ("-".join([*parts, lemma]) if parts else lemma)
    return _set_unit(f, unit, toks, begin if not partitive else i, k - 1, head=k - 1)


def _set_unit(f: Found, unit: str, toks: list[Tok], first: int, last: int,
              head: int | None = None) -> bool:
    f.unit = unit
    f.unit_span = (toks[first].start, toks[last].end)
    f.head = head if head is not None else last
    f.after = last + 1
    f.quote_end = toks[last].end
    f.basis = "noun"
    return True


def _elliptical(toks: list[Tok], first: int, after: int, f: Found, found: list[Found],
                state: ArticleState) -> bool:
    """A number whose noun is left out: "more than 30", "300 in Niger", "dozens more"."""
    q = f.q
    if q.kind in ("none", "range"):
        return False
    qfirst = _index_at(toks, q.start)
    before = toks[qfirst - 1].lower if qfirst > 0 else ""
    nxt = toks[after].lower if after < len(toks) else ""
    more = nxt in MORE_AFTER
    if more:
        f.after = after + 1
        f.quote_end = toks[after].end
    event = _event_type(toks, f, found)
    # "Storm leaves 12 dead", "3 killed in blast": a count of people hurt or killed
    human_next = EVENT_WORDS.get(nxt) in HUMAN_EVENTS and toks[after].tag in ("JJ", "VBN")
    if human_next:
        event = EVENT_WORDS[nxt]
    allowed = q.kind == "any" or more or human_next or before in ELLIPSIS_BEFORE or \
        before in ABOVE_VERBS \
        or (event is not None and (before in EVENT_WORDS or before == "down" or
                                   _lemma_before(toks, qfirst) in EVENT_WORDS))
    if not allowed:
        return False
    prior = _antecedent_count(toks, found)
    toll = next((t for t in toks[:qfirst] if t.lemma == "toll"), None)
    if prior is not None:
        f.unit, f.basis = prior.unit, "sentence"
        f.prior = prior
        if before in COORDINATORS and prior.qualifier == "about" and \
                f.qualifier == "exact" and q.kind == "numeral":
            f.qualifier = "about"
        if event is None:
            event = prior.event_type
    elif toll is not None:
        f.unit, f.basis = "person", "sentence"
        event = event or "death"
    elif event in HUMAN_EVENTS and q.kind != "any":
        f.unit, f.basis = "person", "default"
    else:
        noun = _antecedent(toks, qfirst)
        if noun is not None:
            f.unit, f.basis = _lemma(noun), "sentence"
        elif not _existential_or_bounded(toks, qfirst, f):
            return False
        elif state.previous:
            f.unit, f.basis = state.previous[-1].unit, "previous"
            if event is None:
                event = state.previous[-1].event_type
        else:
            noun = _antecedent(state.previous_toks, len(state.previous_toks))
            if noun is None:
                return False
            f.unit, f.basis = _lemma(noun), "previous"
    assert f.unit is not None
    f.event_type = EVENT_NOUNS.get(f.unit, event)
    return True


def _existential_or_bounded(toks: list[Tok], qfirst: int, f: Found) -> bool:
    """Whether a count may take its noun from the sentence before: "there had been more
    than 30", "had numbered more than 30" (a bare "fell to 7.5" may not)."""
    if f.q.kind == "any" or f.qualifier not in ("exact", "none"):
        return True
    return any(t.lower == "there" for t in toks[max(0, qfirst - 4):qfirst])


def _lemma(tok: Tok) -> str:
    if tok.lower in LEMMA_FIX:
        return LEMMA_FIX[tok.lower]
    if tok.lemma and tok.lemma != tok.lower:
        return tok.lemma
    return _singular(tok.lower) if tok.tag in ("NNS", "NNPS") else tok.lower


def _antecedent_count(toks: list[Tok], found: list[Found]) -> Found | None:
    """The latest count of the sentence that is not inside a prepositional phrase
    ("1,400 cases across 17 states, compared with 58": the 58 are cases)."""
    for p in reversed(found):
        if not p.unit:
            continue
        i = _index_at(toks, p.q.start)
        if i > 0 and toks[i - 1].tag == "IN" and toks[i - 1].lower not in (
                "than", "with", "of", "that", "while", "because", "as"):
            continue
        return p
    return None


def _lemma_before(toks: list[Tok], i: int) -> str:
    return toks[i - 1].lemma if i > 0 else ""


def _antecedent(toks: Sequence[Tok], before: int) -> Tok | None:
    """The plural noun a left-out noun stands for: the last one, climbing out of
    prepositional phrases ("attacks on US forces, which had numbered 20" -> attacks)."""
    k = next((j for j in range(before - 1, -1, -1)
              if toks[j].tag == "NNS" and toks[j].lemma not in TIME_UNITS), None)
    if k is None:
        return None
    while True:
        j = k - 1
        while j >= 0 and toks[j].tag in ("DT", "PRP$", "JJ", "NNP", "NNPS", "HYPH", "POS",
                                         "NN", "CD", "VBN"):
            j -= 1
        if j >= 1 and toks[j].tag == "IN" and toks[j].lower in ("on", "against", "in", "of",
                                                              "at", "by", "from", "targeting"):
            m = j - 1
            while m >= 0 and toks[m].tag in ("JJ", "NNP", "HYPH", "VBN"):
                m -= 1
            if m >= 0 and toks[m].tag == "NNS" and toks[m].lemma not in TIME_UNITS:
                k = m
                continue
        return toks[k]
