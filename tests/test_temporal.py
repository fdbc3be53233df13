"""Calendar arithmetic of temporal resolution (factdb.extract.temporal): pure functions."""

from __future__ import annotations

from datetime import date

import pytest

from factdb.lang import calendar as datetext
from factdb.lang import calendar as t

D = date.fromisoformat


def test_parts_of_a_month_follow_the_documented_convention() -> None:
    assert t.month_part(2024, 1, "early") == (D("2024-01-01"), D("2024-01-10"))
    assert t.month_part(2024, 3, "mid") == (D("2024-03-11"), D("2024-03-20"))
    assert t.month_part(2024, 1, "late") == (D("2024-01-21"), D("2024-01-31"))
    assert t.month_part(2024, 2, "late") == (D("2024-02-21"), D("2024-02-29"))  # leap year
    assert t.month_part(2023, 2, "late") == (D("2023-02-21"), D("2023-02-28"))


def test_parts_of_a_year_quarters_halves_seasons_decades() -> None:
    assert t.year_part(2023, "late") == (D("2023-09-01"), D("2023-12-31"))
    assert t.quarter_span(2024, 2) == (D("2024-04-01"), D("2024-06-30"))
    assert t.half_span(2024, 2) == (D("2024-07-01"), D("2024-12-31"))
    assert t.season_span(2023, "winter") == (D("2023-12-01"), D("2024-02-29"))
    assert t.season_span(2019, "summer") == (D("2019-06-01"), D("2019-08-31"))
    assert t.decade_span(1994) == (D("1990-01-01"), D("1999-12-31"))
    assert t.month_week(2024, 1, -1) == (D("2024-01-25"), D("2024-01-31"))
    assert t.month_week(2024, 2, 1) == (D("2024-02-01"), D("2024-02-07"))


@pytest.mark.parametrize(("reference", "month", "day", "future", "expected"), [
    ("2024-02-19", 10, 17, False, "2023-10-17"),  # across the new year
    ("2024-02-19", 1, 29, False, "2024-01-29"),
    ("2024-02-19", 2, 19, False, "2024-02-19"),   # the reference day itself
    ("2024-02-19", 2, 20, False, "2023-02-20"),   # never after the reference
    ("2024-02-19", 3, 3, True, "2024-03-03"),     # "will meet on March 3"
    ("2024-02-19", 2, 1, True, "2025-02-01"),
    ("2024-03-01", 2, 29, False, "2024-02-29"),
    ("2023-03-01", 2, 29, False, "2020-02-29"),
])
def test_year_inference_for_a_day_without_a_year(reference: str, month: int, day: int,
                                                 future: bool, expected: str) -> None:
    assert t.day_of_year(month, day, D(reference), future) == D(expected)


def test_a_month_without_a_year_is_the_latest_begun_or_the_next_to_come() -> None:
    assert t.month_year(1, D("2024-02-18")) == 2024
    assert t.month_year(2, D("2024-02-18")) == 2024
    assert t.month_year(10, D("2024-02-18")) == 2023
    assert t.month_year(10, D("2024-02-18"), future=True) == 2024
    assert t.month_year(1, D("2024-02-18"), future=True) == 2025
    assert t.closest_month_year(4, D("2024-03-15")) == 2024
    assert t.closest_month_year(12, D("2024-01-10")) == 2023


def test_closest_days_put_a_plan_near_the_reference() -> None:
    assert t.closest_days(11, 12, D("2024-11-08"))[0] == D("2024-11-12")
    assert t.closest_days(1, 29, D("2024-02-18"))[0] == D("2024-01-29")
    assert t.closest_days(12, 28, D("2024-01-02"))[0] == D("2023-12-28")


def test_weekdays_around_a_reference() -> None:
    sunday = D("2024-02-18")
    assert t.weekday_on_or_before(sunday, 6) == sunday
    assert t.weekday_on_or_before(sunday, 6, strict=True) == D("2024-02-11")
    assert t.weekday_on_or_before(D("2024-02-19"), 6) == sunday
    assert t.weekday_on_or_after(D("2024-01-10"), 1, strict=True) == D("2024-01-16")
    assert t.weekday_on_or_after(D("2024-01-16"), 1) == D("2024-01-16")
    assert t.closest_weekday(D("2024-11-08"), 1) == D("2024-11-05")
    assert t.closest_weekday(D("2024-11-04"), 1) == D("2024-11-05")


def test_weeks_and_weekends() -> None:
    assert t.week_span(D("2024-02-18")) == (D("2024-02-12"), D("2024-02-18"))
    assert t.this_weekend(D("2023-02-10")) == (D("2023-02-11"), D("2023-02-12"))
    assert t.weekend_on_or_before(D("2022-03-03")) == (D("2022-02-26"), D("2022-02-27"))
    assert t.weekend_on_or_before(D("2024-02-18")) == (D("2024-02-17"), D("2024-02-18"))
    assert t.weekend_on_or_before(D("2024-02-17")) == (D("2024-02-17"), D("2024-02-18"))


def test_shifts_clamp_the_day_of_the_month() -> None:
    assert t.add_months(D("2024-01-31"), 1) == D("2024-02-29")
    assert t.shift(D("2024-02-29"), -4, "year") == D("2020-02-29")
    assert t.shift(D("2023-03-31"), -1, "month") == D("2023-02-28")
    assert t.shift(D("2024-01-29"), -48, "hour") == D("2024-01-27")
    assert t.shift(D("2024-01-29"), 2, "week") == D("2024-02-12")
    assert t.shift_span((D("2024-04-01"), D("2024-06-30")), -1, "year") == (
        D("2023-04-01"), D("2023-06-30"))
    assert t.shift_span((D("2024-02-01"), D("2024-02-29")), -12, "month") == (
        D("2023-02-01"), D("2023-02-28"))


def test_offsets_windows_and_ago() -> None:
    visit = D("2024-01-29")
    assert t.offset(visit, 1, "day") == ((D("2024-01-30"), D("2024-01-30")), "day")
    assert t.offset(visit, -4, "year") == ((D("2020-01-01"), D("2020-12-31")), "year")
    assert t.offset(visit, -48, "hour", "less_than") == ((D("2024-01-27"), visit), "range")
    assert t.offset(visit, 3, "month") == ((D("2024-04-01"), D("2024-04-30")), "month")
    assert t.window(visit, 14, "day", "before") == (D("2024-01-15"), D("2024-01-28"))
    assert t.window(visit, 1, "week", "after") == (D("2024-01-30"), D("2024-02-05"))
    ref = D("2024-02-20")
    assert t.ago(ref, 3, "day") == ((D("2024-02-17"), D("2024-02-17")), "day")
    assert t.ago(ref, 1, "week") == ((D("2024-02-10"), D("2024-02-16")), "week")
    assert t.ago(ref, 1, "month") == ((D("2024-01-01"), D("2024-01-31")), "month")
    assert t.past_window(ref, 24, "hour") == (D("2024-02-19"), ref)
    assert t.next_window(ref, 18, "month") == (ref, D("2025-08-20"))
    assert t.window_to(D("2023-06-30"), 12, "month") == (D("2022-07-01"), D("2023-06-30"))


def test_named_periods() -> None:
    ref = D("2024-02-20")
    assert t.named_period(ref, "month", -1) == ((D("2024-01-01"), D("2024-01-31")), "month")
    assert t.named_period(D("2024-01-15"), "month", -1) == (
        (D("2023-12-01"), D("2023-12-31")), "month")
    assert t.named_period(ref, "week", -1) == ((D("2024-02-12"), D("2024-02-18")), "week")
    assert t.named_period(ref, "year", 0) == ((D("2024-01-01"), D("2024-12-31")), "year")
    assert t.named_period(ref, "decade", -1) == ((D("2010-01-01"), D("2019-12-31")), "range")


def test_span_days() -> None:
    assert [t.span_days(2, "week"), t.span_days(48, "hour"), t.span_days(52, "hour"),
            t.span_days(3, "hour"), t.span_days(3, "month"), t.span_days(4, "year")] == [
        14, 2, 3, 1, 90, 1460]


def test_the_nth_is_never_after_the_reference() -> None:
    assert t.day_on_or_before(7, D("2024-02-05")) == D("2024-01-07")
    assert t.day_on_or_before(5, D("2024-02-05")) == D("2024-02-05")
    assert t.day_on_or_before(31, D("2024-03-05")) == D("2024-01-31")


def test_infer_reference_is_the_latest_stated_date() -> None:
    assert t.infer_reference([D("2021-08-08"), D("2019-01-01")]) == D("2021-08-08")
    assert t.infer_reference([]) is None


def test_range_starts_moved_back_a_year_by_order_range() -> None:
    assert t.order_range(D("2024-12-20"), D("2024-01-05"), False) == (
        D("2023-12-20"), D("2024-01-05"))
    assert t.order_range(D("2024-12-20"), D("2024-01-05"), True) == (
        D("2024-12-20"), D("2024-01-05"))


def test_shared_vocabulary_additions() -> None:
    assert datetext.number_value("twenty-four") == 24
    assert datetext.number_value("a couple of") == 2
    assert datetext.number_value("48") == 48
    assert datetext.number_value("several") is None
    assert datetext.weekday_number("Sunday") == 6
    assert datetext.earliest_on_or_after(1, 29, D("2024-02-18")) == D("2025-01-29")
