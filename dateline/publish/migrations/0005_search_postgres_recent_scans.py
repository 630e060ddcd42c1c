# PostgreSQL search at 100,000 articles (publish/search/postgres.py, bench/bench_publish_search.py):
# the newest matches of a scope are found by walking the newest documents of that scope and testing
# each ``search_vector``. Two things made that walk slow, and this migration removes both.
#
# 1. The tsvector (~1.2 kB for a wire story) plus the body crossed the 2 kB TOAST threshold, so the
#    vector went out of line and every row tested cost a TOAST index lookup and a second page
#    (measured: 35 ms for 15,000 rows against 14 ms inline). Storage MAIN keeps the vector in the row
#    (compressed if it must be; out of line only when nothing else fits), storage EXTERNAL lets the
#    body, read only for the ten highlighted hits of a page, go out of line first
#    (https://www.postgresql.org/docs/current/storage-toast.html).
# 2. A site search walked every document newest first and threw away the other sites' rows after
#    reading them. Partial indexes per scope, ``article_id`` leading so the planner sees their order
#    follows the table's, let the walk skip other sites' rows inside the index.
#
# SQLite is untouched: its FTS5 index does this inside the index (migration 0004).

from django.db import migrations

CREATE = [
    "ALTER TABLE publish_searchdocument ALTER COLUMN search_vector SET STORAGE MAIN,"
    " ALTER COLUMN body SET STORAGE EXTERNAL",
    "CREATE INDEX publish_searchdocument_site_recent ON publish_searchdocument (article_id, site_id)"
    " WHERE site_primary",
    "CREATE INDEX publish_searchdocument_canonical_recent ON publish_searchdocument (article_id)"
    " WHERE is_canonical",
    # Storage applies to rows as they are written: rewrite the existing ones once (the stored
    # generated vector is computed again on UPDATE, so it is stored the new way). The old row
    # versions are reclaimed by (auto)vacuum; VACUUM FULL compacts the table if it matters.
    "UPDATE publish_searchdocument SET body = body",
    "ANALYZE publish_searchdocument",
]
DROP = [
    "DROP INDEX IF EXISTS publish_searchdocument_canonical_recent",
    "DROP INDEX IF EXISTS publish_searchdocument_site_recent",
    "ALTER TABLE publish_searchdocument ALTER COLUMN search_vector SET STORAGE EXTENDED,"
    " ALTER COLUMN body SET STORAGE EXTENDED",
]


def _postgres(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):

    dependencies = [
        ('publish', '0004_search_scope'),
    ]

    operations = [
        migrations.RunPython(_postgres(CREATE), _postgres(DROP)),
    ]
