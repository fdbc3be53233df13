"""What a count counts beyond its noun: the event type (killed, arrested, launched,
deployed...), the place ("in Chad"), cessations ("strikes have stopped") and the
time window that governs a count.
"""

from __future__ import annotations

import re

from factdb.extract.counts.vocabulary import (
    CESSATION,
    CHANGE_DOWN,
    CHANGE_UP,
    CLAUSE_STOP,
    DEPLOY_VERBS,
    EVENT_NOUNS,
    EVENT_WORDS,
    JOB_GAIN,
    JOB_LOSS,
    JOBS,
    LAUNCH,
    MILITARY,
    MONEY_NOUNS,
    NUMERIC_ENTS,
    PLACE_ADJ,
    PLACE_KINDS,
    PLACE_PARTICLES,
    PLACE_PREPS,
    TIME_UNITS,
    WEAPONS,
    Found,
    _index_at,
)
from factdb.extract.counts.windows import Window
from factdb.extract.tokens import LEMMA_FIX, Tok, Tokens
from factdb.lang.numbers import GENERIC_EVENT_NOUNS, Quantity

#: Verbs that take "lives" as a death toll: "claimed the lives of", "lost their lives".
LIVES_LOST = frozenset({"claim", "cost", "take", "lose"})


def _event_type(toks: list[Tok], f: Found, found: list[Found]) -> str | None:
    """The kind of event the count is about: from its noun, else a nearby verb or noun."""
    unit = f.unit
    if unit is not None:
        if unit in EVENT_NOUNS:
            return EVENT_NOUNS[unit]
        head = unit.split()[-1]
        if head in EVENT_NOUNS and head not in ("case",):
            return EVENT_NOUNS[head]
    taken = [(p.q.start, p.quote_end) for p in found]
    best: tuple[int, str] | None = None
    # backward: the governing verb ("killed 14", "struck 40 targets")
    dist = 0
    qfirst = _index_at(toks, f.q.start)
    j = qfirst - 1
    while j >= 0 and dist < 7:
        t = toks[j]
        if t.tag in (",", ":", ".") or t.text in (";", "(", ")") or \
                t.lower in ("and", "or", "but", "while") or \
                any(a <= t.start < b for a, b in taken):
            break  # a verb before "and" belongs to the count before it
        kind = _event_word(toks, j, unit)
        if kind is not None:
            best = (dist, kind)
            break
        j -= 1
        dist += 1
    # forward: "14 people were killed", "31 fighters died"
    j, dist = f.after, 0
    while j < len(toks) and dist < 8:
        t = toks[j]
        if t.lower in CLAUSE_STOP or t.text in (";", ":") or t.tag == "CD":
            break
        kind = _event_word(toks, j, unit)
        if kind is not None:
            if best is None or dist < best[0]:
                best = (dist, kind)
            break
        j += 1
        dist += 1
    if best is not None:
        return best[1]
    if unit in MILITARY:
        for t in toks[max(0, qfirst - 3):qfirst]:
            if t.lower in DEPLOY_VERBS or t.lemma in DEPLOY_VERBS:
                return "deployment"
        if qfirst >= 2 and toks[qfirst - 2].lower == "there" and toks[qfirst - 1].lemma == "be":
            return "deployment"
    return None


def _generic_event(toks: list[Tok], f: Found, found: list[Found]) -> str | None:
    """ "no attacks since March, in contrast to over 20 incidents before it": a count of
    incidents takes the kind of the event the sentence names, the nearest other count of an
    event noun first, else the nearest event noun."""
    if f.unit is None or f.unit.split()[-1] not in GENERIC_EVENT_NOUNS:
        return None
    others = [p for p in found if p is not f and p.unit in EVENT_NOUNS]
    if others:
        return EVENT_NOUNS[min(others, key=lambda p: abs(p.q.start - f.q.start)).unit or ""]
    nouns = [t for t in toks if t.tag in ("NN", "NNS") and
             LEMMA_FIX.get(t.lower, t.lemma) in EVENT_NOUNS and
             not (f.unit_span and f.unit_span[0] <= t.start < f.unit_span[1])]
    if not nouns:
        return None
    near = min(nouns, key=lambda t: abs(t.start - f.q.start))
    return EVENT_NOUNS[LEMMA_FIX.get(near.lower, near.lemma)]


def _event_word(toks: list[Tok], j: int, unit: str | None) -> str | None:
    t = toks[j]
    head = unit.split()[-1] if unit else None
    if head in JOBS:
        if t.lower in JOB_GAIN or t.lemma in JOB_GAIN:
            return "job_gain"
        if t.lower in JOB_LOSS or t.lemma in JOB_LOSS:
            return "job_loss"
    if head in WEAPONS and (t.lower in LAUNCH or t.lemma in LAUNCH):
        if t.lemma == "shoot" and j + 1 < len(toks) and toks[j + 1].lower == "down":
            return "interception"
        return "attack"
    if t.lemma == "shoot" and j + 1 < len(toks) and toks[j + 1].lower == "down":
        return "interception"
    if t.lemma == "leave" and any(x.lemma == "home" for x in toks[j + 1:j + 4]):
        return "displacement"
    if t.lower == "round" or t.lemma == "round":
        return "arrest" if j + 1 < len(toks) and toks[j + 1].lower == "up" else None
    if t.lemma == "life" and any(x.lemma in LIVES_LOST for x in toks[max(0, j - 3):j]):
        return "death"  # "claimed the lives of 9", "nine sailors lost their lives"
    if t.lemma == "shoot" and t.tag.startswith("VB"):  # "guards shot six strikers"
        after = toks[j + 1].lower if j + 1 < len(toks) else ""
        return "death" if after == "dead" else "shooting"  # not "shot down": before
    kind = EVENT_WORDS.get(t.lemma) or EVENT_WORDS.get(t.lower)
    if kind == "strike" and t.tag in ("NN", "NNS") and head is not None and \
            head not in ("target", "site", "position", "facility", "location"):
        return None  # "a drone strike on a U.S. outpost ... killed three": the noun is a cause
    return kind


def _place(toks: list[Tok], f: Found) -> None:
    """ "in <place>" after the counted noun, within the clause: "1,200 troops in Chad"."""
    j = f.after
    steps = 0
    while j < len(toks) and steps < 12:
        t = toks[j]
        if t.lower in CLAUSE_STOP or t.text in (";", ":") or \
                (t.tag == "CD" and t.ent in NUMERIC_ENTS):
            return
        if t.lower in PLACE_PREPS:
            k = j + 1
            while k < len(toks) and toks[k].lower in PLACE_ADJ and toks[k].text.islower():
                k += 1
            # "in the southern city of Odesa"
            if k + 1 < len(toks) and toks[k].lower in PLACE_KINDS and toks[k + 1].lower == "of":
                k += 2
            span = _place_name(toks, k)
            if span is not None:
                a, b = span
                # coordinated places: "in Chad and Niger", "in Chad or Niger"
                while b + 1 < len(toks) and toks[b].lower in ("and", "or", ",") and \
                        toks[b + 1].text[:1].isupper():
                    more = _place_name(toks, b + 1)
                    if more is None:
                        break
                    b = more[1]
                f.place_span = (toks[a].start, toks[b - 1].end)
                if j == f.after:
                    f.quote_end = toks[b - 1].end
                return
        j += 1
        steps += 1


def _fronted_place(toks: list[Tok]) -> tuple[int, int] | None:
    """The place of a sentence that opens with "In <place>," (offsets), if it does."""
    if len(toks) < 3 or toks[0].lower not in ("in", "across", "inside"):
        return None
    span = _place_name(toks, 1)
    if span is None or span[1] >= len(toks) or toks[span[1]].text != ",":
        return None
    return toks[span[0]].start, toks[span[1] - 1].end


def _place_name(toks: list[Tok], k: int) -> tuple[int, int] | None:
    """Token range [a, b) of a place name starting at k (a GPE/LOC entity or capitals)."""
    if k >= len(toks) or not toks[k].text[:1].isupper():
        return None
    if toks[k].ent not in ("GPE", "LOC"):
        return None
    b = k + 1
    while b < len(toks) and toks[b].ent == toks[k].ent and not toks[b].ent_begins:
        b += 1
    while b - 1 > k and not toks[b - 1].text[:1].isalnum():
        b -= 1
    # "Rio Grande do Sul", "Deir ez-Zor": a lowercase particle inside the name
    while b + 1 < len(toks) and toks[b].lower in PLACE_PARTICLES and \
            toks[b + 1].tag == "NNP" and toks[b + 1].text[:1].isupper():
        b += 2
    return k, b


def _cessations(text: str, toks: list[Tok], windows: list[Window], s0: int,
                s1: int) -> list[Found]:
    """ "Raids ... have stopped since March 3": none since the window start."""
    out = []
    for m in CESSATION.finditer(text, s0, s1):
        window = next((w for w in windows if 0 <= w.start - m.end() <= 2 and
                       w.relation in ("since", "after")), None)
        if window is None:
            continue
        verb = _index_at(toks, m.start())
        subject = next((t for t in toks[:verb] if t.tag == "NNS" and
                        t.lemma not in TIME_UNITS), None)
        if subject is None:
            continue
        q = Quantity(m.start(), m.end(), m.start(), 0.0, "none", "cessation", m.group())
        unit = LEMMA_FIX.get(subject.lower, subject.lemma)
        f = Found(q=q, unit=unit, unit_span=(subject.start, subject.end), basis="cessation",
                  quote_end=m.end(), qualifier="none", after=_index_at(toks, m.end()))
        f.event_type = EVENT_NOUNS.get(unit)
        out.append(f)
    return out


#: words that set one count against another: a window on one side of them does not
#: govern a count on the other ("no attacks since X, in contrast to 20 before")
CONTRAST_LEMMAS = frozenset({"contrast", "compare", "compared", "unlike", "versus", "vs",
                             "oppose", "opposed", "against", "whereas"})
CONTRAST_MARKS = frozenset({"while", "whereas", "although", "though", "but"})


def _contrasted(tokens: Tokens | None, a: int, b: int) -> bool:
    """Whether the parse puts a contrast ("compared with", "in contrast to", "unlike",
    "while ...") between the words at offsets a and b: on the path from either word up
    to the head they share."""
    if tokens is None or not tokens.parsed:
        return False
    ia, ib = tokens.index_at(a), tokens.index_at(b)
    if ia is None or ib is None:
        return False
    up_a, up_b = tokens.path_up(ia), tokens.path_up(ib)
    shared = set(up_a) & set(up_b)
    for path in (up_a, up_b):
        for i in path:
            if i in shared:
                break
            t = tokens.at(i)
            if t.lemma in CONTRAST_LEMMAS or t.lower in CONTRAST_LEMMAS:
                return True
            if t.dep in ("advcl", "conj") and any(
                    tokens.at(c).dep in ("mark", "cc") and tokens.at(c).lower in CONTRAST_MARKS
                    for c in range(max(0, i - 12), i) if tokens.at(c).head == i):
                return True
    return False


def _change(toks: list[Tok], f: Found) -> str | None:
    """up | down when the number is the size of a change: "rose by 3%", "fell 5 percent",
    "up 2%", "cut 200 jobs"; None for a level ("rose to 5%", "at 3%")."""
    if f.q.kind in ("none", "any", "cessation"):
        return None
    if f.q.sign and f.unit in ("percent", "percentage point"):
        return "up" if f.q.sign > 0 else "down"  # "FTSE -0.6%, DAX +1.2%": signed changes
    i = _index_at(toks, f.q.start) - 1
    money = bool(f.q.currency) or (f.unit or "-").split()[-1] in MONEY_NOUNS
    if i >= 0 and money and toks[i].lemma == "raise" and toks[i].tag.startswith("VB"):
        return None  # "has raised 280 million of the 1.5 billion": money raised, not a rise
    if i >= 0 and toks[i].lower == "by":
        i -= 1
        k = i  # "grow sales by 35%", "raised its stake by 5%": the verb before its object
        while k >= 0 and i - k < 3 and toks[k].tag in ("NN", "NNS", "DT", "PRP$"):
            k -= 1
        if k < i and k >= 0 and toks[k].tag.startswith("VB"):
            i = k
    while i >= 0 and toks[i].tag in ("RB", "RBR") and toks[i].lower not in ("up", "down"):
        if toks[i].lower in ("upward", "upwards", "downward", "downwards"):
            return "up" if toks[i].lower.startswith("up") else "down"  # "revised upward by"
        i -= 1  # "rose sharply by 3%"
    if i < 0:
        return None
    t = toks[i]
    if t.lower in CHANGE_UP or (t.lemma in CHANGE_UP and t.tag.startswith("VB")):
        return "up"
    if t.lower in CHANGE_DOWN or (t.lemma in CHANGE_DOWN and t.tag.startswith("VB")):
        return "down"
    return None


#: the words between a count and a window that dates its source: ", according to figures "
_ATTRIBUTED_DATE = re.compile(r",\s*according\s+to\s+(?:[\w’'.-]+\s+){0,4}$", re.IGNORECASE)


_COMPARED = frozenset({"from", "than", "compared", "versus", "vs", "against", "unlike"})
#: relations that open another clause: a window of the main clause stays out of it
_OTHER_CLAUSE = frozenset({"relcl", "ccomp", "csubj", "acl", "parataxis"})


def _same_clause(tokens: Tokens | None, w: Window, offset: int) -> bool:
    """Whether the parse puts the count in the clause of the verb the window attaches to,
    wherever the words stand: "The situation since March shows a total of 950 cases,
    including 31 deaths"; "... broke out in 2019 ..., killing at least 3,000 people"
    (a participle stays in its clause; a relative or reported clause does not)."""
    if tokens is None or not tokens.parsed or w.clausal or w.adverbial or w.dated_event:
        return False
    wi, ci = tokens.index_at(w.start), tokens.index_at(offset)
    if wi is None or ci is None:
        return False
    verb = None
    for i in tokens.path_up(wi):
        t = tokens.at(i)
        if i != wi and t.lower in _COMPARED:
            return False  # "up from 900 last week": the window of the compared figure
        if t.tag.startswith("VB"):
            verb = i
            break
    if verb is None:
        return False
    path = tokens.path_up(ci)
    # "The war erupted in 2023 and turned into ..., killing 40,000 people": the start of a
    # conflict dates what its participles count, across the clauses that tell of it
    first_verb = next((tokens.at(i) for i in path if tokens.at(i).tag.startswith("VB")), None)
    began = w.relation == "since" and tokens.at(wi).lower == "in" and \
        first_verb is not None and first_verb.tag == "VBG" and first_verb.dep == "advcl"
    for i in path:
        if i == verb:
            return True
        t = tokens.at(i)
        if t.lower in _COMPARED or t.lower == "according":
            return False
        if began and t.dep in ("relcl", "conj", "advcl"):
            continue
        if t.dep in _OTHER_CLAUSE or \
                (t.dep in ("advcl", "conj") and t.tag.startswith("VB") and t.tag != "VBG"):
            return False  # another clause: relative, reported, coordinated finite verb
    return False


def _comma(between: str) -> bool:
    """A comma that separates clauses (not the one inside "1,200")."""
    return re.search(r",(?!\d)", between) is not None


def _governing_window(text: str, s0: int, f: Found, windows: list[Window],
                      boundaries: list[int], tokens: Tokens | None = None) -> Window | None:
    """The nearest window phrase in the same clause as the count. A comma between them is
    crossed only by a fronted window ("Since March 3, there have been no raids"); a
    contrast in the parse is never crossed."""
    best: tuple[int, int, Window] | None = None
    for w in windows:
        lo, hi = min(w.start, f.q.start), max(w.end, f.quote_end)
        if any(lo < b < hi for b in boundaries):
            continue
        if _contrasted(tokens, f.q.num_start, w.start):
            continue
        if w.dated_event and (f.event_type is None or f.q.kind == "cessation"):
            continue  # "on Tuesday" dates an event ("killed five"), not a standing figure
        if w.end <= f.q.start:
            gap, after = f.q.start - w.end, 1
            between = text[w.end:f.q.start]
        elif w.start >= f.quote_end:
            gap, after = w.start - f.quote_end, 0
            between = text[f.quote_end:w.start]
        else:
            continue
        if f.q.kind == "cessation" and w.start < f.q.start:
            continue
        if after and w.adverbial and not _comma(between):
            pass  # "currently has 800 staff"
        elif after and not _fronted(text, s0, w.start, boundaries) and \
                not _same_clause(tokens, w, f.q.num_start):
            continue  # a window before the count governs it only when it opens the clause
        if not after and _comma(between) and not (
                len(re.findall(r",(?!\d)", between)) == 1 and _ATTRIBUTED_DATE.search(between)) \
                and not _same_clause(tokens, w, f.q.num_start):
            continue  # (", according to figures as of August 31" still dates the count)
        if w.clausal and after and not _comma(between):
            continue
        if best is None or (w.dated_event, gap, after) < (best[2].dated_event, *best[:2]):
            best = (gap, after, w)
    return best[2] if best else None


def _fronted(text: str, s0: int, start: int, boundaries: list[int]) -> bool:
    """Whether a phrase opens its sentence or clause."""
    opening = max([s0, *[b for b in boundaries if b < start]])
    lead = text[opening:start].strip(" ,;\"“'‘(").lower()
    return lead in ("", "but", "while", "whereas", "and", "yet") or \
        lead.endswith((" but", " while", " and", "compared with", "compared to"))
