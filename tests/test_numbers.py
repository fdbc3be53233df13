"""Numbers, qualifiers and the value_low / value_high rule (docs/counts.md)."""

from __future__ import annotations

import pytest

from factdb.lang.numbers import band, find_quantities, words_value


@pytest.mark.parametrize(("words", "value"), [
    ("three", 3), ("Sixteen", 16), ("twenty-five", 25), ("two hundred and fifty", 250),
    ("a hundred", 100), ("three thousand", 3000), ("one million", 1_000_000),
    ("ninety nine", 99), ("zero", 0),
])
def test_number_words(words: str, value: int) -> None:
    assert words_value(words) == value


def test_words_that_are_not_numbers() -> None:
    assert words_value("several") is None
    assert words_value("") is None


@pytest.mark.parametrize(("value", "qualifier", "discrete", "nearly", "expected"), [
    (3, "exact", True, False, (3, 3)),
    (20, "more_than", True, False, (21, None)),
    (2.7, "more_than", False, False, (2.7, None)),
    (1200, "at_least", True, False, (1200, None)),
    (20, "less_than", True, False, (0, 19)),
    (50000, "at_most", True, False, (0, 50000)),
    (2500, "about", True, False, (2250, 2750)),
    (900, "about", True, False, (810, 990)),
    (3, "about", True, False, (2, 4)),
    (40, "about", True, True, (36, 40)),
    (52, "about", False, False, (46.8, 57.2)),
    (3.9, "about", False, False, (3.51, 4.29)),
    (0, "none", True, False, (0, 0)),
])
def test_band_rule(value: float, qualifier: str, discrete: bool, nearly: bool,
                   expected: tuple[float | None, float | None]) -> None:
    decimals = len(str(value).split(".")[1]) if isinstance(value, float) else 0
    assert band(float(value), qualifier, discrete, nearly, decimals=decimals) == expected


def test_range_band() -> None:
    assert band(120.0, "range", True, high=130.0) == (120.0, 130.0)


def _found(text: str) -> list[tuple[str, float, str, str]]:
    return [(text[q.start:q.end], q.value, q.qualifier, q.kind)
            for q in find_quantities(text, 0, len(text))]


@pytest.mark.parametrize(("text", "expected"), [
    ("more than 20 attacks", [("more than 20", 20, "more_than", "numeral")]),
    ("over 300 people", [("over 300", 300, "more_than", "numeral")]),
    ("at least 1,200 people", [("at least 1,200", 1200, "at_least", "numeral")]),
    ("fewer than 20 complaints", [("fewer than 20", 20, "less_than", "numeral")]),
    ("up to 40 people", [("up to 40", 40, "at_most", "numeral")]),
    ("some 15,000 homes", [("some 15,000", 15000, "about", "numeral")]),
    ("roughly 2,500 troops", [("roughly 2,500", 2500, "about", "numeral")]),
    ("nearly 2 million votes", [("nearly 2 million", 2_000_000, "about", "numeral")]),
    ("$5 billion", [("$5 billion", 5e9, "exact", "numeral")]),
    ("£3m in aid", [("£3m", 3e6, "exact", "numeral")]),
    ("a dozen eggs", [("a dozen", 12, "about", "dozen")]),
    ("half a dozen eggs", [("half a dozen", 6, "about", "dozen")]),
    ("dozens of people", [("dozens", 24, "at_least", "vague")]),
    ("tens of thousands of people", [("tens of thousands", 20000, "at_least", "vague")]),
    ("hundreds of homes", [("hundreds", 200, "at_least", "vague")]),
    ("between 20 and 30 people", [("between 20 and 30", 20, "range", "range")]),
    ("20-30 people", [("20-30", 20, "range", "range")]),
    ("no attacks", [("no", 0, "none", "none")]),
    ("has not recorded any attacks", [("not recorded any", 0, "none", "any")]),
    ("hasn't claimed any", [("hasn't claimed any", 0, "none", "any")]),
])
def test_quantities_and_qualifiers(text: str,
                                   expected: list[tuple[str, float, str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize("text", [
    "an F-35 and an MQ-9", "COVID-19 rules", "at 7:05 a.m.", "at 6 p.m.", "the 2nd Battalion",
    "his 78th minute", "on January 29, 2024", "since Feb. 4", "9/11", "24/7", "aged 45",
    "a 45-year-old man", "a 10-year-old girl", "a two-party system", "9 in 10 pupils",
    "aged 9 and 12", "the G7 summit", "twice as many", "twice the size",
])
def test_not_numbers_of_a_count(text: str) -> None:
    assert _found(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    # a length written as a modifier is a measure (the unit is read by the counts rules)
    ("a 10-day ceasefire", [("10", 10, "exact", "numeral")]),
    ("a ten-year plan", [("ten", 10, "exact", "words")]),
    ("a 40-yard pass", [("40", 40, "exact", "numeral")]),
    # "twice" is a tally of two
    ("lost the race twice before", [("twice", 2, "exact", "times")]),
    # ranges written with a percent sign on both numbers, and "ranged from"
    ("a range of 3.50%-3.75%", [("3.50%-3.75", 3.5, "range", "range")]),
    ("the rate in the 4.25% to 4.5% band", [("4.25% to 4.5", 4.25, "range", "range")]),
    ("turnout ranged from about 60 to 75 per cent", [("about 60 to 75", 60, "range", "range")]),
    ("rose from 3 to 5", [("3", 3, "exact", "numeral"), ("5", 5, "exact", "numeral")]),
    # "none of the nine people": none, then the nine people
    ("none of the nine people", [("none", 0, "none", "none"), ("nine", 9, "exact", "words")]),
])
def test_measures_tallies_and_ranges(text: str,
                                     expected: list[tuple[str, float, str, str]]) -> None:
    assert _found(text) == expected


def test_a_score_is_marked() -> None:
    assert [q.kind for q in find_quantities("won 3-1", 0, 7)] == ["score"]


def test_year_like_numerals_are_flagged() -> None:
    text = "in 2020 and 2,020 people"
    flags = [(text[q.start:q.end], q.year_like) for q in find_quantities(text, 0, len(text))]
    assert flags == [("2020", True), ("2,020", False)]


def test_small_definite_number_words_are_flagged() -> None:
    text = "the two countries and two soldiers"
    flags = [(q.text, q.definite) for q in find_quantities(text, 0, len(text))]
    assert flags == [("two", True), ("two", False)]


@pytest.mark.parametrize(("text", "expected"), [
    # currency codes and signs with a space, before the number
    ("profit of HK $2.1 billion", [("HK $2.1 billion", 2_100_000_000.0, "hong kong dollar")]),
    ("a price of USD15m", [("USD15m", 15_000_000.0, "dollar")]),
    ("a grant of INR2 trillion", [("INR2 trillion", 2_000_000_000_000.0, "rupee")]),
    ("costs RM45 a month", [("RM45", 45.0, "ringgit")]),
    # capitals only, and never a letter before a plain number
    ("Section C 5 and the F-16", [("5", 5.0, None)]),
])
def test_currency_codes(text: str, expected: list[tuple[str, float, str | None]]) -> None:
    assert [(text[q.start:q.end], q.value, q.currency)
            for q in find_quantities(text, 0, len(text))] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Markets: Nikkei -0.8% and Hang Seng +1.1%.", [("-0.8", -0.8), ("+1.1", 1.1)]),
    ("temperatures of minus-40 degrees", [("minus-40", -40.0)]),
    ("a margin of plus or minus 3 percent", [("3", 3.0)]),
    ("won 4 - 1 and 3-2", [("4", 4.0), ("1", 1.0), ("3", 3.0)]),
])
def test_signed_numbers(text: str, expected: list[tuple[str, float]]) -> None:
    assert [(text[q.start:q.end], q.value) for q in find_quantities(text, 0, len(text))] \
        == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "from X to Y" with no verb of change is a range; with one, two values
    ("Seats cost from $40 to $90 each.", [("$40 to $90", 40.0, 90.0)]),
    ("Fares rose from $40 to $90.", [("$40", 40.0, None), ("$90", 90.0, None)]),
    ("raised by $2 billion to $9 billion", [("$2 billion", 2e9, None), ("$9 billion", 9e9, None)]),
    ("$1 million to $1.5 million", [("$1 million to $1.5 million", 1e6, 1.5e6)]),
    ("approximately a 60 percent share", [("approximately a 60", 60.0, None)]),
])
def test_ranges_with_currency_and_qualifiers(
        text: str, expected: list[tuple[str, float, float | None]]) -> None:
    assert [(text[q.start:q.end], q.value, q.high)
            for q in find_quantities(text, 0, len(text))] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # text folded to ASCII: "PS" is the pound sign, "Y=" the yen sign (not the console "PS5")
    ("a PS6.4bn bid", [("PS6.4bn", 6.4e9, "pound")]),
    ("fees of PS45 a month", [("PS45", 45.0, "pound")]),
    ("profit of Y=120 billion", [("Y=120 billion", 1.2e11, "yen")]),
    ("the PS5 console sold out", []),
    # glued units: degrees folded to ASCII, pence; a video resolution is no quantity
    ("it was 3.1degF warmer", [("3.1", 3.1, None)]),
    ("a 1080p screen", []),
    ("shares closed at 212p", [("212", 212.0, None)]),
    # "m.p.h." is no "million"
    ("a top speed of 95 m.p.h.", [("95", 95.0, None)]),
])
def test_folded_signs_and_glued_units(text: str,
                                      expected: list[tuple[str, float, str | None]]) -> None:
    assert [(text[q.start:q.end], q.value, q.currency)
            for q in find_quantities(text, 0, len(text))] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("asked for 6 1/2 years", [("6 1/2", 6.5, "exact")]),
    ("a 2½ mile run", [("2½", 2.5, "exact")]),
    ("for a couple of weeks", [("a couple of", 2.0, "about")]),
    ("the attacks of 9/11 and 24/7 news", []),          # slashes stay no numbers
    # a share of a scale word is a number ("a million" alone would read 1,000,000)
    ("displaced half a million people", [("half a million", 500_000.0, "exact")]),
    ("a quarter of a billion dollars", [("a quarter of a billion", 250_000_000.0, "exact")]),
    ("three-quarters of a million", [("three-quarters of a million", 750_000.0, "exact")]),
    # "N and a half": a whole and a share, perhaps of a scale word
    ("served two and a half years", [("two and a half", 2.5, "exact")]),
    ("about one and a half million voters",
     [("about one and a half million", 1_500_000.0, "about")]),
    ("a one-and-a-half hour drive", [("one-and-a-half", 1.5, "exact")]),
])
def test_mixed_fractions_and_a_couple(text: str, expected: list[tuple[str, float, str]]) -> None:
    got = [(text[q.start:q.end], q.value, q.qualifier)
           for q in find_quantities(text, 0, len(text))]
    assert got == expected
