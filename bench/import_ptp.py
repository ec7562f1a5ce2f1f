"""Time `cptdesk import ncci-ptp` on a generated 2,000,000-row PTP file, with a peer.

Run from the repository root:

    .venv/bin/python bench/import_ptp.py [--rows 2000000] [--reuse]

The generated file has the six header lines and the tab-separated row layout of the
CMS practitioner PTP text files. Column 1 codes come in ascending order, each with
sorted column 2 codes, and both are drawn from the code numbers of the bundled PFS
indicator file. Rows carry quarterly effective dates, "*" deletion dates for edits in
force, the prior-to-1996 flag and modifier indicators 0, 1 and 9. The importer runs as
a child process into a freshly set-up SQLite database, and its wall time and peak RSS
(ru_maxrss from wait4) are measured. The peer is the sqlite3 shell's .import of the
same data lines into a table of the same seven columns, timed the same way. It runs
alone, then followed by the two code indexes that the app's table has, and then into
a table that has those indexes before the rows arrive, as the app's table does. The exit
status is 1 when a command fails or the row count is wrong, and 0 otherwise.
"""

import argparse
import csv
import io
import os
import pstats
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from appserver import (
    CPTDESK,
    PYTHON,
    REPOSITORY,
    WORK,
    cptdesk_env,
    prepare_database,
)

TARGET_SECONDS = 20.0
TARGET_RSS_MB = 300.0
PFS_FILE = (
    REPOSITORY / "cptdesk/codes/data/pprrvu_2025_oct_indicators_no_descriptors.csv"
)
FILE_NAME = "ccipra-v322r0-f1.txt"  # the official name gives the release label
HEADER = [
    "Synthetic PTP edits for a cptdesk benchmark; not a CMS release." + "\t" * 6,
    "Column1/Column2 Edits" + "\t" * 6,
    "Column 1\tColumn 2\t*=in existence\tEffective\tDeletion\tModifier\t"
    "PTP Edit Rationale",
    "\t\tprior to 1996\tDate\tDate\t0=not allowed\t",
    "\t\t\t\t*=no data\t1=allowed\t",
    "\t\t\t\t\t9=not applicable\t",
]
RATIONALES = [
    "CPT Manual or CMS manual coding instruction",
    "Misuse of Column Two code with Column One code",
    "Mutually exclusive procedures",
    "Standards of medical/surgical practice",
    "More extensive procedure",
    "HCPCS/CPT procedure code definition",
]
DISTINCT_TAILS = 4096  # date, flag and indicator combinations reused across rows
PEER_TABLE = (
    "CREATE TABLE ptp (column1 TEXT, column2 TEXT, prior_1996 TEXT, "
    "effective TEXT, deletion TEXT, modifier TEXT, rationale TEXT);"
)
PEER_INDEXES = (
    "CREATE INDEX ptp_column1 ON ptp (column1);\n"
    "CREATE INDEX ptp_column2 ON ptp (column2);"
)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_000_000, help="data rows")
    parser.add_argument("--seed", type=int, default=322, help="generator seed")
    parser.add_argument(
        "--work-dir",
        type=Path,
        default=WORK / "import_ptp",
        help="folder for the generated files and databases; its databases are "
        "deleted and made again on each run (default: bench/work/import_ptp)",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep an already generated file of the requested size instead of "
        "writing it again",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="afterwards, import once more under cProfile into another fresh database "
        "and print the functions with the most own time",
    )
    return parser.parse_args()


def fee_schedule_codes():
    with open(PFS_FILE, newline="", encoding="utf-8") as handle:
        codes = {row["hcpcs"] for row in csv.DictReader(handle) if not row["mod"]}
    return sorted(code for code in codes if len(code) == 5 and code.isalnum())


def quarter_starts():
    return [
        f"{year}{month:02d}01" for year in range(1996, 2027) for month in (1, 4, 7, 10)
    ]


def row_tails(rng, count):
    """Build the columns after the code pair: flag, dates, indicator and rationale."""
    starts = [date for date in quarter_starts() if date <= "20260701"]
    tails = []
    for _ in range(count):
        effective = rng.choice(starts)
        indicator = rng.choices("019", weights=(12, 83, 5))[0]
        if indicator == "9":
            deletion = effective  # not-applicable edits end on the day they start
        elif rng.random() < 0.75:
            deletion = "*"
        else:
            deletion = quarter_end_after(rng, effective)
        prior = "*" if effective == "19960101" and rng.random() < 0.5 else ""
        rationale = rng.choice(RATIONALES)
        tails.append(f"{prior}\t{effective}\t{deletion}\t{indicator}\t{rationale}")
    return tails


def quarter_end_after(rng, effective):
    year = rng.randint(int(effective[:4]), 2026)
    month, day = rng.choice([("03", "31"), ("06", "30"), ("09", "30"), ("12", "31")])
    end = f"{year}{month}{day}"
    return end if end >= effective else f"{effective[:4]}1231"


def rows_per_code(rng, codes, total):
    """Split `total` rows over the codes with a skew, as some codes carry many edits."""
    weights = [rng.expovariate(1.0) for _ in codes]
    scale = total / sum(weights)
    counts = [min(len(codes) - 1, int(weight * scale)) for weight in weights]
    index = 0
    while sum(counts) < total:
        if counts[index] < len(codes) - 1:
            counts[index] += 1
        index = (index + 1) % len(codes)
    return counts


def generate(path, rows, seed):
    rng = random.Random(seed)
    codes = fee_schedule_codes()
    tails = row_tails(rng, DISTINCT_TAILS)
    counts = rows_per_code(rng, codes, rows)
    with open(path, "w", encoding="ascii", newline="\n") as handle:
        handle.write("\n".join(HEADER) + "\n")
        for column1, count in zip(codes, counts, strict=True):
            pairs = sorted(rng.sample(codes, count + 1))
            pairs = [code for code in pairs if code != column1][:count]
            lines = [
                f"{column1}\t{column2}\t{tail}\n"
                for column2, tail in zip(
                    pairs, rng.choices(tails, k=count), strict=True
                )
            ]
            handle.writelines(lines)
    return len(codes)


def write_data_lines(source, target):
    with open(source, "rb") as reading, open(target, "wb") as writing:
        for _ in HEADER:
            reading.readline()
        shutil.copyfileobj(reading, writing, 1 << 20)


def run_measured(command, log_path, env=None, stdin_text=None):
    """Run a child process; return (exit status, wall seconds, rusage)."""
    with open(log_path, "wb") as log:
        started = time.perf_counter()
        process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE if stdin_text else subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
        if stdin_text:
            process.stdin.write(stdin_text.encode())
            process.stdin.close()
        # wait4 returns the usage of this child alone, unlike RUSAGE_CHILDREN.
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, wall, usage


def describe(name, status, wall, usage):
    peak_mb = usage.ru_maxrss / 1024  # Linux reports ru_maxrss in KiB
    print(
        f"{name:<40} wall {wall:6.2f} s  user {usage.ru_utime:6.2f} s  "
        f"sys {usage.ru_stime:5.2f} s  peak RSS {peak_mb:6.1f} MB  exit {status}"
    )
    return peak_mb


def imported_rows(database):
    with sqlite3.connect(database) as connection:
        release = connection.execute(
            "SELECT id, rows FROM codes_datarelease WHERE kind = 'ncci-ptp' "
            "AND is_current AND file_name = ?",
            [FILE_NAME],
        ).fetchone()
        if release is None:
            return 0, 0
        stored = connection.execute(
            "SELECT count(*) FROM codes_ptpedit WHERE release_id = ?", [release[0]]
        ).fetchone()[0]
    return release[1], stored


def fresh_database(data_dir):
    shutil.rmtree(data_dir, ignore_errors=True)
    started = time.perf_counter()
    database = prepare_database(data_dir)
    elapsed = time.perf_counter() - started
    print(f"fresh database with the bundled data set up in {elapsed:.2f} s (untimed)")
    return database, dict(cptdesk_env(data_dir), CPTDESK_LOG_LEVEL="WARNING")


def run_app_import(work, ptp_file):
    database, env = fresh_database(work / "app-data")
    command = [str(CPTDESK), "import", "ncci-ptp", str(ptp_file)]
    status, wall, usage = run_measured(command, work / "app-import.log", env)
    peak_mb = describe("cptdesk import ncci-ptp", status, wall, usage)
    return status, wall, peak_mb, database


def profile_app_import(work, ptp_file, top=10):
    """Import under cProfile into another fresh database; print the top functions."""
    _, env = fresh_database(work / "profile-data")
    profile = work / "app-import.prof"
    command = [str(PYTHON), "-m", "cProfile", "-o", str(profile), "-m", "cptdesk.cli"]
    command += ["import", "ncci-ptp", str(ptp_file)]
    status, wall, usage = run_measured(command, work / "profile-import.log", env)
    describe("cptdesk import under cProfile", status, wall, usage)
    output = io.StringIO()
    pstats.Stats(str(profile), stream=output).sort_stats("tottime").print_stats(top)
    print(output.getvalue())
    return status


# Peer variants: where the two code indexes are built relative to the .import.
PEER_VARIANTS = {
    "sqlite3 .import": "none",
    "sqlite3 .import, then 2 indexes": "after",
    "sqlite3 .import into 2 indexes": "before",
}


def run_peer(work, tsv_file, name, indexes):
    database = work / f"peer-{indexes}.sqlite3"
    database.unlink(missing_ok=True)
    script = PEER_TABLE + "\n"
    if indexes == "before":
        script += PEER_INDEXES + "\n"
    script += f".mode tabs\n.import {tsv_file} ptp\n"
    if indexes == "after":
        script += PEER_INDEXES + "\n"
    script += "SELECT count(*) FROM ptp;\n"
    log_path = work / f"peer-{indexes}.log"
    status, wall, usage = run_measured(
        [shutil.which("sqlite3"), str(database)], log_path, stdin_text=script
    )
    describe(name, status, wall, usage)
    output = log_path.read_text().strip().splitlines()
    database.unlink(missing_ok=True)
    return status, int(output[-1]) if output and output[-1].isdigit() else 0


def main():
    options = parse_args()
    if shutil.which("sqlite3") is None:
        raise RuntimeError("the sqlite3 shell is missing: apt-get install sqlite3")
    work = options.work_dir
    work.mkdir(parents=True, exist_ok=True)
    ptp_file, tsv_file = work / FILE_NAME, work / "ptp-rows.tsv"
    print(f"load average before: {os.getloadavg()}")

    expected_lines = options.rows + len(HEADER)
    if not (
        options.reuse and ptp_file.exists() and count_lines(ptp_file) == expected_lines
    ):
        started = time.perf_counter()
        code_count = generate(ptp_file, options.rows, options.seed)
        print(
            f"generated {ptp_file.name}: {options.rows:,} rows over {code_count:,} "
            f"column 1 codes in {time.perf_counter() - started:.1f} s"
        )
    write_data_lines(ptp_file, tsv_file)
    print(f"file size {ptp_file.stat().st_size / 1e6:.1f} MB")

    status, wall, peak_mb, database = run_app_import(work, ptp_file)
    release_rows, stored = imported_rows(database)
    print(f"  rows recorded {release_rows:,}, rows stored {stored:,}")
    peer_results = [
        run_peer(work, tsv_file, name, indexes)
        for name, indexes in PEER_VARIANTS.items()
    ]
    print(f"load average after: {os.getloadavg()}")
    profile_status = profile_app_import(work, ptp_file) if options.profile else 0

    print(f"target wall <= {TARGET_SECONDS} s: {verdict(wall <= TARGET_SECONDS)}")
    print(f"target peak RSS <= {TARGET_RSS_MB} MB: {verdict(peak_mb <= TARGET_RSS_MB)}")
    wrong = [count for _, count in peer_results if count != options.rows]
    failed = status != 0 or stored != options.rows or wrong
    failed = failed or profile_status or any(code for code, _ in peer_results)
    return 1 if failed else 0


def verdict(met):
    return "met" if met else "MISSED"


def count_lines(path):
    with open(path, "rb") as handle:
        return sum(
            chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b"")
        )


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (OSError, RuntimeError, subprocess.CalledProcessError) as error:
        print(f"import_ptp failed: {error}", file=sys.stderr)
        sys.exit(1)
