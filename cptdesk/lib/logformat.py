"""A log formatter that keeps tracebacks but leaves out exception messages.

An exception's message may quote a value that a user sent, such as a patient
reference in PostgreSQL's duplicate-key error, so the logs get where an error happened
and its type only.
"""

import logging
import traceback


class RedactedTracebackFormatter(logging.Formatter):
    """Format records with the traceback and type of their exception, not its message."""

    def format(self, record):
        # Another handler may have cached the full traceback text on the record.
        cached = record.exc_text
        record.exc_text = None
        try:
            return super().format(record)
        finally:
            record.exc_text = cached

    def formatException(self, ei):
        error_type, _, trace = ei
        frames = "".join(traceback.format_tb(trace)).rstrip()
        name = f"{error_type.__module__}.{error_type.__qualname__}"
        return (
            f"Traceback (most recent call last):\n{frames}\n{name} (message left out)"
        )
