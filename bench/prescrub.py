"""Time the pre-scrub: a 10,000-visit schedule CSV to stored flags, beside a naive peer.

Run from the repository root:

    .venv/bin/python bench/prescrub.py [--appointments 10000] [--ptp 2000000] [--reuse]

The bench database is SQLite under /tmp/intake-bench and starts with the bundled
reference data. The app's own importer then loads a generated 2,000,000-row PTP file in
the CMS tab-separated layout and a generated 15,000-row MUE file in the CMS CSV layout.
The practice gets the catalog's demo payers, services and rule packs (the Medicare pack
included) and 5,000 earlier surgeries, which are codes with a 010 or 090 global period.
All codes are drawn from the bundled PFS file, so every code in the schedule is known.

The CPU time of the app path is printed beside its wall-clock time, and the load
average before and after, because other work on the machine slows the wall clock.

Measured in one run:
- the app path: `actions.import_schedule` on the CSV text (parse, check, store the
  visits, evaluate, store flags and checklists);
- the app's evaluation alone on the stored visits;
- the naive peer: the same pure checks, with the reference rows read by one query per
  check (per code, per code pair, per patient) and each flag written by its own
  update_or_create;
- one visit's checklist: `actions.evaluate` on one appointment, 50 times.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
WORK = Path("/tmp/intake-bench")
PFS_FILE = (
    REPOSITORY / "cptdesk/codes/data/pprrvu_2025_oct_indicators_no_descriptors.csv"
)
TARGET_IMPORT_SECONDS = 2.0
TARGET_CHECKLIST_MS = 20.0
MUE_ROWS = 15_000
PTP_HEADER = [
    "Synthetic PTP edits for the cptdesk pre-scrub benchmark; not a CMS release.",
    "Column1/Column2 Edits",
    "Column 1\tColumn 2\t*=in existence\tEffective\tDeletion\tModifier\t"
    "PTP Edit Rationale",
    "\t\tprior to 1996\tDate\tDate\t0=not allowed\t",
    "\t\t\t\t*=no data\t1=allowed\t",
    "\t\t\t\t\t9=not applicable\t",
]
MUE_PREAMBLE = '"Synthetic MUE values for a cptdesk benchmark; not a CMS release.",,,\n'
MUE_HEADER = (
    '"HCPCS/\nCPT Code",Practitioner Services MUE Values,'
    "MUE Adjudication Indicator,MUE Rationale\n"
)


def setup_django():
    WORK.mkdir(parents=True, exist_ok=True)
    os.environ["CPTDESK_DATA_DIR"] = str(WORK)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cptdesk.settings")
    os.environ.setdefault("CPTDESK_LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(REPOSITORY))
    import django

    django.setup()


def pfs_codes():
    """Return (every code, codes with status A, codes with a 010 or 090 global period)."""
    import csv

    every, active, surgical = [], [], []
    with open(PFS_FILE, newline="") as handle:
        for row in csv.DictReader(handle):
            if row["mod"]:
                continue
            every.append(row["hcpcs"])
            if row["status_code"] != "A":
                continue
            active.append(row["hcpcs"])
            if row["glob_days"] in ("010", "090"):
                surgical.append(row["hcpcs"])
    return every, active, surgical


def write_ptp(path, codes, rows, rng):
    pairs = set()
    while len(pairs) < rows:
        first, second = rng.sample(codes, 2)
        pairs.add((first, second))
    with open(path, "w", encoding="cp1252", newline="") as handle:
        for line in PTP_HEADER:
            handle.write(line + "\n")
        for first, second in sorted(pairs):
            deletion = "*" if rng.random() < 0.8 else "20240331"
            indicator = rng.choice("0119")
            handle.write(
                f"{first}\t{second}\t\t20200101\t{deletion}\t{indicator}\t"
                "Mutually exclusive procedures\n"
            )


def write_mue(path, codes, rows, rng):
    with open(path, "w", newline="") as handle:
        handle.write(MUE_PREAMBLE)
        handle.write(MUE_HEADER)
        for code in sorted(codes[:rows]):
            units = rng.choice((1, 1, 2, 3, 4))
            handle.write(f"{code},{units},2 Date of Service Edit: Policy,Synthetic\n")


def prepare(args, rng):
    from django.core.management import call_command

    from cptdesk.accounts.models import Practice
    from cptdesk.catalog import demo as catalog_demo
    from cptdesk.codes.actions import import_reference_file
    from cptdesk.codes.bundled import load_bundled

    call_command("migrate", verbosity=0)
    if args.reuse and Practice.objects.filter(name="Bench Clinic").exists():
        return Practice.objects.get(name="Bench Clinic")
    load_bundled(open(os.devnull, "w"))
    every, active, _surgical = pfs_codes()
    ptp = WORK / "ccipra-v999r0-f1.txt"
    mue = WORK / "MCR_MUE_PractitionerServices_Eff_01-01-2027.csv"
    started = time.perf_counter()
    write_ptp(ptp, active, args.ptp, rng)
    write_mue(mue, rng.sample(every, len(every)), MUE_ROWS, rng)
    import_reference_file("ncci-ptp", ptp)
    import_reference_file("mue", mue)
    print(
        f"reference files generated and loaded in {time.perf_counter() - started:.1f} s"
    )
    practice = Practice.objects.create(name="Bench Clinic")
    catalog_demo.load(practice)
    return practice


def add_surgeries(practice, patients, surgical, rng, count):
    import datetime

    from django.utils import timezone

    from cptdesk.intake.models import Appointment, AppointmentLine

    Appointment.objects.filter(practice=practice).delete()
    today = timezone.localdate()
    visits = []
    for index in range(count):
        day = today - datetime.timedelta(days=rng.randint(1, 80))
        starts_at = timezone.make_aware(
            datetime.datetime.combine(day, datetime.time(7 + index % 10))
        )
        visits.append(
            Appointment(
                practice=practice,
                patient_ref=rng.choice(patients),
                starts_at=starts_at,
                source="bench-surgery",
                source_key=f"bench-surgery:{index}",
            )
        )
    Appointment.objects.bulk_create(visits, batch_size=1000)
    AppointmentLine.objects.bulk_create(
        [AppointmentLine(appointment=v, code=rng.choice(surgical)) for v in visits],
        batch_size=1000,
    )


def schedule_csv(patients, codes, rng, count):
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    payers = ("Medicare", "BCBS", "UHC", "Evergreen")
    lines = ["patient,date,time,provider,payer,place_of_service,codes,birth_date"]
    for index in range(count):
        day = today + datetime.timedelta(days=index % 10)
        minutes = 7 * 60 + (index * 7) % (10 * 60)
        picked = rng.sample(codes, rng.choice((1, 2, 3)))
        lines.append(
            f"{patients[index % len(patients)]},{day.isoformat()},"
            f"{minutes // 60:02d}:{minutes % 60:02d},Dr. {index % 12},"
            f"{payers[index % len(payers)]},11,{' '.join(picked)},1955-05-05"
        )
    return "\n".join(lines) + "\n"


def naive_evaluate(practice, appointment_ids):
    """Evaluate each visit with one query per check and one write per flag."""
    import dataclasses
    import datetime

    from django.db.models import Q
    from django.utils import timezone

    from cptdesk.catalog.ruleengine import VisitFacts, evaluate
    from cptdesk.catalog.rules import rules_in_force
    from cptdesk.codes.models import HcpcsCode, MueLimit, PfsIndicator, PtpEdit
    from cptdesk.intake import flagrules
    from cptdesk.intake.evaluation import prior_auth_reasons
    from cptdesk.intake.models import Appointment, AppointmentLine, RedFlag

    # Each query filters on the code alone and takes the first row without ordering,
    # so the peer pays for the number of queries and not for a slow plan.
    for appointment in Appointment.objects.filter(pk__in=appointment_ids):
        day = timezone.localdate(appointment.starts_at)
        lines = [(line.code, line.units) for line in appointment.lines.all()]
        reference = flagrules.Reference()
        for code, _units in lines:
            pfs = first(PfsIndicator.objects.filter(code=code, modifier=""))
            hcpcs = first(HcpcsCode.objects.filter(code=code))
            reference.codes[code] = flagrules.CodeFacts(
                code,
                added_date=hcpcs.added_date if hcpcs else None,
                termination_date=hcpcs.termination_date if hcpcs else None,
                pfs_status=pfs.status_code if pfs else "",
            )
            mue = first(MueLimit.objects.filter(code=code))
            if mue:
                reference.mue[code] = flagrules.MueFacts(mue.max_units, "2")
        for one, _ in lines:
            for other, _ in lines:
                if one == other:
                    continue
                edits = PtpEdit.objects.filter(column1=one, column2=other)
                reference.ptp[(one, other)] = [
                    flagrules.PtpPair(
                        e.column1,
                        e.column2,
                        e.effective_date,
                        e.deletion_date,
                        e.modifier_indicator,
                    )
                    for e in edits
                ]
        earlier = AppointmentLine.objects.filter(
            appointment__practice=practice,
            appointment__patient_ref=appointment.patient_ref,
            appointment__starts_at__lt=appointment.starts_at,
            appointment__starts_at__gte=appointment.starts_at
            - datetime.timedelta(days=90),
        ).select_related("appointment")
        surgeries = []
        for line in earlier:
            pfs = first(
                PfsIndicator.objects.filter(
                    Q(global_days="010") | Q(global_days="090"),
                    code=line.code,
                    modifier="",
                )
            )
            if pfs:
                surgeries.append(
                    flagrules.Surgery(
                        line.appointment_id,
                        timezone.localdate(line.appointment.starts_at),
                        line.code,
                        pfs.global_days,
                    )
                )
        reference.surgeries[appointment.patient_ref] = surgeries
        hits = evaluate(
            rules_in_force(practice, day),
            VisitFacts(
                date_of_service=day,
                payer_id=appointment.payer_id,
                plan_id=appointment.plan_id,
                place_of_service=appointment.place_of_service,
                lines=tuple(lines),
            ),
        )
        visit = flagrules.Visit(
            id=appointment.pk,
            patient_ref=appointment.patient_ref,
            date_of_service=day,
            lines=tuple(flagrules.Line(code, units) for code, units in lines),
            prior_auth=prior_auth_reasons(hits),
        )
        for finding in flagrules.check_visit(dataclasses.replace(visit), reference):
            RedFlag.objects.update_or_create(
                appointment=appointment,
                fingerprint=finding.fingerprint,
                defaults={
                    "practice": practice,
                    "kind": finding.kind,
                    "severity": finding.severity,
                    "blocking": finding.blocking,
                    "routed_role": finding.routed_role,
                    "message": finding.message[:500],
                    "evidence": finding.evidence,
                },
            )


def first(queryset):
    rows = list(queryset[:1])
    return rows[0] if rows else None


def machine():
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
    return f"{os.cpu_count()} CPUs, {cpu}, {int(memory) / 1024 / 1024:.1f} GiB"


def load_average():
    """Return the 1, 5 and 15 minute load averages, which show other work on the CPUs."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--appointments", type=int, default=10_000)
    parser.add_argument("--ptp", type=int, default=2_000_000)
    parser.add_argument("--surgeries", type=int, default=5_000)
    parser.add_argument("--reuse", action="store_true", help="reuse the bench database")
    args = parser.parse_args()
    setup_django()
    rng = random.Random(20260301)

    from django.db import connection

    from cptdesk.codes.models import MueLimit, PtpEdit
    from cptdesk.intake import actions
    from cptdesk.intake.models import Appointment, RedFlag

    practice = prepare(args, rng)
    _every, active, surgical = pfs_codes()
    patients = [f"PT-{n:05d}" for n in range(1, 8001)]
    add_surgeries(practice, patients, surgical, rng, args.surgeries)
    # Draw the schedule's codes from a pool so that some visits hit PTP pairs and MUE rows.
    pool = rng.sample(active, 300)
    text = schedule_csv(patients, pool, rng, args.appointments)
    print(machine())
    print(
        f"PTP rows {PtpEdit.objects.count():,}, MUE rows {MueLimit.objects.count():,}, "
        f"earlier surgeries {args.surgeries:,}, database {connection.vendor}"
    )

    print(f"load average before the app path: {load_average()}")
    started, cpu_started = time.perf_counter(), time.process_time()
    report = actions.import_schedule(practice, text, "bench_schedule.csv")
    app_seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    if not report.imported:
        print("import failed:", report.errors[:5])
        return 1
    ids = report.appointment_ids
    flags = RedFlag.objects.filter(appointment_id__in=ids).count()
    print(
        f"app path, CSV to stored flags: {app_seconds:.2f} s for {len(ids):,} visits, "
        f"{flags:,} flags (target {TARGET_IMPORT_SECONDS:.0f} s); "
        f"CPU time of this process {cpu_seconds:.2f} s"
    )

    started = time.perf_counter()
    actions.evaluate(practice, ids)
    print(f"app evaluation alone (re-run): {time.perf_counter() - started:.2f} s")

    RedFlag.objects.filter(appointment_id__in=ids).delete()
    started = time.perf_counter()
    naive_evaluate(practice, ids)
    naive_seconds = time.perf_counter() - started
    naive_flags = RedFlag.objects.filter(appointment_id__in=ids).count()
    print(
        f"naive peer, evaluation and flag writes only: {naive_seconds:.2f} s, "
        f"{naive_flags:,} flags"
    )

    one = Appointment.objects.filter(pk__in=ids).order_by("pk").first().pk
    timings = []
    for _ in range(50):
        started = time.perf_counter()
        actions.evaluate(practice, [one])
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    print(
        f"one visit's checklist and flags: median {statistics.median(timings):.1f} ms, "
        f"p95 {timings[int(len(timings) * 0.95) - 1]:.1f} ms "
        f"(target {TARGET_CHECKLIST_MS:.0f} ms)"
    )
    print(f"load average at the end: {load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
