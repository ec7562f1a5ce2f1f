"""SQLite's "database is locked" error, shown as a busy page instead of a server error.

SQLite lets one connection write at a time. A schedule or reference import keeps its
write transaction open until its last row, which for a large file takes minutes. Any
other write (a sign-in, a saved script) waits the busy timeout in settings.DATABASES
and then fails with this error. Reads keep working, because the database runs in WAL
mode. PostgreSQL waits for row locks instead of raising, so it never gets here.
"""

import logging
import sys
from http import HTTPStatus

from django.db import OperationalError
from django.shortcuts import render
from django.views.defaults import server_error

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 60


def is_database_locked(error):
    """Return whether `error` is SQLite's "database is locked" error."""
    return isinstance(error, OperationalError) and "database is locked" in str(error)


def database_busy_response(request):
    """Render the 503 busy page, with a Retry-After header of one minute."""
    response = render(
        request,
        "database_busy.html",
        {"retry_minutes": RETRY_AFTER_SECONDS // 60},
        status=HTTPStatus.SERVICE_UNAVAILABLE,
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseBusyMiddleware:
    """Turn a "database is locked" error raised by a view into the busy page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_locked(exception):
            return None
        # The path only, because a query string or form may hold a patient reference.
        logger.warning(
            "Sent 503 for %s because another write held the database lock", request.path
        )
        response = database_busy_response(request)
        # Django's request log would add an error line for every 5xx response. This
        # one is expected while an import runs, and the warning above records it.
        response._has_been_logged = True
        return response


def server_error_or_busy(request):
    """Render the 500 page, or the busy page when the error is a locked database.

    Django calls this, as handler500, for errors that the middleware does not see,
    such as a session write in SessionMiddleware after the view has returned. Django's
    request log records those with their traceback.
    """
    if is_database_locked(sys.exc_info()[1]):
        return database_busy_response(request)
    return server_error(request)
