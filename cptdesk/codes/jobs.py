"""Reference imports started from the web page, run in a background thread.

A large file (a quarter's NCCI edits run to millions of lines) takes longer than a browser
waits for one response. The upload starts a job, and the page polls its progress. Progress
lives in a small JSON file in the data folder rather than in the database: the import keeps
its transaction open until the end, so a database row would show no progress, and a file is
visible to every server worker process.
"""

import json
import logging
import os
import shutil
import threading
import uuid
from pathlib import Path

from django.conf import settings
from django.db import connection

from cptdesk.lib.inputerrors import InputFileError
from cptdesk.lib.progress import count_lines

from .actions import import_reference_file

logger = logging.getLogger(__name__)

RUNNING, DONE, FAILED = "running", "done", "failed"
JOB_ID_LENGTH = 32


def jobs_dir():
    folder = Path(settings.DATA_DIR) / "import-jobs"
    folder.mkdir(exist_ok=True)
    return folder


def start_import_job(upload, kind, user, label=None, keep_description=False):
    """Save the uploaded file and start importing it; return the job id."""
    job_id = uuid.uuid4().hex
    folder = jobs_dir() / job_id
    folder.mkdir()
    path = folder / Path(upload.name).name
    with open(path, "wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)

    state = {
        "state": RUNNING,
        "kind": kind,
        "file_name": path.name,
        "practice_id": user.practice_id,
        "lines_done": 0,
        "lines_total": count_lines(path),
        "message": "",
    }
    write_state(job_id, state)
    options = {"label": label, "keep_description": keep_description}
    if settings.IMPORT_JOBS_INLINE:
        run_job(job_id, path, kind, user, options)
    else:
        thread = threading.Thread(
            target=run_job, args=(job_id, path, kind, user, options), daemon=True
        )
        thread.start()
    logger.info(
        "Started import job %s for %s in practice %s", job_id, kind, user.practice_id
    )
    return job_id


def run_job(job_id, path, kind, user, options):
    state = read_state(job_id)

    def progress(line):
        state["lines_done"] = line
        write_state(job_id, state)

    try:
        result = import_reference_file(
            kind, path, user=user, practice=user.practice, progress=progress, **options
        )
        state.update(state=DONE, message=result.message)
        state["lines_done"] = state["lines_total"]
    except InputFileError as error:
        # The offending value stays out of the log: a bad row may hold patient details.
        logger.warning(
            "Import job %s rejected its file at line %s: %s",
            job_id,
            error.line,
            error.problem,
        )
        error.path = path.name  # the user knows the file by its name, not our folder
        state.update(state=FAILED, message=f"{error.describe()} Nothing was loaded.")
    except Exception:
        logger.exception("Import job %s failed", job_id)
        state.update(
            state=FAILED,
            message="The import failed on an unexpected error and loaded nothing. "
            "The server log has the details.",
        )
    finally:
        write_state(job_id, state)
        shutil.rmtree(path.parent, ignore_errors=True)
        if not settings.IMPORT_JOBS_INLINE:
            connection.close()


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
