"""The date asked as three boxes, and the shared check that a date is not after today."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django import forms

from core.date_input import DateInputField, not_in_future


def test_a_day_too_big_for_a_date_is_refused_in_plain_english() -> None:
    field = DateInputField(label="Date of the contact")
    with pytest.raises(forms.ValidationError) as refused:
        field.clean(["99999999999999999999", "1", "2026"])
    assert refused.value.messages == ["Date of the contact must be a real date"]


def test_a_required_date_of_only_spaces_asks_for_the_date() -> None:
    # The form fuzz found it: " " in a box passed Django's required check and saved no date (a 500).
    with pytest.raises(forms.ValidationError) as refused:
        DateInputField(label="Date it is closed").clean([" ", "", "  "])
    assert refused.value.messages == ["Enter the date it is closed"]
    assert DateInputField(label="Date it is closed", required=False).clean([" ", "", ""]) is None


@time_machine.travel(datetime.datetime(2026, 3, 27, 23, 30, tzinfo=datetime.UTC), tick=False)
def test_today_and_earlier_pass_and_tomorrow_is_refused_with_the_forms_message() -> None:
    # 23:30 UTC on 27 March is 23:30 in London too (the clocks change on the 29th).
    today = datetime.date(2026, 3, 27)
    assert not_in_future(today, "unused") == today
    assert not_in_future(today - datetime.timedelta(days=400), "unused") == today - datetime.timedelta(days=400)
    assert not_in_future(None, "unused") is None
    with pytest.raises(forms.ValidationError) as refused:
        not_in_future(today + datetime.timedelta(days=1), "The date of the contact must be today or in the past")
    assert refused.value.messages == ["The date of the contact must be today or in the past"]


@time_machine.travel(datetime.datetime(2026, 7, 1, 23, 30, tzinfo=datetime.UTC), tick=False)
def test_today_is_the_services_day_not_the_servers() -> None:
    # 23:30 UTC on 1 July is 00:30 on 2 July in London: 2 July is today, not the future.
    assert not_in_future(datetime.date(2026, 7, 2), "unused") == datetime.date(2026, 7, 2)
