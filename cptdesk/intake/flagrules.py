"""Red-flag checks for booked visits, over plain data and without a database.

Each check reads one visit and the reference facts that `flagdata` fetched for the whole
batch, and returns findings. A finding names the role that decides it and carries the
evidence, so staff see why it fired. No check suggests a code or a modifier.
"""

import datetime
import itertools
from dataclasses import dataclass, field

# Flag kinds; the values match cptdesk.intake.choices.FlagKind.
AUTH_MISSING = "auth_missing"
AUTH_EXPIRING = "auth_expiring"
AUTH_NO_UNITS = "auth_no_units"
AUTH_CODE_MISMATCH = "auth_code_mismatch"
CODE_NOT_VALID = "code_not_valid"
NCCI_PAIR = "ncci_pair"
MUE_EXCEEDED = "mue_exceeded"
GLOBAL_PERIOD = "global_period"

# Severities; the values match cptdesk.intake.choices.Severity.
LOW, MEDIUM, HIGH = 1, 2, 3

# Routed roles; the values match cptdesk.accounts.choices.Role.
AUTH_TEAM = "auth_coordinator"
CODER = "coder"
BILLER = "biller"

APPROVED = "approved"
PFS_DELETED = {"D"}  # PFS status D: deleted code, kept for the grace period only
GLOBAL_PERIOD_DAYS = {"010": 10, "090": 90}  # minor and major surgery, days after
NCCI_SEVERITY = {"0": HIGH, "1": MEDIUM, "9": LOW}
NCCI_MODIFIER_MEANING = {
    "0": "a modifier is not allowed to bypass this edit",
    "1": "a modifier may be allowed when documentation supports it",
    "9": "the modifier indicator is not applicable",
}
VISIT_LEVEL = ""  # prior-authorization reasons that apply to the visit, not one code


@dataclass(frozen=True)
class Line:
    code: str
    units: int = 1


@dataclass(frozen=True)
class AuthorizationFacts:
    """An authorization on file for the visit's patient, with the units other visits use."""

    id: int
    number: str
    status: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    codes: dict  # code -> units approved
    linked: bool = False  # linked to the visit being checked
    units_used: dict = field(default_factory=dict)  # code -> units of earlier visits


@dataclass(frozen=True)
class Visit:
    id: int
    patient_ref: str
    date_of_service: datetime.date
    lines: tuple
    authorizations: tuple = ()
    # code (or VISIT_LEVEL) -> reasons: the rules that require prior authorization
    prior_auth: dict = field(default_factory=dict)


@dataclass(frozen=True)
class PtpPair:
    column1: str
    column2: str
    effective_date: datetime.date
    deletion_date: datetime.date | None
    modifier_indicator: str
    release: str = ""

    def in_force_on(self, day):
        # CMS writes the deletion date as the first day the edit no longer applies.
        started = self.effective_date <= day
        return started and (self.deletion_date is None or day < self.deletion_date)


@dataclass(frozen=True)
class MueFacts:
    max_units: int
    adjudication_indicator: str
    release: str = ""


@dataclass(frozen=True)
class CodeFacts:
    """The reference facts about a code's validity and global period."""

    code: str
    added_date: datetime.date | None = None
    termination_date: datetime.date | None = None
    pfs_status: str = ""
    global_days: str = ""
    release: str = ""


@dataclass(frozen=True)
class Surgery:
    appointment_id: int
    date: datetime.date
    code: str
    global_days: str


@dataclass
class Reference:
    """The reference rows a batch of visits needs, keyed for constant-time checks."""

    codes: dict = field(default_factory=dict)  # code -> CodeFacts
    ptp: dict = field(default_factory=dict)  # (column1, column2) -> [PtpPair]
    mue: dict = field(default_factory=dict)  # code -> MueFacts
    surgeries: dict = field(default_factory=dict)  # patient_ref -> [Surgery]


@dataclass(frozen=True)
class Finding:
    kind: str
    fingerprint: str
    severity: int
    blocking: bool
    routed_role: str
    message: str
    evidence: dict


def check_visit(visit, reference):
    """Return every finding for one visit, in a fixed order."""
    findings = []
    findings += check_authorizations(visit)
    findings += check_code_validity(visit, reference)
    findings += check_ncci_pairs(visit, reference)
    findings += check_mue(visit, reference)
    findings += check_global_period(visit, reference)
    return findings


def units_by_code(visit):
    totals = {}
    for line in visit.lines:
        totals[line.code] = totals.get(line.code, 0) + line.units
    return totals


def covers_date(authorization, day):
    starts = authorization.valid_from is None or authorization.valid_from <= day
    return starts and (authorization.valid_to is None or day <= authorization.valid_to)


def covers_visit(authorization, day, codes):
    """Return whether the authorization lists one of codes and its dates include day."""
    lists_a_code = not set(codes).isdisjoint(authorization.codes)
    return lists_a_code and covers_date(authorization, day)


def auth_summary(authorization):
    return {
        "id": authorization.id,
        "number": authorization.number,
        "status": authorization.status,
        "valid_from": iso(authorization.valid_from),
        "valid_to": iso(authorization.valid_to),
        "codes": dict(authorization.codes),
        "units_used": dict(authorization.units_used),
    }


def check_authorizations(visit):
    """Check prior authorization, expiry, units left and scheduled-versus-authorized."""
    findings = []
    units = units_by_code(visit)
    day = visit.date_of_service
    approved = [a for a in visit.authorizations if a.status == APPROVED]

    # Each code that a rule puts under prior authorization needs an approved one
    # covering the date with units left.
    for code in sorted(c for c in visit.prior_auth if c != VISIT_LEVEL):
        finding = check_code_authorization(visit, code, units.get(code, 0), approved)
        if finding:
            findings.append(finding)
    if VISIT_LEVEL in visit.prior_auth and not any(
        covers_date(a, day) for a in approved
    ):
        findings.append(missing_authorization(visit, VISIT_LEVEL, approved))

    # A linked authorization that ends before the visit is flagged even when no rule
    # fired, because someone tied it to this visit on purpose.
    for authorization in approved:
        ended = authorization.valid_to is not None and authorization.valid_to < day
        if authorization.linked and ended:
            findings.append(expiring_authorization(visit, authorization, None))

    findings += check_code_mismatch(visit, approved)
    return unique_by_fingerprint(findings)


def check_code_authorization(visit, code, units, approved):
    day = visit.date_of_service
    with_code = [a for a in approved if code in a.codes]
    if not with_code:
        return missing_authorization(visit, code, approved)
    covering = [a for a in with_code if covers_date(a, day)]
    if not covering:
        ended = [a for a in with_code if a.valid_to is not None and a.valid_to < day]
        if ended:
            latest = max(ended, key=lambda a: a.valid_to)
            return expiring_authorization(visit, latest, code)
        return missing_authorization(visit, code, approved)
    if any(units_left(a, code) >= units for a in covering):
        return None
    best = max(covering, key=lambda a: units_left(a, code))
    return Finding(
        AUTH_NO_UNITS,
        f"{AUTH_NO_UNITS}:{best.id}:{code}",
        HIGH,
        True,
        AUTH_TEAM,
        f"Authorization {best.number or best.id} has {units_left(best, code)} "
        f"unit(s) of {code} left; this visit schedules {units}.",
        {
            "code": code,
            "units_scheduled": units,
            "units_approved": best.codes[code],
            "units_used_before": best.units_used.get(code, 0),
            "authorization": auth_summary(best),
            "rules": list(visit.prior_auth[code]),
        },
    )


def units_left(authorization, code):
    return authorization.codes.get(code, 0) - authorization.units_used.get(code, 0)


def missing_authorization(visit, code, approved):
    target = code or "this visit"
    on_file = [auth_summary(a) for a in visit.authorizations]
    return Finding(
        AUTH_MISSING,
        f"{AUTH_MISSING}:{code}",
        HIGH,
        True,
        AUTH_TEAM,
        f"Prior authorization is required for {target} and no approved "
        f"authorization covers {visit.date_of_service.isoformat()}.",
        {
            "code": code,
            "date_of_service": visit.date_of_service.isoformat(),
            "rules": list(visit.prior_auth[code]),
            "authorizations_on_file": on_file,
            "approved_count": len(approved),
        },
    )


def expiring_authorization(visit, authorization, code):
    return Finding(
        AUTH_EXPIRING,
        f"{AUTH_EXPIRING}:{authorization.id}",
        HIGH,
        True,
        AUTH_TEAM,
        f"Authorization {authorization.number or authorization.id} ends "
        f"{authorization.valid_to.isoformat()}, before the visit on "
        f"{visit.date_of_service.isoformat()}.",
        {
            "code": code,
            "date_of_service": visit.date_of_service.isoformat(),
            "authorization": auth_summary(authorization),
            "rules": list(visit.prior_auth.get(code, ())) if code else [],
        },
    )


def check_code_mismatch(visit, approved):
    """Flag scheduled codes missing from the authorization that applies to the visit."""
    applying = [a for a in approved if a.linked]
    if not applying:
        day = visit.date_of_service
        scheduled = {line.code for line in visit.lines}
        applying = [
            a for a in approved if covers_date(a, day) and scheduled & set(a.codes)
        ]
    findings = []
    scheduled = sorted({line.code for line in visit.lines})
    for authorization in applying:
        missing = [code for code in scheduled if code not in authorization.codes]
        if not missing:
            continue
        findings.append(
            Finding(
                AUTH_CODE_MISMATCH,
                f"{AUTH_CODE_MISMATCH}:{authorization.id}",
                MEDIUM,
                False,
                AUTH_TEAM,
                f"Scheduled code(s) {', '.join(missing)} are not on authorization "
                f"{authorization.number or authorization.id}.",
                {
                    "scheduled_codes": scheduled,
                    "authorized_codes": sorted(authorization.codes),
                    "not_authorized": missing,
                    "authorization": auth_summary(authorization),
                },
            )
        )
    return findings


def check_code_validity(visit, reference):
    """Flag codes that are unknown, deleted or not yet valid on the date of service."""
    findings = []
    day = visit.date_of_service
    for code in sorted({line.code for line in visit.lines}):
        facts = reference.codes.get(code)
        problem = code_problem(facts, day)
        if problem is None:
            continue
        evidence = {"code": code, "date_of_service": day.isoformat()}
        if facts is not None:
            evidence.update(
                added_date=iso(facts.added_date),
                termination_date=iso(facts.termination_date),
                pfs_status=facts.pfs_status,
                release=facts.release,
            )
        findings.append(
            Finding(
                CODE_NOT_VALID,
                f"{CODE_NOT_VALID}:{code}",
                HIGH,
                True,
                CODER,
                f"{code} is not valid on {day.isoformat()}: {problem}.",
                evidence,
            )
        )
    return findings


def code_problem(facts, day):
    if facts is None:
        return "not in the loaded HCPCS, fee schedule or MUE data"
    if facts.termination_date is not None and day > facts.termination_date:
        return f"discontinued after {facts.termination_date.isoformat()}"
    if facts.added_date is not None and day < facts.added_date:
        return f"valid only from {facts.added_date.isoformat()}"
    if facts.pfs_status in PFS_DELETED:
        return f"fee schedule status {facts.pfs_status} (deleted)"
    return None


def check_ncci_pairs(visit, reference):
    """Flag every NCCI PTP pair among the visit's codes that is in force on the date."""
    findings = []
    day = visit.date_of_service
    codes = sorted({line.code for line in visit.lines})
    for first, second in itertools.combinations(codes, 2):
        pairs = reference.ptp.get((first, second), []) + reference.ptp.get(
            (second, first), []
        )
        for pair in pairs:
            if pair.in_force_on(day):
                findings.append(ncci_finding(pair, day))
    return findings


def ncci_finding(pair, day):
    indicator = pair.modifier_indicator
    meaning = NCCI_MODIFIER_MEANING.get(indicator, "unknown modifier indicator")
    return Finding(
        NCCI_PAIR,
        f"{NCCI_PAIR}:{pair.column1}:{pair.column2}",
        NCCI_SEVERITY.get(indicator, MEDIUM),
        False,
        CODER,
        f"NCCI pair {pair.column1} (column 1) with {pair.column2} (column 2) is in "
        f"force on {day.isoformat()}; modifier indicator {indicator}: {meaning}. "
        "A coder reviews it.",
        {
            "column1": pair.column1,
            "column2": pair.column2,
            "effective_date": iso(pair.effective_date),
            "deletion_date": iso(pair.deletion_date),
            "modifier_indicator": indicator,
            "release": pair.release,
        },
    )


def check_mue(visit, reference):
    """Flag codes whose units on the visit exceed the MUE maximum per day."""
    findings = []
    for code, units in sorted(units_by_code(visit).items()):
        limit = reference.mue.get(code)
        if limit is None or units <= limit.max_units:
            continue
        findings.append(
            Finding(
                MUE_EXCEEDED,
                f"{MUE_EXCEEDED}:{code}",
                MEDIUM,
                False,
                CODER,
                f"{code} is scheduled for {units} units; the MUE maximum is "
                f"{limit.max_units}. A coder reviews it.",
                {
                    "code": code,
                    "units_scheduled": units,
                    "max_units": limit.max_units,
                    "adjudication_indicator": limit.adjudication_indicator,
                    "release": limit.release,
                },
            )
        )
    return findings


def check_global_period(visit, reference):
    """Flag a visit that falls inside the global period of an earlier surgery."""
    findings = []
    day = visit.date_of_service
    for surgery in reference.surgeries.get(visit.patient_ref, ()):
        days = GLOBAL_PERIOD_DAYS.get(surgery.global_days)
        if days is None or surgery.appointment_id == visit.id:
            continue
        ends = surgery.date + datetime.timedelta(days=days)
        if not surgery.date < day <= ends:
            continue
        findings.append(
            Finding(
                GLOBAL_PERIOD,
                f"{GLOBAL_PERIOD}:{surgery.appointment_id}:{surgery.code}",
                MEDIUM,
                False,
                BILLER,
                f"This visit is inside the {days}-day global period of {surgery.code} "
                f"on {surgery.date.isoformat()} (ends {ends.isoformat()}). "
                "Billing reviews it.",
                {
                    "surgery_appointment": surgery.appointment_id,
                    "surgery_code": surgery.code,
                    "surgery_date": surgery.date.isoformat(),
                    "global_days": surgery.global_days,
                    "period_ends": ends.isoformat(),
                },
            )
        )
    return unique_by_fingerprint(findings)


def unique_by_fingerprint(findings):
    seen = {}
    for finding in findings:
        seen.setdefault(finding.fingerprint, finding)
    return list(seen.values())


def iso(value):
    return value.isoformat() if value else None
