"""Numbers in English news text: numerals, number words, vague quantities, qualifiers.

A :class:`Quantity` is the number part of a count expression ("more than 30",
"about 1,200", "$5 billion", "dozens", "no", "not ... any"); what is counted (the noun)
is decided by :mod:`factdb.extract.counts`. The value_low / value_high rule is
:func:`band` (written out in docs/counts.md).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from factdb.lang.calendar import EXPLICIT_DATE

# --- vocabulary ---------------------------------------------------------------------------

SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000}
#: scale words and abbreviations written after a numeral ("2.5 million", "$5bn", "£3m")
NUMERAL_SCALES = {**SCALES, "bn": 1_000_000_000, "tn": 1_000_000_000_000, "m": 1_000_000,
                  "mn": 1_000_000, "k": 1_000}
CURRENCIES = {"us$": "dollar", "$": "dollar", "£": "pound", "€": "euro", "¥": "yen",
              "₹": "rupee", "usd": "dollar", "eur": "euro", "gbp": "pound", "jpy": "yen",
              "inr": "rupee", "cny": "yuan", "rmb": "yuan", "rm": "ringgit",
              "hk$": "hong kong dollar", "nz$": "new zealand dollar",
              "au$": "australian dollar", "a$": "australian dollar", "aud": "australian dollar",
              "c$": "canadian dollar", "cad": "canadian dollar", "s$": "singapore dollar",
              "ps": "pound", "y=": "yen"}

#: Vague plurals and their smallest reading: "dozens" is at least two dozen.
VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2_000,
         "millions": 2_000_000, "billions": 2_000_000_000,
         "tens of thousands": 20_000, "hundreds of thousands": 200_000,
         "tens of millions": 20_000_000, "hundreds of millions": 200_000_000}

#: Nouns that count occurrences of an event without naming its kind ("over 20 incidents"):
#: the counts extractor gives such a count the kind of event its sentence names ("no
#: attacks ..., in contrast to over 20 incidents"), and the fact groups and queries treat it
#: as a count of that kind.
GENERIC_EVENT_NOUNS = frozenset({"incident", "episode", "occurrence", "instance", "event"})

#: Qualifier phrases written before a number, and what they mean.
QUALIFIERS: dict[str, str] = {}
for _q, _phrases in {
    "more_than": ("more than", "over", "above", "in excess of", "upwards of", "upward of",
                  "just over", "well over", "well above", "greater than", "just more than",
                  "slightly more than", "a little over", "exceeding", "north of"),
    "at_least": ("at least", "no fewer than", "no less than", "a minimum of", "not less than",
                 "not fewer than"),
    "less_than": ("less than", "fewer than", "under", "below", "just under", "just below",
                  "slightly less than", "shy of"),
    "at_most": ("up to", "at most", "no more than", "not more than", "as many as",
                "a maximum of", "as much as"),
    "about": ("about", "around", "some", "roughly", "approximately", "approx.", "an estimated",
              "estimated", "circa", "nearly", "almost", "close to", "approaching",
              "an approximate", "more or less"),
    "exact": ("exactly", "precisely", "a total of", "in all", "just", "only"),
}.items():
    for _p in _phrases:
        QUALIFIERS[_p] = _q
#: "nearly N" is an about whose band lies below N (values just under N).
NEARLY = frozenset({"nearly", "almost", "close to", "approaching"})

# --- patterns -----------------------------------------------------------------------------

_NUMWORD = "|".join(sorted([*SMALL, *TENS, *SCALES], key=len, reverse=True))
_AND_AFTER_SCALE = "|".join(f"(?<={w})" for w in SCALES)
_WORDS = (rf"(?:a\s+(?=(?:{'|'.join(SCALES)})\b))?(?:{_NUMWORD})"
          rf"(?:(?:(?:{_AND_AFTER_SCALE})\s+and\s+|[\s-]+)(?:{_NUMWORD})\b)*")
#: ".500", ".534": a decimal written without its leading zero (a sports average)
_NUMERAL = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|(?<![\w.,])\.\d+"
#: currency signs and ISO codes written before the number ("$5", "US $473 million", "HK$3.7
#: billion", "USD10m", "RM79"); codes in capitals only
#: text folded to ASCII writes £ as "PS" and ¥ as "Y=" ("PS8.1bn", "Y=410 billion"; not the
#: console "PS5")
_CUR = (r"(?<![\w$])(?-i:(?:US|HK|NZ|AU|A|C|S)\s?\$|USD|EUR|GBP|JPY|INR|CNY|RMB|AUD|CAD|RM)"
        r"(?=\s?\d)|(?<![\w$])(?-i:Y=(?=\d)|PS(?=\d{2}|\d[.,]\d|\d\s?(?:bn|m|million|billion)\b))"
        r"|\$|£|€|¥|₹")
#: a currency sign or code at the start of a written amount
CURRENCY_SIGN = re.compile(_CUR)

#: "half a million", "a quarter of a billion", "three-quarters of a million": a share of a
#: scale word (before `words` reads "a million" out of it)
_SCALED_PART = (r"(?P<part_share>half\s+a|(?:a|one|two|three)[\s-](?:quarter|third)s?\s+of\s+a)"
                r"\s+(?P<part_scale>million|billion|trillion)")
#: "two and a half", "3 and a quarter", "one-and-a-half" (then perhaps a scale word: "two and
#: a half million")
_ONE_WORD = "|".join(sorted([*SMALL, *TENS], key=len, reverse=True))
_AND_A_HALF = (rf"(?P<part_whole>\d{{1,3}}|{_ONE_WORD})"
               r"[\s-]and[\s-]a[\s-](?P<part_frac>half|quarter)")
#: the share words and the parts of one they name ("two-thirds": 2 / 3)
DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5,
                "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}

#: One alternation over the forms a counted number takes; the first that fits wins.
QUANTITY = re.compile(
    r"(?P<vague>\b(?:tens|hundreds)\s+of\s+(?:thousands|millions)\b"
    r"|\b(?:dozens|scores|hundreds|thousands|millions|billions)\b"
    r"|\b(?:several|a\s+few)\s+(?:hundred|thousand|million)\b)"
    rf"|(?P<dozen>\b(?:half\s+a|a|(?:{_NUMWORD})|\d+)\s+dozen\b)"
    rf"|(?P<fold>\b(?:{_NUMWORD})-?fold\b)"
    r"|(?P<couple>\ba\s+couple\s+of\b)"
    rf"|(?P<part>\b(?:{_SCALED_PART}|{_AND_A_HALF}(?:\s+(?P<and_scale>million|billion|trillion))?)\b)"
    r"|(?P<mixed>\s?(?<![\w.,/])\d{1,3}(?:\s(?:1/2|1/4|3/4|1/3|2/3)|[½¼¾⅓⅔])(?![\w/]))"
    rf"|(?P<numeral>(?P<cur>{_CUR})?\s?(?P<num>(?(cur)|(?<![\w.,]))(?:{_NUMERAL}))"
    r"(?P<exp>\s?(?:×|\*|x(?=\s?10\s?\^))\s?10\s?(?:\^|\*\*|(?=[-−]))\s?(?P<pow>[-−]?\d{1,3})\b)?"
    rf"(?:(?:\s+|(?<=\d))(?P<scale>(?:hundred\s+)?(?:million|billion|trillion|thousand)|hundred"
    r"|bn|tn|mn|m|k)"
    r"\b(?!\.\w))?)"
    rf"|(?P<words>\b{_WORDS}\b)"
    r"|(?P<none>\b(?:no|zero|none(?=\s+of\b))\b)"
    r"|(?P<times>\b(?:twice|thrice)\b)",
    re.IGNORECASE,
)


def _led(pattern: re.Pattern[str], first: str) -> re.Pattern[str]:
    """pattern behind a lookahead for where its matches can begin: the same matches, found
    faster (re tries the whole alternation only where the first character can start one)."""
    return re.compile(rf"(?={first})(?:{pattern.pattern})", pattern.flags)


#: Where a QUANTITY match can begin: a word boundary before the first letter of one of its
#: words or a digit, a currency sign (or the U of "US$"), or a space before a digit.
QUANTITY_SCAN = _led(QUANTITY, r"\b[\dthdsmbafnzoe]|\s\.?\d|[u$£€¥₹]|Y="
                               r"|\b(?-i:[A-Z]{1,3})\s?\$?\d")
#: A qualifier phrase right before a number (searched in the text that precedes it).
QUALIFIER_BEFORE = re.compile(
    r"(?:^|(?<=[\s(\"'“‘—–-]))(?P<q>"
    + "|".join(re.escape(p) for p in sorted(QUALIFIERS, key=len, reverse=True))
    + r")\s+(?:an?\s+)?$",
    re.IGNORECASE,
)
#: "not ... any", "n't ... any", "never ... any": a negated count.
NEGATED_ANY = re.compile(
    r"(?P<neg>\b(?:not|never)\b|(?<=\w)n['’]t\b)(?:\s+[\w-]+){0,4}?\s+(?P<any>any)\b",
    re.IGNORECASE,
)
#: a second number making a range: "20 to 30", "20-30", "between 20 and 30"
RANGE_TAIL = re.compile(rf"(?P<pct>\s*%(?=\s*(?:-|–|to|and)\s*(?:{_NUMERAL})\s*%))?"
                        rf"\s*(?P<sep>-|–|to|and)\s*(?P<cur>{_CUR})?\s?"
                        rf"(?P<num>{_NUMERAL}|(?:{_NUMWORD})\b)",
                        re.IGNORECASE)
#: a verb of change before "from X to Y": two values, the level before and after ("rose
#: from 3 to 5"); without one, "from X to Y" is a range ("homes from $750,000 to $1
#: million", "priced from RM120,000 to RM300,000")
CHANGE_BEFORE = re.compile(
    r"\b(?:ris|rose|fell|fall|jump|climb|drop|increas|decreas|grew|grow|gain|los[ti]|"
    r"declin|slip|slid|surg|soar|plung|tumbl|sank|sink|sunk|cut|rais|lower|revis|slow|"
    r"mov|went|go|goes|going|gone|shift|swung|swing|widen|narrow|shrank|shrink|expand|"
    r"improv|boost|reduc|slash|dip|edg|inch|spik|doubl|tripl|halv|chang|upgrad|downgrad|"
    r"recover|rebound|accelerat|speed|sped|get|got|turn|switch|convert|"
    r"up|down|higher|lower)\w*\b[^,;.]*$", re.IGNORECASE)
#: a sign written against a number: "-1.3%" after a space or at the start, "+2%", "minus 40",
#: "minus-130"
SIGN_BEFORE = re.compile(r"(?:(?:^|(?<=[\s(]))[-−+]|(?<!plus or )\bminus[\s-])$", re.IGNORECASE)
TIME_AFTER = re.compile(r"(?:[:.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)(?!\w)|:\d{2}\b", re.IGNORECASE)
ORDINAL_AFTER = re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE)
AGE_BEFORE = re.compile(r"(?:\b(?:aged?|ages|age of|No\.?|number|#)"
                        r"|\b(?:aged?|ages)\s+\d+\s*(?:and|or|to|-|–))\s*$", re.IGNORECASE)
#: "9 in 10", "one in five", "3 out of 4": a ratio, not two counts
#: ("41 out of 45 seats" counts both: only a round "out of" 4, 10 or 100 is a ratio)
RATIO = re.compile(rf"\b(?:\d+|{'|'.join(SMALL)}|{'|'.join(TENS)})\s+"
                   r"(?:in(?!\s+(?:1[89]|20)\d\d\b)|out\s+of"
                   rf"(?=\s+(?:[2-9]|10|100|two|three|four|five|six|seven|eight|nine|ten)\b))\s+"
                   rf"(?:\d+|{'|'.join(SMALL)}|{'|'.join(TENS)})\b", re.IGNORECASE)
#: the first character of a RATIO match (a digit or number word) and of a NEGATED_ANY one
#: ("not", "never", "n't")
RATIO_SCAN = _led(RATIO, r"\b[\dzotfsen]")
NEGATED_ANY_SCAN = _led(NEGATED_ANY, "n")
DEFINITE_BEFORE = re.compile(r"\b(?:the|these|those|its|their|his|her|our|your|my)\s+$",
                             re.IGNORECASE)
YEAR = re.compile(r"(?:1[89]|20)\d\d")
#: "a three-week truce", "a 40-yard pass": a measure written as a modifier (not an age)
MEASURE_HYPHEN = re.compile(
    r"-(?:minute|hour|day|week|month|year|yard|mile|metre|meter|foot|inch|kilometre|"
    r"kilometer|km|acre|hectare|litre|liter|hp|mpg)s?\b(?!-old|\s+old)", re.IGNORECASE)
#: a plural noun right after "1.2m": millions of it ("1.2m tonnes", not "a 1.5m wall")
PLURAL_AFTER = re.compile(r"\s+(?!(?:tall|high|long|wide|deep|thick|away|apart|below|above)\b)"
                          r"(?:[a-z]+\s+)?[a-z]{3,}s\b")
#: "35m of its devices": millions of a plural noun taken from a group (no length is "of its")
OF_PLURAL_AFTER = re.compile(r"\s+of\s+(?:its|the|their|his|her|our)\s+(?:[A-Za-z]+\s+)?"
                             r"[a-z]{3,}s\b")
#: "2.5-fold", "10fold": a multiple written against the number
FOLD_AFTER = re.compile(r"-?fold\b", re.IGNORECASE)
#: a suspended hyphen: "a 10- or 12-foot boat", "two-, three- and four-door models" (the
#: number shares the modifier written after the last one of the list)
SUSPENDED = re.compile(r"-\s*,?\s+(?:(?:[a-z]+|\d+(?:\.\d+)?)-\s*,?\s+)*(?:and|or|to)\s+"
                       r"(?:[a-z]+|\d+(?:\.\d+)?)(?P<mod>-[a-z]+)", re.IGNORECASE)
#: unit abbreviations written against the number: "60GB", "155mph", "8.5kW"
#: ("2.14degF", "1.19deg C": the degree sign folded to ASCII)
#: ("45m2", "4km2": an area)
GLUED_UNIT = re.compile(r"(?:(?:k|c)?m2|km|kg|mph|kph|kw|kwh|mw|gw|gb|mb|tb|mm|cm|ml|hz|ghz|mhz|"
                        r"lbs?|hp|bhp|mah|mbps|gbps|mg|pc|deg[cf]?|p)\b",
                        re.IGNORECASE)
#: "twice as many", "three times more", "five times the size": a multiplier, not a tally
COMPARATIVE_AFTER = re.compile(
    r"\s+(?:as|more|less|fewer|higher|lower|larger|smaller|greater|bigger|faster|slower|"
    r"longer|shorter|the|a|an|that|what|its|their|his|her|over|above|below|normal|"
    r"[a-z]+er\s+than)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    """The number part of a count expression, with its qualifier."""

    start: int                 # start of the expression (the qualifier when there is one)
    end: int                   # end of the number (scale word included)
    num_start: int             # start of the number itself
    value: float
    qualifier: str             # exact | more_than | at_least | less_than | at_most | about
    #                            | none | range
    kind: str                  # numeral | words | vague | dozen | none | any | range
    #                            | times ("twice")
    text: str                  # the number as written ("1,200", "a dozen", "no")
    nearly: bool = False       # about, with the band below the value ("nearly 40")
    high: float | None = None  # the second number of a range
    currency: str | None = None
    decimals: int = 0
    year_like: bool = False    # a bare 4-digit 1800-2099 numeral: a year unless it counts
    definite: bool = False     # "the two countries": a reference, not a reported count
    sign: int = 0              # -1 / +1: a sign written against the number ("-1.3%", "+2%")


def words_value(text: str) -> float | None:
    """The value of number words: "two hundred and fifty" -> 250, "a dozen" -> 12."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]
    if not words:
        return None
    if words[0] == "a":
        words[0] = "one"
    total, current, seen = 0, 0, False
    for w in words:
        if w in SMALL:
            current += SMALL[w]
        elif w in TENS:
            current += TENS[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in SCALES:
            total += (current or 1) * SCALES[w]
            current = 0
        else:
            return None
        seen = True
    return float(total + current) if seen else None


def numeral_value(text: str) -> float:
    return float(text.replace(",", ""))


def _decimals(text: str) -> int:
    return len(text.split(".", 1)[1]) if "." in text else 0


def band(value: float, qualifier: str, discrete: bool, nearly: bool = False,
         high: float | None = None, decimals: int = 0) -> tuple[float | None, float | None]:
    """(value_low, value_high) of a count by the written rule of docs/counts.md."""
    if qualifier == "none":
        return 0.0, 0.0
    if qualifier == "exact":
        return value, value
    if qualifier == "range":
        return value, high
    if qualifier == "more_than":
        return (value + 1 if discrete and value.is_integer() else value), None
    if qualifier == "at_least":
        return value, None
    if qualifier == "less_than":
        return 0.0, (value - 1 if discrete and value.is_integer() else value)
    if qualifier == "at_most":
        return 0.0, value
    if qualifier == "about":
        if discrete and value.is_integer():
            low = float(math.floor(round(value * 0.9, 6)))
            up = value if nearly else float(math.ceil(round(value * 1.1, 6)))
            return low, up
        places = decimals + 1
        return round(value * 0.9, places), (value if nearly else round(value * 1.1, places))
    raise ValueError(f"unknown qualifier {qualifier!r}")


def _qualifier_before(text: str, limit: int, pos: int) -> tuple[str, int, bool] | None:
    """(qualifier, start, nearly) of a qualifier phrase ending right before pos."""
    lo = max(limit, pos - 32)
    m = QUALIFIER_BEFORE.search(text, lo, pos)
    if m is None:
        return None
    phrase = re.sub(r"\s+", " ", m.group("q").lower())
    return QUALIFIERS[phrase], m.start("q"), phrase in NEARLY


def _masked(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the sentence that hold dates and ratios: no counts inside."""
    spans = []
    for m in EXPLICIT_DATE.finditer(text, start, end):
        month = m.group("m1") or m.group("m2")
        if month is not None and not month[0].isupper():
            continue  # "may", "march": verbs, not months
        spans.append((m.start(), m.end()))
    spans.extend((m.start(), m.end()) for m in RATIO_SCAN.finditer(text, start, end))
    return spans


def find_quantities(text: str, start: int, end: int) -> list[Quantity]:
    """Every candidate quantity in text[start:end], left to right, not overlapping."""
    found: list[Quantity] = []
    pos = start
    masked: list[tuple[int, int]] | None = None  # found once there is a candidate
    for m in QUANTITY_SCAN.finditer(text, start, end):
        at = m.start("num") if m.group("num") else m.start()  # (the numeral may follow a space)
        if masked is None:
            masked = _masked(text, start, end)
        if m.start() < pos or any(a <= at < b for a, b in masked):
            continue
        q = _quantity(text, start, end, m)
        if q is None:
            continue
        found.append(q)
        pos = q.end
    found.extend(_negated(text, start, end, found))
    found.sort(key=lambda q: q.start)
    return found


def _negated(text: str, start: int, end: int, taken: list[Quantity]) -> Iterator[Quantity]:
    for m in NEGATED_ANY_SCAN.finditer(text, start, end):
        if any(q.start <= m.start("any") < q.end for q in taken):
            continue
        neg = m.start("neg")
        while neg > start and (text[neg - 1].isalnum() or text[neg - 1] in "'’"):
            neg -= 1
        yield Quantity(start=neg, end=m.end("any"), num_start=m.start("any"), value=0.0,
                       qualifier="none", kind="any", text=m.group("any"))


#: the fractions written after a whole number ("6 1/2", "2½")
_VULGAR = {"1/2": 0.5, "1/4": 0.25, "3/4": 0.75, "1/3": 1 / 3, "2/3": 2 / 3, "½": 0.5,
           "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}


def _quantity(text: str, start: int, end: int, m: re.Match[str]) -> Quantity | None:
    kind = m.lastgroup if m.lastgroup in ("vague", "dozen", "words", "none", "times") \
        else "numeral"
    qstart, qend = m.start(), m.end()
    if m.lastgroup == "fold":  # "grew sixfold", "a 2.5-fold rise": a multiple
        value = words_value(re.sub(r"-?fold$", "", m.group().lower()))
        if value is None:
            return None
        return _with_qualifier(text, start, Quantity(qstart, qend, qstart, value, "exact",
                                                     "times", m.group()))
    if m.lastgroup == "part":  # "half a million", "two and a half years"
        return _with_qualifier(text, start, _part(m))
    if m.lastgroup == "couple":  # "a couple of weeks": about two
        return Quantity(qstart, qend, qstart, 2.0, "about", "words", m.group())
    if m.lastgroup == "mixed":  # "6 1/2 years", "2½ miles": a whole and a fraction
        qstart += len(m.group()) - len(m.group().lstrip())
        whole, part = re.match(r"(\d+)\s?(.+)", text[qstart:qend]).groups()  # type: ignore[union-attr]
        return _with_qualifier(text, start, Quantity(
            qstart, qend, qstart, int(whole) + _VULGAR[part], "exact", "numeral",
            text[qstart:qend], decimals=2))
    if kind == "times":  # "twice": a tally of two times (not "twice as many")
        if COMPARATIVE_AFTER.match(text, qend, end):
            return None
        value = 2.0 if m.group().lower() == "twice" else 3.0
        return _with_qualifier(text, start, Quantity(qstart, qend, qstart, value, "exact",
                                                     "times", m.group()))
    if kind == "vague":
        phrase = re.sub(r"\s+", " ", m.group("vague").lower())
        value = float(VAGUE.get(phrase) or 2 * SCALES[phrase.split()[-1]])
        q = Quantity(qstart, qend, qstart, value, "at_least", "vague", m.group())
        return _with_qualifier(text, start, q, keep_vague=True)
    if kind == "none":
        return Quantity(qstart, qend, qstart, 0.0, "none", "none", m.group())
    if kind == "dozen":
        head = m.group("dozen").lower().split()[0]
        mult = 0.5 if head == "half" else (words_value(head) if not head[0].isdigit()
                                           else numeral_value(head))
        if mult is None:
            return None
        q = Quantity(qstart, qend, qstart, 12 * mult, "about" if head in ("a", "half")
                     else "exact", "dozen", m.group())
        return _with_qualifier(text, start, q)
    if kind == "words":
        worded = words_value(m.group("words"))
        if worded is None:
            return None
        q = Quantity(qstart, qend, qstart, worded, "exact", "words", m.group())
        if worded <= 10 and DEFINITE_BEFORE.search(text, max(start, qstart - 8), qstart):
            q = replace(q, definite=True)
        if re.match(r"-[A-Za-z]", text[qend:qend + 2]) and \
                not MEASURE_HYPHEN.match(text, qend, end) or _suspended_modifier(text, qend, end):
            return None  # "ten-year-old", "two-party": a modifier, not a count
        return _range(text, end, _with_qualifier(text, start, q))
    # numerals
    num_start, num_end = m.start("num"), m.end("exp") if m.group("exp") else m.end("num")
    raw = m.group("num")
    before = text[max(start, num_start - 2):num_start]
    last, first = before[-1:], before[:1]
    sub = None if m.group("cur") else \
        re.search(r"(?<![\w-])sub-$", text[max(start, num_start - 5):num_start], re.I)
    if not m.group("cur") and not sub and (last.isalpha() or last in ("#", "/", ":") or
                                           (last == "-" and first.isalnum())) and \
            not re.search(r"\bminus-$", text[max(start, num_start - 6):num_start], re.I):
        return None  # F-35, MQ-9, COVID-19, G7, 9/11, #3, 7:05, the 1 of a 3-1 score
    fold = FOLD_AFTER.match(text, num_end, end)
    if fold is not None and not m.group("cur") and not m.group("scale"):  # "a 2.5-fold rise"
        return _with_qualifier(text, start, Quantity(
            num_start, fold.end(), num_start, numeral_value(raw), "exact", "times",
            text[num_start:fold.end()], decimals=_decimals(raw)))
    after = text[num_end:num_end + 3]
    if after[:1] in ("p", "P") and raw in ("480", "720", "1080", "1440", "2160"):
        return None  # "1080p": a video resolution
    if after[:1] == "/" or ORDINAL_AFTER.match(text, num_end) or TIME_AFTER.match(text, num_end):
        return None
    if (re.match(r"-[A-Za-z]", after) and not MEASURE_HYPHEN.match(text, num_end, end)) \
            or re.match(r"[A-Za-z]", after[:1]) and not m.group("scale") and \
            not GLUED_UNIT.match(text, num_end, end):
        return None  # "45-year-old", "3D" (a "10-day" truce, "60GB" hold a measure)
    if AGE_BEFORE.search(text, max(start, num_start - 20), num_start) or \
            _suspended_modifier(text, num_end, end):
        return None
    value = numeral_value(raw)
    if m.group("pow"):  # "6.4×10−12", "3 x 10^8": scientific notation
        value = float(f"{value!r}e{int(m.group('pow').replace('−', '-'))}")
    sign = 0
    if not m.group("cur"):  # "FTSE -0.6%", "minus 40 degrees" (not "3 - 1", "3-1")
        signed = SIGN_BEFORE.search(text, max(start, num_start - 16), num_start)
        if signed is not None:
            sign = 1 if signed.group() == "+" else -1
            value, qstart = sign * value, signed.start()
    scale = (m.group("scale") or "").lower()
    cur = m.group("cur")
    if scale in ("m", "k", "mn", "bn", "tn") and not cur and not (
            scale in ("mn", "bn", "tn") or scale == "m" and (
                "." in raw and PLURAL_AFTER.match(text, qend, end) or
                OF_PLURAL_AFTER.match(text, qend, end))):
        return None  # "10m" without a currency: a measure, not a count ("2.5bn people",
        #              "1.2m tonnes": a number of millions of a plural noun)
    for word in scale.split():  # "4 hundred million"
        value *= NUMERAL_SCALES[word]
    currency = CURRENCIES[re.sub(r"\s", "", cur).lower()] if cur else None
    year_like = bool(not cur and not scale and YEAR.fullmatch(raw))
    at = qstart if cur or sign else num_start
    q = Quantity(at, qend, at, value, "exact", "numeral", text[at:qend],
                 currency=currency, decimals=_decimals(raw), year_like=year_like and not sign,
                 sign=sign)
    if sub is not None:  # "sub-50 sq m flats": less than 50
        return replace(q, start=num_start - 4, qualifier="less_than", text=text[num_start:qend])
    return _range(text, end, _with_qualifier(text, start, q))


def share_value(words: str) -> float:
    """The value of a share of one: "half a" 0.5, "a quarter" 0.25, "two-thirds of a" 2/3,
    "three quarters" 0.75 (the first number word counts the parts, else one)."""
    ws = re.split(r"[\s-]+", words.lower())
    den = next(DENOMINATORS.get(w) or DENOMINATORS[w[:-1]] for w in ws
               if w in DENOMINATORS or w[:-1] in DENOMINATORS)
    many = next((SMALL[w] for w in ws if w in SMALL), 1)
    return many / den


def _part(m: re.Match[str]) -> Quantity:
    """A number with a share of one in it: "half a million" (500,000), "a quarter of a
    billion", "two and a half" (2.5), "one-and-a-half", "two and a half million"."""
    if m.group("part_share"):
        value = share_value(m.group("part_share")) * SCALES[m.group("part_scale").lower()]
    else:
        whole = m.group("part_whole")
        value = (numeral_value(whole) if whole[0].isdigit() else SMALL.get(
            whole.lower()) or TENS[whole.lower()]) + 1 / DENOMINATORS[m.group("part_frac").lower()]
        if m.group("and_scale"):
            value *= SCALES[m.group("and_scale").lower()]
    scaled = m.group("part_scale") or m.group("and_scale")
    return Quantity(m.start(), m.end(), m.start(), value, "exact", "words", m.group(),
                    decimals=0 if scaled else 2)


def _suspended_modifier(text: str, at: int, end: int) -> bool:
    """ "two-, three- and four-door": a number of a suspended modifier other than a
    measure ("a 10- or 12-foot boat" holds a measure)."""
    m = SUSPENDED.match(text, at, end)
    return m is not None and not MEASURE_HYPHEN.match(text, m.start("mod"), end)


def _with_qualifier(text: str, start: int, q: Quantity, keep_vague: bool = False) -> Quantity:
    found = _qualifier_before(text, start, q.start)
    if found is None:
        return q
    qualifier, qstart, nearly = found
    if keep_vague:  # "more than hundreds": the vague floor stays the bound
        qualifier = "at_least" if qualifier in ("exact", "about", "at_least") else qualifier
    return replace(q, start=qstart, qualifier=qualifier, nearly=nearly)


def _range(text: str, end: int, q: Quantity) -> Quantity:
    """Extend "20 to 30", "20-30", "between 20 and 30" into one range quantity."""
    m = RANGE_TAIL.match(text, q.end, end)
    if m is None:
        return q
    sep = m.group("sep").lower()
    lead = text[max(0, q.start - 80):q.start]
    if re.search(r"\bfrom\s+$", lead, re.I) and \
            not re.search(r"\b(?:rang(?:e|es|ed|ing)|var(?:y|ies|ied|ying))\s+from\s+$",
                          lead, re.I) and CHANGE_BEFORE.search(lead[:-5].rstrip()):
        return q  # "rose from 3 to 5": a change, two values ("ranged from 3 to 5" is a range)
    between = bool(re.search(r"\bbetween\s+$", text[max(0, q.start - 9):q.start], re.I))
    if sep == "and" and not between:
        return q
    if m.group("cur") and not between and not re.search(r"\bfrom\s+$", lead, re.I) and \
            CHANGE_BEFORE.search(lead):
        return q  # "increased by $43.6 billion to $419.2 billion": a change and a level
    second = m.group("num")
    high = words_value(second) if second[0].isalpha() else numeral_value(second)
    if high is None or m.end() < len(text) and (text[m.end()].isalnum() and
                                                 not second[0].isalpha()):
        return q
    tail_scale = re.match(r"\s+(million|billion|trillion|thousand)\b", text[m.end():], re.I)
    end_at = m.end()
    if tail_scale:
        factor = SCALES[tail_scale.group(1).lower()]
        high *= factor
        end_at += tail_scale.end()
        if q.value < high / factor * 1.0001 and q.value < factor:
            q = replace(q, value=q.value * factor)
    if sep in ("-", "–") and text[m.end():m.end() + 1] == "-":
        return q  # phone-like 555-1234-...
    if high <= q.value:
        return replace(q, kind="score" if sep in ("-", "–") else q.kind)
    start_at = q.start
    if between:
        start_at = q.start - len(re.search(r"between\s+$", text[max(0, q.start - 9):q.start],
                                           re.I).group())  # type: ignore[union-attr]
    return replace(q, start=start_at, end=end_at, qualifier="range", kind="range", high=high,
                   text=text[q.num_start:end_at])
