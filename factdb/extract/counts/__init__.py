"""Counted quantities in story text: value, band, qualifier, unit, event type, place, window.

"more than 30 raids in the week before the vote", "no shelling since March 3",
"about 1,200 troops in Chad and 300 in Niger", "14 people were killed", "$5 billion".
Only story sentences (body, headline) are read: numbers in captions and page furniture are
not counts. Years, dates, times, ordinals, designators ("Camp 7"), model names (F-35),
bare pairs ("at 2-0 down") are not counts either; ages, fractions and the two numbers of a
pair that says what it counts ("a 25-22 win", "voted 10-2") are rows of their own (ages.py,
fractions.py, scores.py). The rules are written in docs/counts.md.
"""

from __future__ import annotations

import re
from typing import Any

from factdb.extract.context import ArticleContext
from factdb.extract.counts.ages import find_ages
from factdb.extract.counts.fractions import find_fractions, find_unit_shares
from factdb.extract.counts.levels import _from_to
from factdb.extract.counts.quantities import _counted
from factdb.extract.counts.scores import find_pair
from factdb.extract.counts.typing import (
    _cessations,
    _change,
    _fronted_place,
    _generic_event,
    _governing_window,
    _place,
)
from factdb.extract.counts.vocabulary import (
    CESSATION,
    CLAUSE_BOUNDARY,
    CONTINUOUS,
    EVENT_ANCHOR_NOUNS,
    EVENT_NOUNS,
    EXTRACTOR,
    MEASURES,
    MONEY_NOUNS,
    ArticleState,
    Found,
)
from factdb.extract.counts.windows import Window, find_windows
from factdb.extract.provenance import UngroundedFact, provenance
from factdb.extract.tokens import Tok, Tokens
from factdb.ingest.records import Sentence
from factdb.lang.numbers import (
    CURRENCY_SIGN,
    GENERIC_EVENT_NOUNS,
    Quantity,
    band,
    find_quantities,
)
from factdb.lang.places import place_key

# --- the extractor ------------------------------------------------------------------------

def extract(ctx: ArticleContext) -> dict[str, list[dict[str, Any]]]:
    """Counts in the story sentences of one article."""
    tokens = ctx.tokens
    state = ArticleState(tokens, person_ends=frozenset(
        m["char_end"] for m in ctx.earlier("entity_mentions") if m["mention_type"] == "PERSON"))
    rows: list[dict[str, Any]] = []
    for sentence in ctx.story_sentences():
        found = sentence_counts(ctx, sentence, tokens, state)
        for f in found:
            row = _row(ctx, sentence, f, len(rows), tokens.tagged)
            if row is not None:
                rows.append(row)
        state.previous = [f for f in found if f.unit and f.kind is None]
        state.previous_span = (sentence.char_start, sentence.char_end)
    return {"counts": rows}


def sentence_counts(ctx: ArticleContext, sentence: Sentence, tokens: Tokens,
                    state: ArticleState) -> list[Found]:
    text, s0, s1 = ctx.text, sentence.char_start, sentence.char_end
    windows = [w for w in find_windows(text, s0, s1, ctx.published_on,
                                       tokens.tag_at if tokens.tagged else None)
               if not _clause_not_event(text, w)]
    anchors = _resolve_anchors(windows, state)
    quantities = find_quantities(text, s0, s1)
    toks = tokens.span(s0, s1)
    # ages, fractions and pairs are quantities of their own: their numbers are not read as
    # counts, and they take no window, place or event
    own = [*find_ages(text, s0, s1, toks, state.person_ends),
           *find_fractions(text, s0, s1, toks),
           *(f for q in quantities if q.kind == "score"
             for f in find_pair(text, s0, s1, q))]
    # "half a mile", "an hour and a half": measures whose number is a share of the unit
    shares = find_unit_shares(text, s0, s1)
    if not quantities and not own and not shares and not CESSATION.search(text, s0, s1):
        return []
    found: list[Found] = []
    made: dict[int, Found] = {}
    for q in quantities:
        if _inside_window_phrase(q, windows) or q.kind == "score" or \
                any(o.q.start <= q.num_start < o.q.end for o in own) or \
                any(f.q.start <= q.num_start < f.quote_end for f in shares):
            continue
        if found and found[-1].q.end <= q.num_start < found[-1].quote_end and \
                _NAMED_AFTER.match(text, q.end) and \
                not _PARTITIVE_OF.search(text, found[-1].q.end, q.num_start):
            continue  # "four new 350 Skyliner jets": a number inside the counted noun phrase
            #           (not "34 of 46 passes": the group is a count too)
        f = _counted(toks, q, found, state, s0, windows)
        if f is not None:
            found.append(f)
            made[q.start] = f
    _from_to(text, s0, quantities, made, found, toks)
    _plus_or_minus(text, quantities, found)
    found.extend(shares)
    found.extend(_cessations(text, toks, windows, s0, s1))
    found.sort(key=lambda f: f.q.start)
    for f in found:
        _place(toks, f)
        if f.event_type is None:
            f.event_type = _generic_event(toks, f, found)
    for f, g in zip(found, found[1:], strict=False):  # "six miners and one guard were
        if f.event_type is None and g.event_type is not None and f.unit and g.unit and \
                f.kind is None and g.kind is None and \
                quantity_kind(f.unit, f.q.currency) == "count" == \
                quantity_kind(g.unit, g.q.currency) and \
                _COORDINATED.fullmatch(text, f.quote_end, g.q.start):
            f.event_type = g.event_type  # killed": the verb after the last tells them all
    for f in found:  # "two people were killed and 11 injured in Odesa": the place is shared
        if f.prior is not None and f.place_span and f.prior.place_span is None and \
                f.prior.after <= f.after:
            f.prior.place_span = f.place_span
    fronted = _fronted_place(toks)
    for f in found:  # "In Chile, more than 1,200 people have died": the place leads
        if f.place_span is None and fronted is not None and fronted[1] <= f.q.start:
            f.place_span = fronted
    boundaries = [m.start() for m in CLAUSE_BOUNDARY.finditer(text, s0, s1)] if windows else []
    for n, f in enumerate(found):
        f.change = _change(toks, f)
        prior = found[n - 1] if n else None
        if f.change is None and prior is not None and prior.change is not None and \
                _RESTATED.fullmatch(text, prior.quote_end, f.q.start):
            f.change = prior.change  # "lost 190 points, or 0.6%": the same change restated
        if f.change is None and prior is not None and prior.change is not None and \
                prior.unit == f.unit and _GAPPED.fullmatch(text, prior.quote_end, f.q.start):
            f.change = prior.change  # "Acme was down 2.3%, Bolt by 1.6%": verb left out
        f.window = _governing_window(text, s0, f, windows, boundaries, tokens)
        if f.window is not None and f.window.dated_event:
            f.event_day, f.window = f.window, None  # the event's own day, not a window
        if f.window is not None and _dates_the_clause(f, f.window, toks, tokens):
            f.window = None
    for f in found:  # "between May 1 and May 9, killing 87 people and injuring 37"
        p = f.prior
        if f.window is None and p is not None and p.window is not None and \
                p.window.end <= p.q.start and f.q.start >= p.quote_end and \
                _COORDINATED.fullmatch(text, p.quote_end, f.q.start):
            f.window = p.window
    for f in reversed(found):  # "12,000 in X and 13,000 in Y, as of May 31"
        p = f.prior
        if p is not None and p.window is None and f.window is not None and \
                f.window.start >= f.quote_end and not f.window.dated_event and \
                text[p.quote_end:f.q.start].strip(" ,") in ("and", "or", ""):
            p.window = f.window
        if f.window is not None and (f.window.anchor_phrase is not None or
                                     f.window.elliptic):
            f.anchor_text = anchors.get(f.window.start)
            if f.anchor_text is None and f.window.elliptic:
                f.window = None  # "in the days before" with nothing named before it
    return sorted([*found, *own], key=lambda f: f.q.start)


_NAMED_AFTER = re.compile(r"\s+[A-Z]")
_PARTITIVE_OF = re.compile(r"\b(?:of|out\s+of)\b", re.IGNORECASE)
#: "six miners and one guard": two counts coordinated
_COORDINATED = re.compile(r"\s*,?\s*(?:and|or)\s+")
#: "lost 190 points, or 0.6%", "dropped by 1 degree Celsius (1.8 Fahrenheit)": a change
#: restated in another unit
_RESTATED = re.compile(r"\s*(?:,?\s*or\s+|\(\s*)")
#: what stands between two coordinated counts that share a window stated before both
#: "Acme was down 2.3%, Bolt by 1.6%": a change whose verb is left out (gapping)
_GAPPED = re.compile(r"\s*,\s*(?:and\s+)?(?:[A-Z][\w&'’.-]*\s+){1,4}by\s+")
_COORDINATED = re.compile(r"[\s,]*(?:and|or)(?:\s+[a-z]+){0,2}\s*")

#: verbs that make their subject an event: "since the crackdown began", "after the rains
#: hit"
_EVENT_VERB = re.compile(r"\s+(?:(?:had|has|have|was|were)\s+)?(?:began|begun|begin|begins|"
                         r"started|starts|ended|ends|erupted|broke|hit|struck|stopped|ceased|"
                         r"took|came|intensified|escalated|resumed|happened|occurred|"
                         r"peaked|subsided)\b", re.IGNORECASE)


def _clause_not_event(text: str, w: Window) -> bool:
    """ "after the agency revised its figures": a clause whose subject names no event
    (and does not begin, end or strike) is not a window anchor."""
    if not w.clausal or w.anchor_phrase is None or w.pronoun_anchor:
        return False
    if _EVENT_VERB.match(text, w.end):
        return False
    words = w.anchor_phrase.lower().replace("’s", "").replace("'s", "").split()
    return not any(word.rstrip("s") in EVENT_ANCHOR_NOUNS or word in EVENT_ANCHOR_NOUNS
                   for word in words)


def _dates_the_clause(f: Found, w: Window, toks: list[Tok], tokens: Tokens) -> bool:
    """ "He was convicted last year of seven offenses", "held elections last month with 164
    million voters", "kept the rate in the 3.5% range following a two-day meeting": a
    calendar period or an event with no span says when the clause happened; a count inside
    a prepositional phrase of that clause is not counted over it, unless it is a tally of
    events (an event type, "N times") or a change ("sold 1.2 million units last year"
    is counted over the year: the count is the verb's object)."""
    if w.relation != "during" and not (w.relation in ("after", "before") and
                                        w.anchor_phrase is not None and not w.span_days):
        return False
    if not tokens.parsed or f.head is None or f.head >= len(toks):
        return False
    i = toks[f.head].i
    for _ in range(4):  # "the 3.5% range": up through the noun the count modifies
        t = tokens.at(i)
        if t.dep not in ("compound", "nmod", "amod", "nummod", "quantmod") or t.head == i:
            break
        i = t.head
    if tokens.at(i).dep != "pobj":
        return False
    head = (f.unit or "").split()[-1:] or [""]
    return f.event_type is None and f.change is None and f.unit != "time" and \
        not any(head[0] in nouns for nouns in (EVENT_NOUNS, GENERIC_EVENT_NOUNS,
                                               EVENT_ANCHOR_NOUNS))


#: "$2.5 billion, plus or minus 4 percent", "40 seats, give or take five", "±0.5"
_PLUS_OR_MINUS = re.compile(r"\s*,?\s*(?:plus\s+or\s+minus|give\s+or\s+take|±|\+/[-−])\s*",
                            re.IGNORECASE)


def _plus_or_minus(text: str, quantities: list[Quantity], found: list[Found]) -> None:
    """A margin written after a value makes it an estimate (`about`) whose band is the margin
    ("$2.5 billion, plus or minus 4 percent": 2.4 to 2.6 billion; "40 seats, give or take
    five": 35 to 45; "3.5%, plus or minus 0.2 percentage point"), not the rule's 10 %; a
    margin with a unit of its own stays a row of its own."""
    rows = {g.q.start: g for g in found}
    for f in found:
        m = _PLUS_OR_MINUS.match(text, f.quote_end)
        if f.kind is not None or f.q.qualifier != "exact" or m is None or m.end() == f.quote_end:
            continue
        q = next((q for q in quantities if q.start == m.end()), None)
        if q is None or q.kind not in ("numeral", "words"):
            continue
        g = rows.get(q.start)
        value, size = f.q.value, q.value
        if g is not None and g.unit == "percent" and f.unit != "percent":
            size = abs(value) * size / 100
        elif g is not None and g.unit != f.unit and g.basis == "noun" and \
                (f.unit, g.unit) != ("percent", "percentage point"):
            continue
        f.qualifier, f.margin = "about", (value - size, value + size)


def _inside_window_phrase(q: Quantity, windows: list[Window]) -> bool:
    for w in windows:
        stop = w.anchor_start if w.anchor_start is not None else w.end
        if w.start <= q.num_start < stop:
            return True
    return False


def _resolve_anchors(windows: list[Window],
                     state: ArticleState) -> dict[int, tuple[str, int, int]]:
    """Anchor phrase of each event-relative window; a pronoun takes the last one named."""
    out: dict[int, tuple[str, int, int]] = {}
    for w in windows:
        if w.elliptic:  # "in the two weeks prior": the anchor named last
            if state.anchors:
                out[w.start] = state.anchors[-1]
            continue
        if w.anchor_phrase is None or w.anchor_start is None or w.anchor_end is None:
            continue
        if w.pronoun_anchor:
            earlier = state.anchors[-1] if state.anchors else _event_noun(state.previous_toks)
            out[w.start] = earlier or (w.anchor_phrase, w.anchor_start, w.anchor_end)
        else:
            out[w.start] = (w.anchor_phrase, w.anchor_start, w.anchor_end)
            state.anchors.append(out[w.start])
    return out


def _event_noun(toks: list[Tok]) -> tuple[str, int, int] | None:
    """The last "the <event noun>" of a sentence: what "it" in the next one refers to."""
    for i in range(len(toks) - 1, 0, -1):
        if toks[i].lemma in EVENT_ANCHOR_NOUNS and toks[i - 1].lower in ("the", "this", "that"):
            start = toks[i - 1].start
            return f"{toks[i - 1].text} {toks[i].text}", start, toks[i].end
    return None


# --- rows ---------------------------------------------------------------------------------

def quantity_kind(unit: str, currency: str | None) -> str:
    """count | money | percent | measure: what the row holds."""
    if currency or unit.split()[-1] in MONEY_NOUNS:
        return "money"
    if unit in ("percent", "percentage point", "basis point"):
        return "percent"
    return "measure" if unit in MEASURES or unit.split()[-1] in MEASURES else "count"


def _currency_sign(written: str) -> str | None:
    """The currency sign as written before the number ("$", "US$", "£")."""
    m = CURRENCY_SIGN.match(written)
    return m.group() if m else None


def _fmt(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)


def count_key(unit: str, qualifier: str, value: float, place: str | None,
              w: Window | None) -> str:
    """A key shared by the same count told by several articles."""
    window = ""
    if w is not None:
        start = w.window_start.isoformat() if w.window_start else ""
        open_end = w.relation in ("since", "after", "so_far", "past")
        end = "" if open_end or w.window_end is None else w.window_end.isoformat()
        span = f"/{w.span_days}d" if w.span_days else ""
        window = f"{w.relation}:{start}..{end}{span}"
    return "|".join([unit, qualifier, _fmt(value), place_key(place), window])


#: What each unit basis (Found.basis) says about where the counted thing came from.
UNIT_BASIS_REASONS = {
    "noun": "unit from the counted noun",
    "pair": "one number of a pair; unit from the words around it (a game's sport, a vote, "
            "a record, a margin)",
    "sentence": "unit left out after the number; taken from the same sentence",
    "previous": "unit left out after the number; taken from the sentence before",
    "default": "unit is the one the word after the number implies",
    "cessation": "a count of none: the activity is said to have stopped",
}


def _reason(text: str, f: Found, tagged: bool) -> str:
    """What set a count's confidence: the unit's basis, then what lowered it."""
    reason = UNIT_BASIS_REASONS[f.basis]
    if f.unit_span and f.basis != "cessation":
        reason += f" '{text[f.unit_span[0]:f.unit_span[1]]}'"
    parts = [reason]
    if f.q.kind == "vague":
        parts.append("a vague number ('dozens', 'hundreds'), lowered")
    if not tagged:
        parts.append("no part-of-speech tags, lowered")
    if f.window is not None:
        parts.append(f"window from '{text[f.window.start:f.window.end]}'")
    return "; ".join(parts)


def _row(ctx: ArticleContext, sentence: Sentence, f: Found, n: int,
         tagged: bool) -> dict[str, Any] | None:
    q = f.q
    assert f.unit is not None or f.kind == "fraction"  # "half of them": a whole unnamed
    unit = f.unit or ""
    discrete = f.kind is None and unit not in CONTINUOUS and unit.split()[-1] not in CONTINUOUS
    qualifier = f.qualifier
    value = 0.0 if qualifier == "none" else q.value
    low, high = f.margin or band(value, qualifier, discrete, q.nearly, q.high, q.decimals)
    confidence = {"noun": 0.9, "pair": 0.8, "sentence": 0.75, "default": 0.7,
                  "previous": 0.6, "cessation": 0.6}[f.basis]
    if q.kind == "vague":
        confidence -= 0.1
    if not tagged:
        confidence -= 0.1
    try:
        start = q.start if f.from_start is None else f.from_start  # "from $40 to $55"
        prov = provenance(ctx, start, f.quote_end, f"{EXTRACTOR}:{f.basis}", confidence,
                          _reason(ctx.text, f, tagged))
    except UngroundedFact:
        return None
    w = f.window
    place = ctx.text[f.place_span[0]:f.place_span[1]] if f.place_span else None
    anchor = f.anchor_text
    row: dict[str, Any] = {
        "count_id": f"{ctx.article_id}:c{n}",
        "value": value,
        "value_low": low,
        "value_high": high,
        "qualifier": qualifier,
        "unit": f.unit,
        "event_type": f.event_type,
        "window_start": w.window_start if w else None,
        "window_end": w.window_end if w else None,
        "anchor_event_id": None,
        **prov,
        "place": place,
        "place_entity_id": None,
        "place_char_start": f.place_span[0] if f.place_span else None,
        "place_char_end": f.place_span[1] if f.place_span else None,
        # "over 20 incidents" of attacks is keyed as a count of attacks
        # (an age or a fraction is keyed by its kind: "32 year" of age is no length of time)
        "count_key": count_key(f"{f.kind}:{unit}" if f.kind else f.event_type
                               if f.event_type and unit in GENERIC_EVENT_NOUNS else unit,
                               qualifier, value, place, w),
        "window_relation": w.relation if w else None,
        "window_span_days": w.span_days if w else None,
        "window_anchor_phrase": anchor[0] if anchor else None,
        "window_anchor_char_start": anchor[1] if anchor else None,
        "window_anchor_char_end": anchor[2] if anchor else None,
        "window_quote": ctx.text[w.start:w.end] if w else None,
        "window_char_start": w.start if w else None,
        "window_char_end": w.end if w else None,
        "unit_quote": ctx.text[f.unit_span[0]:f.unit_span[1]] if f.unit_span else None,
        "unit_basis": f.basis,
        "value_text": q.text,
        "role": sentence.role,
        "quantity_kind": f.kind or quantity_kind(unit, q.currency),
        "currency": _currency_sign(q.text) if q.currency else None,
        "change": f.change,
        "per_unit": f.per_unit,
        "from_value": f.from_value,
        "event_date": f.event_day.window_start if f.event_day else None,
        "event_date_char_start": f.event_day.start if f.event_day else None,
        "event_date_char_end": f.event_day.end if f.event_day else None,
    }
    return row
