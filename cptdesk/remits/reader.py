"""Read X12 835 remittance advice into claims, service lines and adjustments.

The reader accepts 835 files as payers and clearinghouses send them (4010 and 5010,
with or without the ISA envelope) and keeps money as exact Decimal values. Problems
that leave the data readable, such as amounts that do not balance, become warnings on
the result. Structural problems raise RemittanceError with the segment number and id.

Patient names are never kept. An NM1*QC segment only sets a flag on the claim, and the
raw text of each claim has its patient, insured and corrected-patient NM1 segments cut
down to their entity codes.
"""

import datetime
import gc
import logging
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from cptdesk.remits.x12 import RemittanceError, decode, parse_date, tokenize

logger = logging.getLogger(__name__)

ZERO = Decimal("0")
ONE = Decimal("1")
NUMBER_CHARACTERS = "0123456789.-"
# Appended to a segment's elements so that absent trailing elements read as "".
PADDING = [""] * 24
REVERSAL = "22"  # CLP02: reversal of a previous payment
PATIENT_NAME_ENTITIES = {"QC", "IL", "74"}  # patient, insured, corrected patient
REJECT_QUALIFIER = "RX"  # LQ01: NCPDP reject/payment code
MOA_REMARK_POSITIONS = (3, 4, 5, 6, 7)
MIA_REMARK_POSITIONS = (5, 20, 21, 22, 23)
CAS_TRIPLETS = 6
# Element names for messages, built once because CAS is the most frequent segment.
CAS_NAMES = {
    index: f"CAS{index:02d} ({'amount' if index % 3 == 0 else 'quantity'})"
    for index in range(3, 2 + 3 * CAS_TRIPLETS)
    if index % 3 != 2
}

# Warning kinds, so that callers can filter without matching message text.
PAYMENT_IMBALANCE = "payment_imbalance"
CLAIM_IMBALANCE = "claim_imbalance"
LINE_IMBALANCE = "line_imbalance"
UNKNOWN_CARC = "unknown_carc"
UNKNOWN_RARC = "unknown_rarc"
MISSING_VALUE = "missing_value"
INVALID_DATE = "invalid_date"
ENVELOPE = "envelope"
COMPONENT_MISMATCH = "component_separator_mismatch"


@dataclass(slots=True, frozen=True)
class RemittanceWarning:
    """A problem in an 835 that was read anyway, such as totals that do not balance."""

    kind: str
    message: str
    segment_number: int | None = None

    def __str__(self):
        if self.segment_number is None:
            return self.message
        return f"segment {self.segment_number}: {self.message}"


@dataclass(slots=True)
class Adjustment:
    """One CAS group code, reason code (CARC), amount and quantity."""

    group_code: str
    reason_code: str
    amount: Decimal
    quantity: Decimal | None = None


@dataclass(slots=True)
class ServiceLine:
    """One SVC service payment line with its adjustments and remark codes."""

    qualifier: str  # HC (CPT/HCPCS), AD (ADA), NU (revenue code), ...
    code: str
    modifiers: list[str]
    charge: Decimal
    payment: Decimal
    units: Decimal
    revenue_code: str = ""
    # The code the provider billed, present only when the payer changed it (SVC06).
    original_qualifier: str | None = None
    original_code: str | None = None
    original_modifiers: list[str] = field(default_factory=list)
    original_units: Decimal | None = None
    control_number: str | None = None  # REF*6R, the line item control number
    service_date: datetime.date | None = None  # DTM*472 or DTM*150
    service_date_end: datetime.date | None = None  # DTM*151, or the DTM*472 date
    adjustments: list[Adjustment] = field(default_factory=list)
    remark_codes: list[str] = field(default_factory=list)
    reject_codes: list[str] = field(default_factory=list)
    segment_number: int = 0


@dataclass(slots=True)
class Claim:
    """One CLP claim payment with its service lines, adjustments and raw text."""

    patient_control_number: str  # CLP01, the practice's own patient account reference
    status_code: str
    charge: Decimal
    payment: Decimal
    patient_responsibility: Decimal | None
    filing_indicator: str
    payer_claim_number: str
    frequency_code: str = ""
    statement_start: datetime.date | None = None  # DTM*232
    statement_end: datetime.date | None = None  # DTM*233
    original_reference: str | None = None  # REF*F8, the claim this one replaces
    has_patient_name: bool = False
    adjustments: list[Adjustment] = field(default_factory=list)
    remark_codes: list[str] = field(default_factory=list)
    lines: list[ServiceLine] = field(default_factory=list)
    # For a reversal, the later claim in the same transaction that corrects it.
    corrected_claim: "Claim | None" = None
    is_correction: bool = False
    # Segments from CLP up to the next CLP, LX, TS3, TS2, PLB or SE, each followed by
    # the terminator and a newline, with patient NM1 segments cut to their entity.
    raw_text: str = ""
    segment_number: int = 0

    @property
    def is_reversal(self):
        return self.status_code == REVERSAL


@dataclass(slots=True)
class Party:
    """A payer (N1*PR) or payee (N1*PE) with its identifier."""

    name: str
    id_qualifier: str = ""
    identifier: str = ""


@dataclass(slots=True)
class Payment:
    """The BPR financial information of a transaction."""

    handling_code: str  # I remittance with payment, H notification only, ...
    amount: Decimal
    credit_debit: str  # C credit, D debit
    method: str  # ACH, CHK, FWT, BOP, NON
    date: datetime.date | None = None  # BPR16


@dataclass(slots=True)
class ProviderAdjustment:
    """One PLB reason and amount, where a positive amount reduces the payment."""

    provider_id: str
    fiscal_period_end: datetime.date | None  # PLB02
    reason_code: str
    reference: str
    amount: Decimal
    segment_number: int = 0


@dataclass(slots=True)
class Transaction:
    """One ST...SE 835 transaction set: a single payment and the claims it covers."""

    control_number: str
    payer: Party | None = None
    payee: Party | None = None
    payment: Payment | None = None
    trace_number: str = ""  # TRN02, the check or EFT trace number
    payer_id: str = ""  # TRN03, the payer's originating company identifier
    claims: list[Claim] = field(default_factory=list)
    provider_adjustments: list[ProviderAdjustment] = field(default_factory=list)
    warnings: list[RemittanceWarning] = field(default_factory=list)
    segment_number: int = 0


@dataclass(slots=True)
class Remittance:
    """Everything read from one 835 file."""

    transactions: list[Transaction]
    warnings: list[RemittanceWarning]

    @property
    def claims(self):
        return [
            claim for transaction in self.transactions for claim in transaction.claims
        ]


def read_835(data, *, known_carcs=None, known_rarcs=None, source="835 file"):
    """Read an 835 file from bytes or text into a Remittance.

    known_carcs and known_rarcs are optional sets of valid codes. Codes outside them are
    kept and reported as warnings. source names the file in error messages.
    """
    text = decode(data)
    if not text.strip():
        raise RemittanceError(
            "the file is empty",
            fix="Download the 835 from the payer or clearinghouse again",
            source=source,
        )

    # The reader builds many small objects without reference cycles. Pausing the cycle
    # collector meanwhile cut the time of bench/remit_reader.py by about 40 percent.
    collector_was_enabled = gc.isenabled()
    gc.disable()
    try:
        reader = _SegmentReader(source, known_carcs, known_rarcs)
        for block in tokenize(text, source):
            reader.read_block(block)
        remittance = reader.finish()
    finally:
        if collector_was_enabled:
            gc.enable()

    if remittance.warnings:
        logger.warning(
            "Read 835 with %d warnings in %d transactions",
            len(remittance.warnings),
            len(remittance.transactions),
        )
    return remittance


class _SegmentReader:
    """Walk the segments of an 835 in order and build the remittance from them."""

    def __init__(self, source, known_carcs, known_rarcs):
        self.source = source
        self.known_carcs = known_carcs
        self.known_rarcs = known_rarcs
        self.transactions = []
        self.envelope_warnings = []
        self.transaction = None
        self.claim = None
        self.line = None
        self.claim_start = 0
        self.name_indexes = []
        self.segments = []
        self.first_number = 1
        self.index = 0
        self.separator = "*"
        self.component = ":"
        self.raw_joiner = "~\n"
        self.dates = {}
        self.interchange_start = None
        self.group_start = None
        self.group_count = 0
        self.transaction_count = 0
        self.transaction_start = 0
        self.handlers = {
            "ISA": self.read_isa,
            "IEA": self.read_iea,
            "GS": self.read_gs,
            "GE": self.read_ge,
            "ST": self.read_st,
            "SE": self.read_se,
            "BPR": self.read_bpr,
            "TRN": self.read_trn,
            "N1": self.read_n1,
            "LX": self.close_claim_loop,
            "TS3": self.close_claim_loop,
            "TS2": self.close_claim_loop,
            "CLP": self.read_clp,
            "NM1": self.read_nm1,
            "DTM": self.read_dtm,
            "REF": self.read_ref,
            "MOA": self.read_moa,
            "MIA": self.read_mia,
            "SVC": self.read_svc,
            "CAS": self.read_cas,
            "LQ": self.read_lq,
            "PLB": self.read_plb,
        }

    @property
    def number(self):
        return self.first_number + self.index

    @property
    def segment_id(self):
        if self.index >= len(self.segments):
            return ""
        return self.segments[self.index].split(self.separator, 1)[0]

    def read_block(self, block):
        separator = self.separator = block.separators.element
        self.component = block.separators.component
        terminator = block.separators.segment
        self.raw_joiner = "\n" if terminator == "\n" else terminator + "\n"
        self.segments = block.segments
        self.first_number = block.first_number
        handlers = self.handlers

        # This loop runs once per segment, so it stays minimal. Handlers that need the
        # segment number compute it from the index.
        for index, segment in enumerate(block.segments):
            elements = segment.split(separator)
            handler = handlers.get(elements[0])
            if handler is not None:
                self.index = index
                handler(elements)
        self.index = len(block.segments) - 1

    def finish(self):
        if self.transaction is not None:
            raise self.error(
                "the file ends before the SE segment that closes the transaction set "
                f"started at segment {self.transaction_start}, so the file is cut off",
                fix="Download the 835 again, and if it is cut off again ask the sender "
                "to resend it",
            )
        if self.group_start is not None:
            self.warn_envelope(
                f"the GS group started at segment {self.group_start} has no GE segment"
            )
        if self.interchange_start is not None:
            self.warn_envelope(
                f"the interchange started at segment {self.interchange_start} has no "
                "IEA segment"
            )

        if not any(transaction.claims for transaction in self.transactions):
            raise self.error(
                f"the file has {len(self.transactions)} transaction sets but no claim "
                "payments (CLP segments), so there is nothing to import",
                fix="Check that this is an 835 remittance with claims. Notices that "
                "carry only provider-level adjustments are not imported",
            )

        warnings = [w for t in self.transactions for w in t.warnings]
        return Remittance(self.transactions, warnings + self.envelope_warnings)

    # Errors and warnings

    def error(self, problem, value=None, fix=None):
        extra = {} if fix is None else {"fix": fix}
        return RemittanceError(
            problem,
            segment_number=self.number,
            segment_id=self.segment_id,
            value=value,
            source=self.source,
            **extra,
        )

    def warn(self, kind, message, number=None):
        warning = RemittanceWarning(kind, message, number or self.number)
        if self.transaction is None:
            self.envelope_warnings.append(warning)
        else:
            self.transaction.warnings.append(warning)

    def warn_envelope(self, message):
        self.envelope_warnings.append(RemittanceWarning(ENVELOPE, message, self.number))

    def amount(self, text, name):
        """Parse a required amount, reporting a missing one and reading it as 0."""
        if not text:
            self.warn(MISSING_VALUE, f"{name} is missing and was read as 0")
            return ZERO
        return self.optional_amount(text, name)

    def optional_amount(self, text, name):
        """Return an X12 R-form number (".5", "1.", "-.5") as a Decimal, or None."""
        if not text:
            return None
        # Only digits, "." and "-" may appear, so Decimal cannot take exponents, NaN,
        # spaces or underscores, and it rejects the remaining bad forms such as "1-2".
        if not text.strip(NUMBER_CHARACTERS):
            try:
                return Decimal(text)
            except InvalidOperation:
                pass
        raise self.error(f"{name} is not a number", value=text)

    def date(self, text, name):
        value = self.dates.get(text)
        if value is None:
            value = self.dates[text] = parse_date(text)
            if value is None and text:
                self.warn(INVALID_DATE, f"{name} {text!r} is not a valid CCYYMMDD date")
        return value

    def require_transaction(self):
        if self.transaction is None:
            raise self.error(
                f"{self.segment_id} appears outside a transaction set (no ST before it)"
            )

    def require_claim(self):
        if self.claim is None:
            self.require_transaction()
            raise self.error(
                f"{self.segment_id} appears before any CLP claim segment in its "
                "transaction set"
            )

    def require_no_transaction(self):
        if self.transaction is not None:
            raise self.error(
                f"{self.segment_id} appears before the SE segment that closes the "
                f"transaction set started at segment {self.transaction_start}"
            )

    # Envelope

    def read_isa(self, elements):
        self.require_no_transaction()
        if self.interchange_start is not None:
            self.warn_envelope(
                f"the interchange started at segment {self.interchange_start} has no "
                "IEA segment"
            )
        self.interchange_start = self.number
        self.group_count = 0

    def read_iea(self, elements):
        self.require_no_transaction()
        expected = (elements + PADDING)[1]
        if expected and expected != str(self.group_count):
            self.warn_envelope(
                f"IEA01 says {expected} groups but the interchange has "
                f"{self.group_count}"
            )
        self.interchange_start = None

    def read_gs(self, elements):
        self.require_no_transaction()
        self.group_start = self.number
        self.group_count += 1
        self.transaction_count = 0

    def read_ge(self, elements):
        self.require_no_transaction()
        expected = (elements + PADDING)[1]
        if expected and expected != str(self.transaction_count):
            self.warn_envelope(
                f"GE01 says {expected} transaction sets but the group has "
                f"{self.transaction_count}"
            )
        self.group_start = None

    def read_st(self, elements):
        self.require_no_transaction()
        elements = elements + PADDING
        if elements[1] != "835":
            raise self.error(
                "the transaction set is not an 835 remittance",
                value=elements[1],
                fix="Import only 835 files here. Other X12 files (837, 277, 999) are "
                "not remittances",
            )
        self.transaction = Transaction(elements[2], segment_number=self.number)
        self.transaction_start = self.number
        self.transaction_count += 1

    def read_se(self, elements):
        self.require_transaction()
        self.close_claim()
        transaction = self.transaction
        elements = elements + PADDING

        actual = self.number - self.transaction_start + 1
        if elements[1] and elements[1] != str(actual):
            self.warn(
                ENVELOPE, f"SE01 says {elements[1]} segments but the set has {actual}"
            )
        control = elements[2]
        if control and control != transaction.control_number:
            self.warn(
                ENVELOPE,
                f"SE02 {control!r} does not match ST02 {transaction.control_number!r}",
            )

        _link_reversals(transaction.claims)
        self.check_payment_balance(transaction)
        self.transactions.append(transaction)
        self.transaction = None

    # Transaction header and trailer

    def read_bpr(self, elements):
        self.require_transaction()
        elements = elements + PADDING
        self.transaction.payment = Payment(
            handling_code=elements[1],
            amount=self.amount(elements[2], "BPR02 (total payment)"),
            credit_debit=elements[3],
            method=elements[4],
            date=self.date(elements[16], "BPR16 (payment date)"),
        )

    def read_trn(self, elements):
        self.require_transaction()
        elements = elements + PADDING
        if not self.transaction.trace_number:
            self.transaction.trace_number = elements[2]
            self.transaction.payer_id = elements[3]

    def read_n1(self, elements):
        self.require_transaction()
        elements = elements + PADDING
        party = Party(elements[2], elements[3], elements[4])
        if elements[1] == "PR":
            self.transaction.payer = party
        elif elements[1] == "PE":
            self.transaction.payee = party

    def read_plb(self, elements):
        self.require_transaction()
        self.close_claim()
        padded = elements + PADDING
        provider_id = padded[1]
        period_end = self.date(padded[2], "PLB02 (fiscal period date)")

        # PLB repeats its reason/amount pair in elements 3-4 up to 13-14.
        for index in range(3, len(elements), 2):
            reason_text = padded[index]
            amount_text = padded[index + 1]
            if not reason_text and not amount_text:
                continue
            reason, _, reference = reason_text.partition(self.component)
            adjustment = ProviderAdjustment(
                provider_id=provider_id,
                fiscal_period_end=period_end,
                reason_code=reason,
                reference=reference,
                amount=self.amount(amount_text, f"PLB{index + 1:02d} amount"),
                segment_number=self.number,
            )
            self.transaction.provider_adjustments.append(adjustment)

    # Claims

    def close_claim_loop(self, elements):
        self.require_transaction()
        self.close_claim()

    def read_clp(self, elements):
        self.require_transaction()
        self.close_claim()
        elements = elements + PADDING
        if not elements[1]:
            self.warn(MISSING_VALUE, "CLP01 (patient control number) is missing")
        if not elements[2]:
            self.warn(MISSING_VALUE, "CLP02 (claim status code) is missing")
        claim = self.claim = Claim(
            patient_control_number=elements[1],
            status_code=elements[2],
            charge=self.amount(elements[3], "CLP03 (claim charge)"),
            payment=self.amount(elements[4], "CLP04 (claim payment)"),
            patient_responsibility=self.optional_amount(elements[5], "CLP05"),
            filing_indicator=elements[6],
            payer_claim_number=elements[7],
            frequency_code=elements[9],
            segment_number=self.number,
        )
        self.claim_start = self.index
        self.transaction.claims.append(claim)

    def close_claim(self):
        claim = self.claim
        if claim is None:
            return
        claim.raw_text = self.claim_raw_text()
        self.check_claim_balance(claim)
        self.claim = None
        self.line = None

    def claim_raw_text(self):
        """Join the claim's segments, cutting patient NM1 segments to their entity."""
        segments = self.segments[self.claim_start : self.index]
        for index in self.name_indexes:
            elements = self.segments[index].split(self.separator)
            segments[index - self.claim_start] = self.separator.join(elements[:2])
        self.name_indexes = []
        return self.raw_joiner.join(segments) + self.raw_joiner

    def read_nm1(self, elements):
        if self.claim is None or len(elements) < 2:
            return
        if elements[1] == "QC":
            self.claim.has_patient_name = True
        if elements[1] in PATIENT_NAME_ENTITIES:
            self.name_indexes.append(self.index)

    def read_dtm(self, elements):
        if len(elements) < 3:
            return
        qualifier = elements[1]
        line = self.line
        if line is not None:
            if qualifier == "472":
                date = self.date(elements[2], "DTM*472 (service date)")
                line.service_date = line.service_date_end = date
            elif qualifier == "150":
                line.service_date = self.date(elements[2], "DTM*150 (service start)")
            elif qualifier == "151":
                line.service_date_end = self.date(elements[2], "DTM*151 (service end)")
        elif self.claim is not None:
            if qualifier == "232":
                self.claim.statement_start = self.date(elements[2], "DTM*232")
            elif qualifier == "233":
                self.claim.statement_end = self.date(elements[2], "DTM*233")

    def read_ref(self, elements):
        if len(elements) < 3:
            return
        if self.line is not None:
            if elements[1] == "6R":
                self.line.control_number = elements[2]
        elif self.claim is not None and elements[1] == "F8":
            self.claim.original_reference = elements[2]

    def read_moa(self, elements):
        self.require_claim()
        self.add_claim_remarks(elements, MOA_REMARK_POSITIONS)

    def read_mia(self, elements):
        self.require_claim()
        self.add_claim_remarks(elements, MIA_REMARK_POSITIONS)

    def add_claim_remarks(self, elements, positions):
        elements = elements + PADDING
        for index in positions:
            code = elements[index]
            if code:
                self.check_rarc(code)
                self.claim.remark_codes.append(code)

    # Service lines

    def read_svc(self, elements):
        if self.claim is None:
            self.require_claim()
        elements = elements + PADDING
        qualifier, code, modifiers = self.procedure(elements[1])
        if not code:
            self.warn(MISSING_VALUE, "SVC01 has no procedure or revenue code")
        units = elements[5]
        line = ServiceLine(
            qualifier=qualifier,
            code=code,
            modifiers=modifiers,
            charge=self.amount(elements[2], "SVC02 (line charge)"),
            payment=self.amount(elements[3], "SVC03 (line payment)"),
            units=self.optional_amount(units, "SVC05 (units)") if units else ONE,
            revenue_code=elements[4],
            segment_number=self.number,
        )
        if elements[6]:
            line.original_qualifier, line.original_code, line.original_modifiers = (
                self.procedure(elements[6])
            )
        if elements[7]:
            line.original_units = self.optional_amount(elements[7], "SVC07 (units)")
        self.line = line
        self.claim.lines.append(line)

    def procedure(self, composite):
        parts = composite.split(self.component)
        if len(parts) == 1 and len(composite) > 3 and not composite[2].isalnum():
            # Some senders declare one component separator in ISA16 and use another,
            # so "HC>99213" under ISA16 ":" is read with ">" and reported.
            self.warn(
                COMPONENT_MISMATCH,
                f"{composite!r} uses {composite[2]!r} between components but the "
                f"header declares {self.component!r}",
            )
            parts = composite.split(composite[2])
        qualifier = parts[0]
        code = parts[1] if len(parts) > 1 else ""
        modifiers = [modifier for modifier in parts[2:6] if modifier]
        return qualifier, code, modifiers

    def read_cas(self, elements):
        if self.claim is None:
            self.require_claim()
        count = min(len(elements), 2 + 3 * CAS_TRIPLETS)
        padded = elements + PADDING
        group = padded[1]
        if not group:
            self.warn(MISSING_VALUE, "CAS01 (adjustment group code) is missing")
        target = self.claim.adjustments if self.line is None else self.line.adjustments

        # CAS carries up to six reason/amount/quantity triplets from CAS02 on.
        for index in range(2, count, 3):
            reason = padded[index]
            amount_text = padded[index + 1]
            if not reason and not amount_text:
                continue
            if not reason:
                self.warn(MISSING_VALUE, f"CAS{index:02d} (reason code) is missing")
            elif self.known_carcs is not None and reason not in self.known_carcs:
                self.warn(UNKNOWN_CARC, f"CARC {reason!r} is not a known reason code")
            quantity = padded[index + 2]
            if quantity:
                quantity = self.optional_amount(quantity, CAS_NAMES[index + 2])
            amount = self.amount(amount_text, CAS_NAMES[index + 1])
            target.append(Adjustment(group, reason, amount, quantity or None))

    def read_lq(self, elements):
        self.require_claim()
        elements = elements + PADDING
        qualifier, code = elements[1], elements[2]
        if not code:
            return
        if qualifier == REJECT_QUALIFIER:
            if self.line is None:
                self.warn(MISSING_VALUE, f"LQ*RX {code!r} is outside a service line")
            else:
                self.line.reject_codes.append(code)
            return

        # Any other LQ01 is read as HE, the only other code the 835 allows.
        self.check_rarc(code)
        target = self.line if self.line is not None else self.claim
        target.remark_codes.append(code)

    def check_rarc(self, code):
        if self.known_rarcs is not None and code not in self.known_rarcs:
            self.warn(UNKNOWN_RARC, f"RARC {code!r} is not a known remark code")

    # Balancing

    def check_claim_balance(self, claim):
        label = f"claim {claim.patient_control_number!r}"
        claim_cas = sum((a.amount for a in claim.adjustments), ZERO)
        lines_cas = ZERO
        for line in claim.lines:
            line_cas = sum((a.amount for a in line.adjustments), ZERO)
            lines_cas += line_cas
            if line.charge - line.payment != line_cas:
                self.warn(
                    LINE_IMBALANCE,
                    f"service line {line.code or '(no code)'} in {label}: charge "
                    f"{line.charge} minus payment {line.payment} is "
                    f"{line.charge - line.payment}, but its CAS adjustments add up to "
                    f"{line_cas}",
                    line.segment_number,
                )
        if claim.charge - claim.payment != claim_cas + lines_cas:
            self.warn(
                CLAIM_IMBALANCE,
                f"{label}: CLP03 charge {claim.charge} minus CLP04 payment "
                f"{claim.payment} is {claim.charge - claim.payment}, but the claim and "
                f"line CAS adjustments add up to {claim_cas + lines_cas}",
                claim.segment_number,
            )

    def check_payment_balance(self, transaction):
        payment = transaction.payment
        if payment is None:
            self.warn(MISSING_VALUE, "the transaction set has no BPR payment segment")
            return
        paid = sum((claim.payment for claim in transaction.claims), ZERO)
        adjusted = sum((a.amount for a in transaction.provider_adjustments), ZERO)
        # A debit (BPR03 = D) takes money back from the payee, so it counts as negative.
        total = -payment.amount if payment.credit_debit == "D" else payment.amount
        if total != paid - adjusted:
            self.warn(
                PAYMENT_IMBALANCE,
                f"BPR02 payment {payment.amount} does not equal the claim payments "
                f"{paid} minus the PLB provider adjustments {adjusted}, which is "
                f"{paid - adjusted}",
                transaction.segment_number,
            )


def _link_reversals(claims):
    """Point each reversal (CLP02 = 22) at the later claim that corrects it."""
    for position, claim in enumerate(claims):
        if not claim.is_reversal:
            continue
        for later in claims[position + 1 :]:
            same_patient = later.patient_control_number == claim.patient_control_number
            if same_patient and not later.is_reversal and not later.is_correction:
                claim.corrected_claim = later
                later.is_correction = True
                break
