import datetime

import pytest

from cptdesk.remits.deadlines import default_deadlines, reminders_for

TODAY = datetime.date(2026, 3, 16)


def days(count):
    return TODAY + datetime.timedelta(days=count)


def test_default_deadlines_count_from_remittance_and_service():
    appeal, filing = default_deadlines(
        datetime.date(2026, 1, 1), datetime.date(2026, 1, 1)
    )

    assert appeal == datetime.date(2026, 3, 2)
    assert filing == datetime.date(2026, 4, 1)


def test_default_deadlines_without_dates():
    assert default_deadlines(None, None) == (None, None)


def test_reminder_when_appeal_deadline_near():
    found = reminders_for(1, "open", days(5), days(40), TODAY)

    assert [r.kind for r in found] == ["appeal"]
    assert found[0].days_left == 5
    assert found[0].level == "soon"


@pytest.mark.parametrize(
    ("offset", "level", "text"),
    [
        (-2, "overdue", "appeal deadline passed 2 days ago"),
        (0, "urgent", "appeal deadline is today"),
        (3, "urgent", "appeal deadline in 3 days"),
        (14, "soon", "appeal deadline in 14 days"),
    ],
)
def test_reminder_levels(offset, level, text):
    (reminder,) = reminders_for(1, "open", days(offset), None, TODAY)

    assert reminder.level == level
    assert reminder.text == text


def test_no_reminder_beyond_two_weeks():
    assert reminders_for(1, "open", days(15), days(30), TODAY) == []


@pytest.mark.parametrize("status", ["resolved", "written_off"])
def test_closed_entry_has_no_reminders(status):
    assert reminders_for(1, status, days(1), days(1), TODAY) == []


def test_appealed_entry_keeps_only_filing_reminder():
    found = reminders_for(1, "appealed", days(1), days(2), TODAY)

    assert [r.kind for r in found] == ["timely filing"]


def test_reminders_sorted_by_deadline():
    found = reminders_for(1, "open", days(9), days(4), TODAY)

    assert [r.kind for r in found] == ["timely filing", "appeal"]
