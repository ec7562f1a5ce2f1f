import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from cptdesk.intake.models import Appointment, Authorization
from cptdesk.remits.actions import import_835
from cptdesk.remits.models import (
    ClaimPayment,
    LearningEntry,
    PaymentLine,
    Remittance,
    RemittanceImport,
)
from cptdesk.remits.posting import payer_key
from cptdesk.remits.reader import (
    CLAIM_IMBALANCE,
    LINE_IMBALANCE,
    PAYMENT_IMBALANCE,
    read_835,
)
from cptdesk.remits.synthetic import SyntheticClaim, synthetic_835
from cptdesk.remits.tests.x12_text import make_835
from cptdesk.remits.x12 import RemittanceError

SERVICE_DAY = datetime.date(2026, 2, 2)
PAID_ON = datetime.date(2026, 3, 2)


def sample_files(folder):
    skipped = {"LICENSE", "LICENSE.txt", "License.html", "PROVENANCE.md"}
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file() and path.name not in skipped
    )


def denied_835(trace="TRACE1", reason="197", patient="ACCT-100"):
    claims = [
        SyntheticClaim(
            patient, SERVICE_DAY, "71046", Decimal("300.00"), ("CO", reason)
        ),
        SyntheticClaim("ACCT-200", SERVICE_DAY, "99213", Decimal("120.00")),
    ]
    text = synthetic_835(
        "SYNTHETIC MUTUAL HEALTH", "1512345678", trace, PAID_ON, claims
    )
    return text.encode("ascii")


def stored_counts():
    return (
        RemittanceImport.objects.count(),
        Remittance.objects.count(),
        ClaimPayment.objects.count(),
        PaymentLine.objects.count(),
        LearningEntry.objects.count(),
    )


def test_import_posts_every_sample_and_balances(maple, samples):
    for path in sample_files(samples):
        data = path.read_bytes()
        read = read_835(data)
        fresh = {}
        for transaction in read.transactions:
            fresh.setdefault(
                (payer_key(transaction), transaction.trace_number), transaction
            )
        claims = [c for t in fresh.values() for c in t.claims]

        report = import_835(data, path.name, maple).report
        kinds = set(report.warning_kinds)

        assert report.claims == len(claims), path.name
        assert report.lines == sum(len(c.lines) for c in claims), path.name
        assert report.paid_total == sum((c.payment for c in claims), Decimal(0))
        # Charges minus payments equal the adjustments, or the report names why not.
        balanced = report.charge_total - report.paid_total == report.adjustment_total
        assert balanced or kinds & {CLAIM_IMBALANCE, LINE_IMBALANCE}, path.name
        paid = report.paid_total - report.provider_adjustment_total
        assert paid == report.payment_total or PAYMENT_IMBALANCE in kinds, path.name
        Remittance.objects.filter(practice=maple).delete()


def test_import_stores_report_totals(maple):
    report = import_835(make_835().encode(), "one.835", maple).report

    assert report.status == "posted"
    assert report.claims == 1
    assert report.lines == 1
    assert report.adjustments == 2
    assert report.paid_total == Decimal("150.00")
    assert report.charge_total == Decimal("200.00")
    assert report.adjustment_total == Decimal("50.00")
    assert report.payment_total == Decimal("150.00")
    assert report.denials == 0


def test_import_same_file_twice_posts_nothing_second_time(maple):
    import_835(denied_835(), "first.835", maple)
    before = stored_counts()

    outcome = import_835(denied_835(), "again.835", maple)

    assert outcome.posted is False
    assert outcome.report.duplicates == 1
    assert stored_counts()[1:] == before[1:]
    assert "already imported" in outcome.report.warnings[0]["message"]


def test_same_trace_for_other_practice_is_not_duplicate(maple, birch):
    import_835(denied_835(), "maple.835", maple)

    outcome = import_835(denied_835(), "birch.835", birch)

    assert outcome.posted is True


def test_repeated_trace_inside_file_posts_once(maple):
    text = make_835()
    data = (text + text).encode()

    report = import_835(data, "twice.835", maple).report

    assert report.claims == 1
    assert report.duplicates == 1
    assert "repeats in this file" in report.warnings[0]["message"]


def test_malformed_file_names_segment_and_stores_nothing(maple):
    broken = make_835().replace("SVC*HC:99213:25*200.00", "SVC*HC:99213:25*2O0.00")
    before = stored_counts()

    with pytest.raises(RemittanceError) as raised:
        import_835(broken.encode(), "broken.835", maple)

    assert "broken.835" in str(raised.value)
    assert "segment 16 (SVC)" in str(raised.value)
    assert stored_counts() == before


def test_import_keeps_raw_segments_without_names(maple):
    import_835(make_835().encode(), "one.835", maple)

    claim = ClaimPayment.objects.get()
    assert claim.raw_text.startswith("CLP*PCN001*")
    assert "NM1*QC~" in claim.raw_text
    assert "PATIENT" not in claim.raw_text


def test_denial_line_becomes_entry_with_owner(maple):
    import_835(denied_835(), "denied.835", maple)

    entry = LearningEntry.objects.get()
    assert entry.kind == "denial"
    assert entry.reason_code == "197"
    assert entry.category == "authorization"
    assert entry.responsible_role == "auth_coordinator"
    assert entry.front_office_preventable is True
    assert entry.root_cause.slug == "authorization-missing"
    assert entry.amount == Decimal("300.00")
    assert entry.occurred_on == PAID_ON
    assert entry.line.code == "71046"


def test_denial_gets_default_deadlines(maple):
    import_835(denied_835(), "denied.835", maple)

    entry = LearningEntry.objects.get()
    assert entry.appeal_deadline == PAID_ON + datetime.timedelta(days=60)
    assert entry.timely_filing_deadline == SERVICE_DAY + datetime.timedelta(days=90)


def test_denial_links_appointment_and_authorization(maple, birch):
    starts_at = timezone.make_aware(datetime.datetime(2026, 2, 2, 9, 30))
    visit = Appointment.objects.create(
        practice=maple, patient_ref="ACCT-100", starts_at=starts_at
    )
    Appointment.objects.create(
        practice=birch, patient_ref="ACCT-100", starts_at=starts_at
    )
    authorization = Authorization.objects.create(
        practice=maple,
        patient_ref="ACCT-100",
        valid_from=datetime.date(2026, 1, 1),
        valid_to=datetime.date(2026, 1, 31),
    )
    covering = Authorization.objects.create(
        practice=maple,
        patient_ref="ACCT-100",
        valid_from=datetime.date(2026, 2, 1),
        valid_to=datetime.date(2026, 2, 28),
    )

    import_835(denied_835(), "denied.835", maple)

    entry = LearningEntry.objects.get()
    assert entry.appointment == visit
    assert entry.authorization == covering
    assert entry.authorization != authorization


def test_denial_without_matching_visit_has_no_link(maple):
    Appointment.objects.create(
        practice=maple,
        patient_ref="ACCT-100",
        starts_at=timezone.make_aware(datetime.datetime(2026, 2, 3, 9, 30)),
    )

    import_835(denied_835(), "denied.835", maple)

    assert LearningEntry.objects.get().appointment is None


def test_reversal_claim_makes_no_denial(maple, samples):
    data = (samples / "edge_cases/e03-reversal-correction.835").read_bytes()

    import_835(data, "reversal.835", maple)

    reversal = ClaimPayment.objects.get(status_code="22")
    assert not LearningEntry.objects.filter(claim=reversal).exists()


def test_bundling_sample_routes_to_coder(maple, samples):
    data = (samples / "edge_cases/x12sdk-generated-bundling-denials.835").read_bytes()

    import_835(data, "bundling.835", maple)

    owners = set(LearningEntry.objects.values_list("responsible_role", flat=True))
    assert owners == {"coder"}
