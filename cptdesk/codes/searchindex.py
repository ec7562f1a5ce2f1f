"""The search table behind search-as-you-type, rebuilt from the reference data.

SearchEntry holds one row per searchable code. On SQLite an FTS5 table indexes its title
and body; on PostgreSQL a GIN index over a `simple` text-search vector does the same job.
Both are created by the codes migrations.
"""

import logging

from django.db import connection

from .anatomy import explain
from .choices import DataKind, EntryKind
from .models import (
    AdjustmentCode,
    CptDescriptor,
    DataRelease,
    HcpcsCode,
    PfsIndicator,
    PlaceOfService,
    SearchEntry,
)

logger = logging.getLogger(__name__)

FTS_TABLE = "codes_search_fts"


def rebuild(kind, practice=None):
    """Replace the search entries that come from one data set."""
    builder = BUILDERS.get(kind)
    if builder is None:
        return
    entry_kinds = builder(practice)
    refresh_text_index()
    logger.info("Rebuilt search entries for %s", ", ".join(entry_kinds))


def replace_practice_entries(practice, kind, entries):
    """Replace one practice's entries of a kind, such as its catalog services.

    Entries need practice, kind, code, title and body; they have no release.
    """
    replace_entries([kind], entries, practice)
    refresh_text_index()


def refresh_text_index():
    """Rebuild the FTS5 table on SQLite, and refresh the planner's statistics.

    Without fresh statistics SQLite may plan a code-prefix search as a scan of every
    entry; PostgreSQL's GIN indexes follow the table by themselves.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES('rebuild')")
        cursor.execute(f"ANALYZE {SearchEntry._meta.db_table}")


def replace_entries(kinds, entries, practice=None):
    SearchEntry.objects.filter(kind__in=kinds, practice=practice).delete()
    SearchEntry.objects.bulk_create(entries, batch_size=2000)
    return kinds


def current_release_ids(kind, practice=None):
    releases = DataRelease.objects.current().filter(kind=kind, practice=practice)
    return list(releases.values_list("pk", flat=True))


def build_hcpcs(practice):
    rows = HcpcsCode.objects.filter(release_id__in=current_release_ids(DataKind.HCPCS))
    entries = [
        SearchEntry(
            release_id=row.release_id,
            kind=EntryKind.MODIFIER if row.is_modifier else EntryKind.HCPCS,
            code=row.code,
            title=row.short_description,
            body=row.long_description,
        )
        for row in rows.iterator()
    ]
    return replace_entries([EntryKind.HCPCS, EntryKind.MODIFIER], entries)


def build_pfs(practice):
    """Add the CPT code numbers of the fee schedule; HCPCS codes come from their own file."""
    rows = PfsIndicator.objects.filter(
        release_id__in=current_release_ids(DataKind.PFS), modifier=""
    ).values_list("code", "release_id")
    entries = [
        SearchEntry(release_id=release_id, kind=EntryKind.CPT, code=code)
        for code, release_id in rows.iterator()
        if explain(code).is_cpt
    ]
    return replace_entries([EntryKind.CPT], entries)


def build_pos(practice):
    rows = PlaceOfService.objects.filter(
        release_id__in=current_release_ids(DataKind.POS)
    )
    entries = [
        SearchEntry(
            release_id=row.release_id,
            kind=EntryKind.POS,
            code=row.code,
            title=row.name,
            body=row.description,
        )
        for row in rows.iterator()
    ]
    return replace_entries([EntryKind.POS], entries)


def build_adjustments(kind):
    def build(practice):
        rows = AdjustmentCode.objects.filter(
            release_id__in=current_release_ids(kind), kind=kind
        )
        entries = [
            SearchEntry(
                release_id=row.release_id,
                kind=kind,
                code=row.code,
                title=row.meaning or row.official_text[:300],
                body=row.official_text,
            )
            for row in rows.iterator()
        ]
        return replace_entries([kind], entries)

    return build


def build_cpt(practice):
    """Add the practice's licensed descriptors, visible to that practice only."""
    rows = CptDescriptor.objects.filter(
        release_id__in=current_release_ids(DataKind.CPT, practice), practice=practice
    )
    entries = [
        SearchEntry(
            release_id=row.release_id,
            practice=practice,
            kind=EntryKind.CPT,
            code=row.code,
            title=row.descriptor[:300],
            body=row.descriptor,
        )
        for row in rows.iterator()
    ]
    return replace_entries([EntryKind.CPT], entries, practice)


BUILDERS = {
    DataKind.HCPCS: build_hcpcs,
    DataKind.PFS: build_pfs,
    DataKind.POS: build_pos,
    DataKind.CARC: build_adjustments("carc"),
    DataKind.RARC: build_adjustments("rarc"),
    DataKind.CPT: build_cpt,
}
