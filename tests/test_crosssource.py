"""Events, event-relative windows, corroboration groups and disagreements (unit level)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path

import duckdb
import pytest

from factdb.load import LoadReport
from factdb.resolve.anchors import head_type, offset_span, pick_event, window
from factdb.resolve.disagreements import value_disagreements, window_disagreements
from factdb.resolve.events import LocalEvent, cluster
from factdb.resolve.fact_groups import count_label, date_label, date_window
from tests.stories import disagreement_sides


@pytest.mark.parametrize("phrase, expected", [
    ("the visit", "visit"), ("Smith's visit", "visit"), ("his trip to Kyiv", "visit"),
    ("the earthquake", "disaster"), ("the election", "election"), ("it", True),
    ("the summit", "meeting"), ("the weather", None),
])
def test_anchor_phrase_head_type(phrase: str, expected: object) -> None:
    assert head_type(phrase) == expected


def test_windows_are_inclusive_day_ranges() -> None:
    day, pub = date(2023, 6, 10), date(2023, 6, 20)
    assert window("before", day, 14, pub) == (date(2023, 5, 27), date(2023, 6, 9))
    assert window("since", day, None, pub) == (day, pub)
    assert window("after", day, None, pub) == (date(2023, 6, 11), pub)
    assert window("after", day, 7, pub) == (date(2023, 6, 11), date(2023, 6, 17))
    assert window("until", day, None, pub) == (None, day)


def test_a_window_after_an_event_on_the_publication_day_is_not_inverted() -> None:
    day = date(2023, 6, 10)
    assert window("after", day, None, day) == (day, day)
    assert window("after", day, None, date(2023, 6, 8)) == (date(2023, 6, 11), None)
    assert window("after", day, None, None) == (date(2023, 6, 11), None)
    assert window("since", day, None, date(2023, 6, 8)) == (day, None)


def test_an_exact_offset_from_an_event_is_one_day_not_a_window() -> None:
    day = date(2023, 6, 10)
    assert offset_span("after", day, 1, "week") == (date(2023, 6, 17), date(2023, 6, 17))
    assert offset_span("before", day, 2, "day") == (date(2023, 6, 8), date(2023, 6, 8))
    assert offset_span("after", day, 2, "month") == (date(2023, 8, 1), date(2023, 8, 31))


def test_dates_anchored_on_an_event_get_a_day_or_a_window(
        tmp_path: Path, db_path: Path, load_into: Callable[..., LoadReport]) -> None:
    story = tmp_path / "tour.md"
    story.write_text("---\noutlet: Valley Post\npublished: 2023-06-20\n---\nMinister tours "
                     "dam\n\nThe minister visited the Orrin dam on June 5. A week after the "
                     "visit, engineers closed the spillway. In the days after the visit, three "
                     "inspectors resigned.\n", encoding="utf-8")
    load_into(story)
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        rows = dict((q, (s, e)) for q, s, e in con.execute(
            "SELECT quote, value_start, value_end FROM dates WHERE basis = 'event'").fetchall())
    finally:
        con.close()
    assert rows == {"A week after the visit": (date(2023, 6, 12), date(2023, 6, 12)),
                    "In the days after the visit": (date(2023, 6, 6), date(2023, 6, 20))}


def test_pick_event_by_type_or_pronoun() -> None:
    mentions = [("a1", 10, "election", "evA", date(2022, 5, 1), "NOUN"),
                ("a1", 80, "disaster", "evB", date(2022, 6, 3), "NOUN"),
                ("a1", 300, "election", "evA", date(2022, 5, 1), "NOUN")]
    assert pick_event(mentions, "the vote", 200) == ("evA", date(2022, 5, 1))
    assert pick_event(mentions, "it", 200) == ("evB", date(2022, 6, 3))
    assert pick_event(mentions, "the parade", 200) is None


def local(key: str, article: str, etype: str, days: list[date], people: list[str],
          places: list[str], published: date | None = None) -> LocalEvent:
    ev = LocalEvent(key, article, etype, 0, [key + "m"], days, Counter(people),
                    Counter(places))
    ev.latest = published
    return ev


def test_event_coreference_needs_type_date_and_a_shared_entity() -> None:
    d = date(2021, 3, 4)
    events = {e.key: e for e in [
        local("k1", "a1", "visit", [d], ["pope"], ["baghdad"]),
        local("k2", "a2", "visit", [], ["pope"], [], published=date(2021, 3, 5)),  # undated
        local("k3", "a3", "visit", [d], [], ["baghdad"]),        # same day, shared place
        local("k4", "a4", "visit", [date(2021, 5, 1)], ["pope"], ["baghdad"]),  # other visit
        local("k5", "a5", "meeting", [d], ["pope"], ["baghdad"]),  # other type
        local("k6", "a6", "visit", [d], ["mayor"], ["paris"]),    # nothing shared
    ]}
    groups = sorted(sorted(e.key for e in g) for g in cluster(events).values())
    assert groups == [["k1", "k2", "k3"], ["k4"], ["k5"], ["k6"]]


def test_undated_events_without_a_shared_place_merge_on_three_shared_entities() -> None:
    events = {e.key: e for e in [
        local("k1", "a1", "killing", [], ["militia", "army", "valley"], []),
        local("k2", "a2", "killing", [], ["militia", "army", "valley"], []),
        local("k3", "a3", "killing", [], ["militia", "valley"], []),       # two only
    ]}
    groups = sorted(sorted(e.key for e in g) for g in cluster(events).values())
    assert groups == [["k1", "k2"], ["k3"]]


def test_a_day_slip_merges_only_with_participant_and_place() -> None:
    events = {e.key: e for e in [
        local("k1", "a1", "attack", [date(2020, 1, 8)], ["group"], ["town"]),
        local("k2", "a2", "attack", [date(2020, 1, 9)], ["group"], ["town"]),
        local("k3", "a3", "attack", [date(2020, 1, 10)], ["group"], []),
    ]}
    groups = sorted(sorted(e.key for e in g) for g in cluster(events).values())
    # k1/k2 differ by a day but share participant and place; k3 shares only the group
    assert groups == [["k1", "k2"], ["k3"]]


def count(fid: str, article: str, unit: str, qualifier: str, value: float,
          ws: date | None, we: date | None, pub: date, place: str | None = None
          ) -> dict[str, object]:
    return {"fact_id": fid, "article_id": article, "outlet": article.upper(), "quote": fid,
            "char_start": 0, "char_end": 1, "unit": unit, "qualifier": qualifier,
            "value": value, "place": place, "window_start": ws, "window_end": we,
            "anchor_event_id": None, "published_on": pub}


def test_window_disagreement_over_when_something_stopped() -> None:
    pub1, pub2 = date(2023, 3, 20), date(2023, 3, 21)
    rows = [count("c1", "a1", "strike", "none", 0, date(2023, 3, 4), pub1, pub1),
            count("c2", "a2", "strike", "none", 0, date(2023, 3, 1), pub2, pub2),
            count("c3", "a3", "strike", "none", 0, date(2023, 3, 4), pub2, pub2)]
    ((subject, anchor, sides),) = window_disagreements(rows)  # type: ignore[arg-type]
    assert subject == "no strike: different windows" and anchor is None
    assert {p: sorted(e["fact_id"] for e in ev) for p, ev in sides.items()} == {
        "since 2023-03-04": ["c1", "c3"], "since 2023-03-01": ["c2"]}


def test_same_window_different_values_is_a_value_disagreement() -> None:
    ws, we, pub = date(2022, 1, 1), date(2022, 1, 31), date(2022, 2, 2)
    rows = [count("c1", "a1", "death", "exact", 12, ws, we, pub),
            count("c2", "a2", "death", "at_least", 15, ws, we, pub),
            count("c3", "a3", "death", "exact", 12, ws, we, pub),
            count("c4", "a4", "death", "exact", 99, date(2021, 1, 1), date(2021, 1, 31), pub)]
    ((subject, _, sides),) = value_disagreements(rows)  # type: ignore[arg-type]
    assert subject == "number of death (2022-01-01 to 2022-01-31)"
    assert {p: sorted(e["fact_id"] for e in ev) for p, ev in sides.items()} == {
        "12": ["c1", "c3"], "at least 15": ["c2"]}
    assert window_disagreements(rows) == []  # type: ignore[arg-type]


def test_count_labels() -> None:
    assert count_label("attack", "more_than", 20.0, None, date(2024, 1, 15),
                       date(2024, 1, 28)) == "more than 20 attack (2024-01-15 to 2024-01-28)"
    assert count_label("troop", "about", 2500.0, "Iraq", None, None) == "about 2500 troop in Iraq"
    assert count_label("attack", "none", 0.0, None, None, None) == "no attack"


def test_date_labels_with_open_ends() -> None:
    assert date_label(date(2024, 1, 29), date(2024, 1, 29)) == "2024-01-29"
    assert date_label(date(2024, 1, 15), date(2024, 1, 28)) == "2024-01-15 to 2024-01-28"
    assert date_label(date(2024, 2, 4), None) == "since 2024-02-04"


def test_a_named_date_bounding_a_window_is_grouped_by_its_window() -> None:
    d, pub = date(2024, 2, 4), date(2024, 2, 18)
    assert date_window(None, d, d, pub) == (d, d)
    assert date_window("since", d, d, pub) == (d, pub)  # runs to publication
    assert date_window("since", d, d, None) == (d, None)
    assert date_window("since", d, d, date(2024, 1, 2)) == (d, None)
    assert date_window("since", date(2023, 1, 1), date(2023, 12, 31), pub) == (
        date(2023, 1, 1), pub)  # "since 2023"
    assert date_window("after", d, d, pub) == (date(2024, 2, 5), None)
    assert date_window("until", d, d, pub) is None
    assert date_window("before", d, d, pub) is None


def test_an_article_without_a_publication_date_loads_through_every_resolver(
        tmp_path: Path, db_path: Path, load_into: Callable[..., LoadReport]) -> None:
    """An open range ("since 2005" with no publication day to end it) reaches the resolvers."""
    story = tmp_path / "undated.txt"
    story.write_text("Valley group holds talks\n\nThe group has campaigned for autonomy for the "
                     "valley since 2005. About 30 people attended a meeting on Tuesday, its "
                     "spokesman said.\n", encoding="utf-8")
    report = load_into(story)
    assert report.added == 1
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        labels = [r[0] for r in con.execute(
            "SELECT label FROM fact_groups WHERE fact_kind = 'date'").fetchall()]
    finally:
        con.close()
    assert labels == ["since 2005-01-01"]


def test_an_outlets_own_reporting_is_not_a_relay(
        tmp_path: Path, db_path: Path, load_into: Callable[..., LoadReport]) -> None:
    one = tmp_path / "one.md"
    one.write_text("---\noutlet: Valley Post\npublished: 2023-06-12\n---\nFloods hit valley\n\n"
                   "Floods killed 12 people in the valley on Sunday, a police officer told "
                   "Valley Post.\n", encoding="utf-8")
    two = tmp_path / "two.md"
    two.write_text("---\noutlet: River Times\npublished: 2023-06-12\n---\nValley floods\n\n"
                   "Floods killed 12 people in the valley on Sunday, the police said.\n",
                   encoding="utf-8")
    load_into(one, two)
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        groups = con.execute("""
            SELECT DISTINCT g.article_count, g.independent_source_count, g.relay_count
            FROM counts c JOIN fact_groups g USING (group_id) WHERE c.value = 12""").fetchall()
    finally:
        con.close()
    assert groups == [(2, 2, 0)]


def _place_sides(tmp_path: Path, db_path: Path, load_into: Callable[..., LoadReport],
                 first: str, second: str) -> list[tuple[str, str, str]]:
    return disagreement_sides(tmp_path, db_path, load_into, "place", "Minister travels",
                              ("Valley Post", "2023-06-14", first),
                              ("River Times", "2023-06-14", second))


def test_outlets_that_place_one_visit_in_two_cities_disagree(
        tmp_path: Path, db_path: Path, load_into: Callable[..., LoadReport]) -> None:
    assert _place_sides(
        tmp_path, db_path, load_into,
        "Trade minister Alma Rossberg arrived in Kessing on Monday.",
        "Trade minister Alma Rossberg arrived in Dornvale on Monday.") == [
        ("Dornvale", "River Times", "Dornvale"), ("Kessing", "Valley Post", "Kessing")]


def test_a_place_inside_another_is_no_disagreement(
        tmp_path: Path, db_path: Path, load_into: Callable[..., LoadReport]) -> None:
    assert _place_sides(
        tmp_path, db_path, load_into,
        "Trade minister Alma Rossberg arrived in Kessing on Monday.",
        "Trade minister Alma Rossberg arrived in Kessing Airport on Monday.") == []


def _value_sides(tmp_path: Path, db_path: Path, load_into: Callable[..., LoadReport],
                 *stories: tuple[str, str, str]) -> list[tuple[str, str, str]]:
    """Load (outlet, published, body) stories; the sides of the value disagreements."""
    return disagreement_sides(tmp_path, db_path, load_into, "value", "Mine collapse", *stories)


def test_outlets_that_count_the_dead_of_one_event_differently_disagree(
        tmp_path: Path, db_path: Path, load_into: Callable[..., LoadReport]) -> None:
    """No window, no anchor: the same kind of count in one story, told two ways on one day,
    is a disagreement with both citations."""
    assert _value_sides(
        tmp_path, db_path, load_into,
        ("Valley Post", "2023-06-14", "At least nine miners were killed when a copper mine "
         "collapsed near Orlen on Tuesday, the mining ministry said."),
        ("River Times", "2023-06-14", "About nine miners were killed when a copper mine "
         "collapsed near Orlen on Tuesday, the company said.")) == [
        ("about 9", "River Times", "About nine miners"),
        ("at least 9", "Valley Post", "At least nine miners")]


def test_ages_of_people_in_one_story_are_no_disputed_figure(
        tmp_path: Path, db_path: Path, load_into: Callable[..., LoadReport]) -> None:
    """Two articles of one story give the ages of two different people: ages are no figure
    of one fact, so they never make a disagreement."""
    assert _value_sides(
        tmp_path, db_path, load_into,
        ("Valley Post", "2023-06-14", "At least nine miners were killed when a copper mine "
         "collapsed near Orlen on Tuesday. The 61-year-old foreman escaped."),
        ("River Times", "2023-06-14", "At least nine miners were killed when a copper mine "
         "collapsed near Orlen on Tuesday. A 58-year-old driver was rescued.")) == []


def test_scores_and_plays_of_one_story_are_no_disputed_figure(
        tmp_path: Path, db_path: Path, load_into: Callable[..., LoadReport]) -> None:
    """A story's games, periods and plays give many scores and yardages: a score of another
    game ("lost 31-9 in 2021"), a margin ("out-gained them 125-16") or a play's length ("a
    75-yard drive" against "ran for 80 yards") is no figure of one fact told two ways."""
    assert _value_sides(
        tmp_path, db_path, load_into,
        ("Valley Post", "2024-02-12", "The Hawks won the championship game against Denver "
         "in Las Vegas on Sunday. The quarterback's touchdown gave the Hawks a 25-22 win "
         "after a 75-yard drive. Two years ago the Hawks lost 31-9 to Boston."),
        ("River Times", "2024-02-12", "The Hawks won the championship game against Denver "
         "in Las Vegas on Sunday. Their running back ran for 80 yards, and the score was "
         "tied 19-19 before overtime. Denver out-gained the Hawks 125-16 in the first "
         "quarter.")) == []


def test_two_sources_of_one_article_that_count_one_toll_differently_disagree(
        tmp_path: Path, db_path: Path, load_into: Callable[..., LoadReport]) -> None:
    """Inside one article, a figure told by a witness and another told by other outlets is
    a disagreement with both citations."""
    assert _value_sides(
        tmp_path, db_path, load_into,
        ("Valley Post", "2023-06-14", "Ten miners were killed when a copper mine collapsed "
         "near Orlen on Tuesday, a rescuer told reporters.\n\nSome local outlets said nine "
         "miners had been killed.")) == [
        ("10", "Valley Post", "Ten miners"), ("9", "Valley Post", "nine miners")]


def test_one_source_or_the_headline_giving_two_figures_is_no_disagreement(
        tmp_path: Path, db_path: Path, load_into: Callable[..., LoadReport]) -> None:
    """One speaker's two figures count two things; a headline cuts its body's figure short
    ("kills 9" over "at least nine"); a part ("four of them") is no figure of the whole."""
    assert _value_sides(
        tmp_path, db_path, load_into,
        ("Valley Post", "2023-06-14", "Ten miners were killed when a copper mine collapsed "
         "near Orlen on Tuesday, the ministry said. The ministry said nine miners had died "
         "in the shaft, and four of them were foremen.")) == []
    headline = tmp_path / "headline.md"
    headline.write_text("---\noutlet: River Times\npublished: 2022-03-02\n---\nFlood kills 9 "
                        "miners\n\nAt least nine miners were killed when a gold mine flooded "
                        "near Dressa on Monday, the company said.\n", encoding="utf-8")
    load_into(headline)
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM disagreements").fetchone() == (0,)
    finally:
        con.close()


def test_two_sources_of_one_article_that_size_one_fire_differently_disagree(
        tmp_path: Path, db_path: Path, load_into: Callable[..., LoadReport]) -> None:
    assert _value_sides(
        tmp_path, db_path, load_into,
        ("Valley Post", "2023-06-14", "The fire near Orlen grew to 12,560 acres by Wednesday "
         "morning.\n\n\u201cWe\u2019re at 12,000 acres,\u201d the fire chief, Ana Berg, "
         "told reporters.")) == [
        ("12000", "Valley Post", "12,000 acres"), ("12560", "Valley Post", "12,560 acres")]


def test_a_toll_that_rises_in_a_later_article_is_an_update(
        tmp_path: Path, db_path: Path, load_into: Callable[..., LoadReport]) -> None:
    assert _value_sides(
        tmp_path, db_path, load_into,
        ("Valley Post", "2023-06-14", "At least nine miners were killed when a copper mine "
         "collapsed near Orlen on Tuesday, the mining ministry said."),
        ("River Times", "2023-06-16", "Eleven miners were killed when a copper mine "
         "collapsed near Orlen on Tuesday, the company said.")) == []


def test_a_series_never_joins_a_dated_event_of_another_article() -> None:
    """An undated series ("the raids") is no single dated raid, whatever they share."""
    raid = local("r1", "a1", "attack", [date(2024, 3, 4)], ["army"], ["kessing"])
    series = local("s2", "a2", "attack", [], ["army"], ["kessing"], date(2024, 3, 5))
    single = local("u3", "a3", "attack", [], ["army"], ["kessing"], date(2024, 3, 5))
    series.series = True
    groups = cluster({e.key: e for e in (raid, series, single)})
    assert sorted(sorted(e.key for e in g) for g in groups.values()) == [["r1", "u3"], ["s2"]]


def test_an_undated_event_is_scored_against_the_member_it_shares_a_name_with() -> None:
    d = date(2024, 3, 4)
    events = {e.key: e for e in [local("k1", "a1", "visit", [d], ["ann"], []),
                                 local("k2", "a2", "visit", [d], ["ann", "bob"], []),
                                 local("k3", "a3", "visit", [], ["bob"], [], d)]}
    links: list[tuple[str, str, float]] = []
    groups = cluster(events, links)
    assert sorted(sorted(e.key for e in g) for g in groups.values()) == [["k1", "k2", "k3"]]
    assert [score for a, b, score in links if "k3" in (a, b)] == [0.2]


def test_two_stories_disputing_the_same_figure_alike_are_two_disagreements(
        tmp_path: Path, db_path: Path, load_into: Callable[..., LoadReport]) -> None:
    """The same subject and positions in two stories (no event anchors them) give two
    disagreements with their own ids, each citing its own story; the load does not fail."""
    sides = _value_sides(
        tmp_path, db_path, load_into,
        ("Valley Post", "2023-06-14", "At least nine miners were killed when a copper mine "
         "collapsed near Orlen on Tuesday, the mining ministry said."),
        ("River Times", "2023-06-14", "About nine miners were killed when a copper mine "
         "collapsed near Orlen on Tuesday, the company said."),
        ("Hill Courier", "2024-11-06", "At least nine miners were killed when a gold mine "
         "flooded near Dressa on Monday, the regional governor said."),
        ("Lake Herald", "2024-11-06", "About nine miners were killed when a gold mine "
         "flooded near Dressa on Monday, rescuers said."))
    assert sides == [("about 9", "Lake Herald", "About nine miners"),
                     ("about 9", "River Times", "About nine miners"),
                     ("at least 9", "Hill Courier", "At least nine miners"),
                     ("at least 9", "Valley Post", "At least nine miners")]


def _groups(*events: LocalEvent) -> list[list[str]]:
    return sorted(sorted(e.key for e in g) for g in cluster({e.key: e for e in events}).values())


def test_an_undated_mention_never_joins_an_event_dated_after_its_article() -> None:
    """A realis mention tells an event on or before its article's publication: an article
    of April cannot tell, undated, the fire of May 10 (a day of slack for time zones)."""
    fire = local("f1", "a1", "fire", [date(2024, 5, 10)], ["fire brigade"], ["harbour"])
    april = local("u2", "a2", "fire", [], ["fire brigade"], ["harbour"], date(2024, 4, 2))
    may = local("u3", "a3", "fire", [], ["fire brigade"], ["harbour"], date(2024, 5, 11))
    early = local("u4", "a4", "fire", [], ["fire brigade"], ["harbour"], date(2024, 5, 9))
    assert _groups(fire, april, may, early) == [["f1", "u3", "u4"], ["u2"]]


def test_an_article_of_unknown_time_places_no_undated_event_on_a_day() -> None:
    """Without a publication day, an undated "attack on the depot" may be any attack on the
    depot: it joins a dated one only by its name, and an undated one of a dated article
    only by a name or the story; undated ones of unknown time still merge on evidence."""
    raid = local("r1", "a1", "attack", [date(2023, 9, 3)], ["militia"], ["depot"])
    dated_later = local("u2", "a2", "attack", [], ["militia"], ["depot"], date(2023, 9, 4))
    unknown = local("u3", "a3", "attack", [], ["militia"], ["depot"])
    unknown_too = local("u4", "a4", "attack", [], ["militia"], ["depot"])
    named = local("n5", "a5", "storm", [], ["coast guard"], [])
    named_day = local("n6", "a6", "storm", [date(2023, 9, 3)], ["navy"], [])
    named.names = named_day.names = {"storm ilsa"}
    assert _groups(raid, dated_later, unknown, unknown_too, named, named_day) == [
        ["n5", "n6"], ["r1", "u2"], ["u3", "u4"]]


def test_undated_mentions_in_articles_published_months_apart_are_two_events() -> None:
    """Two undated strikes by one union at one plant, told in January and in June, are two
    strikes; told two days apart, one."""
    jan = local("j1", "a1", "labour_strike", [], ["union"], ["plant"], date(2024, 1, 10))
    jan2 = local("j2", "a2", "labour_strike", [], ["union"], ["plant"], date(2024, 1, 12))
    june = local("j3", "a3", "labour_strike", [], ["union"], ["plant"], date(2024, 6, 10))
    assert _groups(jan, jan2, june) == [["j1", "j2"], ["j3"]]


def test_an_undated_event_its_article_tells_apart_from_a_dated_one_stays_apart() -> None:
    """An article that dates the talks' resumption and tells, undated, a resumption of
    raids by another side: the raids do not join the talks through a third article."""
    day = date(2024, 2, 6)
    talks = local("t1", "a1", "resumption", [day], ["ministry", "envoy"], [])
    other_talks = local("t2", "a2", "resumption", [day], ["ministry", "rebels"], [],
                        date(2024, 2, 7))
    raids = local("r3", "a1", "resumption", [], ["rebels"], ["border"], date(2024, 2, 7))
    talks.latest = date(2024, 2, 7)
    assert _groups(talks, other_talks, raids) == [["r3"], ["t1", "t2"]]
    # the same article's undated mention that shares the talks' own envoy and place joins
    again = local("r4", "a1", "resumption", [], ["envoy", "rebels"], ["border"],
                  date(2024, 2, 7))
    talks.places = Counter(["border"])
    assert _groups(talks, other_talks, again) == [["r4", "t1", "t2"]]


def test_a_bound_after_a_figure_is_a_disagreement_not_a_revision(
        tmp_path: Path, db_path: Path, load_into: Callable[..., LoadReport]) -> None:
    """A later article's "more than 38" after "40" revises nothing: one toll told two
    ways. (A lower figure told the same way, within a tenth, is a revision.)"""
    stories = [("Valley Post", "2023-06-14", "The bodies of 40 miners were recovered after a "
                "copper mine collapsed near Orlen on Tuesday, the mining ministry said."),
               ("River Times", "2023-06-15", "The bodies of more than 38 miners were "
                "recovered after a copper mine collapsed near Orlen on Tuesday, the company "
                "said.")]
    assert _value_sides(tmp_path, db_path, load_into, *stories) == [
        ("40", "Valley Post", "40 miners"),
        ("more than 38", "River Times", "more than 38 miners")]


def test_a_sum_told_higher_the_next_day_is_a_disagreement_not_an_update(
        tmp_path: Path, db_path: Path, load_into: Callable[..., LoadReport]) -> None:
    """Tolls and case counts grow with the news; what a mine's owner paid for it does not:
    $40 million, then $44 million the next day, is one sum told two ways."""
    stories = [("Valley Post", "2023-06-14", "Nine miners were killed when a copper mine "
                "collapsed near Orlen on Tuesday. Its owner paid $40 million for the mine."),
               ("River Times", "2023-06-15", "Nine miners were killed when a copper mine "
                "collapsed near Orlen on Tuesday. Its owner paid $44 million for the mine.")]
    assert _value_sides(tmp_path, db_path, load_into, *stories) == [
        ("40000000", "Valley Post", "$40 million"),
        ("44000000", "River Times", "$44 million")]


def test_an_article_that_dates_two_events_apart_keeps_them_apart_across_articles() -> None:
    """An article tells a result announced on March 20 and a count released in February:
    an undated announcement of another article that shares entities with both cannot make
    them one."""
    result = local("k1", "a1", "announcement", [date(2024, 3, 20)], ["commission"], [],
                   date(2024, 3, 20))
    count = local("k2", "a1", "announcement", [], ["commission", "pollsters", "capital"], [],
                  date(2024, 3, 20))
    count.periods = [(date(2024, 2, 1), date(2024, 2, 29))]
    other = local("u3", "a2", "announcement", [], ["commission", "pollsters", "capital"], [],
                  date(2024, 3, 21))
    assert _groups(result, count, other) == [["k1", "u3"], ["k2"]]
