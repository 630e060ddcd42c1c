# Scope tokens in the SQLite FTS5 index: site and canonical filters run inside the index (the old
# join filtered every match afterwards and made a site search scan the site's documents).

from django.db import migrations, models

DROP = ["DROP TRIGGER IF EXISTS publish_search_au", "DROP TRIGGER IF EXISTS publish_search_ad",
        "DROP TRIGGER IF EXISTS publish_search_ai", "DROP TABLE IF EXISTS publish_search_fts"]
FILL_SCOPE = ("UPDATE publish_searchdocument SET scope = trim("
              "(CASE WHEN is_canonical THEN 'dlcanon ' ELSE '' END) ||"
              " (CASE WHEN site_primary THEN 'dlsite' || site_id ELSE '' END))")
COLUMNS = "headline, body, scope"
NEW = "new.article_id, new.headline, new.body, new.scope"
OLD = "old.article_id, old.headline, old.body, old.scope"
CREATE = [
    FILL_SCOPE,
    f"CREATE VIRTUAL TABLE publish_search_fts USING fts5({COLUMNS}, content='publish_searchdocument',"
    " content_rowid='article_id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER publish_search_ai AFTER INSERT ON publish_searchdocument BEGIN"
    f" INSERT INTO publish_search_fts(rowid, {COLUMNS}) VALUES ({NEW}); END",
    "CREATE TRIGGER publish_search_ad AFTER DELETE ON publish_searchdocument BEGIN"
    f" INSERT INTO publish_search_fts(publish_search_fts, rowid, {COLUMNS}) VALUES ('delete', {OLD}); END",
    "CREATE TRIGGER publish_search_au AFTER UPDATE ON publish_searchdocument BEGIN"
    f" INSERT INTO publish_search_fts(publish_search_fts, rowid, {COLUMNS}) VALUES ('delete', {OLD});"
    f" INSERT INTO publish_search_fts(rowid, {COLUMNS}) VALUES ({NEW}); END",
    "INSERT INTO publish_search_fts(publish_search_fts) VALUES ('rebuild')",
]
# Back to migration 0002's table: headline and body only.
RESTORE = [
    "CREATE VIRTUAL TABLE publish_search_fts USING fts5(headline, body, content='publish_searchdocument',"
    " content_rowid='article_id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER publish_search_ai AFTER INSERT ON publish_searchdocument BEGIN"
    " INSERT INTO publish_search_fts(rowid, headline, body) VALUES (new.article_id, new.headline, new.body); END",
    "CREATE TRIGGER publish_search_ad AFTER DELETE ON publish_searchdocument BEGIN"
    " INSERT INTO publish_search_fts(publish_search_fts, rowid, headline, body)"
    " VALUES ('delete', old.article_id, old.headline, old.body); END",
    "CREATE TRIGGER publish_search_au AFTER UPDATE ON publish_searchdocument BEGIN"
    " INSERT INTO publish_search_fts(publish_search_fts, rowid, headline, body)"
    " VALUES ('delete', old.article_id, old.headline, old.body);"
    " INSERT INTO publish_search_fts(rowid, headline, body) VALUES (new.article_id, new.headline, new.body); END",
    "INSERT INTO publish_search_fts(publish_search_fts) VALUES ('rebuild')",
]


def _sqlite(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for sql in statements:
                schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):

    dependencies = [
        ('publish', '0003_consent_record'),
    ]

    operations = [
        # SQLite rebuilds the table to add a NOT NULL column, which would drop the triggers anyway.
        migrations.RunPython(_sqlite(DROP), _sqlite(RESTORE)),
        migrations.AddField(
            model_name='searchdocument',
            name='scope',
            field=models.TextField(default=''),
        ),
        migrations.RunPython(_sqlite(CREATE), _sqlite(DROP)),
    ]
