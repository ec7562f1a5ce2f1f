"""Reference imports started from the web page, run as `cptdesk.lib.jobs` jobs.

A quarter's NCCI edits run to millions of lines, so the upload is written to the job's
folder and read from there, and the page shows the lines read so far.
"""

import logging
from pathlib import Path

from cptdesk.lib import jobs
from cptdesk.lib.inputerrors import InputFileError
from cptdesk.lib.progress import count_lines

from .actions import import_reference_file

logger = logging.getLogger(__name__)


def start_import_job(upload, kind, user, label=None, keep_description=False):
    """Save the uploaded file and start importing it; return the job id."""
    job = jobs.Job.create(
        user.practice_id,
        kind,
        Path(upload.name).name,
        step="Loading the file",
        unit="lines",
    )
    path = job.save_upload(upload)
    job.progress(0, count_lines(path))
    options = {"label": label, "keep_description": keep_description}
    jobs.start_job(job, import_upload, path, user, options)
    return job.id


def import_upload(job, path, user, options):
    try:
        result = import_reference_file(
            job.state["kind"],
            path,
            user=user,
            practice=user.practice,
            progress=job.progress,
            **options,
        )
    except InputFileError as error:
        # The offending value stays out of the log: a bad row may hold patient details.
        logger.warning(
            "Import job %s rejected its file at line %s: %s",
            job.id,
            error.line,
            error.problem,
        )
        error.path = path.name  # the user knows the file by its name, not our folder
        job.fail(f"{error.describe()} Nothing was loaded.")
        return
    job.finish(result.message)
