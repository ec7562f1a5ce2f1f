"""Write the remittances of one 835 import: claims, lines and their denial entries."""

import json
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from cptdesk.codes.adjustments import carc_meanings

from . import denials, summary
from .choices import EntryKind, EntrySource
from .deadlines import default_deadlines
from .linking import VisitLinker
from .models import ClaimPayment, LearningEntry, PaymentLine, Remittance
from .taxonomy import root_cause_ids

ZERO = Decimal("0")
BATCH_SIZE = 2000


def payer_key(transaction_read):
    """Name the payer of a transaction by TRN03, else its N1*PR id, else its name."""
    payer = transaction_read.payer
    key = transaction_read.payer_id
    if not key and payer is not None:
        key = payer.identifier or payer.name
    return (key or "unknown payer")[:80]


def _clip(text, length):
    return (text or "")[:length]


def _adjustments_json(adjustments):
    return json.dumps(
        [[a.group_code, a.reason_code, str(a.amount)] for a in adjustments]
    )


CLAIM_COLUMNS = [
    "remittance_id",
    "patient_ref",
    "status_code",
    "charge",
    "payment",
    "patient_responsibility",
    "payer_claim_number",
    "statement_start",
    "adjustments",
    "remark_codes",
    "raw_text",
    "segment_number",
]
LINE_COLUMNS = [
    "claim_id",
    "code",
    "modifiers",
    "charge",
    "payment",
    "units",
    "service_date",
    "adjustments",
    "remark_codes",
    "segment_number",
]


def insert_rows(model, columns, rows):
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(name) for name in columns)
    placeholders = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({names}) VALUES ({placeholders})", rows
        )


class RemittanceWriter:
    """Collect the rows of an import and insert them in batches, then total them."""

    def __init__(self, report, practice, progress=None):
        self.report = report
        self.practice = practice
        self.progress = progress
        self.meanings = carc_meanings()
        self.root_causes = root_cause_ids(practice)
        self.today = timezone.localdate()
        self.claims_written = 0
        self.totals = {
            "claims": 0,
            "lines": 0,
            "adjustments": 0,
            "denials": 0,
            "charge_total": ZERO,
            "paid_total": ZERO,
            "adjustment_total": ZERO,
            "provider_adjustment_total": ZERO,
            "payment_total": ZERO,
        }
        self.entries = []

    def add_transaction(self, read):
        payment = read.payment
        amount = payment.amount if payment else ZERO
        signed = -amount if payment and payment.credit_debit == "D" else amount
        remittance = Remittance.objects.create(
            practice=self.practice,
            source=self.report,
            payer_name=_clip(read.payer.name if read.payer else "", 200),
            payer_key=payer_key(read),
            trace_number=_clip(read.trace_number, 80),
            control_number=_clip(read.control_number, 9),
            payment_amount=amount,
            credit_debit=_clip(payment.credit_debit if payment else "", 1),
            method=_clip(payment.method if payment else "", 3),
            paid_on=payment.date if payment else None,
        )
        self.totals["payment_total"] += signed
        self.totals["provider_adjustment_total"] += sum(
            (a.amount for a in read.provider_adjustments), ZERO
        )
        claims = read.claims
        for start in range(0, len(claims), BATCH_SIZE):
            self.add_claims(remittance, claims[start : start + BATCH_SIZE])

    def add_claims(self, remittance, claims_read):
        """Insert a batch of claims and their lines with plain INSERT statements.

        The ORM's bulk_create spent most of a 10,000-claim import preparing values,
        so rows go in as tuples. Claim and line ids are read back by their segment
        numbers, which are unique within one file.
        """
        claim_rows = [self.claim_row(remittance, claim) for claim in claims_read]
        insert_rows(ClaimPayment, CLAIM_COLUMNS, claim_rows)
        claim_ids = dict(
            ClaimPayment.objects.filter(
                remittance=remittance,
                segment_number__gte=claims_read[0].segment_number,
                segment_number__lte=claims_read[-1].segment_number,
            ).values_list("segment_number", "pk")
        )

        line_rows = []
        for claim in claims_read:
            claim_id = claim_ids[claim.segment_number]
            line_rows += [self.line_row(claim_id, line) for line in claim.lines]
        insert_rows(PaymentLine, LINE_COLUMNS, line_rows)

        self.collect_denials(remittance, claims_read, claim_ids)
        self.claims_written += len(claim_rows)
        if self.progress:
            self.progress(self.claims_written)

    def claim_row(self, remittance, claim):
        totals = self.totals
        totals["claims"] += 1
        totals["charge_total"] += claim.charge
        totals["paid_total"] += claim.payment
        totals["adjustments"] += len(claim.adjustments)
        totals["adjustment_total"] += sum((a.amount for a in claim.adjustments), ZERO)
        return (
            remittance.pk,
            _clip(claim.patient_control_number, 64),
            _clip(claim.status_code, 2),
            claim.charge,
            claim.payment,
            claim.patient_responsibility,
            _clip(claim.payer_claim_number, 80),
            claim.statement_start,
            _adjustments_json(claim.adjustments),
            json.dumps(claim.remark_codes),
            claim.raw_text,
            claim.segment_number,
        )

    def line_row(self, claim_id, line):
        totals = self.totals
        totals["lines"] += 1
        totals["adjustments"] += len(line.adjustments)
        totals["adjustment_total"] += sum((a.amount for a in line.adjustments), ZERO)
        return (
            claim_id,
            _clip(line.code, 48),
            _clip(":".join(line.modifiers), 16),
            line.charge,
            line.payment,
            line.units,
            line.service_date,
            _adjustments_json(line.adjustments),
            json.dumps(line.remark_codes),
            line.segment_number,
        )

    def collect_denials(self, remittance, claims_read, claim_ids):
        meanings = self.meanings
        found_lines = []
        for claim in claims_read:
            if claim.is_reversal:
                continue
            claim_id = claim_ids[claim.segment_number]
            found = denials.denial_adjustments(claim.adjustments, meanings)
            if found:
                self.add_entry(remittance, claim_id, claim, None, found)
            for line in claim.lines:
                found = denials.denial_adjustments(line.adjustments, meanings)
                if found:
                    found_lines.append(line.segment_number)
                    self.add_entry(remittance, claim_id, claim, line, found)
        if found_lines:
            line_ids = dict(
                PaymentLine.objects.filter(
                    claim__remittance=remittance, segment_number__in=found_lines
                ).values_list("segment_number", "pk")
            )
            for entry in self.entries:
                if entry.line_id is None and entry.line_segment in line_ids:
                    entry.line_id = line_ids[entry.line_segment]

    def add_entry(self, remittance, claim_id, claim, line, found):
        date = (line.service_date if line else None) or claim.statement_start
        main = max(found, key=lambda adjustment: adjustment.amount)
        kind = denials.classify(main.reason_code, self.meanings)
        meaning = self.meanings.get(main.reason_code)
        occurred_on = remittance.paid_on or self.today
        appeal, filing = default_deadlines(occurred_on, date)
        code = line.code if line else ""
        remarks = " ".join([*(line.remark_codes if line else []), *claim.remark_codes])
        amount = sum((a.amount for a in found), ZERO)

        what = (
            f"{remittance.payer_name or 'The payer'} adjusted "
            f"{code or 'the claim'} by {amount} with "
            f"{main.group_code}-{main.reason_code}"
        )
        if meaning is not None:
            what += f": {meaning.meaning}"

        self.entries.append(
            LearningEntry(
                practice=self.practice,
                kind=EntryKind.DENIAL,
                source=EntrySource.REMITTANCE,
                occurred_on=occurred_on,
                what_happened=what,
                payer_name=remittance.payer_name,
                patient_ref=_clip(claim.patient_control_number, 64),
                service_date=date,
                procedure_code=_clip(code, 48),
                group_code=_clip(main.group_code, 2),
                reason_code=_clip(main.reason_code, 8),
                remark_codes=_clip(remarks, 200),
                category=kind.category,
                amount=amount,
                root_cause_id=self.root_causes.get(kind.root_cause),
                missed_trigger=kind.missed_trigger,
                front_office_preventable=kind.front_office_preventable,
                responsible_role=kind.owner_role,
                appeal_deadline=appeal,
                timely_filing_deadline=filing,
                claim_id=claim_id,
            )
        )
        self.entries[-1].line_segment = line.segment_number if line else None

    def finish(self):
        VisitLinker(self.practice).link(self.entries)
        LearningEntry.objects.bulk_create(self.entries, batch_size=BATCH_SIZE)
        summary.refresh_days(
            self.practice.pk, {entry.occurred_on for entry in self.entries}
        )
        self.totals["denials"] = len(self.entries)
        for name, value in self.totals.items():
            setattr(self.report, name, value)
