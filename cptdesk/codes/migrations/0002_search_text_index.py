"""Full-text index over search entries: FTS5 on SQLite, a GIN index on PostgreSQL."""

from django.db import migrations

SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE codes_search_fts USING fts5("
    "title, body, content='codes_searchentry', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')"
)
SQLITE_DROP = "DROP TABLE IF EXISTS codes_search_fts"
POSTGRES_CREATE = [
    "CREATE INDEX codes_searchentry_text_gin ON codes_searchentry "
    "USING gin (to_tsvector('simple', title || ' ' || body))",
    "CREATE INDEX codes_searchentry_title_gin ON codes_searchentry "
    "USING gin (to_tsvector('simple', title))",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS codes_searchentry_text_gin",
    "DROP INDEX IF EXISTS codes_searchentry_title_gin",
]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)
    elif vendor == "postgresql":
        for statement in POSTGRES_CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP)
    elif vendor == "postgresql":
        for statement in POSTGRES_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("codes", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
