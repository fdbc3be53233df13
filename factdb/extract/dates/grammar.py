"""Date grammar: scan a sentence for atoms, read anchor phrases ("before the vote"),
and group atoms into expressions (ranges, "between X and Y", nested expressions).
"""

from __future__ import annotations

import re
from functools import lru_cache

from factdb.extract.dates.atoms import (
    _AND,
    _ECONOMIC,
    _EVENT_CUE,
    _NEXT_WORD,
    _NUM,
    _PREV,
    _TO,
    _TOKEN,
    _UNIT,
    ATOM,
    COMMON_VERBS,
    DATE_PREPS,
    DETERMINERS,
    EVENT_NOUNS,
    KINDS,
    NTH_FOLLOWERS,
    NTH_PREPS,
    PHASE_NOUNS,
    PRONOUNS,
    QUALIFIERS,
    STOP_WORDS,
    SUBJECTS,
    UNITS,
    WEEKDAY_PREPS,
    YEAR_PREPS,
    Atom,
    Expr,
    _pattern_at,
)
from factdb.ingest.records import Sentence
from factdb.lang import calendar as t
from factdb.lang.calendar import MONTHS, WEEKDAYS, number_value

# --- scanning -----------------------------------------------------------------------------

_GROUPS = {kind: [(name, name[len(kind) + 1:]) for name in ATOM.groupindex
                   if name.startswith(kind + "_")] for kind in KINDS}


def _groups(m: re.Match[str], kind: str) -> dict[str, str]:
    """The sub-groups of an atom's alternative that matched, without the kind prefix."""
    out = {}
    for name, short in _GROUPS[kind]:
        v = m.group(name)
        if v is not None:
            out[short] = v
    return out


@lru_cache(maxsize=512)
def _prev_word(text: str, lo: int, start: int) -> tuple[str, int]:
    """The word (or two-word connective) just before start, lowercased, and its offset."""
    m = _PREV.search(text, max(lo, start - 24), start)
    if not m:
        return "", start
    return re.sub(r"\s+", " ", m.group(1).lower().rstrip(".")), m.start(1)


def _next_word(text: str, end: int, hi: int) -> str:
    m = _NEXT_WORD.match(text, end, hi)
    return (m.group(1) or "") if m else ""


def _keep(kind: str, g: dict[str, str], text: str, start: int, end: int,
          s: Sentence) -> bool:
    """Context checks that tell a date from a number, a name or a modal verb."""
    prev = _prev_word(text, s.char_start, start)[0]
    nxt = _next_word(text, end, s.char_end)
    if kind == "mo" and "part" not in g and "y" not in g:
        word = g["m"].rstrip(".").lower()
        full_or_dotted = word in ("january", "february", "march", "april", "may", "june",
                                  "july", "august", "september", "october", "november",
                                  "december") or g["m"].endswith(".")
        # "the October slaying", "the March accession": a month naming an event's date
        modifier = prev == "the" and word != "may" and nxt[:1].islower() and nxt != "of"
        return full_or_dotted and (prev in DATE_PREPS or nxt in ("'s", "’s") or modifier)
    if kind in ("yr", "mo") and _PRE_POST.search(text, max(s.char_start, start - 5), start):
        return True  # "the post-1959 exodus", "pre-war"-style prefixes on a date
    if kind == "yr" and "part" not in g and "s" not in g and "y2" not in g:
        listed = len(prev) == 4 and prev.isdigit() and prev[:2] in ("18", "19", "20")
        # "a 2025 hearing", "the region's 2017 fire": a year naming an event's date
        # ("Kopp's 1987 Chevrolet" is a model year: a name after the year must be an event's)
        modifier = (prev in ("a", "an") or text[max(s.char_start, start - 3):start]
                    .rstrip() in ("'s", "’s")) and (nxt[:1].islower() or (
                        nxt[:1].isupper() and any(
                            w.lower() in EVENT_NOUNS for w in _WORD.findall(
                                text, end, min(s.char_end, end + 40))[:3])))
        if prev not in YEAR_PREPS and nxt not in ("'s", "’s") and not listed and \
                not modifier:
            return False
        plural_noun = nxt[:1].islower() and nxt.endswith("s") and not nxt.endswith("ss")
        return not (prev in ("the", "to", "and", "or") and plural_noun)
    if kind == "yr" and "y2" in g and "part" not in g:
        return prev in YEAR_PREPS or nxt[:1].islower() or nxt in ("", ",", ".", ")")
    if kind == "nth":
        if "wd" not in g and prev not in NTH_PREPS:
            return False
        return nxt == "" or not nxt[0].isalnum() or nxt.lower() in NTH_FOLLOWERS
    if kind == "wd" and "mod" not in g and "tod" not in g:
        if nxt[:1].isupper() and prev not in WEEKDAY_PREPS and \
                nxt.lower().rstrip(".") not in MONTHS and nxt.lower() not in WEEKDAYS:
            return False
    if kind == "rel" and text[start].isupper() and start > s.char_start and \
            text[start - 1] not in "\"“‘'(`":
        return False  # a name: "USA Today"
    if kind == "win" and g["d"].lower() in ("first", "final"):
        return False  # "the first 18 minutes" of a match: not anchored on a date
    if kind == "win" and "n" not in g and g["u"].lower().endswith("s"):
        return False  # "the coming months": no length
    if kind == "bq":
        return _ECONOMIC.search(text, s.char_start, s.char_end) is not None
    if kind == "per" and g["det"].lower() == "the" and "pre" not in g and \
            g["u"].lower() != "weekend":
        return False
    if kind == "per" and g["det"].lower() == "that" and g["u"].lower() in (
            "spring", "summer", "autumn", "fall", "winter"):
        return False
    return True


#: Every atom contains one of these at a word start, or a digit: scanning starts there.
TRIGGERS = tuple("""jan feb mar apr may jun jul aug sep oct nov dec mon tue wed thu fri sat sun
minute hour day week month year decade yesterday today tonight tomorrow morning afternoon
evening night eve quarter half spring summer autumn fall winter q1 q2 q3 q4 h1 h2 christmas
halloween valentine boxing thanksgiving easter""".split())
#: Words an atom may start with before its trigger ("the end of January", "less than 48").
START_WORDS = frozenset("""the a an less more fewer just over under nearly almost about around
some roughly at within barely only for so earlier later early late mid end this last next
previous preceding following coming that past several few first second third fourth final
1st 2nd 3rd 4th new""".split()) | frozenset(
    t.NUMBER_WORDS) | frozenset(WEEKDAYS) | frozenset(MONTHS)
_DIGITS = re.compile(r"\d+")


_ALNUM = re.compile(r"[a-z0-9]+")
#: A number that may belong to a date: a year, a day or count before a month or a unit, a
#: number joined to another by a dash or slash, an ordinal.
_DATE_NUMBER = re.compile(
    r"(?:1[89]\d\d|20\d\d)(?!\d)|\d{1,2}(?:st|nd|rd|th)?\s*[-–/]|\d{1,2}(?:st|nd|rd|th)\b|"
    r"\d{1,3}(?:st|nd|rd|th)?(?:\s+of)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|"
    r"minute|hour|day|week|month|year|decade)", re.IGNORECASE)
#: The whole words a trigger may be (a month or weekday only when capitalised).
TRIGGER_WORDS = frozenset("""minute minutes hour hours day days week weeks weekend weekends
month months year years decade decades yesterday today tonight tomorrow morning afternoon
evening night eve quarter quarters half spring summer autumn fall winter q1 q2 q3 q4 h1 h2
christmas halloween valentine boxing thanksgiving easter""".split())
CAPITAL_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS)
#: Words that open a connective anchored on an event ("since the ceasefire").
CUES = ("since", "before", "after", "prior", "ahead", "following", "until", "run-up",
        "lead-up", "build-up", "wake", "aftermath", "eve", "leading", "preceding")


def triggers(text: str, low: str) -> list[int]:
    """Offsets where an atom's trigger word or number starts, in order."""
    out = [m.start() for m in _DIGITS.finditer(text)
           if not (m.start() > 1 and text[m.start() - 1] in ",.:" and
                   text[m.start() - 2].isdigit()) and _DATE_NUMBER.match(text, m.start())]
    for word in TRIGGERS:
        i = low.find(word)
        while i != -1:
            if i == 0 or not low[i - 1].isalnum():
                m = _ALNUM.match(low, i)
                whole = m.group() if m else word
                if whole in TRIGGER_WORDS or (whole in CAPITAL_WORDS and text[i].isupper()):
                    out.append(i)
            i = low.find(word, i + 1)
    return sorted(set(out))


def cue_points(low: str) -> list[int]:
    """Offsets of words that may open an event-anchored expression, in order."""
    out = []
    for word in CUES:
        i = low.find(word)
        while i != -1:
            if i == 0 or not low[i - 1].isalnum():
                out.append(i)
            i = low.find(word, i + 1)
    out.sort()
    return out


def _starts(text: str, lo: int, trigger: int) -> list[int]:
    """Where an atom covering the trigger may start: the trigger, and up to five words
    before it that can open an atom."""
    found = [trigger]
    window = text[max(lo, trigger - 40):trigger]
    parts = window.split(" ")
    pos = trigger
    for n, part in enumerate(reversed(parts)):
        if n:
            pos -= 1  # the space
        pos -= len(part)
        if n > 5 or not part:
            continue
        word = part.lstrip("(\"“‘'").split("-")[0].rstrip(",.;:").lower()
        if word in START_WORDS or word[:1].isdigit():
            found.append(pos + len(part) - len(part.lstrip("(\"“‘'")))
    found.reverse()
    return found


def scan(text: str, s: Sentence, points: list[int]) -> list[Atom]:
    """The atoms of one sentence, in order, found around its trigger points."""
    atoms: list[Atom] = []
    taken = s.char_start
    for point in points:
        if point < taken:
            continue
        for start in _starts(text, taken, point):
            m = _pattern_at(text, start).match(text, start, s.char_end)
            if m is None or m.end() <= point:
                continue
            kind = m.lastgroup
            assert kind is not None
            g = _groups(m, kind)
            if _keep(kind, g, text, m.start(), m.end(), s):
                atoms.append(Atom(kind, m.start(), m.end(), g, s))
                taken = m.end()
                break
    return atoms


# --- anchor phrases -------------------------------------------------------------------------

def anchor_phrase(text: str, pos: int, hi: int,
                  bare: bool = False) -> tuple[int, int, bool] | None:
    """The noun phrase (or short clause) an expression is anchored on, starting at pos:
    (start, end, is_clause). "the summit", "the minister's trip", "it", "two police officers
    were shot in Lagos"; with ``bare``, also a phrase without a determiner ("floods swept
    through the village")."""
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text, pos, hi)][:16]
    if not tokens:
        return None
    first = text[tokens[0][0]:tokens[0][1]]
    low = first.lower()
    if low in PRONOUNS or low in SUBJECTS:
        following = text[tokens[1][0]:tokens[1][1]].lower() if len(tokens) > 1 else ""
        if low in SUBJECTS and following[:1].isalpha() and \
                following not in STOP_WORDS - _AUXILIARIES:
            return tokens[0][0], _clause_end(text, tokens, 1), True
        return tokens[0][0], tokens[0][1], False
    if not (low in DETERMINERS or first[0].isupper() or first[0].isdigit()
            or low in t.NUMBER_WORDS or first.endswith(("'s", "’s"))
            or (bare and first.isalpha() and low not in STOP_WORDS)):
        return None
    end = tokens[0][1]
    n_words = 0
    used_of = False
    i = 1
    while i < len(tokens) and n_words < 6:
        word = text[tokens[i][0]:tokens[i][1]]
        lw = word.lower()
        if not word[0].isalnum() and word not in ("-",):
            break
        if lw == "of" and not used_of and n_words > 0:
            used_of = True
            i += 1
            continue
        if lw in STOP_WORDS or lw in COMMON_VERBS or (
                lw.endswith("ed") and (n_words > 0 or low not in DETERMINERS)):
            break
        end = tokens[i][1]
        n_words += 1
        i += 1
    if low not in DETERMINERS and i < len(tokens):
        word = text[tokens[i][0]:tokens[i][1]].lower()
        if word in COMMON_VERBS or word.endswith("ed") or word in _AUXILIARIES:
            return tokens[0][0], _clause_end(text, tokens, i), True
    if low in DETERMINERS and end == tokens[0][1]:
        return None
    return tokens[0][0], end, False


_AUXILIARIES = frozenset("is are was were had has have".split())


def _clause_end(text: str, tokens: list[tuple[int, int]], i: int) -> int:
    """The end of a short clause whose verb is token i: up to punctuation, 16 tokens."""
    end = tokens[i - 1][1]
    for start, stop in tokens[i:16]:
        w = text[start:stop]
        if not w[0].isalnum() and w not in ("-", "'", "’"):
            break
        end = stop
    return end


def _is_eventish(phrase: str) -> bool:
    """Does the phrase's head noun name an event ("the summit", "the start of the war")?"""
    words = re.findall(r"[A-Za-z][\w-]*", phrase.lower())
    if "of" in words:
        head = words[words.index("of") - 1] if words.index("of") > 0 else ""
    else:
        head = words[-1] if words else ""
    head = re.sub(r"['’]s$", "", head)
    if head in PHASE_NOUNS:
        return "of" in words
    return head in EVENT_NOUNS or (head.endswith("s") and head[:-1] in EVENT_NOUNS)


# --- grouping -------------------------------------------------------------------------------

RANGEABLE = frozenset({"iso", "sl", "md", "dm", "nth", "hol", "mo", "qt", "bq", "se", "yr",
                       "wd"})
DATEISH = RANGEABLE | {"rel", "arel", "per", "win", "sp", "hl"}
RELATIONS = {"since": "since", "starting on": "since", "starting in": "since",
             "starting from": "since", "as of": "until", "until": "until", "till": "until",
             "up to": "until", "through": "until", "before": "before", "prior to": "before",
             "ahead of": "before", "after": "after", "following": "after"}
_OBJECT_DIRS = ("before", "after", "prior to", "following", "into")
_WORD = re.compile(r"[A-Za-z][\w-]*")
#: "the same period last year", "the same months of last year".
_SAME_PERIOD = re.compile(r"(?<![\w-])(?i:the\s+same\s+(?:period|time|months?|quarter|"
                          r"weeks?|days?|stretch)(?:\s+(?:of|in))?)\s+$")
#: A length counted from a date: "three days from Wednesday", "two weeks from March 3".
_FROM_DATE = re.compile(rf"(?<![\w-])(?P<n>{_NUM})\s+(?P<u>{_UNIT})\s+(?i:from)\s+$")
#: A prefix that makes a year a bound: "post-1959", "pre-2000".
_PRE_POST = re.compile(r"(?<![\w-])(?i:post|pre)-$")
#: A second day of the month after "<Month> <day>": "April 24 and 25", then a break.
_AND_DAY = re.compile(r"\s+and\s+(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?=\s*(?:[,.;:)]|$)|"
                      r"\s+(?:in|at|on|when|as|to|for|after|before|with|while)\b)")
_WIN_EVENT = re.compile(r"\s+(before|after|prior\s+to|following|ahead\s+of)\s+", re.IGNORECASE)


def _span_fields(a: Atom) -> tuple[int | None, str, str, str]:
    """(amount, unit, direction, qualifier) of an sp/hl/arel atom."""
    if a.kind == "sp":
        unit = UNITS[a.g["u"].lower().rstrip("s")]
        q = QUALIFIERS.get(re.sub(r"\s+", " ", a.g.get("q", "").lower()), "exact")
        return (number_value(a.g["n"]), unit, re.sub(r"\s+", " ", a.g["dir"].lower()), q)
    if a.kind == "hl":
        return 1, "day", a.g["dir"].lower(), "less_than"
    return 1, "day", a.g.get("da", "after").lower(), "exact"


def group(text: str, atoms: list[Atom], s: Sentence) -> list[Expr]:
    """Combine a sentence's atoms with their connectives into expressions."""
    out: list[Expr] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        nxt = atoms[i + 1] if i + 1 < len(atoms) else None
        prev, lead = _prev_word(text, s.char_start, a.start)
        gap = text[a.end:nxt.start] if nxt else ""
        if a.kind in ("upto", "wkof"):
            if nxt and not gap.strip() and nxt.kind in RANGEABLE:
                out.append(Expr(a.start, nxt.end, s, a.kind, [a, nxt]))
                i += 2
            else:
                i += 1
            continue
        if nxt and a.kind in RANGEABLE and nxt.kind in RANGEABLE:
            if prev == "between" and _AND.fullmatch(gap):
                out.append(Expr(lead, nxt.end, s, "range", [a, nxt], relation="between"))
                i += 2
                continue
            if _TO.fullmatch(gap) and (prev == "from" or gap.strip() in ("-", "–", "—")
                                       or a.kind == nxt.kind):
                start = lead if prev == "from" else a.start
                out.append(Expr(start, nxt.end, s, "range", [a, nxt], relation="between"))
                i += 2
                continue
        if a.kind == "rel" and nxt and nxt.kind == "wd" and "mod" not in nxt.g and \
                re.fullmatch(r",\s*", gap):
            out.append(Expr(a.start, nxt.end, s, "point", [a]))  # "today, Wednesday"
            i += 2
            continue
        if a.kind in ("md", "dm", "mo") and "y" not in a.g and nxt and nxt.kind == "per" \
                and re.fullmatch(r",?\s+", gap) and "pre" not in nxt.g \
                and nxt.g["u"].lower() == "year" and nxt.g["det"].lower() in ("this", "last",
                                                                             "next"):
            out.append(Expr(a.start, nxt.end, s, "inyear", [a, nxt]))  # "May 10 this year"
            i += 2
            continue
        spanlike = a.kind in ("sp", "hl") or (a.kind == "arel" and "da" in a.g)
        if spanlike:
            amount, unit, direction, qualifier = _span_fields(a)
            window = a.kind == "sp" and "the" in a.g
            if direction in _OBJECT_DIRS:
                relation = "after" if direction in ("after", "following", "into") else "before"
                if nxt and nxt.kind in DATEISH - {"sp", "hl"} and not gap.strip():
                    # one expression ("the day before last Tuesday"), as TimeML tags it;
                    # the date inside is a row of its own (_resolve_nested), once
                    out.append(Expr(a.start, nxt.end, s, "window" if window else "offset",
                                    [a], relation, amount, unit, qualifier, nested=nxt))
                    i += 2
                    continue
                found = anchor_phrase(text, a.end, s.char_end, bare=True)
                if found is not None and not (nxt and nxt.start < found[1]):
                    p_start, p_end, is_clause = found
                    out.append(Expr(a.start, a.end if is_clause else p_end, s,
                                    "event_window" if window else "event", [a], relation,
                                    amount, unit, qualifier, phrase=text[p_start:p_end]))
                    i += 1
                    continue
            out.append(Expr(a.start, a.end, s, "offset", [a], None, amount, unit, qualifier))
            i += 1
            continue
        if a.kind == "win" and "n" in a.g:
            # "the preceding ten days before the summit": a window bounded by an event
            m = _WIN_EVENT.match(text, a.end, s.char_end)
            found = anchor_phrase(text, m.end(), s.char_end) if m else None
            if m and found is not None and not found[2] and not (nxt and nxt.start < found[1]) \
                    and _is_eventish(text[found[0]:found[1]]):
                direction = re.sub(r"\s+", " ", m.group(1).lower())
                out.append(Expr(a.start, found[1], s, "event_window", [a],
                                "after" if direction in ("after", "following") else "before",
                                number_value(a.g["n"]), UNITS[a.g["u"].lower().rstrip("s")],
                                "exact", phrase=text[found[0]:found[1]]))
                i += 1
                continue
        if a.kind == "arel" and text[a.start:a.end].lower().startswith("the eve"):
            found = anchor_phrase(text, a.end, s.char_end)
            if nxt and not gap.strip() and nxt.kind in DATEISH:
                out.append(Expr(a.start, nxt.end, s, "offset", [a], "before", 1, "day",
                                "exact", nested=nxt))
                i += 2
                continue
            if found is not None:
                out.append(Expr(a.start, found[1] if not found[2] else a.end, s, "event", [a],
                                "before", 1, "day", "exact", phrase=text[found[0]:found[1]]))
            i += 1
            continue
        second = _AND_DAY.match(text, a.end, s.char_end) if a.kind == "md" and \
            "d2" not in a.g and "d3" not in a.g and "y" not in a.g and prev not in RELATIONS \
            else None
        if second is not None and not (nxt and nxt.start < second.end()):
            # "on April 24 and 25": the second day is a date of its own, in the same month
            out.append(Expr(a.start, a.end, s, "point", [a]))
            day = Atom("md", second.start("d"), second.end("d"),
                       {"m": a.g["m"], "d": second.group("d")}, s)
            out.append(Expr(day.start, day.end, s, "point", [day]))
            i += 1
            continue
        same = _SAME_PERIOD.search(text, max(s.char_start, a.start - 40), a.start) \
            if a.kind == "per" and "pre" not in a.g and a.g["det"].lower() == "last" and \
            a.g["u"].lower() == "year" else None
        if same is not None:
            # "up from 300 in the same period last year": the last story period, a year back
            out.append(Expr(same.start(), a.end, s, "same_period", [a]))
            i += 1
            continue
        counted = _FROM_DATE.search(text, max(s.char_start, a.start - 40), a.start) \
            if prev == "from" and a.kind in DATEISH - {"sp", "hl", "arel"} else None
        if counted is not None:
            # "three days from Wednesday": the date and the days after it, up to the last
            out.append(Expr(counted.start(), a.end, s, "window", [a], "from",
                            number_value(counted.group("n")),
                            UNITS[counted.group("u").lower().rstrip("s")], "exact", nested=a))
            i += 1
            continue
        prefix = _PRE_POST.search(text, max(s.char_start, a.start - 5), a.start)
        if prefix is not None and a.kind in ("yr", "mo"):
            # "post-1959" is after 1959, "pre-1990" before 1990: the date, with its relation
            out.append(Expr(prefix.start(), a.end, s, "relation", [a],
                            "after" if prefix.group().lower().startswith("post") else
                            "before"))
            i += 1
            continue
        rel = RELATIONS.get(prev)
        if rel and a.kind in DATEISH and a.kind not in ("sp", "hl"):
            out.append(Expr(lead, a.end, s, "relation", [a], rel))
        elif a.kind in ("dur", "adj"):
            out.append(Expr(a.start, a.end, s, "duration", [a]))
        else:
            out.append(Expr(a.start, a.end, s, "point", [a]))
        i += 1
    return out


def event_exprs(text: str, s: Sentence, taken: list[tuple[int, int]]) -> list[Expr]:
    """Connectives anchored on an event phrase: "since the ceasefire", "after the attack",
    "in the weeks before the vote", "since then"."""
    out = []
    for m in _EVENT_CUE.finditer(text, s.char_start, s.char_end):
        if any(a <= m.start() < b or a < m.end() <= b for a, b in taken):
            continue
        if any(m.end() <= a < m.end() + 2 for a, _ in taken):
            continue  # the connective governs a date atom: grouped already
        found = anchor_phrase(text, m.end(), s.char_end)
        if found is None:
            continue
        p_start, p_end, is_clause = found
        phrase = text[p_start:p_end]
        cue = re.sub(r"\s+", " ", m.group("cue").lower())
        if phrase.lower() == "then":
            if cue == "since":
                out.append(Expr(m.start(), p_end, s, "since_then", [], "since"))
            continue
        if is_clause or not _is_eventish(phrase):
            continue
        if m.group("cue_u"):
            direction = m.group("cue_dir").lower()
            relation = "after" if direction in ("after", "since", "following") else "before"
            out.append(Expr(m.start(), p_end, s, "event_window", [], relation,
                            unit=UNITS[m.group("cue_u").lower().rstrip("s")], phrase=phrase))
            continue
        if cue.startswith("on the eve"):
            out.append(Expr(m.start(), p_end, s, "event", [], "before", 1, "day", "exact",
                            phrase=phrase))
            continue
        relation = ("since" if cue == "since" else "until" if cue == "until" else
                    "after" if cue in ("after", "following") or "wake" in cue
                    or "aftermath" in cue else "before")
        out.append(Expr(m.start(), p_end, s, "event", [], relation, phrase=phrase))
    return out
