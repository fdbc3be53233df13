"""Fractions of a whole: "half the condos", "a third of the population", "nearly two-thirds
of sales", "less than a quarter of the 105 years", "half of them". A fraction is a quantity
of its own kind (`fraction`): the value is the proportion (0..1), the unit the noun of the
whole, none when the whole is a pronoun or a clause; never a count of things (docs/gold.md
"Fractions", docs/counts.md).
"""

from __future__ import annotations

import re

from factdb.extract.counts.vocabulary import Found, _index_at
from factdb.extract.tokens import Tok, _singular
from factdb.lang.numbers import DENOMINATORS, SMALL, Quantity, _qualifier_before, share_value

_NUMERATOR = "|".join(["a", "one", *[w for w in SMALL if SMALL[w] > 1 and SMALL[w] < 10]])
#: "a third of", "two-thirds of", "three quarters of", "half of", "half the": a fraction
#: taken of a whole written after it ("half-time", "the first half", "a quarter century",
#: "the final third" take no whole and are not fractions)
FRACTION = re.compile(
    rf"(?<![\w-])(?:(?P<num>{_NUMERATOR})[\s-]+(?P<den>third|quarter|fourth|fifth|sixth|seventh"
    r"|eighth|ninth|tenth)s?|(?:a\s+|one[\s-]+)?(?P<half>half))"
    r"(?=\s+(?:of\b|the\b|its\b|their\b|his\b|her\b|our\b|all\b|those\b|these\b))",
    re.IGNORECASE)
#: words before a fraction that make it a part of a sequence, not a share ("the first half
#: of the game", "the final third of the pitch", "the second half of the year")
_ORDERED_BEFORE = re.compile(r"\b(?:the|first|second|final|last|this|next|latter|former|"
                             r"other|each|every|back|front|top|bottom|upper|lower)\s+$",
                             re.IGNORECASE)
#: pronouns and relatives standing for the whole ("half of them", "almost half of which")
_PRONOUN_TAGS = frozenset({"PRP", "WDT", "WP", "DT", "EX"})
NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
#: relations inside a noun phrase, from a word to a head after it
_INSIDE_NP = frozenset({"det", "predet", "amod", "compound", "nummod", "quantmod", "poss",
                        "nmod", "cc", "conj", "punct", "case", "advmod"})


#: a unit of measure a share of one is taken of ("half a mile", "a quarter-point cut")
_UNIT = (r"(?P<unit>percentage[\s-]?point|basis[\s-]point|point|second|minute|hour|day|week|"
         r"month|year|decade|century|mile|kilometre|kilometer|metre|meter|foot|inch|yard|"
         r"pound|kilogram|kilo|ton|tonne|ounce|litre|liter|gallon|acre|hectare|degree)")
#: "half a mile", "half an hour", "a quarter-point cut", "a half percentage point",
#: "three-quarters of a percentage point", "a third of a mile", "an hour and a half": a share
#: of a unit of measure is a measure in that unit, not a share of a whole
UNIT_SHARE = re.compile(
    r"(?<![\w-])(?:(?P<share>half\s+an?|(?:an?|one)[\s-](?:half|quarter|third)|"
    r"(?<=the\s)quarter(?=[\s-]+century)|"
    r"(?:an?|one|two|three)[\s-](?:half|quarter|third)s?\s+of\s+an?)[\s-]+" + _UNIT +
    r"|(?P<one>an?|one)\s+" + _UNIT.replace("?P<unit>", "?P<unit2>") +
    r"\s+and\s+a\s+(?P<and>half|quarter))(?![\w-])", re.IGNORECASE)
#: "a quarter of a million": a share of a scale word is a number (factdb.lang.numbers)
_SCALE_AFTER = re.compile(r"\s+(?:of\s+)?an?\s+(?:million|billion|trillion)\b", re.IGNORECASE)


def find_unit_shares(text: str, s0: int, s1: int) -> list[Found]:
    """The measures written as a share of a unit in text[s0:s1]: "half a mile" is 0.5 mile,
    "an hour and a half" 1.5 hours. The unit is the singular
    written ("percentage point"), but a share of a point is of a percentage point ("a
    quarter-point cut", as rates are told) and a share of a century is counted in years
    ("a quarter century": 25 years)."""
    out: list[Found] = []
    for m in UNIT_SHARE.finditer(text, s0, s1):
        if m.group("share"):
            value, unit_group = share_value(m.group("share")), "unit"
            number = m.group("share")
        else:
            value, unit_group = 1 + 1 / DENOMINATORS[m.group("and").lower()], "unit2"
            number = text[m.start():m.end()]
        unit = re.sub(r"[\s-]+", " ", m.group(unit_group).lower())
        # "a quarter-point cut" is a quarter of a percentage point; "a quarter century" is
        # 25 years
        unit = "percentage point" if unit in ("percentagepoint", "point") else unit
        if unit == "century":
            value, unit = value * 100, "year"
        start, qualifier, nearly = m.start(), "exact", False
        found_q = _qualifier_before(text, s0, m.start())
        if found_q is not None:
            qualifier, start, nearly = found_q
        q = Quantity(start, m.end() if m.group("one") else m.start() + len(number),
                     m.start(), value, qualifier, "words", number, nearly=nearly, decimals=2)
        out.append(Found(q=q, unit=unit, unit_span=(m.start(unit_group), m.end(unit_group)),
                         quote_end=m.end(), basis="noun", qualifier=qualifier))
    return out


def find_fractions(text: str, s0: int, s1: int, toks: list[Tok]) -> list[Found]:
    """The fractions of a whole written in text[s0:s1] (toks: the sentence's tokens)."""
    out: list[Found] = []
    for m in FRACTION.finditer(text, s0, s1):
        if _ORDERED_BEFORE.search(text, max(s0, m.start() - 12), m.start()) or \
                _SCALE_AFTER.match(text, m.end(), s1) or UNIT_SHARE.match(text, m.start(), s1):
            continue
        value = share_value(m.group())
        whole = _whole(toks, m.end())
        if whole is None:
            continue
        unit, unit_span, end = whole
        start, qualifier, nearly = m.start(), "exact", False
        found_q = _qualifier_before(text, s0, m.start())
        if found_q is not None:
            qualifier, start, nearly = found_q
        q = Quantity(start, m.end(), m.start(), value, qualifier, "fraction",
                     text[m.start():m.end()], nearly=nearly, decimals=2)
        out.append(Found(q=q, unit=unit, unit_span=unit_span, quote_end=end, basis="noun",
                         qualifier=qualifier, kind="fraction"))
    return out


def _whole(toks: list[Tok], at: int) -> tuple[str | None, tuple[int, int] | None, int] | None:
    """(unit, unit span, end of the quote) of the whole a fraction ending at `at` is taken
    of: the object of "of", or the noun phrase after "half" ("half the condos"). The unit
    is the singular of the whole's head noun, None for a pronoun or a clause."""
    i = _index_at(toks, at)
    if i >= len(toks):
        return None
    if toks[i].lower == "of":
        i += 1
    head = _head_of_phrase(toks, i)
    if head is None:
        return None
    if toks[head].tag.startswith("JJ"):  # "digital and physical sales" read with an
        j = head                          # adjective as the head: the noun that ends it
        while j + 1 < len(toks) and toks[j + 1].tag in ("JJ", "CC", "HYPH", ",", *NOUN_TAGS):
            j += 1
        while j > head and toks[j].tag not in NOUN_TAGS:
            j -= 1
        head = j
    tok = toks[head]
    if tok.tag in _PRONOUN_TAGS or tok.tag not in NOUN_TAGS:
        end = _subtree_end(toks, head)
        verb = tok.head - toks[0].i
        if tok.tag in ("WP", "WDT") and head < verb < len(toks) and tok.dep == "dobj":
            end = max(end, toks[verb].end)  # "half of what prosecutors sought"
        return None, None, end
    first = head
    while first > i and toks[first - 1].tag in (*NOUN_TAGS, "JJ", "CC", "HYPH") and \
            toks[first - 1].dep not in ("nummod", "nmod", "poss", "det"):
        first -= 1  # the words of the whole's noun ("digital and physical sales")
    unit = _singular(tok.lower) if tok.tag in ("NNS", "NNPS") else tok.lemma
    return unit, (toks[first].start, tok.end), tok.end


def _head_of_phrase(toks: list[Tok], i: int) -> int | None:
    """The head of the noun phrase that begins at token i: up from i through the relations
    inside a noun phrase (the, combined, 4.3M, digital and physical -> sales), or without a
    parse the first noun or pronoun."""
    if i >= len(toks):
        return None
    if toks[i].head < 0:  # no parse
        for j in range(i, min(len(toks), i + 6)):
            if toks[j].tag in (*NOUN_TAGS, *_PRONOUN_TAGS) and toks[j].tag != "DT":
                return j
        return None
    base, j = toks[0].i, i
    for _ in range(8):
        h = toks[j].head - base
        if toks[j].dep not in _INSIDE_NP or not (j < h < len(toks)):
            return j
        j = h
    return j


def _subtree_end(toks: list[Tok], head: int) -> int:
    """End offset of the last token that depends (directly or not) on token head."""
    base, end = toks[0].i, toks[head].end
    for j in range(head + 1, len(toks)):
        k, seen = j, 0
        while seen < 12 and toks[k].head - base != head and toks[k].head != toks[k].i and \
                0 <= toks[k].head - base < len(toks):
            k, seen = toks[k].head - base, seen + 1
        if toks[k].head - base == head and toks[j].text not in ",;:.)":
            end = toks[j].end
        else:
            break
    return end
