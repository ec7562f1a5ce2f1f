"""Schedule imports started from the web page, run as `cptdesk.lib.jobs` jobs.

A schedule names patients, so the job takes its text in memory and cptdesk writes no
copy of it to disk. The job's state file holds only the file name, counts, the dates
that the schedule covers and the id of its ScheduleImport record. Row errors quote
values from the file, so the page reads them from that record in the database.
"""

from pathlib import Path

from cptdesk.lib import jobs

from . import actions
from .choices import ImportStep

JOB_KIND = "schedule"
STEP_UNITS = {ImportStep.CHECK_ROWS: "rows", ImportStep.CHECK_VISITS: "visits"}


def start_schedule_job(user, text, file_name, *, mapping=None, valid_rows_only=False):
    """Start importing a schedule's text for the user's practice; return the job id."""
    job = jobs.Job.create(
        user.practice_id, JOB_KIND, Path(file_name).name, step="Reading the file"
    )
    options = {"mapping": mapping, "valid_rows_only": valid_rows_only}
    jobs.start_job(job, import_text, user, text, options, redact_errors=True)
    return job.id


def import_text(job, user, text, options):
    def progress(step, done, total):
        step = ImportStep(step)
        job.progress(done, total, step=step.label, unit=STEP_UNITS.get(step, ""))

    report = actions.import_schedule(
        user.practice,
        text,
        job.state["file_name"],
        user=user,
        progress=progress,
        **options,
    )
    outcome = {
        "schedule_import_id": report.schedule_import.pk,
        "errors": len(report.errors),
        "skipped": report.skipped,
    }
    if not report.imported:
        job.fail(report.message, **outcome)
        return
    job.finish(
        report.message,
        created=report.created,
        updated=report.updated,
        unchanged=report.unchanged,
        flags=report.flags,
        flagged_visits=report.flagged_visits,
        date_from=report.first_date and report.first_date.isoformat(),
        date_to=report.last_date and report.last_date.isoformat(),
        **outcome,
    )
