"""The public reference files shipped in cptdesk/codes/data and their first-use loading."""

import logging
from pathlib import Path

from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from .actions import file_sha256, import_reference_file
from .choices import DataKind
from .models import DataRelease

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"

# (data set, file, release label); None lets the reader derive the label from the file name.
BUNDLED_FILES = [
    (DataKind.POS, "place_of_service.csv", "CMS place of service code set"),
    (DataKind.HCPCS, "HCPC2026_JAN_ANWEB_01122026.txt", None),
    (
        DataKind.PFS,
        "pprrvu_2025_oct_indicators_no_descriptors.csv",
        "PFS RVU 2025 October (indicators, no descriptors)",
    ),
    (DataKind.NCCI_PTP, "ccipra-v322r0-f1.excerpt.txt", "NCCI PTP 2026 Q3 excerpt"),
    (
        DataKind.MUE,
        "MCR_MUE_PractitionerServices_Eff_07-01-2026.excerpt.csv",
        "MUE practitioner 2026-07-01 excerpt",
    ),
    (DataKind.PRIOR_AUTH, "opd_prior_auth_codes.csv", None),
    (DataKind.PRIOR_AUTH, "dmepos_required_prior_auth_list.csv", None),
    (DataKind.CARC, "carc_codes.csv", "CARC code numbers (2026-05)"),
    (DataKind.RARC, "rarc_codes.csv", "RARC code numbers (2026-05)"),
]


def needs_migration():
    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def ensure_ready(out):
    """Create and migrate the database and load the bundled data when that is missing."""
    if needs_migration():
        out.write(f"Setting up the database ({describe_database()})...\n")
        call_command("migrate", verbosity=0, interactive=False)
    if not DataRelease.objects.exists():
        out.write("Loading the bundled public reference data (first use only)...\n")
        load_bundled(out)


def load_bundled(out, progress_factory=None):
    """Load each bundled file that was never loaded before.

    A file loaded once is not loaded again, even when a newer release has replaced it since,
    so running set-up again never brings back an older release.
    """
    for kind, name, label in BUNDLED_FILES:
        path = DATA_DIR / name
        if DataRelease.objects.filter(sha256=file_sha256(path)).exists():
            continue
        progress = progress_factory(path) if progress_factory else None
        result = import_reference_file(kind, path, label=label, progress=progress)
        out.write(f"  {result.message}\n")


def describe_database():
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"SQLite file {settings['NAME']}"
    return f"{connection.vendor} database {settings['NAME']}"
