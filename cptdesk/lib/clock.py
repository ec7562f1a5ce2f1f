"""The one source of "now" and "today" for due dates, deadlines and report windows.

The work log's due, overdue and escalation checks call `now()`, and the remittance
windows and deadline reminders call `today()`. Both read the same installed source, so a
test can install a `FixedClock` with `use()` and move time forward without sleeping or
patching.
"""

import datetime

from django.utils import timezone

_source = timezone.now


def now() -> datetime.datetime:
    return _source()


def today() -> datetime.date:
    """Return the current date in the practice's time zone (settings.TIME_ZONE)."""
    return timezone.localdate(now())


def use(source=None):
    """Install a callable returning an aware datetime; None restores the real clock."""
    global _source
    _source = source or timezone.now


def local_day_bounds(moment=None):
    """Return the start and end of the practice's local calendar day holding moment."""
    local = timezone.localtime(moment or now())
    start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return start, start + datetime.timedelta(days=1)


class FixedClock:
    """A clock that stands still until a test advances it."""

    def __init__(self, moment: datetime.datetime):
        if timezone.is_naive(moment):
            raise ValueError("FixedClock needs an aware datetime")
        self.moment = moment

    def __call__(self) -> datetime.datetime:
        return self.moment

    def advance(self, **delta):
        self.moment += datetime.timedelta(**delta)
        return self.moment
