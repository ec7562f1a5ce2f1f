import logging
import sys

from cptdesk.lib.logformat import RedactedTracebackFormatter


def error_record():
    # Built at run time, so that the traceback's source lines do not show it.
    patient = "-".join(["PT", "1042"])
    try:
        raise KeyError(patient)
    except KeyError:
        exc_info = sys.exc_info()
    return logging.LogRecord(
        "test", logging.ERROR, __file__, 1, "Failed on %s", ("/path/",), exc_info
    )


def test_traceback_has_type_and_place():
    text = RedactedTracebackFormatter("%(message)s").format(error_record())

    assert text.startswith("Failed on /path/\nTraceback (most recent call last):")
    assert "in error_record" in text
    assert text.endswith("builtins.KeyError (message left out)")


def test_message_of_exception_left_out():
    text = RedactedTracebackFormatter("%(message)s").format(error_record())

    assert "PT-1042" not in text


def test_traceback_cached_by_other_handler_ignored():
    record = error_record()
    logging.Formatter("%(message)s").format(record)

    text = RedactedTracebackFormatter("%(message)s").format(record)

    assert "PT-1042" not in text
    assert "PT-1042" in record.exc_text
