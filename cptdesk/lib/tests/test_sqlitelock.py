import logging

import pytest
from django.contrib.sessions.backends.cached_db import SessionStore
from django.db import OperationalError
from django.urls import reverse

from cptdesk.conftest import PASSWORD
from cptdesk.lib import sqlitelock
from cptdesk.lib.logformat import RedactedTracebackFormatter

pytestmark = pytest.mark.urls("cptdesk.lib.tests.urls")


class RecordList(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def request_log():
    """Collect the records of Django's request logger, which does not propagate."""
    handler = RecordList()
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield handler.records
    logger.removeHandler(handler)


def test_locked_view_gets_busy_page(client, db):
    response = client.get("/test/locked/?patient=PT-1")

    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert b"busy with another import or save" in response.content
    assert b"Try again in a minute" in response.content


def test_locked_view_logged_as_warning_with_path(client, db, caplog, request_log):
    with caplog.at_level(logging.WARNING, logger="cptdesk"):
        client.get("/test/locked/?patient=PT-1")

    assert "Sent 503 for /test/locked/ because" in caplog.text
    assert "PT-1" not in caplog.text
    assert [record.levelname for record in caplog.records] == ["WARNING"]
    assert request_log == []


def test_sign_in_while_session_write_locked(client, bob, monkeypatch):
    def locked_save(self, must_create=False):
        raise OperationalError("database is locked")

    monkeypatch.setattr(SessionStore, "save", locked_save)
    client.raise_request_exception = False

    response = client.post(reverse("login"), {"username": "bob", "password": PASSWORD})

    assert response.status_code == 503
    assert response["Retry-After"] == "60"


@pytest.mark.parametrize(
    ("error", "locked"),
    [
        (OperationalError("database is locked"), True),
        (OperationalError("no such table: intake_appointment"), False),
        (ValueError("database is locked"), False),
    ],
)
def test_only_lock_error_counts_as_locked(error, locked):
    assert sqlitelock.is_database_locked(error) is locked


def test_server_error_logged_with_traceback(client, db, request_log):
    client.raise_request_exception = False

    response = client.get("/test/broken/?patient=PT-1")

    assert response.status_code == 500
    [record] = request_log
    assert record.levelname == "ERROR"
    assert record.getMessage() == "Internal Server Error: /test/broken/"
    assert record.exc_info[0] is ValueError


def test_server_error_log_leaves_message_out(client, db, request_log):
    client.raise_request_exception = False
    client.get("/test/broken/?patient=PT-1")
    [record] = request_log
    handlers = logging.getLogger("django.request").handlers
    handler = next(item for item in handlers if not isinstance(item, RecordList))

    text = handler.format(record)

    assert isinstance(handler.formatter, RedactedTracebackFormatter)
    assert "ERROR django.request Internal Server Error: /test/broken/" in text
    assert "in broken_view" in text
    assert "builtins.ValueError (message left out)" in text
    assert "PT-1" not in text
