"""The public-benchmark scorers on tiny hand-made inputs, with figures computed by hand."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.scoring import benchmarks as b


def q(value: object, unit: str, change: str = "=") -> dict[str, object]:
    return {"value": value, "normalized_unit": unit, "change": change}


def test_cqe_scoring_follows_the_published_script() -> None:
    items = [
        # value, unit and change right; a second prediction with no gold is a false alarm
        ("s1", [q("30.0", "yard")], [q(30.0, "yard"), q(5.0, "-")]),
        # value right, unit wrong, change wrong
        ("s2", [q("3.5", "percentage", "up")], [q(3.5, "point", "=")]),
        # a gold range only matches a predicted range
        ("s3", [q("5-10", "day")], [q(5.0, "day")]),
        # nothing predicted
        ("s4", [q("2", "people")], []),
    ]
    got = b.score_cqe(items)
    assert (got.gold, got.predicted) == (4, 4)
    assert got.correct == {"value": 2, "value+unit": 1, "value+change": 1}
    p, r, f = got.prf("value")
    assert (p, r, round(f, 6)) == (0.5, 0.5, 0.5)
    assert got.prf("value+unit")[:2] == (0.25, 0.25)


def test_units_are_mapped_onto_cqe_names() -> None:
    assert [b.cqe_unit(u) for u in ("percent", "person", "km", "attack", None)] == \
        ["percentage", "people", "kilometre", "attack", "-"]
    # a pound of money is sterling, any other pound a weight
    assert (b.cqe_unit("pound", "money"), b.cqe_unit("pound", "measure")) == \
        ("pound sterling", "pound-mass")


def test_noun_units_are_named_as_cqe_names_them() -> None:
    # lemmatised, function words out; a hyphenated word stays one word
    assert b.cqe_noun_unit("European countries", "country") == "european country"
    assert b.cqe_noun_unit("gas-only powertrain options", "powertrain option") == \
        "gas-only powertrain option"
    assert b.cqe_noun_unit("coal-fired power plants", "power plant") == "coal-fired power plant"


def test_timeml_text_and_spans(tmp_path: Path) -> None:
    tml = tmp_path / "d.tml"
    tml.write_text(
        '<?xml version="1.0" ?>\n<TimeML><DCT><TIMEX3 tid="t0" type="TIME" value="1998-08-07">'
        '1998-08-07</TIMEX3></DCT><TEXT>\n\nBombs exploded <TIMEX3 tid="t1" type="DATE" '
        'value="1998-08-07">Friday</TIMEX3> for <TIMEX3 tid="t2" type="DURATION" value="PT2H">'
        'two hours</TIMEX3>.\n</TEXT></TimeML>', encoding="utf-8")
    text, created, timexes = b.read_timeml(tml)
    assert created == date(1998, 8, 7)
    assert text == "Bombs exploded Friday for two hours."
    assert [(text[t.start:t.end], t.type, t.value) for t in timexes] == [
        ("Friday", "DATE", "1998-08-07"), ("two hours", "DURATION", "PT2H")]


def test_timeml_scoring() -> None:
    gold = [b.Timex(0, 6, "DATE", "1998-08-07", "Friday"),
            b.Timex(10, 20, "DATE", "1998-08", "last month"),
            b.Timex(30, 39, "DURATION", "PT2H", "two hours")]
    predicted = [(0, 6, "1998-08-07", "Friday"),        # span and value right
                 (15, 20, "1998-07", "month"),          # relaxed span, wrong value
                 (30, 39, None, "two hours"),           # overlaps a DURATION: not scored
                 (50, 55, "1998", "today")]             # a false alarm
    got = b.score_timeml([("d", gold, predicted)])
    assert (got.gold, got.predicted) == (2, 3)
    assert got.correct == {"span_relaxed": 2, "span_strict": 1, "value": 1}
    assert got.prf("value")[:2] == pytest.approx((1 / 3, 1 / 2))


def test_timeml_values() -> None:
    d = date(1998, 8, 7)
    assert [b.timeml_value(d, d, g) for g in ("day", "month", "year", "week", "range")] == \
        ["1998-08-07", "1998-08", "1998", "1998-W32", None]


def test_gold_disagreements_inside_one_article_are_found_by_two_predicted_sides() -> None:
    """The gold scorer (tests/scoring/gold.py): gold sides in two articles are found by a
    prediction overlapping both articles; gold sides inside one article by a prediction
    that puts the two quotes on two different sides, not on one."""
    import duckdb

    from tests.scoring import gold as g

    text = "Ten were killed, he said. Others said nine were killed."
    a1 = g.Article("a1.txt", {}, text, "A1")
    a2 = g.Article("a2.txt", {}, "Eight were killed.", "A2")
    sides = [{"article": "a1.txt", "quote": "Ten were killed"},
             {"article": "a1.txt", "quote": "nine were killed"}]
    gold = g.Gold("t", [a1, a2], [{"story": "s", "disagreements": [
        {"kind": "value", "about": "inside", "sides": sides},
        {"kind": "value", "about": "across", "sides": [
            sides[0], {"article": "a2.txt", "quote": "Eight"}]}]}])
    con = duckdb.connect()
    con.execute("CREATE TABLE disagreement_sides (disagreement_id VARCHAR, side INTEGER, "
                "article_id VARCHAR, char_start INTEGER, char_end INTEGER)")

    def scored(rows: list[tuple[str, int, str, int, int]]) -> tuple[int, int, int, int]:
        con.execute("DELETE FROM disagreement_sides")
        con.executemany("INSERT INTO disagreement_sides VALUES (?, ?, ?, ?, ?)", rows)
        report = g.Report("t")
        g.score_disagreements(gold, con, report)
        pr = report.pr("disagreements")
        return pr.recall.hit, pr.recall.total, pr.precision.hit, pr.precision.total

    ten, nine = (0, 3), (text.index("nine"), text.index("nine") + 4)
    assert scored([("d1", 1, "A1", *ten), ("d1", 2, "A1", *nine)]) == (1, 2, 1, 1)
    assert scored([("d1", 1, "A1", *ten), ("d1", 1, "A1", *nine)]) == (0, 2, 0, 1)
    assert scored([("d1", 1, "A1", *ten), ("d1", 2, "A2", 0, 5)]) == (1, 2, 1, 1)
