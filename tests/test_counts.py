"""Count extraction: fixtures on many subjects, the seed must-haves, windows, provenance."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from factdb.extract import counts
from factdb.extract.counts.windows import Window, find_windows
from tests.scoring import counts as count_scoring
from tests.scoring.context import make_context

FORMATS = [f"tests/fixtures/formats/{name}" for name in (
    "01-wire-reuters-report.txt", "02-gulf-ledger.md", "03-capitol-dispatch.html",
    "04-levant-wire.json", "05-mesopotamia-today.txt")]


@pytest.fixture(scope="module")
def seed_rows() -> dict[str, list[dict[str, Any]]]:
    return count_scoring.predict_sources(FORMATS)


def test_precision_and_recall_on_the_fixtures() -> None:
    result = count_scoring.evaluate()
    print("\n" + result.report())
    assert result.expected >= 130
    assert result.precision >= 0.95
    assert result.recall >= 0.95


def _pick(rows: list[dict[str, Any]], **want: Any) -> list[dict[str, Any]]:
    return [r for r in rows if all(r.get(k) == v for k, v in want.items())]


def _fields(row: dict[str, Any], *names: str) -> tuple[Any, ...]:
    return tuple(row[n] for n in names)


WINDOW = ("value", "value_low", "value_high", "qualifier", "unit", "window_relation",
          "window_span_days", "window_start", "window_end")


@pytest.mark.parametrize("source", FORMATS)
def test_more_than_20_attacks_in_the_two_weeks_before_the_visit(
        seed_rows: dict[str, list[dict[str, Any]]], source: str) -> None:
    rows = _pick(seed_rows[source], value=20.0)
    assert [_fields(r, *WINDOW) for r in rows] == [
        (20.0, 21.0, None, "more_than", "attack", "before", 14, None, None)]
    assert "visit" in rows[0]["window_anchor_phrase"]
    assert rows[0]["event_type"] == "attack"


@pytest.mark.parametrize(("source", "start", "end", "anchor"), [
    (FORMATS[0], date(2024, 2, 4), date(2024, 2, 18), None),      # "Since Feb. 4"
    (FORMATS[1], date(2024, 2, 1), date(2024, 2, 18), None),      # "since the start of February"
    (FORMATS[2], None, None, "the visit"),                        # "Since the visit"
    (FORMATS[3], date(2024, 2, 4), date(2024, 2, 19), None),      # "since February 4"
    (FORMATS[4], date(2024, 2, 4), date(2024, 2, 20), None),      # "have stopped since February 4"
])
def test_no_attacks_since(seed_rows: dict[str, list[dict[str, Any]]], source: str,
                          start: date | None, end: date | None, anchor: str | None) -> None:
    rows = _pick(seed_rows[source], qualifier="none", unit="attack", window_relation="since")
    assert [_fields(r, "value", "value_low", "value_high", "window_start", "window_end",
                    "window_anchor_phrase") for r in rows][:1] == [
        (0.0, 0.0, 0.0, start, end, anchor)]


@pytest.mark.parametrize("source", [FORMATS[0], FORMATS[1], FORMATS[2], FORMATS[4]])
def test_troops_per_country(seed_rows: dict[str, list[dict[str, Any]]], source: str) -> None:
    rows = _pick(seed_rows[source], unit="troop")
    assert [(r["value"], r["place"]) for r in rows] == [(2500.0, "Iraq"), (900.0, "Syria")]
    assert rows[1]["quote"].endswith("900 in Syria")


@pytest.mark.parametrize("source", [FORMATS[0], FORMATS[1], FORMATS[3]])
def test_85_targets_struck(seed_rows: dict[str, list[dict[str, Any]]], source: str) -> None:
    rows = _pick(seed_rows[source], unit="target")
    assert [_fields(r, "value", "qualifier", "event_type", "place") for r in rows] == [
        (85.0, "exact", "strike", "Iraq and Syria")]


def test_death_tolls(seed_rows: dict[str, list[dict[str, Any]]]) -> None:
    names = ("quote", "value", "value_low", "value_high", "qualifier", "unit", "event_type",
             "place")
    tolls = {s: [_fields(r, *names) for r in seed_rows[s]
                 if r["event_type"] in ("killing", "death") and r["unit"] != "soldier"
                 and r["unit"] != "service member"] for s in FORMATS}
    assert tolls[FORMATS[0]] == [("16 people", 16.0, 16.0, 16.0, "exact", "person", "killing",
                                "Iraq")]
    assert tolls[FORMATS[1]] == [("nearly 40 people", 40.0, 36.0, 40.0, "about", "person",
                                "killing", None)]
    assert tolls[FORMATS[3]] == [
        ("16 people", 16.0, 16.0, 16.0, "exact", "person", "killing", "Iraq"),
        ("23 fighters", 23.0, 23.0, 23.0, "exact", "fighter", "death", "Syria")]


@pytest.mark.parametrize("source", FORMATS[:4])
def test_three_soldiers_killed(seed_rows: dict[str, list[dict[str, Any]]], source: str) -> None:
    rows = [r for r in seed_rows[source] if r["value"] == 3.0]
    assert [_fields(r, "value", "qualifier", "event_type") for r in rows] == [
        (3.0, "exact", "killing")]
    assert rows[0]["unit"] in ("soldier", "service member")


@pytest.mark.parametrize(("source", "relation", "start", "end"), [
    (FORMATS[0], "since", date(2023, 10, 17), date(2024, 2, 18)),
    (FORMATS[2], "between", date(2023, 10, 17), date(2024, 1, 31)),
])
def test_more_than_160_attacks_since_october_17(
        seed_rows: dict[str, list[dict[str, Any]]], source: str, relation: str, start: date,
        end: date) -> None:
    rows = _pick(seed_rows[source], value=160.0)
    assert [_fields(r, "qualifier", "unit", "window_relation", "window_start", "window_end")
            for r in rows] == [("more_than", "attack", relation, start, end)]


def test_the_same_count_shares_a_key_across_articles(
        seed_rows: dict[str, list[dict[str, Any]]]) -> None:
    keys = {r["count_key"] for s in FORMATS for r in seed_rows[s] if r["value"] == 20.0}
    assert keys == {"attack|more_than|20||before:../14d"}
    iraq = {r["count_key"] for s in FORMATS for r in seed_rows[s]
            if r["unit"] == "troop" and r["place"] == "Iraq" and r["qualifier"] == "about"}
    assert iraq == {"troop|about|2500|iraq|"}


def test_rows_are_grounded(seed_rows: dict[str, list[dict[str, Any]]]) -> None:
    from factdb.ingest.readers import read_source

    for source in FORMATS:
        text = read_source(count_scoring.ROOT / source, 10_000_000)[0].text
        ids = [r["count_id"] for r in seed_rows[source]]
        assert len(set(ids)) == len(ids)
        for r in seed_rows[source]:
            assert text[r["char_start"]:r["char_end"]] == r["quote"]
            if r["window_quote"] is not None:
                assert text[r["window_char_start"]:r["window_char_end"]] == r["window_quote"]
            if r["place"] is not None:
                assert text[r["place_char_start"]:r["place_char_end"]] == r["place"]
            if r["window_anchor_phrase"] is not None:
                a, b = r["window_anchor_char_start"], r["window_anchor_char_end"]
                assert text[a:b] == r["window_anchor_phrase"]


def test_captions_and_boilerplate_numbers_are_not_counts() -> None:
    text = ("Storm leaves 12 dead in coastal towns\n"
            "At least 12 people died and 300 homes were damaged, officials said.\n"
            "Photo: 40 volunteers clear debris in the harbour. (AP Photo/File)\n"
            "Comments (25)\n"
            "© 2024 Coastal News. All rights reserved.\n")
    ctx = make_context(text, published=date(2024, 3, 1), with_doc=True,
                       title="Storm leaves 12 dead in coastal towns")
    rows = counts.extract(ctx)["counts"]
    assert [(r["quote"], r["unit"], r["role"]) for r in rows] == [
        ("12", "person", "headline"), ("At least 12 people", "person", "body"),
        ("300 homes", "home", "body")]


def test_works_without_a_spacy_doc() -> None:
    text = ("Since March 3, there have been no attacks on the base. "
            "In the two weeks before the ceasefire, there had been more than 30 attacks, "
            "and 12 soldiers were killed.")
    ctx = make_context(text, published=date(2024, 3, 20))
    rows = counts.extract(ctx)["counts"]
    got = [_fields(r, "quote", "value", "qualifier", "unit", "event_type", "window_relation",
                   "window_start", "window_span_days", "window_anchor_phrase") for r in rows]
    assert got == [
        ("no attacks", 0.0, "none", "attack", "attack", "since", date(2024, 3, 3), None, None),
        ("more than 30 attacks", 30.0, "more_than", "attack", "attack", "before", None, 14,
         "the ceasefire"),
        # the fronted window governs both coordinated clauses
        ("12 soldiers", 12.0, "exact", "soldier", "killing", "before", None, 14,
         "the ceasefire")]


PUB = date(2024, 2, 19)


def _window(phrase: str, published: date | None = PUB) -> tuple[Any, ...]:
    found = find_windows(phrase, 0, len(phrase), published)
    assert len(found) == 1, found
    w: Window = found[0]
    return (phrase[w.start:w.end], w.relation, w.window_start, w.window_end, w.span_days,
            w.anchor_phrase)


@pytest.mark.parametrize(("phrase", "expected"), [
    ("since February 4", ("since February 4", "since", date(2024, 2, 4), PUB, None, None)),
    ("since Feb. 4, there", ("since Feb. 4", "since", date(2024, 2, 4), PUB, None, None)),
    ("since the start of February",
     ("since the start of February", "since", date(2024, 2, 1), PUB, None, None)),
    ("since early February", ("since early February", "since", date(2024, 2, 1), PUB, None,
                              None)),
    ("since October 17", ("since October 17", "since", date(2023, 10, 17), PUB, None, None)),
    ("since 2013", ("since 2013", "since", date(2013, 1, 1), PUB, None, None)),
    ("between Oct. 7 and the end of January",
     ("between Oct. 7 and the end of January", "between", date(2023, 10, 7),
      date(2024, 1, 31), None, None)),
    ("from October 17 to October 30",
     ("from October 17 to October 30", "between", date(2023, 10, 17), date(2023, 10, 30),
      None, None)),
    ("as of February 10", ("as of February 10", "as_of", None, date(2024, 2, 10), None, None)),
    ("so far this year", ("so far this year", "so_far", date(2024, 1, 1), PUB, None, None)),
    ("so far", ("so far", "so_far", None, PUB, None, None)),
    ("prior to February 4", ("prior to February 4", "before", None, date(2024, 2, 3), None,
                             None)),
    ("until January 31", ("until January 31", "until", None, date(2024, 1, 31), None, None)),
    ("in the two weeks before the visit",
     ("in the two weeks before the visit", "before", None, None, 14, "the visit")),
    ("in the 48 hours after the attack",
     ("in the 48 hours after the attack", "after", None, None, 2, "the attack")),
    ("in the two weeks before February 4",
     ("in the two weeks before February 4", "before", date(2024, 1, 21), date(2024, 2, 3), 14,
      None)),
    ("since the visit", ("since the visit", "since", None, None, None, "the visit")),
    ("after the president's visit",
     ("after the president's visit", "after", None, None, None, "the president's visit")),
    ("in the past two weeks", ("in the past two weeks", "past", date(2024, 2, 5), PUB, 14, None)),
    ("in February", ("in February", "during", date(2024, 2, 1), PUB, None, None)),
    ("last month", ("last month", "during", date(2024, 1, 1), date(2024, 1, 31), None, None)),
])
def test_window_grammar(phrase: str, expected: tuple[Any, ...]) -> None:
    assert _window(phrase) == expected


def test_a_window_without_a_publication_date_keeps_its_relation() -> None:
    assert _window("since February 4", None) == ("since February 4", "since", None, None,
                                                 None, None)
    assert _window("since February 4, 2024", None) == (
        "since February 4, 2024", "since", date(2024, 2, 4), None, None, None)


def test_a_pronoun_anchor_takes_the_event_named_before() -> None:
    text = ("Since the ceasefire, no rockets have been fired. "
            "In the month before it, there had been more than 300 rockets.")
    ctx = make_context(text, published=date(2024, 5, 1), with_doc=True)
    rows = counts.extract(ctx)["counts"]
    got = [_fields(r, "quote", "unit", "window_relation", "window_span_days",
                   "window_anchor_phrase", "window_quote") for r in rows]
    assert got == [
        ("no rockets", "rocket", "since", None, "the ceasefire", "Since the ceasefire"),
        ("more than 300 rockets", "rocket", "before", 30, "the ceasefire",
         "In the month before it")]


def _counts_of(text: str) -> list[tuple[Any, ...]]:
    ctx = make_context(text, published=date(2023, 2, 8), with_doc=True)
    return [(r["quote"], r["value"], r["unit"], r["place"])
            for r in counts.extract(ctx)["counts"]]


def test_a_reading_on_a_scale_is_not_a_count() -> None:
    rows = _counts_of("The magnitude 7.8 quake destroyed about 6,000 buildings. A category 4 "
                      "storm then flooded 300 homes.")
    assert [r[:3] for r in rows] == [("about 6,000 buildings", 6000.0, "building"),
                                     ("300 homes", 300.0, "home")]


def test_counts_coordinated_before_their_verb_share_its_event() -> None:
    """ "9 miners and one guard were killed": the verb after the last count tells both;
    "claimed the lives of", "lost their lives" tell deaths."""
    ctx = make_context("The company had earlier said that 9 miners and one guard had been "
                       "killed. The collapse claimed the lives of 11 of our workers. Four "
                       "rescuers lost their lives.", published=date(2023, 2, 8), with_doc=True)
    assert [(r["quote"], r["event_type"]) for r in counts.extract(ctx)["counts"]] == [
        ("9 miners", "killing"), ("one guard", "killing"), ("11 of our workers", "death"),
        ("Four rescuers", "death")]


def test_people_shot_are_a_shooting_and_shot_dead_a_death() -> None:
    ctx = make_context("Guards shot six strikers near the mine. Police shot dead two men.",
                       published=date(2023, 2, 8), with_doc=True)
    assert [(r["quote"], r["event_type"]) for r in counts.extract(ctx)["counts"]] == [
        ("six strikers", "shooting"), ("two men", "death")]


def test_a_place_that_opens_the_sentence_is_the_place_of_its_counts() -> None:
    rows = _counts_of("In Chile, 112 people have died, officials said. Rescuers found 40 "
                      "survivors in Valparaiso.")
    assert rows == [("112 people", 112.0, "person", "Chile"),
                    ("40 survivors in Valparaiso", 40.0, "survivor", "Valparaiso")]


@pytest.mark.parametrize("text", [
    "Since fighting erupted on April 15, more than 1,800 people have been killed.",
    "More than 1,800 people have been killed since the war began on April 15.",
])
def test_a_window_clause_that_dates_itself(text: str) -> None:
    ctx = make_context(text, published=date(2023, 6, 12), with_doc=True)
    ((row,),) = [counts.extract(ctx)["counts"]]
    assert (row["value"], row["window_relation"], row["window_start"], row["window_end"]) == (
        1800.0, "since", date(2023, 4, 15), date(2023, 6, 12))


# --- issue 12: scope by the parse, tallies, partitives, quantities ------------------------

PUB2 = date(2024, 6, 14)   # a Friday


def _rows(text: str, *names: str, published: date = PUB2) -> list[tuple[Any, ...]]:
    ctx = make_context(text, published=published, with_doc=True)
    return [_fields(r, "quote", *names) for r in counts.extract(ctx)["counts"]]


@pytest.mark.parametrize(("text", "expected"), [
    # a window that opens the sentence does not cross a contrast; the contrasted count
    # takes the elliptical "in the N weeks prior", anchored to the event named before
    ("Since the referendum, there have been no strikes at the port, in contrast to the more "
     "than 15 strikes that took place in the three weeks prior.",
     [("no strikes", "since", None, "the referendum", "Since the referendum"),
      ("more than 15 strikes", "before", 21, "the referendum", "in the three weeks prior")]),
    ("There have been no raids since March 2, compared with more than 40 in the month before "
     "the truce.",
     [("no raids", "since", None, None, "since March 2"),
      ("more than 40", "before", 30, "the truce", "in the month before the truce")]),
    ("Unlike the 12 protests in May, no protests were held after the curfew.",
     [("12 protests", "during", None, None, "in May"),
      ("no protests", "after", None, "the curfew", "after the curfew")]),
])
def test_windows_stay_on_their_side_of_a_contrast(text: str,
                                                  expected: list[tuple[Any, ...]]) -> None:
    assert _rows(text, "window_relation", "window_span_days", "window_anchor_phrase",
                 "window_quote") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "by <day>" after a modal or a verb of expectation is a target, not a tally's day
    ("Prices could rise 12% by June, traders said.", [("12%", None, None)]),
    ("The firm will hire 5,000 workers by March.", [("5,000 workers", None, None)]),
    # a tally that stood on a past day keeps its window
    ("The fire had burned 9,000 acres by Wednesday.",
     [("9,000 acres", "as_of", date(2024, 6, 12))]),
])
def test_by_a_day_is_a_window_only_for_a_tally(text: str,
                                              expected: list[tuple[Any, ...]]) -> None:
    assert _rows(text, "window_relation", "window_end") == expected


def test_a_window_anchored_to_nothing_named_is_dropped() -> None:
    assert _rows("Officials counted 30 arrests in the two weeks prior.", "window_relation") \
        == [("30 arrests", None)]


@pytest.mark.parametrize(("text", "expected"), [
    # "N times" and "twice" are tallies of the event of their verb
    ("Artillery shelled the village 17 times overnight.", [("17 times", 17.0, "time", "strike")]),
    ("The bank has cut rates three times this year.", [("three times", 3.0, "time", None)]),
    ("The senator lost the primary twice before.", [("twice", 2.0, "time", None)]),
    ("Sales were three times higher and the plant is twice as large.", []),
    # partitives and fronted partitives lend the noun of the count before them
    ("Rescuers found 52 miners, 40 of whom were alive.",
     [("52 miners", 52.0, "miner", None), ("40", 40.0, "miner", None)]),
    ("Of the 60 candidates, 45 were women.",
     [("60 candidates", 60.0, "candidate", None), ("45", 45.0, "candidate", None)]),
    # "31 have been injured": auxiliaries before the event of the count
    ("At least 31 have been injured in the clashes.", [("At least 31", 31.0, "person", "injury")]),
    # a definite subject names a known group; idioms are not counts
    ("The 3,000 delegates had voted before noon.", []),
    ("By no means was the result certain, and at one stage the count was halted.", []),
    # units: plural proper nouns, irregular plurals, hyphenated modifiers left out
    ("The fund helped 300 Ukrainians after militants fired 12 short-range missiles at two "
     "bases.",
     [("300 Ukrainians", 300.0, "ukrainian", None), ("12 short-range missiles", 12.0, "missile",
                                                     "attack"),
      ("two bases", 2.0, "base", None)]),
    # a singular noun before "and" shares the plural after it; a collective noun does not
    ("The army carried out 24 drone and airstrikes.",
     [("24 drone and airstrikes", 24.0, "airstrike", "strike")]),
    ("Rebels launched 30 drone and missile attacks on the city.",
     [("30 drone and missile attacks", 30.0, "attack", "attack")]),
])
def test_tallies_partitives_and_units(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert _rows(text, "value", "unit", "event_type") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The index rose by 3% on the week, while the currency fell 2.5 percent.",
     [("3%", 3.0, "percent", "percent", "up", None),
      ("2.5 percent", 2.5, "percent", "percent", "down", None)]),
    ("The museum raised $4.5 million and cut 40 jobs.",
     [("$4.5 million", 4.5e6, "dollar", "money", None, "$"),
      ("40 jobs", 40.0, "job", "count", "down", None)]),
    ("Inflation stood at 4% and the convoy drove 300 kilometres.",
     [("4%", 4.0, "percent", "percent", None, None),
      ("300 kilometres", 300.0, "kilometre", "measure", None, None)]),
    ("He was sentenced to 12 years in prison after a three-week trial.",
     [("12 years", 12.0, "year", "measure", None, None),
      ("three-week", 3.0, "week", "measure", None, None)]),
])
def test_quantities_kinds_and_changes(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert _rows(text, "value", "unit", "quantity_kind", "change", "currency") == expected


def test_the_day_of_the_counted_event_is_kept_apart_from_windows() -> None:
    text = "Gunmen killed six villagers on Tuesday. Since May 2, there have been 40 attacks."
    assert _rows(text, "event_date", "window_relation", "window_start") == [
        ("six villagers", date(2024, 6, 11), None, None),
        ("40 attacks", None, "since", date(2024, 5, 2))]


@pytest.mark.parametrize(("text", "expected"), [
    # "currently" dates its clause, and coordinated counts share a window stated after them
    ("The agency currently has 800 staff in Kenya and 300 in Uganda.",
     [("800 staff in Kenya", "as_of", None, PUB2), ("300 in Uganda", "as_of", None, PUB2)]),
    ("The mission had 4,000 soldiers in Somalia and 900 in Kenya, according to data as of May 31.",
     [("4,000 soldiers in Somalia", "as_of", None, date(2024, 5, 31)),
      ("900 in Kenya", "as_of", None, date(2024, 5, 31))]),
    # "by DATE" is a tally as of that day; a comparison period is not a window
    ("The blaze had burned 9,000 acres by Wednesday.",
     [("9,000 acres", "as_of", None, date(2024, 6, 12))]),
    ("Exports grew 6% over last year.", [("6%", None, None, None)]),
    ("Turnout was down 3% on the same period last year.", [("3%", None, None, None)]),
    # "between January and August 2020": the first month takes the second's year
    ("The outbreak killed 70 people between January and August 2020.",
     [("70 people", "between", date(2020, 1, 1), date(2020, 8, 31))]),
    # "the last five years" is five calendar years back
    ("The club won three titles in the last five years.",
     [("three titles", "past", date(2019, 6, 14), PUB2)]),
    # "during the day" is a stretch of time, not an event to anchor to
    ("Shares slipped 1 percent during the day.", [("1 percent", None, None, None)]),
    # "the fighting that began in April" starts the count
    ("About 9,000 people have fled the fighting that began in April.",
     [("About 9,000 people", "since", date(2024, 4, 1), PUB2)]),
])
def test_more_window_forms(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert _rows(text, "window_relation", "window_start", "window_end") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "none of the nine": none, and the group is a count too
    ("Officials said none of the eight patients had been vaccinated.",
     [("none", 0.0, "none", "patient"), ("eight patients", 8.0, "exact", "patient")]),
    # "N out of M X" counts both; a round "3 out of 4" is a ratio
    ("The party won 41 out of 45 seats, and 3 out of 4 voters backed it.",
     [("41 out of 45 seats", 41.0, "exact", "seat"), ("45 seats", 45.0, "exact", "seat")]),
    # an elliptical list after a comma takes the noun of the count before it
    ("Medics treated 20 of the protesters, 11 with burns and six with fractures.",
     [("20 of the protesters", 20.0, "exact", "protester"),
      ("11", 11.0, "exact", "protester"), ("six", 6.0, "exact", "protester")]),
    # "about 40% and 12%": the qualifier carries over
    ("The two parties won about 40% and 12% of the vote.",
     [("about 40%", 40.0, "about", "percent"), ("12%", 12.0, "about", "percent")]),
])
def test_groups_lists_and_shared_qualifiers(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert _rows(text, "value", "qualifier", "unit") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a count of incidents takes the kind of event the sentence names
    ("Since the start of March, there have been no reported raids on the camps, in contrast "
     "to over 30 incidents in the two weeks before the summit.",
     [("no reported raids", "raid", "attack"), ("over 30 incidents", "incident", "attack")]),
    ("Police recorded 40 incidents at the stadium.", [("40 incidents", "incident", None)]),
])
def test_incidents_take_the_event_kind_named(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert _rows(text, "unit", "event_type") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a calendar period dates the clause of a count that is no tally of events
    ("The farmer was fined last year for nine violations, the court heard.",
     [("nine violations", None)]),
    ("Last month, the town held a marathon with over 3,000 runners.",
     [("over 3,000 runners", None)]),
    ("The bank kept its rate at 4.5% following a policy meeting.", [("4.5%", None)]),
    ("Rebels carried out 14 raids last month.", [("14 raids", "during")]),
])
def test_a_period_that_dates_the_clause_is_no_window(text: str,
                                                     expected: list[tuple[Any, ...]]) -> None:
    assert _rows(text, "window_relation") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The council imposed a 15% levy on imported timber.",
     [("15%", 15.0, 15.0, "percent", "percent", None, None)]),
    ("The firm bought a $900 espresso machine.",
     [("$900", 900.0, 900.0, "dollar", "money", "$", None)]),
    ("Revenue reached USD12m and costs fell to EUR3m.",
     [("USD12m", 12_000_000.0, 12_000_000.0, "dollar", "money", "USD", None),
      ("EUR3m", 3_000_000.0, 3_000_000.0, "euro", "money", "EUR", None)]),
    ("The offer values the miner at C $7, or US $5.10 per share.",
     [("C $7", 7.0, 7.0, "canadian dollar", "money", "C $", None),
      ("US $5.10 per share", 5.1, 5.1, "dollar", "money", "US $", "share")]),
    ("Flats are priced from RM250,000 to RM400,000 in the suburb.",
     [("RM250,000 to RM400,000", 250_000.0, 400_000.0, "ringgit", "money", "RM", None)]),
    ("The ticket price rose from $40 to $55.",
     [("$40 to $55", 55.0, 55.0, "dollar", "money", "$", None)]),
    ("Copper traded at $9,100 a tonne and the mine ships 40,000 tonnes per month.",
     [("$9,100 a tonne", 9100.0, 9100.0, "dollar", "money", "$", "tonne"),
      ("40,000 tonnes per month", 40_000.0, 40_000.0, "tonne", "measure", None, "month")]),
    ("Office space rents for $45 per sq m in the old town.",
     [("$45 per sq m", 45.0, 45.0, "dollar", "money", "$", "square metre")]),
    ("She finished a 400 meter swim and a 10 kilometer run.",
     [("400 meter", 400.0, 400.0, "metre", "measure", None, None),
      ("10 kilometer", 10.0, 10.0, "kilometre", "measure", None, None)]),
    ("The shares rose 4pc on the news.",
     [("4pc", 4.0, 4.0, "percent", "percent", None, None)]),
])
def test_money_rates_and_measures(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert _rows(text, "value", "value_high", "unit", "quantity_kind", "currency",
                 "per_unit") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The Nikkei closed -0.8% while copper gained 2%.",
     [("-0.8%", -0.8, "percent", "down"), ("2%", 2.0, "percent", "up")]),
    ("The index lost 120 points, or 1.4%, on Monday.",
     [("120 points", 120.0, "point", "down"), ("1.4%", 1.4, "percent", "down")]),
    ("The chain expects to grow sales by 12 per cent next year.",
     [("12 per cent", 12.0, "percent", "up")]),
    ("The fund paid 4.5 million Canadian dollars in fees.",
     [("4.5 million Canadian dollars", 4_500_000.0, "canadian dollar", None)]),
    ("Nights fall to minus 40 degrees Celsius in the valley.",
     [("minus 40 degrees Celsius", -40.0, "degree celsius", None)]),
    ("The storm cut power to 2 million homes, including 300,000 in the capital.",
     [("2 million homes", 2_000_000.0, "home", None),
      ("300,000", 300_000.0, "home", None)]),
])
def test_signs_changes_and_units(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert _rows(text, "value", "unit", "change") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a window stated before two coordinated counts governs both
    ("Monitors recorded 12 airstrikes between March 2 and March 20, killing 40 people and "
     "injuring 15.",
     [("12 airstrikes", "between"), ("40 people", "between"), ("15", "between")]),
    # the start of a conflict dates the participles that count its toll
    ("The insurgency erupted in 2019 and spread across the north, killing at least 3,000 "
     "people.", [("at least 3,000 people", "since")]),
])
def test_windows_shared_and_begun(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert _rows(text, "window_relation") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a length of time after an event dates it, qualified or not
    ("Less than three years after starting the reform, the city is struggling.", []),
    ("Three years after the flood, the town has rebuilt.", []),
    ("There were 4 hundred million viewers.", [("4 hundred million viewers", "exact", "count")]),
])
def test_lengths_of_time_that_date_and_scales(text: str,
                                              expected: list[tuple[Any, ...]]) -> None:
    assert _rows(text, "qualifier", "quantity_kind") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # scientific notation
    ("A grain of the dust weighs about 6.4×10−12 kilograms.",
     [("about 6.4×10−12 kilograms", 6.4e-12, "about", "kilogram", None, None)]),
    ("The probe travels at 1.7 x 10^4 metres per second.",
     [("1.7 x 10^4 metres per second", 17_000.0, "exact", "metre", None, "second")]),
    # a conversion in brackets keeps the bound of the amount it converts (not "about")
    ("The whales can dive more than 2,000 metres (6,500 feet).",
     [("more than 2,000 metres", 2000.0, "more_than", "metre", None, None),
      ("6,500 feet", 6500.0, "more_than", "foot", None, None)]),
    ("The ferry sailed about 40 km (25 miles) upriver.",
     [("about 40 km", 40.0, "about", "km", None, None),
      ("25 miles", 25.0, "exact", "mile", None, None)]),
    # a unit written against the number is no designator; a mixed-case name or "S&P" is
    ("Pharmacies stock Calmex 200mg capsules.",
     [("200mg", 200.0, "exact", "mg", None, None)]),
    ("The new eReader 7 and Nasdaq futures rose while S&P 500 futures slipped 0.3%.",
     [("0.3%", 0.3, "exact", "percent", "down", None)]),
    # "m" after a decimal before a plural noun is million; "bn" always is billion
    ("The mine will lift output to 1.2m tonnes while the 2.4m wide road is closed.",
     [("1.2m tonnes", 1_200_000.0, "exact", "tonne", None, None)]),
    ("Volunteers planted 1.5m tall saplings.", []),
    ("About 2.5bn people watched the final.",
     [("About 2.5bn people", 2_500_000_000.0, "about", "person", None, None)]),
    # a rate per unit of time before a noun
    ("They pay a $900 a month lease on the van.",
     [("$900 a month", 900.0, "exact", "dollar", None, "month")]),
    # "sub-": less than
    ("Sales of sub-50 sq m flats doubled.",
     [("sub-50 sq m", 50.0, "less_than", "square metre", None, None)]),
    # a currency code after the number is money
    ("The bakery charged 12 EUR for the cake.",
     [("12 EUR", 12.0, "exact", "euro", None, None)]),
    # a suspended hyphen shares the measure written after the last number
    ("Buyers choose a 10- or 12-foot boat.",
     [("10-", 10.0, "exact", "foot", None, None),
      ("12-foot", 12.0, "exact", "foot", None, None)]),
    ("The maker offers two-, three- and four-door models.", []),
    # per-game statistics; a change whose verb is left out; a time "in N seconds"
    ("The guard averaged 21.4 ppg and 5.2 apg last season.",
     [("21.4 ppg", 21.4, "exact", "point", None, "game"),
      ("5.2 apg", 5.2, "exact", "assist", None, "game")]),
    ("Wheat was up 1.2%, Barley Futures by 0.8% and oats fell 0.5%.",
     [("1.2%", 1.2, "exact", "percent", "up", None),
      ("0.8%", 0.8, "exact", "percent", "up", None),
      ("0.5%", 0.5, "exact", "percent", "down", None)]),
    ("The sprinter covered 100 metres in under 10.2 seconds.",
     [("100 metres", 100.0, "exact", "metre", None, None),
      ("under 10.2 seconds", 10.2, "less_than", "second", None, None)]),
])
def test_notation_conversions_and_abbreviations(text: str,
                                                expected: list[tuple[Any, ...]]) -> None:
    assert _rows(text, "value", "qualifier", "unit", "change", "per_unit") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Exports rose by 4.5% in March and imports fell by 2.",
     [("4.5%", 4.5, "percent", "up"), ("2", 2.0, "percent", "down")]),
    ("The toll rose by 12.", []),
])
def test_the_size_of_a_change_takes_the_unit_before_it(text: str,
                                                       expected: list[tuple[Any, ...]]) -> None:
    assert _rows(text, "value", "unit", "change") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a change from one level to another is one row: the level reached, and the level left
    ("The fare fell from $12.50 to $9.75 after the merger.",
     [("$12.50 to $9.75", 9.75, "dollar", 12.5, None)]),
    ("Her weight dropped from 180 pounds to 150 over the winter.",
     [("180 pounds to 150", 150.0, "pound", 180.0, None)]),
    ("Output is expected to slow from 3.1 to 2.9 percent next year.",
     [("3.1 to 2.9 percent", 2.9, "percent", 3.1, None)]),
    ("The fund wants to grow from $2 to $5 billion.",
     [("$2 to $5 billion", 5e9, "dollar", 2e9, None)]),
    # without a verb of change "from X to Y" stays a range
    ("Cabins cost from $300 to $450 a night.",
     [("$300 to $450 a night", 300.0, "dollar", None, None)]),
    # a level reached after a change in percent has no unit written: a level
    ("The Nikkei slid 1.3 per cent to 28,410 while the Hang Seng was up 0.4 per cent at "
     "17,220.",
     [("1.3 per cent", 1.3, "percent", None, "down"),
      ("28,410", 28410.0, "level", None, None),
      ("0.4 per cent", 0.4, "percent", None, "up"),
      ("17,220", 17220.0, "level", None, None)]),
    ("The benchmark closed at 7,012.4 (down 31.2 points).",
     [("7,012.4", 7012.4, "point", None, None),
      ("31.2 points", 31.2, "point", None, "down")]),
    ("Regulators revised the quota upward by 300 tonnes.",
     [("300 tonnes", 300.0, "tonne", None, "up")]),
    # levels with no unit: between two numbers of a change, or "at" with nothing counted
    ("Attendance jumped from 1,200 to 1,850 after the renovation.",
     [("1,200 to 1,850", 1850.0, "level", 1200.0, None)]),
    ("Analysts expect the gauge to finish the quarter at 4,410.5.",
     [("4,410.5", 4410.5, "level", None, None)]),
    ("Brackley Foods rose 3.2% to 141p.",
     [("3.2%", 3.2, "percent", None, "up"), ("141p", 141.0, "p", None, None)]),
    # a chain of levels; "up to" as the end of a change
    ("The toll climbs from $4 to $6 to $8 by spring.",
     [("$4 to $6", 6.0, "dollar", 4.0, None), ("$6 to $8", 8.0, "dollar", 6.0, None)]),
    ("Plots range in size, starting from 200 sq m up to 600 sq m in the new district.",
     [("200 sq m up to 600 sq m", 600.0, "square metre", 200.0, None)]),
    # a fraction of a whole, not a count of fifths (its own kind: test_fractions)
    ("One fifth of the members voted.", [("One fifth of the members", 0.2, "member", None, None)]),
    # a level after "to" takes the unit of the range it moved from
    ("Mileage has been creeping upward for trucks, from about 14-18 mpg to 24.",
     [("about 14-18 mpg", 14.0, "mpg", None, None), ("24", 24.0, "mpg", None, None)]),
])
def test_changes_levels_and_from_values(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert _rows(text, "value", "unit", "from_value", "change") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # text folded to ASCII: "PS" for the pound sign, "Y=" for the yen, "deg" for degrees
    ("The bid values the brewer at PS4.2bn.", [("PS4.2bn", 4.2e9, "pound", "money")]),
    ("Profit was cut to Y=310 billion.", [("Y=310 billion", 3.1e11, "yen", "money")]),
    ("The lake was 3.6degF (2deg C) warmer.",
     [("3.6degF", 3.6, "degree fahrenheit", "measure"),
      ("2deg C", 2.0, "degree celsius", "measure")]),
    ("The glider reached 95 m.p.h. over the ridge.",
     [("95 m.p.h", 95.0, "mph", "measure")]),
    # a conversion without "degrees"; a number with a scale word is no designator
    ("The sea warmed by 0.5 to 1 degree Celsius (0.9 to 1.8 Fahrenheit).",
     [("0.5 to 1 degree Celsius", 0.5, "degree celsius", "measure"),
      ("0.9 to 1.8 Fahrenheit", 0.9, "degree fahrenheit", "measure")]),
    ("The plan will cost Swedens 2 billion crowns this year.",
     [("2 billion crowns", 2e9, "crown", "count")]),
])
def test_folded_signs_and_unit_forms(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert _rows(text, "value", "unit", "quantity_kind") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a decimal after "a" is a reading, not a modifier count; so are sports averages written
    # without their leading zero
    ("The goalkeeper ended the season with a 91.4 save rating.",
     [("91.4 save rating", 91.4, "save rating", "count")]),
    ("The club closed the month with a .612 winning percentage.",
     [(".612 winning percentage", 0.612, "percentage", "count")]),
    ("The board sold a 2,000 strong herd.", []),
    # basis points are a percentage measure, after "a" too
    ("The lender announced a 50 basis point cut in its prime rate.",
     [("50 basis point", 50.0, "basis point", "percent")]),
    ("Yields rose by 12 basis points.", [("12 basis points", 12.0, "basis point", "percent")]),
    # a number before a capitalised name inside the counted noun phrase is part of the name
    ("The airline parked four old 767 Freighter planes.",
     [("four old 767 Freighter planes", 4.0, "plane", "count")]),
    ("The quarterback completed 21 of 30 passes.",
     [("21 of 30 passes", 21.0, "pass", "count"), ("30 passes", 30.0, "pass", "count")]),
    # a noun in -er read as a comparative stays in the unit; a real comparative does not
    ("The firm hired 30 more workers and bought 20 larger trucks.",
     [("30 more workers", 30.0, "worker", "count"),
      ("20 larger trucks", 20.0, "truck", "count")]),
])
def test_readings_names_and_compounds(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert _rows(text, "value", "unit", "quantity_kind") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "in N years" after a superlative: the period a record holds over (a measure)
    ("Unemployment hit its highest level in 14 years.",
     [("14 years", 14.0, "year", "measure")]),
    ("It was the wettest spring that the valley had seen in 40 years.",
     [("40 years", 40.0, "year", "measure")]),
    # without one, "in N years" is a point in time
    ("The bridge will open in 3 years.", []),
    # the object of a verb of time is a length of time, "the last N days" included
    ("The crew has spent the last 40 days at sea.", [("40 days", 40.0, "day", "measure")]),
    ("Prices rose in the last three months.", []),
])
def test_the_period_of_a_record(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert _rows(text, "value", "unit", "quantity_kind") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a large or decimal number right after "<noun> of", with no noun after it, is the value
    # of that noun, its unit left out (a level); a small whole number there is not
    ("The fund reported assets of 4.2 billion at the end of June.",
     [("4.2 billion", 4.2e9, "level", None, None)]),
    ("Analysts had pencilled in forecasts of 12,300 for the month.",
     [("12,300", 12_300.0, "level", None, None)]),
    ("The charity joined a coalition of five.", []),
    # "35m of its shops": millions of a plural noun taken from a group
    ("The chain said 12m of its loyalty cards are active.",
     [("12m of its loyalty cards", 12_000_000.0, "loyalty card", None, None)]),
    # a rate per hundred, thousand, million
    ("Ozone peaked at 90 parts per billion.",
     [("90 parts per billion", 90.0, "part", "billion", None)]),
    # a multiple: "times" followed by the noun it multiplies
    ("The shares trade at 14 times earnings.",
     [("14 times", 14.0, "time", None, None)]),
    ("The new hall is three times the size of the old one.", []),
    # a noun joined by a hyphen to an adjective or participle modifies the nouns after it
    ("The utility will close six coal-fired power stations.",
     [("six coal-fired power stations", 6.0, "power station", None, None)]),
    ("The dealer sold four diesel-only delivery vans.",
     [("four diesel-only delivery vans", 4.0, "delivery van", None, None)]),
    # money raised is no rise; a rate raised by an amount is
    ("The start-up has raised $40 million from investors.",
     [("$40 million", 40_000_000.0, "dollar", None, None)]),
    ("The bank raised its rate by 0.25%.",
     [("0.25%", 0.25, "percent", None, "up")]),
])
def test_values_of_nouns_rates_multiples_and_compounds(text: str,
                                                       expected: list[tuple[Any, ...]]) -> None:
    assert _rows(text, "value", "unit", "per_unit", "change") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "-fold" multiples, in digits or words, are multiples (unit time)
    ("Orders grew more than fourfold in the spring.",
     [("more than fourfold", 4.0, "more_than", "time")]),
    ("Sales rose 3.5-fold after the launch.", [("3.5-fold", 3.5, "exact", "time")]),
    # an area written with a power against the number
    ("The studio has 28m2 of floor space.", [("28m2", 28.0, "exact", "square metre")]),
    # a number after a capitalised name inside the noun phrase is part of the name
    ("The dealer sold 4,100 Series 5 saloons.",
     [("4,100 Series 5 saloons", 4100.0, "exact", "saloon")]),
])
def test_folds_areas_and_names_with_numbers(text: str,
                                            expected: list[tuple[Any, ...]]) -> None:
    assert _rows(text, "value", "qualifier", "unit") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "after N minutes" with nothing named after it: how long it took
    ("The visitors equalised after 71 minutes.", [("71 minutes", 71.0, "exact", "minute")]),
    ("Divers found the boat after 30 hours of searching.",
     [("30 hours", 30.0, "exact", "hour")]),
    # torque and metric horsepower, told by their capitals; a bound shared through "/"
    ("The unit makes about 190 kW (255 hp / 258 PS) and 400 Nm (295 lb-ft).",
     [("about 190 kW", 190.0, "about", "kw"), ("255 hp", 255.0, "exact", "hp"),
      ("258 PS", 258.0, "exact", "metric horsepower"),
      ("400 Nm", 400.0, "exact", "newton metre"), ("295 lb-ft", 295.0, "exact", "lb-ft")]),
    ("The motor gives more than 300 hp (224 kW / 304 PS).",
     [("more than 300 hp", 300.0, "more_than", "hp"), ("224 kW", 224.0, "more_than", "kw"),
      ("304 PS", 304.0, "more_than", "metric horsepower")]),
    # a number followed by a capitalised name is part of the name, not a left-out count
    ("Reviewers compared the Pixel 8 Pro and 9 Pro XL.", []),
])
def test_elapsed_time_torque_and_names(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert _rows(text, "value", "qualifier", "unit") == expected


# --- ages and fractions: quantities of their own kinds, never counts (docs/gold.md) --------

@pytest.mark.parametrize(("text", "expected"), [
    ("A 41-year-old driver and two passengers were hurt.",
     [("41-year-old", 41.0, "exact", "year", "age"),
      ("two passengers", 2.0, "exact", "passenger", "count")]),
    ("The 57 year-old Okafor joined the board.", [("57 year-old", 57.0, "exact", "year", "age")]),
    ("She will be 25 years old next spring.",
     [("25 years old", 25.0, "exact", "year", "age")]),
    ("The mayor, aged 61, resigned.", [("aged 61", 61.0, "exact", "year", "age")]),
    ("Her son, who was 12 when the mill closed, now runs it.",
     [("12", 12.0, "exact", "year", "age")]),
    ("Divers found a ten-year-old wreck and a 300 million-year-old reef.",
     [("ten-year-old", 10.0, "exact", "year", "age"),
      ("300 million-year-old", 300_000_000.0, "exact", "year", "age")]),
    # the age band of a group is not one age
    ("Hiring of men aged 20 to 30 fell.", []),
])
def test_ages(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert _rows(text, "value", "qualifier", "unit", "quantity_kind") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Half the apartments have been sold.",
     [("Half the apartments", 0.5, "exact", "apartment", "fraction")]),
    ("A third of the town's voters stayed home.",
     [("A third of the town's voters", 1 / 3, "exact", "voter", "fraction")]),
    ("Nearly two-thirds of the orchards burned.",
     [("Nearly two-thirds of the orchards", 2 / 3, "about", "orchard", "fraction")]),
    ("Three quarters of the members voted yes.",
     [("Three quarters of the members", 0.75, "exact", "member", "fraction")]),
    # a pronoun or a clause for the whole: no unit
    ("The storm damaged 400 homes, half of them beyond repair.",
     [("400 homes", 400.0, "exact", "home", "count"),
      ("half of them", 0.5, "exact", None, "fraction")]),
    ("The fine was less than a quarter of what regulators wanted.",
     [("less than a quarter of what regulators wanted", 0.25, "less_than", None,
       "fraction")]),
    # parts of a sequence or of a game, a quarter century: no fraction of a whole
    ("The hosts scored twice in the first half of the match.", [("twice", 2.0, "exact", "time",
                                                                 "count")]),
    ("They struggled in the final third of the pitch.", []),
])
def test_fractions(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert _rows(text, "value", "qualifier", "unit", "quantity_kind") == expected


def test_an_age_after_a_name_needs_a_person() -> None:
    """ "Okafor, 57," is an age when the name is a person's; "Lyon, 12," is not."""
    from factdb.extract import entities

    text = ("Chief executive Grace Okafor said on Monday the plant would reopen. Okafor, 57, "
            "said the rebuild would take a year. In Lyon, 12, the rue des Fleurs, a shop "
            "burned.")
    ctx = make_context(text, published=PUB2, with_doc=True)
    ctx.rows.update(entities.extract(ctx))
    rows = [(r["quote"], r["value"], r["unit"], r["quantity_kind"])
            for r in counts.extract(ctx)["counts"]]
    assert ("57", 57.0, "year", "age") in rows
    assert not any(r[0] == "12" for r in rows)


@pytest.mark.parametrize(("text", "ages"), [
    # a name, a number between commas, then a finite verb: an age whatever the name's type
    ("Maddon, 66, has used the downtime to get in shape.", ["66"]),
    ("Lindqvist, 58, will step down in May.", ["58"]),
    # the last of a list of places and figures is no person; a number after "In Lyon," is
    # no age
    ("Texas, 12, Ohio, 8, and Utah, 3, reported cases.", []),
    ("In Lyon, 12 were hurt.", []),
])
def test_an_age_between_commas_before_the_names_verb(text: str, ages: list[str]) -> None:
    assert [q for q, kind in _rows(text, "quantity_kind") if kind == "age"] == ages


def test_ages_and_fractions_take_no_window_and_are_not_carried_to_the_next_sentence() -> None:
    """An age or a fraction is no count: no window, no event, no anchor, so no count answer
    (counts_around_event) reads it; nor does an elliptical number after it take its unit."""
    ctx = make_context("Since March 3, a 45-year-old man and half of the residents have fled. "
                       "Officials said 30 more left on Friday.", published=PUB2, with_doc=True)
    rows = counts.extract(ctx)["counts"]
    kinds = {r["quote"]: r for r in rows}
    for quote in ("45-year-old", "half of the residents"):
        r = kinds[quote]
        assert (r["window_relation"], r["event_type"], r["anchor_event_id"]) == (None, None, None)
        assert r["quantity_kind"] in ("age", "fraction")
    assert all(r["unit"] != "year" for r in rows if r["quantity_kind"] == "count")


# --- pairs: scores, split votes, records, margins (scores.py) ------------------------------

def _pairs_of(text: str) -> list[tuple[Any, ...]]:
    ctx = make_context(text, published=date(2024, 2, 12), with_doc=True)
    return [(r["quote"], r["value"], r["unit"], r["quantity_kind"])
            for r in counts.extract(ctx)["counts"] if "-" in r["quote"] or "–" in r["quote"]]


@pytest.mark.parametrize(("text", "expected"), [
    # the result of a game: the unit is the sport's, from the article's words
    ("The quarterback's late touchdown gave the Hawks a 27-24 win over Denver.",
     [("27-24", 27.0, "point", "score"), ("27-24", 24.0, "point", "score")]),
    ("United beat City 2-1 after their striker scored in stoppage time.",
     [("2-1", 2.0, "goal", "score"), ("2-1", 1.0, "goal", "score")]),
    ("The pitcher struck out nine as the Tigers lost 5-3 in ten innings.",
     [("5-3", 5.0, "run", "score"), ("5-3", 3.0, "run", "score")]),
    ("The Rams led 10-3 at halftime.",
     [("10-3", 10.0, "point", "score"), ("10-3", 3.0, "point", "score")]),
    # a split vote, a season's record and a margin in a measure
    ("The court ruled 6-3 in a 6-3 decision; the board voted 7-2 to approve it.",
     [("6-3", 6.0, "vote", "count"), ("6-3", 3.0, "vote", "count"),
      ("7-2", 7.0, "vote", "count"), ("7-2", 2.0, "vote", "count")]),
    ("The Bears finished 12-5 on the season; their record was 11-6 a year ago.",
     [("12-5", 12.0, "win", "count"), ("12-5", 5.0, "loss", "count"),
      ("11-6", 11.0, "win", "count"), ("11-6", 6.0, "loss", "count")]),
    ("The Jets out-gained the Bills 210-95 and held a 31-17 edge in first downs.",
     [("210-95", 210.0, "yard", "measure"), ("210-95", 95.0, "yard", "measure"),
      ("31-17", 31.0, "down", "count"), ("31-17", 17.0, "down", "count")]),
])
def test_a_pair_whose_words_say_what_it_counts_is_two_quantities(
        text: str, expected: list[tuple[Any, ...]]) -> None:
    assert _pairs_of(text) == expected
    ctx = make_context(text, published=date(2024, 2, 12), with_doc=True)
    assert {r["unit_basis"] for r in counts.extract(ctx)["counts"]
            if r["quote"] in {e[0] for e in expected}} == {"pair"}


@pytest.mark.parametrize("text", [
    "At 2-0 down it was easy to give up.",             # a state of a game, no result said
    "The tie ended 2-2 on aggregate.",
    "His layup tied Game 7 at 89-89 with a minute left.",
    "The 2014-15 model offered two engines.",           # a season
    "India were 245-6 at stumps after the bowler took two wickets.",  # cricket: runs-wickets
    "Call 555-1234 for tickets.",
])
def test_a_bare_pair_is_no_quantity(text: str) -> None:
    assert _pairs_of(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    # a share of a unit of measure is a measure in that unit, with its change and qualifier
    ("The Fed cut rates by a quarter point.",
     [("a quarter point", 0.25, "percentage point", "percent", "down")]),
    ("The quarter century in jail and half a century of exile.",
     [("quarter century", 25.0, "year", "measure", None),
      ("half a century", 50.0, "year", "measure", None)]),
    ("The bank raised rates by more than half a percentage point.",
     [("more than half a percentage point", 0.5, "percentage point", "percent", "up")]),
    ("Yields rose three-quarters of a percentage point.",
     [("three-quarters of a percentage point", 0.75, "percentage point", "percent", "up")]),
    ("Two governors backed a quarter-percentage-point cut.",
     [("Two governors", 2.0, "governor", "count", None),
      ("a quarter-percentage-point", 0.25, "percentage point", "percent", None)]),
    ("The fire stopped half a mile from the school after an hour and a half.",
     [("half a mile", 0.5, "mile", "measure", None),
      ("an hour and a half", 1.5, "hour", "measure", None)]),
    # a share of a whole stays a fraction; a share of a scale word is a number
    ("Half the condos were sold.", [("Half the condos", 0.5, "condo", "fraction", None)]),
    ("The war displaced half a million people.",
     [("half a million people", 500_000.0, "person", "count", None)]),
    # no unit of measure after the share: no row ("a half-brother", "the quarter-final")
    ("Her half-brother reached the quarter-final.", []),
])
def test_shares_of_one(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert _rows(text, "value", "unit", "quantity_kind", "change") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a year-like number after a determiner is a year, not a count of the noun after it
    ("The 2024 budget totals $6.8 trillion.", [("$6.8 trillion", None)]),
    ("Its 2019 elections drew 40 parties.", [("40 parties", None)]),
    # "a year earlier" is a point in time, not the unit of a rate
    ("It lost $1.2bn, against a profit of $300m a year earlier.",
     [("$1.2bn", None), ("$300m", None)]),
    ("Rents reached $900 a month.", [("$900 a month", "month")]),
])
def test_years_and_points_in_time_are_no_units(text: str,
                                               expected: list[tuple[Any, ...]]) -> None:
    assert _rows(text, "per_unit") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a written margin makes the value an estimate whose band is the margin
    ("Revenue will be $3.1 billion, plus or minus 2 percent.",
     [("$3.1 billion", "about", 3_038_000_000.0, 3_162_000_000.0),
      ("2 percent", "exact", 2.0, 2.0)]),
    ("Polls gave the party 40 seats, give or take five.", [("40 seats", "about", 35.0, 45.0)]),
    ("The rate is 3.5%, plus or minus 0.2 percentage point.",
     [("3.5%", "about", 3.3, 3.7), ("0.2 percentage point", "exact", 0.2, 0.2)]),
])
def test_a_written_margin_is_the_band(text: str, expected: list[tuple[Any, ...]]) -> None:
    got = _rows(text, "qualifier", "value_low", "value_high")
    assert [(q, k, pytest.approx(lo), pytest.approx(hi)) for q, k, lo, hi in got] == expected


def test_a_round_number_alone_as_subject_counts_people() -> None:
    def got(text: str) -> list[tuple[str, float, str | None]]:
        ctx = make_context(text, published=date(2024, 3, 1), with_doc=True)
        return [(r["quote"], r["value"], r["unit"]) for r in counts.extract(ctx)["counts"]]

    assert got("Police shot dead one protester as hundreds breached the barricades.") == [
        ("one protester", 1.0, "protester"), ("hundreds", 200.0, "person")]
    assert got("The storm destroyed 300 homes and hundreds were damaged.") == [
        ("300 homes", 300.0, "home"), ("hundreds", 200.0, "home")]
    assert got("Millions were spent on the project.") == []


def test_a_number_of_units_after_a_present_perfect_is_the_past_span() -> None:
    def got(text: str) -> list[tuple[str, Any, Any, Any]]:
        ctx = make_context(text, published=date(2018, 5, 10), with_doc=True)
        return [(r["quote"], r["window_relation"], r["window_start"], r["window_end"])
                for r in counts.extract(ctx)["counts"]]

    assert got("Its market value has jumped to $158 billion, from just $30 billion, in seven "
               "quarters.")[0] == ("$158 billion", "past", date(2016, 8, 10), date(2018, 5, 10))
    # no perfect: the number of years is no window; "for over two years" is a duration
    assert got("The firm will hire 300 people in two years.") == [
        ("300 people", None, None, None)]
    assert got("Some 95,800 have been unemployed for over two years.")[0][1] is None


@pytest.mark.parametrize(("text", "expected"), [
    # "the N years" followed by a participle is an amount of time, not a period
    ("The judge rejected the 50 years sought by prosecutors.",
     [("50 years", 50.0, "year", "measure")]),
    ("The 15 years that followed were calm.", []),
])
def test_the_years_sought_are_a_length_of_time(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert _rows(text, "value", "unit", "quantity_kind") == expected
