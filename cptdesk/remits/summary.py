"""Keep the daily summary that the trends dashboard reads in step with the entries.

Every write to learning-log entries calls refresh_days() inside the write's
transaction. It deletes the summary rows of the days the write touched and aggregates those days
again from the entries. A summary day is therefore always a function of the entries
stored for it, so an edit, a status change or a re-import cannot count an entry twice.
"""

import logging

from django.db import connection, transaction

from cptdesk.accounts.models import Practice

from .choices import SummaryDimension
from .models import DailySummary, LearningEntry

logger = logging.getLogger(__name__)

# The entry columns each dimension groups by. A column outside the dimension is
# stored blank (NULL for the root cause), so rows of one dimension never split.
GROUPED_COLUMNS = {
    SummaryDimension.CATEGORY: ("category",),
    SummaryDimension.PAYER: ("payer_name",),
    SummaryDimension.CODE: ("reason_code",),
    SummaryDimension.OWNER: ("responsible_role",),
    SummaryDimension.CAUSE: ("root_cause_id", "missed_trigger"),
}
BLANKS = {
    "category": "''",
    "payer_name": "''",
    "reason_code": "''",
    "root_cause_id": "NULL",
    "responsible_role": "''",
    "missed_trigger": "''",
}

# The entry attributes the summary depends on. A write that changes none of them,
# such as a status change, leaves the summary as it is.
SUMMARIZED_FIELDS = (
    "occurred_on",
    "kind",
    *BLANKS,
    "amount",
    "staff_minutes",
)


def summarized_values(entry):
    """Return the values of an entry that its summary rows depend on."""
    return tuple(getattr(entry, name) for name in SUMMARIZED_FIELDS)


def refresh_days(practice_id, days):
    """Aggregate the practice's entries of the given days into the summary again."""
    days = sorted(set(days))
    if not days:
        return
    with transaction.atomic():
        _lock_practice(practice_id)
        DailySummary.objects.filter(
            practice_id=practice_id, occurred_on__in=days
        ).delete()
        for dimension in SummaryDimension:
            _insert_aggregates(dimension, practice_id, days)


def rebuild(practice_id):
    """Replace every summary row of a practice with aggregates of its entries."""
    with transaction.atomic():
        _lock_practice(practice_id)
        DailySummary.objects.filter(practice_id=practice_id).delete()
        for dimension in SummaryDimension:
            _insert_aggregates(dimension, practice_id, None)
        rows = DailySummary.objects.filter(practice_id=practice_id).count()
    logger.info("Rebuilt the daily summary of practice %s: %s rows", practice_id, rows)
    return rows


def _lock_practice(practice_id):
    """Serialize summary writes of one practice until the transaction ends.

    Without the lock, two PostgreSQL transactions refreshing the same day could each
    insert that day's aggregates, and the day would count twice. A NO KEY lock leaves
    inserts that refer to the practice free. SQLite runs one writer at a time anyway,
    so Django leaves the clause out there.
    """
    list(
        Practice.objects.select_for_update(no_key=True)
        .filter(pk=practice_id)
        .values_list("pk", flat=True)
    )


def _insert_aggregates(dimension, practice_id, days):
    """Insert one dimension's rows for the given days, or all days when None.

    INSERT ... SELECT keeps the entries in the database: an import of thousands of
    denials adds a few hundred summary rows without reading an entry into Python.
    """
    quote = connection.ops.quote_name
    grouped = GROUPED_COLUMNS[dimension]
    values = [
        quote(name) if name in grouped else blank for name, blank in BLANKS.items()
    ]
    columns = ["practice_id", "dimension", "occurred_on", "kind", *BLANKS]
    columns += ["entries", "amount", "staff_minutes"]
    sql = (
        f"INSERT INTO {quote(DailySummary._meta.db_table)} "
        f"({', '.join(quote(name) for name in columns)}) "
        f"SELECT %s, %s, occurred_on, kind, {', '.join(values)}, "
        "COUNT(*), SUM(amount), SUM(staff_minutes) "
        f"FROM {quote(LearningEntry._meta.db_table)} WHERE practice_id = %s"
    )
    params = [practice_id, dimension.value, practice_id]
    if days is not None:
        sql += f" AND occurred_on IN ({', '.join(['%s'] * len(days))})"
        params += [connection.ops.adapt_datefield_value(day) for day in days]
    sql += f" GROUP BY occurred_on, kind, {', '.join(quote(n) for n in grouped)}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
