"""Reads of the failed sign-ins that django-axes records, and the log line for a lockout.

django-axes keeps one AccessAttempt row per user name, client address and browser, with
the time of its latest failure. A user name is locked out from an address while the
failures of its recent rows from that address add up to AXES_FAILURE_LIMIT.
"""

import logging

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Sum
from django.utils import timezone

from .models import User

logger = logging.getLogger(__name__)


def recent_attempts():
    return AccessAttempt.objects.filter(
        attempt_time__gte=timezone.now() - get_cool_off()
    )


def locked_attempts():
    """Return (username, ip_address, failures, last_failure) rows of current lockouts."""
    return (
        recent_attempts()
        .values("username", "ip_address")
        .annotate(
            failures=Sum("failures_since_start"), last_failure=Max("attempt_time")
        )
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
    )


def locked_usernames(usernames):
    """Return the subset of the user names that are locked out from some address."""
    rows = locked_attempts().filter(username__in=usernames)
    return {row["username"] for row in rows}


def lockout_ends_at(username, ip_address):
    """Return when the lockout of the user name from the address ends, or None.

    The time is the latest failure plus the cool-off. A lockout can end earlier when the
    failures came from several browsers and the older rows expire first.
    """
    rows = locked_attempts().filter(username=username, ip_address=ip_address)
    last_failures = [row["last_failure"] for row in rows]
    if not last_failures:
        return None
    return max(last_failures) + get_cool_off()


def log_lockout(sender, request, username, ip_address, **kwargs):
    """Log a lockout, or a sign-in rejected during one, with the user's id only.

    A typed user name may be anything, even a patient's name entered in the wrong box, so
    it is not logged. django-axes sets the failure count on the request when this failure
    caused the lockout, and leaves it unset when the user name was locked out already.
    """
    user_id = (
        User.objects.filter(username=username).values_list("pk", flat=True).first()
    )
    subject = f"user {user_id}" if user_id else "an unknown user name"
    failures = getattr(request, "axes_failures_since_start", None)
    if failures:
        logger.warning("Locked out %s after %d failed sign-ins", subject, failures)
    else:
        logger.info("Rejected a sign-in for %s during its lockout", subject)
