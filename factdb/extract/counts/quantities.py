"""One quantity: whether a number is a count and of what ("14 people", "dozens more", "300
in Niger"), coordinated and elliptical counts, and their antecedents; the noun written after
the number is read by nouns.py.
"""

from __future__ import annotations

from collections.abc import Sequence

from factdb.extract.counts.levels import _level_after_change, _level_before_change
from factdb.extract.counts.nouns import _noun_after
from factdb.extract.counts.typing import _event_type
from factdb.extract.counts.vocabulary import (
    ABOVE_VERBS,
    AUXILIARIES,
    CHANGE_WORDS,
    CONTINUOUS,
    COORDINATORS,
    CURRENCY_SIGNS,
    DURATION_UNITS,
    ELLIPSIS_BEFORE,
    EVENT_NOUNS,
    EVENT_WORDS,
    FRACTIONS,
    HUMAN_EVENTS,
    HYPHEN_MEASURES,
    IDIOMS,
    LEVEL,
    MEASURED_AFTER_A,
    MORE_AFTER,
    NOT_COUNTED_AFTER_NO,
    NOUN_TAGS,
    RATE_ABBREVIATIONS,
    RATE_NOUNS,
    SCALE_WORDS,
    SCALED,
    TIME_UNITS,
    UNIT_ABBREVIATIONS,
    ArticleState,
    Found,
    _index_at,
    _is_designator,
)
from factdb.extract.counts.windows import Window
from factdb.extract.tokens import LEMMA_FIX, Tok, _singular
from factdb.lang.numbers import COMPARATIVE_AFTER, CURRENCIES, GLUED_UNIT, Quantity

#: round numbers that, alone as a clause's subject, count people ("thousands fled"); not
#: "millions", as often money ("millions were spent")
PEOPLE_ROUNDS = frozenset({"dozens", "scores", "hundreds", "thousands"})


def _counted(toks: list[Tok], q: Quantity, found: list[Found], state: ArticleState,
             s0: int, windows: list[Window]) -> Found | None:
    """The count a quantity makes, or None when it is not a count."""
    if q.definite and not _of_the_group(toks, q):
        return None
    first = _index_at(toks, q.num_start)
    qfirst = _index_at(toks, q.start)
    before = toks[qfirst - 1] if qfirst > 0 else None
    after_q = _index_at(toks, q.end)
    if before is not None and q.kind in ("numeral", "words") and q.start == q.num_start:
        glued = any(tok.start < q.end < tok.end for tok in toks[max(0, after_q - 1):after_q]) \
            or after_q < len(toks) and (toks[after_q].start == q.end and
                                        GLUED_UNIT.fullmatch(toks[after_q].lower) is not None
                                        or toks[after_q].text == "%")
        if not q.sign and not glued and not SCALED.search(q.text) and \
                _is_designator(before, qfirst == 1 or before.start == s0):
            return None  # ("Calmex 200mg", "Friday 4.5%", "Israels 9 billion": no designator)
        hyphen_measure = (after_q < len(toks) - 1 and toks[after_q].text == "-" and
                          (toks[after_q + 1].lemma in HYPHEN_MEASURES or  # "a 10- or 12-foot"
                           toks[after_q + 1].lower in (",", "or", "and", "to"))) or \
            (after_q < len(toks) and (toks[after_q].lower in UNIT_ABBREVIATIONS or
                                      toks[after_q].lower in MEASURED_AFTER_A)) or \
            any(tok.start < q.end < tok.end for tok in toks[max(0, after_q - 1):after_q])
        if before.lower in ("a", "an") and q.value != 1 and not hyphen_measure and \
                not q.currency and not q.decimals:
            return None  # "a 2,000 strong force": a modifier (a decimal is a reading:
            #              "a 104.2 passer rating", "a .625 record")
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
    elif q.kind == "times":
        f.unit, f.unit_span, f.quote_end = "time", (q.num_start, q.end), q.end
    elif not _noun_after(toks, after, f, limit):
        if not _elliptical(toks, first, after, f, found, state):
            return None
    if f.unit == "time" and not _tally(toks, f, state) and not _multiple(toks, f):
        return None
    if f.unit is None or f.basis == "noun" and f.unit in FRACTIONS:
        return None  # "one fourth of the population": a fraction, not a count of fourths
    if f.unit.split()[-1] in TIME_UNITS and f.unit != "time" and " per " not in f.unit and \
            not _duration(toks, f, qfirst):
        return None
    if _definite_subject(toks, f, state):
        return None  # "the 5,000 analysts had forecast": a reference, not a report
    if q.year_like and (f.basis != "noun" or before is not None and before.tag in ("IN", "TO")
                        or f.head is not None and toks[f.head].tag != "NNS"
                        or before is not None and before.tag in ("DT", "PRP$", "POS")):
        return None  # "in 2024 alone", "the 2024 budget totals", "its 2019 elections": years
    if q.kind == "none" and f.basis == "noun" and f.head is not None:
        head = toks[f.head]
        if head.lemma in NOT_COUNTED_AFTER_NO or (head.tag != "NNS" and
                                                  f.unit not in EVENT_NOUNS):
            return None
    if q.kind == "any" and f.basis == "noun" and f.head is not None and \
            toks[f.head].lemma in NOT_COUNTED_AFTER_NO:
        return None  # "did not release any details"
    if f.head is not None and before is not None and \
            (before.lower, q.text.lower(), toks[f.head].lower) in IDIOMS:
        return None  # "by no means", "at one stage"
    if q.kind == "range" and f.basis != "noun":
        return None
    if q.kind == "words" and q.value == 1 and after < len(toks) and \
            toks[after].lower in ("of", "another"):
        return None  # "one of the factions": a mention, not a count
    _rate(toks, f)
    _shared_qualifier(toks, qfirst, f, found)
    if f.unit in DURATION_UNITS:
        f.event_type = None  # "rescued after 96 hours": a length of time has no event
    elif f.event_type is None:
        f.event_type = _event_type(toks, f, found)
    if f.event_type is None and f.prior is None and before is not None and \
            before.lower in COORDINATORS:
        prior = _coordinated_prior(toks, qfirst, found)
        if prior is not None:
            f.event_type = prior.event_type
    return f


#: words after "a year", "a week" that make it a point in time ("a year earlier", "a week
#: ago", "a day later", "a month before")
_TIME_ADVERBS = frozenset({"earlier", "ago", "later", "before", "after", "previously",
                           "prior", "back", "on", "since"})


def _rate(toks: list[Tok], f: Found) -> None:
    """ "$1.98 a share", "$10 per gram", "325,000 barrels per day", "$80 per sq m": the unit a
    quantity is counted per. After "a"/"an" only for money and measures and a noun of
    RATE_NOUNS ("killed five a day" is no rate of a count of people)."""
    i, n = f.after, len(toks)
    if i + 1 >= n or f.unit is None or f.q.kind in ("none", "any"):
        return
    word = toks[i].lower
    measured = bool(f.q.currency) or f.unit.split()[-1] in CONTINUOUS
    if word not in ("per", "a", "an", "a-", "/") or (word not in ("per", "/") and not measured):
        return
    j = i + 1
    if toks[j].text == "-" and j + 1 < n:
        j += 1  # "£24 a-year"
    square = ""
    if toks[j].lower in ("square", "sq", "sq.", "cubic") and j + 1 < n:
        square = "cubic " if toks[j].lower == "cubic" else "square "
        j += 1
    t = toks[j]
    if t.lower == "cent" or (j + 1 < n and toks[j + 1].tag in NOUN_TAGS and not square and
                             t.lower not in DURATION_UNITS):
        return  # "per cent"; "$5 a share price" (a noun phrase goes on; "a $900 a month
        #         lease" is a rate)
    if word in ("a", "an") and j + 1 < n and toks[j + 1].lower in _TIME_ADVERBS:
        return  # "a profit of $300m a year earlier": a point in time, not a rate
    if t.lower.rstrip(".") in RATE_ABBREVIATIONS and (word in ("per", "/") or square):
        per = RATE_ABBREVIATIONS[t.lower.rstrip(".")]
    elif word == "per" and t.lower in ("hundred", "thousand", "million", "billion"):
        per = t.lower  # "1,200 parts per million", "3 deaths per thousand"
    elif t.tag == "NN" or (t.tag == "NNS" and square):
        per = LEMMA_FIX.get(t.lower, t.lemma or t.lower)
        if word != "per" and per not in RATE_NOUNS:
            return
    else:
        return
    f.per_unit = square + per
    f.quote_end = t.end
    f.after = j + 1


def _of_the_group(toks: list[Tok], q: Quantity) -> bool:
    """ "none of the nine people", "all of the three": the group a part is taken from is
    itself a count (not in "two of the nine cases": the group is told elsewhere)."""
    k = _index_at(toks, q.start)
    return k >= 3 and toks[k - 1].lower == "the" and toks[k - 2].lower == "of" and \
        toks[k - 3].lower in ("none", "all", "each", "both")


def _shared_qualifier(toks: list[Tok], qfirst: int, f: Found, found: list[Found]) -> None:
    """ "about 40% and 12%", "around 48% against 29%": the qualifier of the first
    number carries over to the second."""
    if not found or qfirst < 2 or f.qualifier != "exact" or f.q.kind != "numeral" or \
            f.q.start != f.q.num_start:
        return
    prior = found[-1]
    if toks[qfirst - 1].lower in ("and", "or", "against", "versus", "vs") and \
            prior.qualifier == "about" and prior.unit == f.unit and \
            toks[qfirst - 2].end <= prior.quote_end + 1:
        f.qualifier = "about"
    elif toks[qfirst - 1].text in ("(", "/") and \
            prior.qualifier in ("more_than", "at_least", "less_than", "at_most") \
            and toks[qfirst - 2].end <= prior.quote_end + 1 and \
            _measured(prior) and _measured(f):
        f.qualifier = prior.qualifier  # "more than 2,000 metres (6,500 feet)": the same bound
        #                                ("just under 296 hp (224 kW / 300 PS)")


def _measured(f: Found) -> bool:
    """A money amount, percentage or measure (not a count of things)."""
    words = (f.unit or "-").split()
    return bool(f.q.currency) or " ".join(words) in CONTINUOUS or words[-1] in CONTINUOUS


def _duration(toks: list[Tok], f: Found, qfirst: int) -> bool:
    """ "25 years in prison", "a three-week truce", "for four days": a length of time,
    stored as a measure; not a date ("two years ago"), an age ("a 45-year-old"), a window
    ("the past two years") or a vague or bounded reference ("the first two days")."""
    unit = f.unit or ""
    if f.basis != "noun" or f.head is None or unit not in DURATION_UNITS or \
            f.q.kind not in ("numeral", "words", "range"):
        return False
    nxt = toks[f.head + 1].lower if f.head + 1 < len(toks) else ""
    if nxt in ("ago", "old", "later", "earlier", "before", "after", "since", "prior",
               "previously", "on", "into", "from"):
        return False
    lead = [t.lower for t in toks[max(0, qfirst - 2):qfirst]]
    if unit == "second" and lead[-1:] == ["in"]:
        return True  # "covered 100 metres in 10.2 seconds": how long it takes
    if lead[-2:-1] == ["the"] and lead[-1] in ("past", "last", "first", "next") and \
            qfirst >= 3 and toks[qfirst - 3].lemma in SPAN_VERBS:
        return True  # "has spent the last 150 days at sea": the object of a verb of time
    if lead[-1:] == ["the"] and f.head + 1 < len(toks) and toks[f.head + 1].tag == "VBN" and \
            toks[f.head + 1].dep in ("acl", "amod", "relcl"):
        return True  # "the 20 years sought by prosecutors": an amount of time, not a period
    if lead[-1:] == ["in"] and _superlative_before(toks, qfirst - 1):
        return True  # "the biggest rise in 14 months", "worst in 30 years": the period a
        #              record holds over
    # "rescued after 96 hours", "scored after 70 minutes": how long it took, a measure
    return not any(w in ("past", "last", "next", "first", "previous", "coming", "following",
                         "final", "recent", "within", "every", "each", "the", "those",
                         "these", "its", "their", "his", "her", "opening", "closing", "in",
                         "over", "before", "within") for w in lead[-1:]) and \
        not (lead[-2:-1] and lead[-2] in ("past", "last", "next", "first", "previous"))


#: verbs whose object is a length of time ("spent the last 150 days", "took the first two
#: hours")
SPAN_VERBS = frozenset({"spend", "take", "serve", "wait"})
#: what ends the clause a superlative is looked for in (a relative clause does not: "the
#: best meal that I had there in 12 years")
_CLAUSE_END = frozenset({",", ";", ":", "and", "but", "while"})


def _superlative_before(toks: list[Tok], i: int) -> bool:
    """A superlative ("biggest", "worst", "most") in the clause before token i."""
    for t in reversed(toks[max(0, i - 8):i]):
        if t.lower in _CLAUSE_END:
            return False
        if t.tag in ("JJS", "RBS"):
            return True
    return False


def _tally(toks: list[Tok], f: Found, state: ArticleState) -> bool:
    """ "shelled the town 17 times", "rates were cut three times": a count of occurrences
    (not "three times as many", "at times", "the first time")."""
    q = f.q
    if q.kind == "times":
        return True
    if q.kind not in ("numeral", "words") or f.head is None or toks[f.head].lower != "times":
        return False
    if COMPARATIVE_AFTER.match(" " + " ".join(t.text for t in toks[f.head + 1:f.head + 3])):
        return False
    tok = toks[f.head]
    if state.tokens.parsed:
        governor = state.tokens.at(tok.head)
        if governor.tag.startswith("RB") and governor.head != governor.i:
            governor = state.tokens.at(governor.head)  # "17 times overnight"
        if tok.dep not in ("npadvmod", "advmod", "dobj", "obj", "pobj", "attr") or \
                not governor.tag.startswith("VB"):
            return False
        kind = EVENT_WORDS.get(governor.lemma) or EVENT_WORDS.get(governor.lower)
        if kind is not None:
            f.event_type = kind
    return True


def _multiple(toks: list[Tok], f: Found) -> bool:
    """ "trades on 6.5 times earnings": a multiple, "times" followed by the noun it
    multiplies (not "five times the size", "three times higher": comparisons)."""
    h = f.head
    return h is not None and toks[h].lower == "times" and h + 1 < len(toks) and \
        toks[h + 1].tag in NOUN_TAGS


def _definite_subject(toks: list[Tok], f: Found, state: ArticleState) -> bool:
    """ "The 5,000 analysts had forecast ...": a definite noun phrase that is the subject
    names a group already known; it reports no count."""
    if not state.tokens.parsed or f.head is None or f.basis != "noun" or \
            f.q.qualifier != "exact" or f.q.kind not in ("numeral", "words"):
        return False
    qfirst = _index_at(toks, f.q.start)
    if qfirst == 0 or toks[qfirst - 1].lower not in ("the", "these", "those"):
        return False
    return toks[f.head].dep in ("nsubj", "nsubjpass")


def _coordinated_prior(toks: list[Tok], qfirst: int, found: list[Found]) -> Found | None:
    """The count right before "and"/"or" that this one is coordinated with."""
    if not found or qfirst < 2:
        return None
    prior = found[-1]
    return prior if toks[qfirst - 2].end <= prior.quote_end + 1 else None


def _elliptical(toks: list[Tok], first: int, after: int, f: Found, found: list[Found],
                state: ArticleState) -> bool:
    """A number whose noun is left out: "more than 30", "300 in Niger", "dozens more"."""
    q = f.q
    if q.kind in ("none", "range"):
        return False
    if after < len(toks) and toks[after].tag == "NNP" and toks[after].text[:1].isupper() and \
            toks[after].ent not in ("DATE", "TIME", "GPE", "LOC"):
        return False  # "the Nova 7 Lite and 7 Max": a number in a name, not a count
    qfirst = _index_at(toks, q.start)
    before = toks[qfirst - 1].lower if qfirst > 0 else ""
    nxt = toks[after].lower if after < len(toks) else ""
    more = nxt in MORE_AFTER
    if more:
        f.after = after + 1
        f.quote_end = toks[after].end
    event = _event_type(toks, f, found)
    # "Storm leaves 12 dead", "3 killed in blast", "31 have been injured": a count of
    # people hurt or killed
    v = after
    while v < len(toks) and v - after < 3 and toks[v].lower in AUXILIARIES:
        v += 1
    verb = toks[v].lower if v < len(toks) else ""
    human_next = EVENT_WORDS.get(verb) in HUMAN_EVENTS and toks[v].tag in ("JJ", "VBN") \
        and (v == after or toks[after].lower in AUXILIARIES)
    if human_next:
        event = EVENT_WORDS[verb]
    # "130 hostages ..., 29 of whom": a partitive takes the noun of the count before it
    partitive = nxt == "of" and after + 1 < len(toks) and \
        toks[after + 1].lower in ("whom", "which", "them", "these", "those")
    if partitive and not found:
        return False
    # "Of the 40 deaths, 30 were in Homs": a fronted partitive lends its noun
    fronted_of = before == "," and bool(found) and len(toks) > 2 and toks[0].lower == "of" \
        and _index_at(toks, found[0].q.start) <= 3
    listed = before == "," and bool(found) and nxt in ("with", "by", "from") and \
        _index_at(toks, found[-1].quote_end) >= qfirst - 8
    # "the DAX rose by 2 percent but the CAC fell by 1" (or "decrease by 1", tagged a noun):
    # the size of a change, in the unit of the count before it
    mover = toks[qfirst - 2] if qfirst >= 2 else None
    changed_by = before == "by" and mover is not None and bool(found) and \
        bool({mover.lower, mover.lemma if mover.tag.startswith("VB") else ""} & CHANGE_WORDS)
    if changed_by and q.kind == "numeral" and found[-1].unit is not None:
        f.unit, f.basis, f.event_type = found[-1].unit, "sentence", None
        return True
    if q.kind == "numeral" and nxt in ("or", "and", "to") and after + 1 < len(toks) and \
            toks[after + 1].text in CURRENCY_SIGNS:
        f.unit, f.basis = CURRENCIES[toks[after + 1].text], "sentence"
        return True  # "about 8 or $9": the currency written once, on the second number
    if _value_of_noun(toks, first, f):
        # "a net worth of 2.47 billion", "estimates of 81,300": the value of the noun before
        # "of", its unit left out
        f.unit, f.basis, f.event_type = LEVEL, "sentence", None
        return True
    level = _level_after_change(toks, qfirst, found) or _level_before_change(toks, after)
    if level is not None and q.kind == "numeral" and not q.year_like:
        f.unit, f.basis, f.event_type = level, "sentence", None
        return True
    # "hundreds stormed the building", "thousands fled": a round number alone as the
    # subject of a clause counts people
    vague_subject = q.kind == "vague" and nxt != "of" and \
        toks[qfirst].lower in PEOPLE_ROUNDS and toks[qfirst].dep in ("nsubj", "nsubjpass")
    allowed = q.kind == "any" or more or human_next or partitive or fronted_of or listed or \
        vague_subject or \
        before in ELLIPSIS_BEFORE or \
        before in ABOVE_VERBS \
        or (event is not None and (before in EVENT_WORDS or before == "down" or
                                   _lemma_before(toks, qfirst) in EVENT_WORDS))
    if not allowed:
        return False
    prior = _antecedent_count(toks, found)
    toll = next((t for t in toks[:qfirst] if t.lemma == "toll"), None)
    if vague_subject and toks[qfirst].dep == "nsubj":
        f.unit, f.basis = "person", "default"  # who acts is people, whatever was counted
    elif prior is not None:
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
    elif (event in HUMAN_EVENTS and q.kind != "any") or vague_subject:
        f.unit, f.basis = "person", "default"
    else:
        noun = _antecedent(toks, qfirst)
        if before == "at" and q.kind == "numeral" and not q.year_like and \
                (q.decimals or q.value >= 1000 and noun is None) and f.qualifier == "exact":
            # "will end the year at 16,644", "traded at 132.86": a level on its own scale
            f.unit, f.basis, f.event_type = LEVEL, "sentence", None
            return True
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


def _value_of_noun(toks: list[Tok], first: int, f: Found) -> bool:
    """ "a total of 200 million", "a net worth of 2.47 billion", "estimates of 81,300": a
    large or decimal number with no noun after it, right after "<noun> of", is the value of
    that noun (not "a club of four": a small whole number there counts something left out)."""
    q = f.q
    return q.kind == "numeral" and not q.year_like and not q.currency and \
        f.qualifier == "exact" and bool(q.decimals or q.value >= 1000) and first >= 2 and \
        toks[first - 1].lower == "of" and toks[first - 2].tag in ("NN", "NNS")


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
        if not p.unit or p.unit == "time" or p.q.currency or p.unit in (
                "percent", "percentage point") or p.unit in DURATION_UNITS:
            continue  # "shelled it 17 times and killed five": not a noun to share
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
