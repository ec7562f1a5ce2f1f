"""Writes for reference data: importing a release of a data set and rebuilding search."""

import hashlib
import logging
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, transaction

from cptdesk.lib.inputerrors import InputFileError

from . import loaders, searchindex
from .choices import DataKind
from .models import CptDescriptor, DataRelease

logger = logging.getLogger(__name__)

BATCH_SIZE = 5000


@dataclass
class ImportResult:
    release: DataRelease
    created: bool  # False when the same file was already loaded, so nothing changed

    @property
    def message(self):
        release = self.release
        if not self.created:
            return (
                f"{release.file_name} is already loaded as {release.label}; "
                "nothing changed."
            )
        rows = "row" if release.rows == 1 else "rows"
        return (
            f"Loaded {release.rows:,} {rows} of {release.label} "
            f"from {release.file_name}."
        )


def file_sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def import_reference_file(
    kind, path, *, user=None, practice=None, label=None, progress=None, **options
):
    """Load one reference file as the current release of its data set.

    The whole file loads in one transaction, so a malformed line leaves the database as it
    was. Loading a file whose contents are already current changes nothing. `progress` is
    called with the number of source lines read so far.
    """
    path = Path(path)
    loader = loaders.get(kind)
    if loader.practice_owned and practice is None:
        raise ValueError(f"{kind} data belongs to a practice; name the practice")
    if not loader.practice_owned:
        practice = None
    digest = file_sha256(path)

    same = DataRelease.objects.current().filter(
        kind=kind, practice=practice, sha256=digest
    )
    if same.exists():
        return ImportResult(same.first(), created=False)

    label = label or loader.release_label(path)
    with transaction.atomic():
        release = DataRelease.objects.create(
            kind=kind,
            label=label,
            series=loader.series(path),
            file_name=path.name,
            sha256=digest,
            loaded_by=user,
            practice=practice,
        )
        retire_superseded(loader, release)
        release.rows = insert_rows(loader, release, path, progress, options)
        if release.rows == 0:
            raise InputFileError(
                path, None, None, "the file holds no data rows", loader.expected_format
            )
        release.save(update_fields=["rows"])
        searchindex.rebuild(kind, practice)

    logger.info(
        "Imported %s release %s: %s rows from %s",
        kind,
        release.pk,
        release.rows,
        path.name,
    )
    return ImportResult(release, created=True)


def retire_superseded(loader, release):
    """Mark the releases that the new one replaces as no longer current; drop their rows."""
    older = DataRelease.objects.current().filter(
        kind=release.kind, practice=release.practice
    )
    older = loader.superseded(older.exclude(pk=release.pk), release)
    retired = list(older.values_list("pk", flat=True))
    if not retired:
        return
    loader.model.objects.filter(release_id__in=retired).delete()
    DataRelease.objects.filter(pk__in=retired).update(is_current=False)
    logger.info("Retired %s releases %s", release.kind, retired)


@contextmanager
def indexes_built_after(model):
    """Drop the model's indexes for a bulk load and build them again at the end.

    Building an index once over millions of sorted rows is several times faster than
    updating it row by row. The statements run inside the import's transaction, so a
    failed load leaves the indexes as they were.
    """
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        for index in model._meta.indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(index.name)}")
        yield
        if connection.vendor == "postgresql":
            # PostgreSQL refuses CREATE INDEX on a table with deferred foreign-key
            # checks still pending from the inserts, so run those checks now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for index in model._meta.indexes:
            columns = ", ".join(
                connection.ops.quote_name(model._meta.get_field(name).column)
                for name in index.fields
            )
            name = connection.ops.quote_name(index.name)
            cursor.execute(f"CREATE INDEX {name} ON {table} ({columns})")


def insert_rows(loader, release, path, progress, options):
    """Stream the reader's records into the loader's table; return the row count."""
    if loader.bulk:
        with indexes_built_after(loader.model):
            return insert_batches(loader, release, path, progress, options)
    return insert_batches(loader, release, path, progress, options)


def insert_batches(loader, release, path, progress, options):
    table = connection.ops.quote_name(loader.model._meta.db_table)
    columns = ["release_id", *loader.columns]
    if loader.practice_owned:
        columns.append("practice_id")
    names = ", ".join(connection.ops.quote_name(name) for name in columns)
    placeholders = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {table} ({names}) VALUES ({placeholders})"

    prefix = (release.pk,)
    suffix = (release.practice_id,) if loader.practice_owned else ()
    count = 0
    batch = []
    with connection.cursor() as cursor:
        for record in loader.read(path, **options):
            batch.append(prefix + loader.row(record) + suffix)
            if len(batch) >= BATCH_SIZE:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch.clear()
                if progress:
                    progress(record.line)
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


@transaction.atomic
def set_cpt_licence(practice, declared, user=None):
    """Record whether the practice has a CPT licence.

    Withdrawing it retires the practice's loaded CPT descriptors, so no CPT text stays
    on screen once the practice no longer says it may show it.
    """
    practice.cpt_licence_declared = declared
    practice.save(update_fields=["cpt_licence_declared"])
    if not declared:
        releases = DataRelease.objects.current().filter(
            kind=DataKind.CPT, practice=practice
        )
        retired = list(releases.values_list("pk", flat=True))
        CptDescriptor.objects.filter(release_id__in=retired).delete()
        releases.update(is_current=False)
        searchindex.rebuild(DataKind.CPT, practice)
    logger.info(
        "Practice %s set its CPT licence declaration to %s (user %s)",
        practice.pk,
        declared,
        user.pk if user else None,
    )
