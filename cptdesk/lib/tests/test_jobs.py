import logging
import os
import time

import pytest
from django.db import OperationalError

from cptdesk.lib import jobs


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.IMPORT_JOBS_INLINE = True
    return tmp_path


@pytest.fixture
def clock(monkeypatch):
    """A monotonic clock that moves only when a test sets `clock.now`."""

    class Clock:
        now = 1000.0

    monkeypatch.setattr(jobs.time, "monotonic", lambda: Clock.now)
    return Clock


def new_job(**fields):
    return jobs.Job.create(7, "schedule", "visits.csv", **fields)


def test_create_writes_running_state():
    job = new_job(step="Reading the file")

    state = jobs.read_state(job.id)

    assert state["state"] == jobs.RUNNING
    assert (state["practice_id"], state["kind"]) == (7, "schedule")
    assert (state["file_name"], state["step"]) == ("visits.csv", "Reading the file")
    assert (state["done"], state["total"]) == (0, 0)


def test_progress_writes_at_most_every_interval(clock):
    job = new_job()
    job.progress(1, 100)

    for done in range(2, 50):
        job.progress(done)
    early = jobs.read_state(job.id)["done"]
    clock.now += jobs.WRITE_INTERVAL_SECONDS
    job.progress(50)

    assert early == 1
    assert jobs.read_state(job.id)["done"] == 50


def test_progress_writes_new_step_at_once(clock):
    job = new_job(step="Checking rows")
    job.progress(10, 10)

    job.progress(0, 10, step="Checking visits")

    state = jobs.read_state(job.id)
    assert (state["step"], state["done"]) == ("Checking visits", 0)


def test_finished_job_counts_everything_done():
    job = new_job()
    job.progress(3, 10)

    jobs.start_job(job, lambda job: job.finish("Loaded.", rows=10))

    state = jobs.read_state(job.id)
    assert state["state"] == jobs.DONE
    assert (state["message"], state["rows"]) == ("Loaded.", 10)
    assert state["done"] == 10


def test_exception_fails_job_with_general_message(caplog):
    def work(job):
        raise ValueError("the value PT-1 is wrong")

    job = new_job()
    with caplog.at_level(logging.ERROR, logger="cptdesk"):
        jobs.start_job(job, work)

    assert jobs.read_state(job.id)["message"] == jobs.UNEXPECTED_FAILURE
    assert "PT-1" in caplog.text


def test_redacted_exception_log_leaves_message_out(caplog):
    def work(job, patient):
        raise ValueError(f"the value {patient} is wrong")

    job = new_job()
    with caplog.at_level(logging.ERROR, logger="cptdesk"):
        jobs.start_job(job, work, "PT-1", redact_errors=True)

    assert jobs.read_state(job.id)["state"] == jobs.FAILED
    assert "ValueError" in caplog.text
    assert "test_jobs.py" in caplog.text
    assert "PT-1" not in caplog.text


def test_work_without_outcome_fails_job():
    job = new_job()

    jobs.start_job(job, lambda job: None)

    assert jobs.read_state(job.id)["state"] == jobs.FAILED


def test_job_folder_removed_after_run():
    class Upload:
        def chunks(self):
            yield b"code,name\n11,Office\n"

    def work(job, path):
        seen.append(path.read_bytes())
        job.finish("Loaded.")

    job = new_job()
    path = job.save_upload(Upload())
    seen = []

    jobs.start_job(job, work, path)

    assert seen == [b"code,name\n11,Office\n"]
    assert not job.folder.exists()


def test_old_jobs_removed_when_new_job_starts():
    old = new_job()
    stale = time.time() - jobs.KEEP_SECONDS - 60
    os.utime(jobs.state_path(old.id), (stale, stale))
    fresh = new_job()

    new_job()

    with pytest.raises(FileNotFoundError):
        jobs.read_state(old.id)
    assert jobs.read_state(fresh.id)["state"] == jobs.RUNNING


@pytest.mark.parametrize("job_id", ["nope", "..", "../" * 10 + "x" * 2, "a/" * 16])
def test_malformed_job_id_is_unknown(job_id):
    with pytest.raises(FileNotFoundError):
        jobs.read_state(job_id)


def test_locked_database_fails_job_with_retry_message(caplog):
    def work(job):
        raise OperationalError("database is locked")

    job = new_job()
    with caplog.at_level(logging.INFO, logger="cptdesk"):
        jobs.start_job(job, work)

    state = jobs.read_state(job.id)
    assert state["state"] == jobs.FAILED
    assert state["message"] == jobs.DATABASE_LOCKED_FAILURE
    assert "another write held the database lock" in caplog.text
    assert "ERROR" not in caplog.text


def test_other_database_error_fails_job_as_unexpected():
    def work(job):
        raise OperationalError("disk I/O error")

    job = new_job()
    jobs.start_job(job, work)

    assert jobs.read_state(job.id)["message"] == jobs.UNEXPECTED_FAILURE
