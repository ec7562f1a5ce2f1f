"""Write synthetic 835 remittances in the 005010X221A1 layout for the demo and tests.

Every claim balances: a paid line carries a CO-45 contractual adjustment, and a
denied line carries its whole charge as the given group and reason code. Patient
references are made up and no names appear.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

CONTRACTUAL_SHARE = Decimal("0.25")
CENT = Decimal("0.01")


@dataclass(frozen=True)
class SyntheticClaim:
    """One claim with one service line, paid or denied in full."""

    patient_ref: str
    service_date: datetime.date
    code: str
    charge: Decimal
    denial: tuple[str, str] | None = None  # (group code, CARC) when denied


def _date(value):
    return value.strftime("%Y%m%d")


def _claim_segments(number, claim):
    charge = claim.charge
    if claim.denial:
        group, reason = claim.denial
        paid = Decimal("0")
        adjustment = f"CAS*{group}*{reason}*{charge}"
        status = "4"  # denied
    else:
        contractual = (charge * CONTRACTUAL_SHARE).quantize(CENT)
        paid = charge - contractual
        adjustment = f"CAS*CO*45*{contractual}"
        status = "1"  # processed as primary
    segments = [
        f"CLP*{claim.patient_ref}*{status}*{charge}*{paid}**12*SYN{number:08d}*11*1",
        "NM1*QC*1*PATIENT*TEST",
        f"DTM*232*{_date(claim.service_date)}",
        f"SVC*HC:{claim.code}*{charge}*{paid}**1",
        f"DTM*472*{_date(claim.service_date)}",
        adjustment,
        f"REF*6R*L{number:08d}",
    ]
    return segments, paid


def synthetic_835(payer_name, payer_id, trace_number, paid_on, claims):
    """Return the text of one balanced 835 interchange holding the given claims."""
    body = []
    total = Decimal("0")
    for number, claim in enumerate(claims, start=1):
        segments, paid = _claim_segments(number, claim)
        body += segments
        total += paid

    transaction = [
        "ST*835*0001*005010X221A1",
        f"BPR*I*{total}*C*ACH*CCP*01*999999999*DA*123456*{payer_id}**01*999988880*DA"
        f"*98765*{_date(paid_on)}",
        f"TRN*1*{trace_number}*{payer_id}",
        f"DTM*405*{_date(paid_on)}",
        f"N1*PR*{payer_name}",
        "N1*PE*DEMO FAMILY MEDICINE*XX*1999999984",
        "LX*1",
        *body,
    ]
    transaction.append(f"SE*{len(transaction) + 1}*0001")
    stamp = paid_on.strftime("%y%m%d")
    segments = [
        "ISA*00*          *00*          *ZZ*SYNTHPAYER     *ZZ*SYNTHPROV      "
        f"*{stamp}*1200*^*00501*000000001*0*T*:",
        f"GS*HP*SYNTHPAYER*SYNTHPROV*{_date(paid_on)}*1200*1*X*005010X221A1",
        *transaction,
        "GE*1*1",
        "IEA*1*000000001",
    ]
    return "~\n".join(segments) + "~\n"
