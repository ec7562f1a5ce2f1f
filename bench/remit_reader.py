"""Time the 835 reader on a generated 5010 remittance, and pyx12 on the same file.

Usage: python bench/remit_reader.py [--claims 10000] [--pyx12-python PATH] [--keep FILE]

The generated file uses the 005010X221A1 layout with synthetic names ("TEST
PATIENT") and balanced totals. pyx12 runs in a separate interpreter given by
--pyx12-python (for example a virtual environment with pyx12 4.0.0), so it never has to
be installed into the project's environment. Figures are printed, and nothing is
written to the repository.
"""

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cptdesk.remits.reader import read_835  # noqa: E402

CODES = ["99213", "99214", "80053", "36415", "71046", "97110", "G0439", "J1100"]
MODIFIERS = ["", "", "", "25", "59", "RT", "GP"]
CENT = Decimal("0.01")

PYX12_SCRIPT = """
import json, sys, time
from decimal import Decimal
import pyx12.error_handler, pyx12.params, pyx12.x12context

started = time.perf_counter()
param = pyx12.params.params()
errh = pyx12.error_handler.errh_null()
claims = lines = 0
paid = Decimal(0)
with pyx12.x12context.X12ContextReader(param, errh, sys.argv[1]) as reader:
    for node in reader.iter_segments("2100"):
        if node.id == "2100":
            claims += 1
            paid += Decimal(node.get_value("CLP04"))
            lines += node.count("2110")
elapsed = time.perf_counter() - started
result = {"claims": claims, "lines": lines, "paid": str(paid), "seconds": elapsed}
print(json.dumps(result))
"""


def generate_835(claim_count, seed=835):
    """Return a balanced 5010 835 with claim_count claims as text."""
    rng = random.Random(seed)
    body = [
        "ST*835*0001*005010X221A1",
        None,  # BPR, filled in once the total is known
        "TRN*1*EFT0000001*1512345678",
        "DTM*405*20240115",
        "N1*PR*SYNTHETIC HEALTH PLAN",
        "N3*100 MAIN STREET",
        "N4*ANYTOWN*OH*43004",
        "PER*BL*EDI SUPPORT*TE*8005551212",
        "N1*PE*SYNTHETIC FAMILY PRACTICE*XX*1999999984",
        "REF*TJ*999999999",
        "LX*1",
    ]
    total_paid = Decimal(0)
    for number in range(1, claim_count + 1):
        claim_segments, paid = _claim(rng, number)
        body.extend(claim_segments)
        total_paid += paid

    adjustment = Decimal("25.00")
    body.append(f"PLB*1999999984*20241231*WO:REF0001*{adjustment}")
    body[1] = (
        f"BPR*I*{total_paid - adjustment}*C*ACH*CCP*01*999999999*DA*123456*1512345678"
        "**01*999988880*DA*98765*20240116"
    )
    body.append(f"SE*{len(body) + 1}*0001")
    envelope = [
        "ISA*00*          *00*          *ZZ*SYNTHPAYER     *ZZ*SYNTHPROV      "
        "*240115*1200*^*00501*000000001*0*T*:",
        "GS*HP*SYNTHPAYER*SYNTHPROV*20240115*1200*1*X*005010X221A1",
    ]
    closing = ["GE*1*1", "IEA*1*000000001"]
    return "~\n".join(envelope + body + closing) + "~\n"


def _claim(rng, number):
    lines = []
    claim_charge = claim_paid = claim_patient = Decimal(0)
    for line_number in range(1, rng.randint(1, 4) + 1):
        charge = Decimal(rng.randint(4000, 90000)) / 100
        contractual = (charge * Decimal(rng.randint(10, 40)) / 100).quantize(CENT)
        patient = Decimal(rng.choice([0, 0, 10, 20, 25]))
        patient = min(patient, charge - contractual)
        paid = charge - contractual - patient
        modifier = rng.choice(MODIFIERS)
        code = rng.choice(CODES) + (f":{modifier}" if modifier else "")
        lines += [
            f"SVC*HC:{code}*{charge}*{paid}**1",
            "DTM*472*20240102",
            f"CAS*CO*45*{contractual}" + (f"~\nCAS*PR*2*{patient}" if patient else ""),
            f"REF*6R*{number}-{line_number}",
            f"AMT*B6*{charge - contractual}",
        ]
        claim_charge += charge
        claim_paid += paid
        claim_patient += patient

    header = [
        f"CLP*PCN{number:07d}*1*{claim_charge}*{claim_paid}*{claim_patient}*12"
        f"*ICN{number:011d}*11*1",
        f"NM1*QC*1*PATIENT*TEST****MI*MBR{number:09d}",
        "NM1*82*1*PROVIDER*TEST****XX*1999999984",
        "DTM*232*20240102",
        "DTM*233*20240102",
        f"AMT*AU*{claim_charge}",
    ]
    segments = "~\n".join(header + lines).split("~\n")
    return segments, claim_paid


def time_reader(data, repeat):
    best = None
    for _ in range(repeat):
        started = time.perf_counter()
        remittance = read_835(data)
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    return remittance, best


def time_pyx12(python, path):
    completed = subprocess.run(
        [python, "-c", PYX12_SCRIPT, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        print(f"pyx12 failed: {completed.stderr.strip().splitlines()[-1:]}")
        return None
    return json.loads(completed.stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000, help="claims to generate")
    parser.add_argument("--repeat", type=int, default=3, help="runs; the best is shown")
    parser.add_argument(
        "--pyx12-python",
        help="Python interpreter that can import pyx12, for example "
        "/tmp/pyx12venv/bin/python; pyx12 is skipped when this is not given",
    )
    parser.add_argument("--keep", help="also write the generated 835 to this path")
    options = parser.parse_args()

    text = generate_835(options.claims)
    data = text.encode("ascii")
    megabytes = len(data) / 1_000_000
    print(f"generated 835: {options.claims} claims, {megabytes:.2f} MB")

    remittance, seconds = time_reader(data, options.repeat)
    claims = remittance.claims
    paid = sum(claim.payment for claim in claims)
    lines = sum(len(claim.lines) for claim in claims)
    print(
        f"cptdesk reader: {seconds:.3f} s, {megabytes / seconds:.1f} MB/s, "
        f"{len(claims)} claims, {lines} lines, paid {paid}, "
        f"{len(remittance.warnings)} warnings"
    )

    if options.keep:
        Path(options.keep).write_bytes(data)
    if options.pyx12_python:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "generated.835"
            path.write_bytes(data)
            result = time_pyx12(options.pyx12_python, path)
        if result is not None:
            print(
                f"pyx12:          {result['seconds']:.3f} s, "
                f"{megabytes / result['seconds']:.2f} MB/s, {result['claims']} claims, "
                f"{result['lines']} lines, paid {result['paid']}"
            )


if __name__ == "__main__":
    main()
