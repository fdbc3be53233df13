"""Date extraction: fixtures on the seeds and on other subjects, scored; resolution rules."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from factdb import db
from factdb.extract.dates import extract, infer_reference
from tests.scoring.context import make_context
from tests.scoring.dates import CASES_DIR, evaluate, load_case, load_cases

D = date.fromisoformat


def rows_of(text: str, published: date | None = None,
            title: str | None = None) -> list[dict[str, Any]]:
    return extract(make_context(text, published, title=title))["dates"]


def by_quote(rows: list[dict[str, Any]]) -> dict[str, tuple[Any, ...]]:
    return {r["quote"]: (r["value_start"], r["value_end"], r["granularity"], r["basis"])
            for r in rows}


def test_precision_and_recall_on_the_fixtures() -> None:
    cases = load_cases()
    other = [c for c in cases if not c.name.startswith("seed-")]
    assert len(cases) - len(other) == 5 and len(other) >= 10
    total, per_case = evaluate(extract, cases)
    for name, score in per_case.items():
        print(score.line(name))
    print(total.line("ALL"))
    for line in total.misses + total.false_alarms + total.disagreements:
        print("  " + line)
    assert total.precision >= 0.97
    assert total.recall >= 0.97
    assert total.attribute_agreement >= 0.97
    seeds = [s for name, s in per_case.items() if name.startswith("seed-")]
    assert all(s.matched == s.expected == s.predicted for s in seeds)


def seed_rows(name: str) -> dict[str, tuple[Any, ...]]:
    case = load_case(CASES_DIR / f"{name}.yaml")
    return by_quote(extract(case.context())["dates"])


def test_seed_done_when() -> None:
    wire = seed_rows("seed-01-wire")
    assert wire["Jan. 29"] == (D("2024-01-29"), D("2024-01-29"), "day", "explicit")
    assert wire["The next day"] == (D("2024-01-30"), D("2024-01-30"), "day", "relative")
    assert wire["Since Feb. 4"] == (D("2024-02-04"), D("2024-02-04"), "day", "explicit")
    assert wire["Feb. 6"] == (D("2024-02-06"), D("2024-02-06"), "day", "explicit")
    assert wire["since October 17"][0] == D("2023-10-17")  # across the new year
    assert wire["four years earlier"] == (D("2020-01-01"), D("2020-12-31"), "year",
                                          "relative")
    capitol = seed_rows("seed-03-capitol-dispatch")
    assert capitol["the following day"][:2] == (D("2024-01-30"), D("2024-01-30"))
    assert capitol["January 2020"] == (D("2020-01-01"), D("2020-01-31"), "month", "explicit")
    assert capitol["between October 17 and the end of January"][:2] == (
        D("2023-10-17"), D("2024-01-31"))
    assert seed_rows("seed-05-mesopotamia-today")["Monday, January 29"][0] == D("2024-01-29")


def test_a_window_relation_is_valued_as_the_date_it_names() -> None:
    rows = rows_of("The museum has been closed since 1998. The library will stay shut until "
                   "Thursday. Repairs will begin after the start of June. As of March, the "
                   "orchestra had 40 members.", D("2021-05-12"))
    got = {r["quote"]: (r["value_start"], r["value_end"], r["granularity"], r["relation"])
           for r in rows}
    assert got == {
        "since 1998": (D("1998-01-01"), D("1998-12-31"), "year", "since"),
        "until Thursday": (D("2021-05-13"), D("2021-05-13"), "day", "until"),
        "after the start of June": (D("2021-06-01"), D("2021-06-01"), "day", "after"),
        "As of March": (D("2021-03-01"), D("2021-03-31"), "month", "until"),
    }


def test_relative_dates_name_the_date_they_rest_on() -> None:
    case = load_case(CASES_DIR / "seed-01-wire.yaml")
    rows = extract(case.context())["dates"]
    ids = {r["quote"]: r["date_id"] for r in rows}
    anchors = {r["quote"]: r["anchor"] for r in rows}
    assert anchors["The next day"] == f"date:{ids['Jan. 29']}"
    assert anchors["four years earlier"] == f"date:{ids['Feb. 6']}"
    assert anchors["Jan. 29"] == "publication:2024-02-18"
    assert anchors["February 18, 2024"] is None


def test_event_relative_expressions_are_described_for_the_events_resolver() -> None:
    rows = rows_of("Militias carried out more than 20 attacks in the two weeks before the "
                   "visit. There have been none since the visit.", D("2024-02-18"))
    window, since = rows
    assert (window["quote"], window["value_start"], window["value_end"], window["basis"],
            window["relation"], window["span_days"], window["anchor_phrase"], window["anchor"],
            window["expression_type"], window["granularity"]) == (
        "the two weeks before the visit", None, None, "event", "before", 14, "the visit",
        "event:the visit", "event_relative", "range")
    assert (since["quote"], since["relation"], since["anchor_phrase"], since["span_days"]) == (
        "since the visit", "since", "the visit", None)


def test_numbers_that_are_not_dates_are_not_dates() -> None:
    text = ("Washington has about 2,500 troops in Iraq. The United States struck 85 targets "
            "at 7:05 AM. The outpost known as Tower 22 was hit. Two F-35 jets flew over the "
            "1st Battalion. Section 230 was cited. The home side won 3-1. The 7th Fleet "
            "sailed with the 21st Brigade. A 5-year-old boy was hurt. May I ask? Protesters "
            "march on the capital. The 2000 troops left. Sunday Times reporters said so. "
            "Fans sang in the 59th minute. USA Today reported it. He scored 12 points in "
            "the fourth quarter.")
    assert rows_of(text, D("2024-02-18")) == []


def test_ids_are_deterministic_in_text_order_and_quotes_exact() -> None:
    case = load_case(CASES_DIR / "sport-football.yaml")
    first = extract(case.context())["dates"]
    second = extract(case.context())["dates"]
    assert first == second
    ctx = case.context()
    assert [r["date_id"] for r in first] == [f"{ctx.article_id}:d{n}"
                                             for n in range(len(first))]
    assert [r["char_start"] for r in first] == sorted(r["char_start"] for r in first)
    for r in first:
        assert case.text[r["char_start"]:r["char_end"]] == r["quote"]
        assert r["date_key"] == (f"{r['value_start']}/{r['value_end']}"
                                 if r["value_start"] and r["value_end"] else None)


def test_a_date_without_a_year_is_never_after_the_article() -> None:
    rows = by_quote(rows_of("Talks resumed on March 3 and again on Dec. 30.", D("2024-02-20")))
    assert rows["March 3"][0] == D("2023-03-03")
    assert rows["Dec. 30"][0] == D("2023-12-30")


def test_future_tense_and_next_put_a_date_after_publication() -> None:
    rows = by_quote(rows_of("The leaders will meet on March 3. Voting ends next Tuesday. "
                            "The board met on Tuesday. A vote would follow on Feb. 22.",
                            D("2024-02-20")))
    assert rows["March 3"][0] == D("2024-03-03")
    assert rows["next Tuesday"][0] == D("2024-02-27")
    assert rows["Tuesday"][0] == D("2024-02-20")
    assert rows["Feb. 22"][0] == D("2024-02-22")


def test_a_forecast_takes_the_nearest_month_not_the_last_one() -> None:
    rows = rows_of("Economists polled last week expected the first cut in June. "
                   "Sales fell in June, the company said.", D("2024-03-21"))
    assert [r["value_start"] for r in rows if r["quote"] == "June"] == [
        D("2024-06-01"), D("2023-06-01")]


@pytest.mark.parametrize(("text", "published", "quote", "expected"), [
    # the month May is not the modal "may"
    ("VALPARAISO, Chile, May 20 - Ana Ruiz won Sunday's mayoral election.", "2024-05-20",
     "Sunday", "2024-05-19"),
    # a present tense far from the date, across another event, does not make it future
    ("Pierre Dumas faces questions from fans after the 2-1 loss in the final on Saturday.",
     "2024-05-27", "Saturday", "2024-05-25"),
    ("The team plays on Saturday.", "2024-05-27", "Saturday", "2024-06-01"),
    ("Its next policy meeting is on July 13.", "2023-05-26", "July 13", "2023-07-13"),
])
def test_tense_cues(text: str, published: str, quote: str, expected: str) -> None:
    got = [r["value_start"] for r in rows_of(text, D(published)) if r["quote"] == quote]
    assert got == [D(expected)]


def test_unknown_publication_date_is_inferred_from_the_articles_full_dates() -> None:
    case = load_case(CASES_DIR / "disaster-wildfire-undated.yaml")
    assert case.published is None
    rows = extract(case.context())["dates"]
    inferred = {r["quote"]: r["anchor"] for r in rows}
    assert inferred["Wednesday, August 11"] == "inferred:2021-08-08"
    assert inferred["late August"] == "inferred:2021-08-08"
    assert infer_reference([D("2021-08-08"), D("2018-05-01")]) == D("2021-08-08")


def test_without_any_reference_relative_dates_stay_unresolved() -> None:
    rows = rows_of("The talks were held on March 3. The next day they collapsed. "
                   "Yesterday nothing happened.")
    got = {r["quote"]: (r["value_start"], r["confidence"]) for r in rows}
    assert got["March 3"][0] is None and got["The next day"][0] is None
    assert got["Yesterday"][0] is None
    assert max(c for _, c in got.values()) < 0.5


def test_weekday_and_date_must_agree() -> None:
    good = rows_of("They met on Monday, January 29.", D("2024-02-20"))[0]
    bad = rows_of("They met on Tuesday, January 29.", D("2024-02-20"))[0]
    assert good["value_start"] == bad["value_start"] == D("2024-01-29")
    assert good["confidence"] > bad["confidence"]


def test_caption_and_boilerplate_dates_keep_their_role() -> None:
    text = ("Leaders met on Feb. 6 in the capital.\n"
            "Photo: Leaders arrive for talks on Feb. 6.\n"
            "© 2024 The Daily Example.")
    rows = rows_of(text, D("2024-02-18"))
    roles = [(r["quote"], r["role"]) for r in rows]
    assert roles == [("Feb. 6", "body"), ("Feb. 6", "caption"), ("2024", "boilerplate")]
    assert rows[1]["confidence"] < rows[0]["confidence"]


def test_story_anchors_skip_reporting_weekdays_and_captions() -> None:
    text = ("The minister arrived on Jan. 29, according to a report published Sunday.\n"
            "Photo: the minister on Feb. 10.\n"
            "The following day he met the president.")
    rows = by_quote(rows_of(text, D("2024-02-19")))
    assert rows["Sunday"][0] == D("2024-02-18")
    assert rows["The following day"][0] == D("2024-01-30")


def test_rows_fit_the_dates_table(tmp_path: Any) -> None:
    con = db.connect(tmp_path / "dates.duckdb")
    rows: list[dict[str, Any]] = []
    for case in load_cases():
        rows += extract(case.context())["dates"]
    columns = {name for name, _ in db.table_columns(con, "dates")}
    assert set(rows[0]) <= columns
    db.insert_rows(con, "dates", rows)
    got = con.execute("SELECT count(*), count(DISTINCT date_id), count(relation), "
                      "count(span_days) FROM dates").fetchone()
    assert got is not None and got[0] == got[1] == len(rows) and got[2] > 0 and got[3] > 0


@pytest.mark.parametrize(("text", "quote", "expected"), [
    ("It happened the day before yesterday.", "the day before yesterday",
     ("2024-02-18", "2024-02-18", "day", "publication")),
    ("Prices rose 3% in the year to March.", "the year to March",
     ("2022-04-01", "2023-03-31", "range", "explicit")),
    ("The army withdrew in the 1990s.", "1990s", ("1990-01-01", "1999-12-31", "range",
                                                  "explicit")),
    ("The plant closed in mid-2023.", "mid-2023", ("2023-05-01", "2023-08-31", "year",
                                                   "explicit")),
    ("It was founded in the summer of 2019.", "the summer of 2019",
     ("2019-06-01", "2019-08-31", "range", "explicit")),
    ("Sales fell in the last week of January.", "the last week of January",
     ("2024-01-25", "2024-01-31", "week", "explicit")),
    ("The deadline passed on Christmas Eve.", "Christmas Eve",
     ("2023-12-24", "2023-12-24", "day", "explicit")),
    ("Rates were cut three months ago.", "three months ago",
     ("2023-11-01", "2023-11-30", "month", "publication")),
    ("Fighting has raged for the past 24 hours.", "the past 24 hours",
     ("2024-02-19", "2024-02-20", "range", "publication")),
    ("Results came on 2024-01-29.", "2024-01-29", ("2024-01-29", "2024-01-29", "day",
                                                   "explicit")),
    ("Polls open from Jan. 29 through Feb. 2.", "from Jan. 29 through Feb. 2",
     ("2024-01-29", "2024-02-02", "range", "explicit")),
])
def test_more_expressions(text: str, quote: str, expected: tuple[str, str, str, str]) -> None:
    rows = by_quote(rows_of(text, D("2024-02-20")))
    start, end, granularity, basis = expected
    assert rows[quote] == (D(start), D(end), granularity, basis)


def test_timeml_values() -> None:
    rows = rows_of("Sales fell in the third quarter of 2022 and in the winter of 2021. Prices "
                   "rose through the 1990s and again last fall. Orders picked up earlier "
                   "this week, and the board met on March 3.", D("2023-03-10"))
    got = {r["quote"]: r["timex"] for r in rows}
    assert got == {"the third quarter of 2022": "2022-Q3", "the winter of 2021": "2021-WI",
                   "1990s": "199X", "last fall": "2022-FA",
                   "earlier this week": "2023-W10", "March 3": "2023-03-03"}


def test_a_window_bounded_by_an_event_is_flagged() -> None:
    rows = rows_of("Shelling eased after the truce. Prices doubled in the preceding two weeks "
                   "before the truce. Less than 48 hours after the truce, a convoy was hit. "
                   "Aid arrived two days after the truce.", D("2023-05-20"))
    got = {r["quote"]: (r["event_window"], r["relation"], r["span_days"]) for r in rows}
    assert got == {"after the truce": (True, "after", None),
                   "the preceding two weeks before the truce": (True, "before", 14),
                   "Less than 48 hours after the truce": (True, "after", 2),
                   "two days after the truce": (False, "after", 2)}


def test_a_corpus_reference_is_a_day_not_a_bound() -> None:
    text = "The talks collapsed in December, a mediator said."
    ctx = make_context(text, D("2023-11-20"))
    ctx.published_basis = "corpus"
    (row,) = extract(ctx)["dates"]
    assert (row["value_start"], row["anchor"]) == (D("2022-12-01"), "inferred:2023-11-20")
    ctx.published_basis = "story"  # only the earliest possible day: the nearest December
    (row,) = extract(ctx)["dates"]
    assert row["value_start"] == D("2023-12-01")


def test_words_of_the_present_and_future_are_timeml_references() -> None:
    rows = rows_of("Now, the guild says the loom is ready. The mill is now running two "
                   "shifts, and its current owner plans to sell. Right now the stock is low. "
                   "The mill has until now refused to comment on the current account deficit "
                   "or on the future of the river port.", D("2023-06-02"))
    got = [(r["quote"], r["timex"], r["expression_type"], r["value_start"], r["granularity"])
           for r in rows]
    assert got == [("now", "PRESENT_REF", "reference", None, None),
                   ("current", "PRESENT_REF", "reference", None, None),
                   ("Right now", "PRESENT_REF", "reference", None, None),
                   ("the future", "FUTURE_REF", "reference", None, None)]


def test_the_ends_of_a_range_are_dates_of_their_own() -> None:
    rows = rows_of("The museum was shut between 2015 and 2018. Repairs ran between November "
                   "and February 2021, and tours from Oct. 3 to Oct. 9.", D("2023-06-02"))
    got = [(r["quote"], r["expression_type"], r["value_start"], r["value_end"],
            r["granularity"], r["timex"]) for r in rows]
    assert got == [
        ("between 2015 and 2018", "range", D("2015-01-01"), D("2018-12-31"), "range", None),
        ("2015", "endpoint", D("2015-01-01"), D("2015-12-31"), "year", "2015"),
        ("2018", "endpoint", D("2018-01-01"), D("2018-12-31"), "year", "2018"),
        ("between November and February 2021", "range", D("2020-11-01"), D("2021-02-28"),
         "range", None),
        ("November", "endpoint", D("2020-11-01"), D("2020-11-30"), "month", "2020-11"),
        ("February 2021", "endpoint", D("2021-02-01"), D("2021-02-28"), "month", "2021-02"),
        ("from Oct. 3 to Oct. 9", "range", D("2022-10-03"), D("2022-10-09"), "range", None),
        ("Oct. 3", "endpoint", D("2022-10-03"), D("2022-10-03"), "day", "2022-10-03"),
        ("Oct. 9", "endpoint", D("2022-10-09"), D("2022-10-09"), "day", "2022-10-09")]


def test_a_date_inside_an_offset_is_one_row_not_two() -> None:
    rows = rows_of("The ferry sailed the day before last Tuesday and again two days after "
                   "March 3.", D("2024-05-15"))
    got = [(r["quote"], r["value_start"], r["relation"]) for r in rows]
    assert got == [("the day before last Tuesday", D("2024-05-13"), "before"),
                   ("last Tuesday", D("2024-05-14"), None),
                   ("two days after March 3", D("2024-03-05"), "after"),
                   ("March 3", D("2024-03-03"), None)]


@pytest.mark.parametrize(("text", "published", "quote", "expected"), [
    # a date something is put off to lies ahead; "until" a year-less date is the nearest one
    ("Officials postponed until Tuesday any ruling on the permit.", "2021-09-30",
     "until Tuesday", ("2021-10-05", "2021-10-05")),
    ("A judge ordered that the herd stay in the valley until March 6.", "2021-01-15",
     "until March 6", ("2021-03-06", "2021-03-06")),
    ("The orchard was planted a decade ago.", "2021-05-10", "a decade ago",
     ("2011-01-01", "2011-12-31")),
    ("The choir will sing on June 12 and 13 in the old hall.", "2021-05-10", "13",
     ("2021-06-13", "2021-06-13")),
    ("The post-1979 reforms opened the port.", "2021-05-10", "post-1979",
     ("1979-01-01", "1979-12-31")),
    ("The society was founded in 1921. Since then, it has held 300 shows.", "2021-05-10",
     "Since then", ("1921-01-01", "2021-05-10")),
    ("Bidders have ten days from Monday to file their offers.", "2021-05-12",
     "ten days from Monday", ("2021-05-10", "2021-05-20")),
    ("From March 1 to June 30, 2020 the kiln fired 90 loads, against 70 in the same period "
     "last year.", "2020-07-15", "the same period last year", ("2019-03-01", "2019-06-30")),
    ("The kiln fired 70 loads in the same period last year.", "2020-07-15",
     "the same period last year", ("2019-01-01", "2019-12-31")),
])
def test_bounds_offsets_and_coordinated_days(text: str, published: str, quote: str,
                                             expected: tuple[str, str]) -> None:
    rows = {r["quote"]: (r["value_start"], r["value_end"]) for r in rows_of(text, D(published))}
    assert rows[quote] == (D(expected[0]), D(expected[1]))


def test_words_of_the_writing_day_count_from_an_earlier_dateline() -> None:
    text = ("OSLO, March 9 (Wire) - The skaters won the relay on Saturday.\n"
            "\"We will dance tonight,\" the captain said, a day after yesterday's heats.")
    got = {r["quote"]: (r["value_start"], r["anchor"]) for r in rows_of(text, D("2024-03-10"))}
    assert got["tonight"] == (D("2024-03-09"), "dateline:2024-03-09")
    assert got["yesterday"] == (D("2024-03-08"), "dateline:2024-03-09")
    assert got["Saturday"] == (D("2024-03-09"), "publication:2024-03-10")
    # a dateline of the publication day changes nothing
    same = {r["quote"]: r["anchor"] for r in rows_of(text.replace("March 9", "March 10"),
                                                         D("2024-03-10"))}
    assert same["tonight"] == "publication:2024-03-10"


def test_an_offset_from_an_event_is_counted_from_the_day_its_own_clause_gives() -> None:
    rows = by_quote(rows_of("The day after a group attacked a base in the north on January "
                            "28, the commander visited the capital.", D("2024-02-10")))
    assert rows["The day after a group"][:2] == (D("2024-01-29"), D("2024-01-29"))
    rows = by_quote(rows_of("Two days before the vote on Sunday, March 3, the minister "
                            "resigned.", D("2024-03-10")))
    assert rows["Two days before the vote"][:2] == (D("2024-03-01"), D("2024-03-01"))
    # a clause break between the anchor and the day: the day is not the anchor's
    rows = by_quote(rows_of("The day after the attack, on January 28, the commander visited "
                            "the capital.", D("2024-02-10")))
    assert rows["The day after the attack"][:2] == (None, None)


def test_a_day_in_this_year_is_kept_in_an_undated_article() -> None:
    """"since May 10 this year": the month and day, valued in the reference year; in an
    article with no date to count from, still a row (unresolved), as "May 10" alone is."""
    text = "Since May 10 this year, more than 600 people have been killed in the town."
    dated = [(r["quote"], r["value_start"]) for r in rows_of(text, date(2024, 7, 28))]
    assert dated == [("May 10", date(2024, 5, 10))]
    undated = [(r["quote"], r["value_start"]) for r in rows_of(text)]
    assert undated == [("May 10", None)]
