import json

import pytest
from django.core.management import CommandError, call_command

from cptdesk.intake.models import Appointment, RedFlag

from .conftest import DEMO_SCHEDULE

EVERY_FLAG_KIND = {
    "auth_missing",
    "auth_expiring",
    "auth_no_units",
    "auth_code_mismatch",
    "code_not_valid",
    "ncci_pair",
    "mue_exceeded",
    "global_period",
}


def run_prescrub(*args):
    from io import StringIO

    output = StringIO()
    call_command("prescrub", *args, stdout=output)
    return output.getvalue()


def test_demo_schedule_raises_every_flag_kind(maple, demo_authorizations):
    output = run_prescrub(str(DEMO_SCHEDULE), "--json")

    kinds = {flag["kind"] for flag in json.loads(output)["flags"]}
    assert kinds == EVERY_FLAG_KIND


def test_prescrub_prints_flags_as_text(maple, demo_authorizations):
    output = run_prescrub(str(DEMO_SCHEDULE))

    assert "11 appointment(s) added" in output
    assert "ncci_pair → Coder" in output


def test_prescrub_twice_adds_nothing(maple, demo_authorizations):
    run_prescrub(str(DEMO_SCHEDULE))
    flags_before = RedFlag.objects.count()

    output = run_prescrub(str(DEMO_SCHEDULE))

    assert "0 appointment(s) added" in output
    assert Appointment.objects.filter(source=DEMO_SCHEDULE.name).count() == 11
    assert RedFlag.objects.count() == flags_before


def test_prescrub_date_range_limits_flags(maple, demo_authorizations):
    output = run_prescrub(
        str(DEMO_SCHEDULE), "--json", "--from", "2026-03-04", "--to", "2026-03-04"
    )

    dates = {flag["date"] for flag in json.loads(output)["flags"]}
    assert dates == {"2026-03-04"}


def test_prescrub_needs_practice_when_several(maple, birch, catalog):
    with pytest.raises(CommandError, match="--practice"):
        run_prescrub(str(DEMO_SCHEDULE))


def test_prescrub_rejects_schedule_with_errors(maple, tmp_path):
    schedule = tmp_path / "bad.csv"
    schedule.write_text("patient,date,time,codes\nPT-1,2026-13-01,09:00,99213\n")

    with pytest.raises(CommandError, match="row 2, date '2026-13-01'"):
        run_prescrub(str(schedule))
    assert not Appointment.objects.exists()
