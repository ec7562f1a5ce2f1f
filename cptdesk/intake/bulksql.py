"""Insert, update and filter thousands of rows with plain SQL, not model instances.

A 10,000-visit schedule writes about 30,000 rows. Building a model instance per row and
letting the ORM prepare every value takes seconds, while `cursor.executemany` on value
tuples takes a fraction of that. Only the fields whose Python value differs from the
database value (dates, times, JSON) pass through their field's adaptation.
"""

from django.db import connection

CHUNK_SIZE = 2000  # values per IN list, well under SQLite's 32,766 bound parameters
INSERT_BATCH = 5000  # rows per executemany call
ADAPTED_TYPES = {"DateField", "DateTimeField", "TimeField", "JSONField", "DecimalField"}


def chunked(values, size=CHUNK_SIZE):
    """Yield lists of at most `size` values, so IN lists stay within the bound."""
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


def insert_rows(model, columns, rows):
    """Insert tuples of values, one per row, in the order of `columns` (field names).

    Returns the number of rows inserted. Defaults of the model are not applied, so the
    caller passes every column that is not nullable.
    """
    fields = [model._meta.get_field(name) for name in columns]
    quote = connection.ops.quote_name
    names = ", ".join(quote(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES ({placeholders})"
    return execute_rows(sql, fields, rows)


def update_rows(model, columns, rows):
    """Update rows by primary key from tuples of the `columns` values, then the key.

    Returns the number of tuples given. QuerySet.bulk_update builds and compiles an
    ORM expression for every value, which takes minutes for a large schedule, while
    this sends one plain UPDATE per row.
    """
    fields = [model._meta.get_field(name) for name in columns]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    table, key = quote(model._meta.db_table), quote(model._meta.pk.column)
    sql = f"UPDATE {table} SET {assignments} WHERE {key} = %s"
    return execute_rows(sql, fields, rows)


def execute_rows(sql, fields, rows):
    """Run `sql` once per row, adapting the values of `fields` at the row's start."""
    # Rows repeat a few dates and times, such as the moment of the write, so each
    # column remembers the values it has adapted.
    adapted = [
        (index, field, {})
        for index, field in enumerate(fields)
        if field.get_internal_type() in ADAPTED_TYPES
    ]
    count = 0
    with connection.cursor() as cursor:
        for batch in chunked(rows, INSERT_BATCH):
            if adapted:
                batch = [adapt_row(row, adapted) for row in batch]
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def adapt_row(row, adapted):
    row = list(row)
    for index, field, memo in adapted:
        value = row[index]
        try:
            row[index] = memo[value]
        except KeyError:
            row[index] = memo[value] = field.get_db_prep_save(value, connection)
        except TypeError:  # a dict or list for a JSON field cannot be a memo key
            row[index] = field.get_db_prep_save(value, connection)
    return row
