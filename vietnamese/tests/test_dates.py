"""Dates as people type them (day first), and the message when one cannot be read."""

import datetime

import pytest

from vietnamese.dates import parse_date
from vietnamese.forms import DateField, DateInput

TODAY = datetime.date(2026, 12, 2)
D = datetime.date


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("2/12/2026", D(2026, 12, 2)),
        ("02/12/2026", D(2026, 12, 2)),
        ("02/12/26", D(2026, 12, 2)),
        ("02122026", D(2026, 12, 2)),
        ("021226", D(2026, 12, 2)),
        ("2-12-2026", D(2026, 12, 2)),
        ("2.12.2026", D(2026, 12, 2)),
        (" 2 / 12 / 2026 ", D(2026, 12, 2)),
        ("2026-12-02", D(2026, 12, 2)),
        ("15/03/85", D(1985, 3, 15)),  # a two-digit year more than 10 years ahead is last century
        ("15/03/36", D(2036, 3, 15)),  # exactly 10 years ahead: this century
        ("15/03/37", D(1937, 3, 15)),
        ("29/02/2024", D(2024, 2, 29)),
    ],
)
def test_accepted(typed, expected):
    assert parse_date(typed, today=TODAY) == expected


@pytest.mark.parametrize("typed", ["31/02/2026", "29/02/2025", "2122026", "12/2026", "hôm nay", "", "32/01/2026"])
def test_refused(typed):
    with pytest.raises(ValueError):
        parse_date(typed, today=TODAY)


def test_the_error_shows_the_expected_form_and_the_value_received():
    form_field = DateField()
    with pytest.raises(Exception) as error:
        form_field.clean("31/02/2026")
    message = error.value.messages[0]
    assert message.startswith("Không đọc được ngày “31/02/2026”. Hãy nhập theo dạng dd/mm/yyyy, ví dụ 02/12/2026")
    assert "02122026" in message


def test_the_widget_shows_the_hint_and_opens_a_keyboard_with_a_slash():
    html = DateInput().render("on", D(2026, 12, 2), attrs={"id": "id_on"})
    assert 'value="02/12/2026"' in html
    assert 'inputmode="text"' in html and 'placeholder="dd/mm/yyyy"' in html
    assert '<span class="date-hint" id="id_on_hint">dd/mm/yyyy</span>' in html
    assert 'aria-describedby="id_on_hint"' in html
    assert "<script" not in html and "style=" not in html
