"""Imports started from a web page and run in a background thread.

A large file takes longer than a browser or a proxy waits for one response, so the
upload starts a job and the page polls its progress. Progress lives in a small JSON file
in the data folder rather than in the database. An import keeps its transaction open
until the end, so a database row would show no progress, while a file is visible to
every server worker process.

The state file holds the practice, the file name, counts and the message shown to the
user. Callers keep values read from the file out of it, because a schedule names
patients.

NOTE: a job whose server process stops (a restart or a crash) stays "running" in its
state file, so its page shows progress that never moves. Importing the file again is
safe, because both imports commit all or nothing.
"""

import json
import logging
import os
import shutil
import threading
import time
import traceback
import uuid
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.http import Http404
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from .htmx import wants_fragment
from .sqlitelock import is_database_locked

logger = logging.getLogger(__name__)

RUNNING, DONE, FAILED = "running", "done", "failed"
JOB_ID_LENGTH = 32
WRITE_INTERVAL_SECONDS = 0.5  # progress reaches the state file at most this often
KEEP_SECONDS = 24 * 3600  # older state files and upload folders are deleted
UNEXPECTED_FAILURE = (
    "The import failed on an unexpected error, so nothing from the file was saved. "
    "The server log has the details."
)
# SQLite lets one connection write at a time, and an import writes until its last row.
DATABASE_LOCKED_FAILURE = (
    "Another import is writing to the database, so nothing from this file was saved. "
    "Upload the file again when that import has finished."
)


class Job:
    """A web import's id and state, written to its state file as the import runs.

    Every job's state has these keys, and callers add their own counts:
    - state: running, done or failed
    - kind, file_name and practice_id
    - step: what the import is doing, shown with the progress bar
    - done and total, counted in `unit`. A total of 0 means the step is not counted.
    - message: the outcome shown to the user
    """

    def __init__(self, job_id, state):
        self.id = job_id
        self.state = state
        self.written_at = 0.0

    @classmethod
    def create(cls, practice_id, kind, file_name, **fields):
        """Write the state file of a new running job and return the job."""
        remove_old_jobs()
        state = {
            "state": RUNNING,
            "kind": kind,
            "file_name": file_name,
            "practice_id": practice_id,
            "step": "",
            "done": 0,
            "total": 0,
            "unit": "",
            "message": "",
            **fields,
        }
        job = cls(uuid.uuid4().hex, state)
        job.save()
        return job

    @property
    def folder(self):
        """The folder of the job's uploaded file, removed when the job ends."""
        return jobs_dir() / self.id

    def save_upload(self, upload):
        """Write an uploaded file into the job's folder and return its path."""
        self.folder.mkdir()
        path = self.folder / self.state["file_name"]
        with open(path, "wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        return path

    def progress(self, done, total=None, **fields):
        """Record how far the import got.

        The state file is rewritten at once when the total or another field changes,
        such as the step, and otherwise at most every WRITE_INTERVAL_SECONDS, so an
        import may call this on every line.
        """
        changed = any(self.state.get(name) != value for name, value in fields.items())
        if total is not None and total != self.state["total"]:
            changed = True
            self.state["total"] = total
        self.state["done"] = done
        self.state.update(fields)
        if changed or time.monotonic() - self.written_at >= WRITE_INTERVAL_SECONDS:
            self.save()

    def finish(self, message, **fields):
        self.state.update(fields, state=DONE, message=message)
        self.state["done"] = self.state["total"]

    def fail(self, message, **fields):
        self.state.update(fields, state=FAILED, message=message)

    def save(self):
        write_state(self.id, self.state)
        self.written_at = time.monotonic()


def start_job(job, work, *args, redact_errors=False):
    """Run `work(job, *args)` in a background thread, or inline with IMPORT_JOBS_INLINE.

    `work` ends by calling `job.finish` or `job.fail`. An exception that it raises fails
    the job with a general message and is logged, except SQLite's "database is locked"
    error, which fails the job with a request to upload the file again later. With
    `redact_errors` the log gets the exception's type and traceback but not its
    message, because a message such as a database's duplicate-key error may quote a
    value read from the file.
    """
    logger.info(
        "Started %s job %s for practice %s",
        job.state["kind"],
        job.id,
        job.state["practice_id"],
    )
    if settings.IMPORT_JOBS_INLINE:
        run_job(job, work, args, redact_errors)
    else:
        thread = threading.Thread(
            target=run_job, args=(job, work, args, redact_errors), daemon=True
        )
        thread.start()


def run_job(job, work, args, redact_errors):
    try:
        work(job, *args)
    except Exception as error:
        if is_database_locked(error):
            logger.warning(
                "Job %s failed because another write held the database lock", job.id
            )
            job.fail(DATABASE_LOCKED_FAILURE)
        else:
            log_failure(job, error, redact_errors)
            job.fail(UNEXPECTED_FAILURE)
    finally:
        if job.state["state"] == RUNNING:
            logger.error("Job %s ended without an outcome", job.id)
            job.fail(UNEXPECTED_FAILURE)
        job.save()
        shutil.rmtree(job.folder, ignore_errors=True)
        if not settings.IMPORT_JOBS_INLINE:
            connection.close()
    logger.info("Job %s ended with state %s", job.id, job.state["state"])


def log_failure(job, error, redact_errors):
    if redact_errors:
        logger.error(
            "Job %s failed on %s, message left out:\n%s",
            job.id,
            type(error).__name__,
            "".join(traceback.format_tb(error.__traceback__)).rstrip(),
        )
    else:
        logger.error("Job %s failed", job.id, exc_info=error)


def jobs_dir():
    folder = Path(settings.DATA_DIR) / "import-jobs"
    folder.mkdir(exist_ok=True)
    return folder


def state_path(job_id):
    if len(job_id) != JOB_ID_LENGTH or not job_id.isalnum():
        raise FileNotFoundError(job_id)
    return jobs_dir() / f"{job_id}.json"


def write_state(job_id, state):
    target = state_path(job_id)
    temporary = target.with_suffix(".tmp")
    temporary.write_text(json.dumps(state))
    os.replace(temporary, target)


def read_state(job_id):
    """Return the job's state, or raise FileNotFoundError for an unknown job."""
    return json.loads(state_path(job_id).read_text())


def remove_old_jobs():
    """Delete the state files and upload folders untouched for KEEP_SECONDS."""
    cutoff = time.time() - KEEP_SECONDS
    for entry in jobs_dir().iterdir():
        try:
            if entry.stat().st_mtime >= cutoff:
                continue
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink()
        except FileNotFoundError:  # another worker process removed it first
            continue


def job_state(request, job_id, kinds):
    """Return the state of a job of the user's practice, with its percent done.

    Raises Http404 alike for an unknown job, a job of another kind and another
    practice's job, so that a user cannot tell whether another practice's job exists.
    """
    try:
        state = read_state(job_id)
    except FileNotFoundError as error:
        raise Http404("No such import") from error
    if state["practice_id"] != request.user.practice_id or state["kind"] not in kinds:
        raise Http404("No such import")
    total = state["total"]
    state["percent"] = min(100, round(100 * state["done"] / total)) if total else 0
    return state


def render_job(request, page_template, fragment_template, context):
    """Render a job's page, or only its progress fragment when htmx polls."""
    template = fragment_template if wants_fragment(request) else page_template
    response = render(request, template, context)
    # The same address serves the page and the fragment, so caches must keep them apart
    # or the browser's Back button shows a bare fragment.
    patch_vary_headers(response, ["HX-Request", "HX-History-Restore-Request"])
    return response
