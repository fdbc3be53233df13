"""The counted noun or unit written after a number: "14 people", "60GB", "311 square miles",
"41 out of 45 seats", "four new 350 Skyliner jets", "six gas-fired power stations"."""

from __future__ import annotations

from dataclasses import replace

from factdb.extract.counts.vocabulary import (
    CURRENCY_AFTER,
    HYPHEN_MEASURES,
    MODIFIER_TAGS,
    MONEY_NOUNS,
    MORE_AFTER,
    NOUN_TAGS,
    PARTITIVE_DET,
    PER_GAME,
    SQUARE_UNITS,
    UNIT_ABBREVIATIONS,
    Found,
    _index_at,
    measure_lemma,
    measure_word,
)
from factdb.extract.tokens import LEMMA_FIX, Tok, _singular
from factdb.lang.numbers import CURRENCIES, GLUED_UNIT


def _noun_after(toks: list[Tok], i: int, f: Found, limit: int) -> bool:
    """Find the counted noun after the number; sets unit, unit_span, head, quote_end."""
    n = _index_at(toks, limit)
    if i >= n:
        return False
    glued = next((tok for tok in toks[max(0, i - 1):i + 1]
                  if tok.start < f.q.end < tok.end), None)
    if glued is not None:  # "640bhp", "a 24pc discount": a unit written against the number
        rest = glued.text[f.q.end - glued.start:].lower()
        if GLUED_UNIT.fullmatch(rest):
            end = glued.end
            if rest.startswith("deg"):  # "2.14degF", "1.19deg C": degrees
                scale = rest[3:] or (toks[i].lower if i < n and toks[i].start == end + 1 and
                                     toks[i].lower in ("c", "f") else "")
                if scale and not rest[3:]:
                    end, i = toks[i].end, i + 1
                rest = {"c": "degree celsius", "f": "degree fahrenheit"}.get(scale, "degree")
            f.unit, f.unit_span, f.head = GLUED_NAMES.get(rest, rest), (f.q.end, end), None
            f.after, f.quote_end, f.basis = i, end, "noun"
            return True
    t = toks[i]
    if t.lower in ("degree", "degrees") and i + 1 < n and \
            toks[i + 1].lower in ("celsius", "fahrenheit", "centigrade"):
        return _set_unit(f, f"degree {toks[i + 1].lower}", toks, i, i + 1)  # "-130 degrees F."
    if t.lower in ("celsius", "fahrenheit", "centigrade"):  # "(1.8 to 2.7 Fahrenheit)"
        return _set_unit(f, f"degree {t.lower}", toks, i, i)
    if measure_word(t) and i + 1 < n and toks[i + 1].tag in ("NN", "NNS", "NNP", "NNPS") \
            and t.lower not in ("time", "times"):
        # "a 750 meter swim", "a 5.2 litre V10 engine": the measure, not the noun it
        # modifies (as in "a 40-yard pass")
        return _set_unit(f, UNIT_ABBREVIATIONS.get(t.lower, measure_lemma(t))
                         if t.lower in ("meter", "liter", "kilometer") else measure_lemma(t),
                         toks, i, i)
    listed = (",", "or", "and", "to")
    dash = i if t.text == "-" and i + 1 < n and toks[i + 1].lower in listed else \
        i - 1 if glued is not None and glued.text.endswith("-") and t.lower in listed else None
    if dash is not None:
        # "a 10- or 12-foot boat": the measure written after the last number of the list
        k = next((k for k in range(dash + 2, min(dash + 10, n - 1)) if toks[k].text == "-" and
                  toks[k + 1].lemma in HYPHEN_MEASURES), None)
        if k is not None:
            _set_unit(f, toks[k + 1].lemma, toks, dash, dash, head=k + 1)
            f.unit_span = (toks[k + 1].start, toks[k + 1].end)
            return True
    if t.text == "-" and i + 1 < n and toks[i + 1].lemma in HYPHEN_MEASURES:
        # "a three-week truce", "a 40-yard pass": the measure, not the noun it modifies
        return _set_unit(f, toks[i + 1].lemma, toks, i, i + 1)
    if t.lower.rstrip(".") in ("m.p.h", "k.p.h"):  # "80 m.p.h.": mph
        return _set_unit(f, t.lower.rstrip(".").replace(".", ""), toks, i, i)
    if t.text in CASED_UNITS:  # "450 Nm of torque", "300 PS": a unit told by its capitals
        return _set_unit(f, CASED_UNITS[t.text], toks, i, i)
    if t.lower in ("lb", "lbs") and i + 2 < n and toks[i + 1].text == "-" and \
            toks[i + 2].lower == "ft":  # "332 lb-ft of torque": a torque
        return _set_unit(f, "lb-ft", toks, i, i + 2)
    if t.lower in PER_GAME:  # "21.4 ppg": points per game
        f.per_unit = "game"
        return _set_unit(f, PER_GAME[t.lower], toks, i, i)
    if t.lower in UNIT_ABBREVIATIONS and t.lower not in ("meter", "liter", "kilometer"):
        return _set_unit(f, t.lower, toks, i, i)  # "60GB", "155 mph", "20 km"
    if t.lower in ("sq", "sq.", "square") and i + 1 < n and \
            toks[i + 1].lower.rstrip(".") in SQUARE_UNITS:
        # "570 sq m", "311 square miles": an area
        return _set_unit(f, "square " + SQUARE_UNITS[toks[i + 1].lower.rstrip(".")], toks, i,
                         i + 1)
    if t.text in CURRENCY_AFTER and t.start == f.q.end:  # "1,200€"
        return _set_unit(f, CURRENCY_AFTER[t.text], toks, i, i)
    if len(t.text) == 3 and t.text.isupper() and t.lower in CURRENCIES:  # "12 EUR": money
        f.q = replace(f.q, currency=CURRENCIES[t.lower])
        return _set_unit(f, CURRENCIES[t.lower], toks, i, i)
    if t.lower in ("sen", "pence", "cents") and t.tag.startswith("NN"):  # "rose 18 sen"
        return _set_unit(f, {"pence": "penny", "cents": "cent"}.get(t.lower, t.lower), toks, i,
                         i)
    if t.text == "%" or t.lower in ("percent", "pct", "pc"):
        return _set_unit(f, "percent", toks, i, i)
    if t.lower == "per" and i + 1 < n and toks[i + 1].lower == "cent":
        return _set_unit(f, "percent", toks, i, i + 1)
    if t.lower == "percentage" and i + 1 < n and toks[i + 1].lemma == "point":
        return _set_unit(f, "percentage point", toks, i, i + 1)
    if t.lower == "basis" and i + 1 < n and toks[i + 1].lower in ("point", "points"):
        return _set_unit(f, "basis point", toks, i, i + 1)  # "cut by 25 basis points"
    j = i
    partitive = False
    if t.lower == "out" and i + 1 < n and toks[i + 1].lower == "of":
        j += 1  # "41 out of 45 seats"
        t = toks[j]
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
        # "F-16", "S-300"; "four new 350 Skyliner jets", "48,000 Series 5 sedans": a number before
        # or after a capitalised name
        model = tj.tag == "CD" and (any(c.isalpha() for c in tj.text) or
                                    j + 1 < n and toks[j + 1].tag in ("NNP", "NNPS") and
                                    toks[j + 1].text[:1].isupper() or
                                    j > begin and toks[j - 1].tag == "NNP" and
                                    toks[j - 1].text[:1].isupper() and tj.text.isdigit())
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
    # "two diesel-only engine options", "20 gas-fired power plants": a noun joined by a
    # hyphen to an adjective or participle modifies the nouns after it
    while k > j and k + 2 < n and toks[k].tag == "HYPH" and \
            toks[k + 1].tag in ("JJ", "VBN", "VBG") and toks[k + 1].text.isalpha():
        m = k + 2
        while m < n and toks[m].tag in NOUN_TAGS:
            m += 1
        if m == k + 2:
            break
        j, k = k + 2, m
    if k == j:
        # a plural proper noun of people: "12 Palestinians", "two Americans"
        if j < n and toks[j].tag == "NNPS" and toks[j].lower.endswith("s"):
            return _set_unit(f, _singular(toks[j].lower), toks, i, j, head=j)
        last = j - 1
        if last >= begin and toks[last].tag == "NNPS":
            return _set_unit(f, _singular(toks[last].lower), toks, i, last, head=last)
        if partitive and j < n and toks[j].lower in ("them", "those", "whom", "which"):
            f.after = j + 1
        return False
    while k - j > 1 and j > begin and toks[j - 1].tag == "HYPH":
        j += 1  # "short-range rockets": the noun of a hyphenated modifier is not the unit
    if j > begin and toks[j - 1].tag == "JJR" and toks[j - 1].lemma == toks[j - 1].lower \
            and toks[j - 1].text.isalpha() and toks[j - 1].lower not in NOT_NOUNS_IN_ER:
        j -= 1  # "a 104.2 passer rating": a noun in -er the tagger read as a comparative
        #         (a comparative has its adjective as lemma: "larger" -> large)
    j, k = _shared_head(toks, j, k, n)
    nouns = toks[j:k]
    if len(nouns) > 1 and nouns[0].lower == "times":
        # "6.5 times earnings", "1.4 times book value": a multiple of the noun after it
        return _set_unit(f, "time", toks, j, j)
    head = nouns[-1]
    if head.lower in MORE_AFTER and len(nouns) == 1:
        return False  # "two others": the noun is left out
    lemma = LEMMA_FIX.get(head.lower, head.lemma or _singular(head.lower))
    if head.tag == "NNS" and lemma == head.lower and lemma.endswith("s"):
        lemma = _singular(lemma)
    if len(lemma) <= 3 and lemma.endswith(".") and lemma[:-1].isalpha() and len(nouns) == 1:
        lemma = lemma[:-1]  # "125.8 p." at the end of a sentence: the unit is "p"
    parts = [t.lower for t in nouns[:-1] if t.tag != "HYPH"]
    if any(not p.replace("-", "").isalpha() for p in parts):
        parts = []  # "S-300 missiles": a model name is not part of the unit
    unit = " ".join([*parts, lemma]) if parts and not any(
        t.tag == "HYPH" for t in nouns) else ("-".join([*parts, lemma]) if parts else lemma)
    if unit.startswith("degrees "):
        unit = "degree " + unit[8:]  # "500 degrees Celsius" -> degree celsius
    last = k - 1
    if unit == "degree" and k < n and toks[k].lower in ("celsius", "fahrenheit", "centigrade"):
        unit, last = f"degree {toks[k].lower}", k  # "-130 degrees Fahrenheit"
    if lemma in MONEY_NOUNS and not parts:
        # "10.5 million Australian dollars", "9.99 New Zealand dollars": the currency's
        # country is part of its name (not "U.S. dollars": the dollar)
        country = [t.lower for t in toks[begin:j] if t.text[:1].isupper() and t.text.isalpha()
                   and t.lower not in ("us", "american")]
        if country and len(country) == j - begin:
            unit = " ".join([*country, lemma])
    _set_unit(f, unit, toks, begin if not partitive else i, last, head=k - 1)
    if partitive and f.q.kind == "none" and any(x.tag == "CD" for x in toks[i:k]):
        f.quote_end = f.q.end  # "none of the nine people": the nine people are a count too
    return True


def _shared_head(toks: list[Tok], j: int, k: int, n: int) -> tuple[int, int]:
    """The counted nouns [j, k) when a singular noun and the words after "and"/"or" share
    the plural at the end: the plural alone. "24 drone and missile attacks" counts attacks
    ("drone [attacks] and missile attacks"), "12 drone and airstrikes" airstrikes; not
    "three police and soldiers" (a collective noun is a plural of its own)."""
    if k == j or k + 1 >= n or toks[k - 1].tag != "NN" or toks[k].lower not in ("and", "or") \
            or toks[k - 1].lower in COLLECTIVE_NOUNS:
        return j, k
    m = k + 1
    while m < n and m - k <= 4 and toks[m].tag in ("NN", "JJ", "HYPH"):
        m += 1
    return (m, m + 1) if m < n and toks[m].tag == "NNS" else (j, k)


#: singular nouns that count people or animals on their own ("five police", "40 cattle")
COLLECTIVE_NOUNS = frozenset({"police", "staff", "personnel", "crew", "cattle", "livestock",
                              "militia", "infantry", "clergy"})


#: words in -er that the tagger reads as comparatives and that are no nouns
NOT_NOUNS_IN_ER = frozenset({"more", "fewer", "further", "other", "former", "latter", "inner",
                             "outer", "upper", "lower", "lesser", "greater", "utter", "over",
                             "under", "after", "later", "earlier"})


#: unit symbols whose capitals tell them from other words: "Nm" newton metres (not "nm",
#: nanometres), "PS" metric horsepower (Pferdestaerke; "PS" before a number is a folded £)
CASED_UNITS = {"Nm": "newton metre", "PS": "metric horsepower"}
#: units written against a number that are named in words ("24pc", "45m2")
GLUED_NAMES = {"pc": "percent", "m2": "square metre", "km2": "square kilometre",
               "cm2": "square centimetre"}


def _set_unit(f: Found, unit: str, toks: list[Tok], first: int, last: int,
              head: int | None = None) -> bool:
    f.unit = unit
    f.unit_span = (toks[first].start, toks[last].end)
    f.head = head if head is not None else last
    f.after = last + 1
    f.quote_end = toks[last].end
    f.basis = "noun"
    return True
