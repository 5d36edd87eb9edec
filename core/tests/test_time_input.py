from __future__ import annotations

import datetime

import pytest
from django import forms

from core.time_input import parse_time, time_of_day


@pytest.mark.parametrize(("raw", "at"), [("14:30", datetime.time(14, 30)), ("9.05", datetime.time(9, 5)), (" 0:00 ", datetime.time(0, 0))])
def test_a_time_is_read(raw: str, at: datetime.time) -> None:
    assert parse_time(raw, "Enter the time") == at


@pytest.mark.parametrize("raw", ["", "2pm", "24:00", "12:60", "1430", "12:3"])
def test_anything_else_gets_the_message(raw: str) -> None:
    with pytest.raises(forms.ValidationError, match="Enter the time"):
        parse_time(raw, "Enter the time")


@pytest.mark.parametrize(
    ("raw", "at"), [("14:30:00", datetime.time(14, 30)), ("9.05", datetime.time(9, 5)), ("23:59", datetime.time(23, 59))]
)
def test_a_file_time_is_read_with_or_without_seconds(raw: str, at: datetime.time) -> None:
    assert time_of_day(raw) == at


@pytest.mark.parametrize("raw", ["", "2pm", "24:00", "12:60", "1430", "12:3", "14:30:00:00"])
def test_a_file_time_that_is_not_one_is_none(raw: str) -> None:
    assert time_of_day(raw) is None
