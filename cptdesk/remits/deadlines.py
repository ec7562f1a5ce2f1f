"""Appeal and timely-filing deadlines of learning-log entries, and when to remind.

Payers set their own limits, so these defaults only start the clock and staff edit
each entry's dates. This module imports nothing from Django.
"""

import datetime
from dataclasses import dataclass

DEFAULT_APPEAL_DAYS = 60  # from the remittance date; a common commercial limit
DEFAULT_TIMELY_FILING_DAYS = 90  # from the service date; Medicare allows a year
REMIND_WITHIN_DAYS = 14  # a deadline this close shows on the reminder list
URGENT_WITHIN_DAYS = 3
CLOSED_STATUSES = frozenset({"resolved", "written_off"})


@dataclass(frozen=True, slots=True)
class Reminder:
    """One deadline of an entry that is due soon or already passed."""

    entry_id: int
    kind: str  # "appeal" or "timely filing"
    deadline: datetime.date
    days_left: int  # negative once the deadline has passed

    @property
    def level(self):
        if self.days_left < 0:
            return "overdue"
        if self.days_left <= URGENT_WITHIN_DAYS:
            return "urgent"
        return "soon"

    @property
    def text(self):
        if self.days_left < 0:
            return f"{self.kind} deadline passed {-self.days_left} days ago"
        if self.days_left == 0:
            return f"{self.kind} deadline is today"
        return f"{self.kind} deadline in {self.days_left} days"


def default_deadlines(remitted_on, service_date):
    """Return (appeal deadline, timely-filing deadline), either one None if unknown."""
    appeal = None
    filing = None
    if remitted_on is not None:
        appeal = remitted_on + datetime.timedelta(days=DEFAULT_APPEAL_DAYS)
    if service_date is not None:
        filing = service_date + datetime.timedelta(days=DEFAULT_TIMELY_FILING_DAYS)
    return appeal, filing


def reminders_for(entry_id, status, appeal_deadline, filing_deadline, today):
    """Return the reminders of one entry on the given day, nearest deadline first.

    A closed entry has none. An appealed entry no longer needs its appeal reminder,
    but its timely-filing date still matters for a corrected claim.
    """
    if status in CLOSED_STATUSES:
        return []
    deadlines = [("timely filing", filing_deadline)]
    if status != "appealed":
        deadlines.append(("appeal", appeal_deadline))

    found = []
    for kind, deadline in deadlines:
        if deadline is None:
            continue
        days_left = (deadline - today).days
        if days_left <= REMIND_WITHIN_DAYS:
            found.append(Reminder(entry_id, kind, deadline, days_left))
    return sorted(found, key=lambda reminder: reminder.deadline)


def reminder_window_end(today):
    """Return the last deadline date that is close enough to remind about today."""
    return today + datetime.timedelta(days=REMIND_WITHIN_DAYS)
