import django.db.models.deletion
from django.db import migrations, models


def create_index(apps, schema_editor):
    """FTS5 on SQLite, a GIN index on the words' tsvector on PostgreSQL."""
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE search_section_fts USING fts5(words, content='search_section', content_rowid='id')"
        )
        schema_editor.execute(
            "CREATE TRIGGER search_section_ai AFTER INSERT ON search_section BEGIN "
            "INSERT INTO search_section_fts(rowid, words) VALUES (new.id, new.words); END"
        )
        schema_editor.execute(
            "CREATE TRIGGER search_section_ad AFTER DELETE ON search_section BEGIN "
            "INSERT INTO search_section_fts(search_section_fts, rowid, words) VALUES ('delete', old.id, old.words); END"
        )
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX search_section_words_gin ON search_section USING GIN (to_tsvector('simple', words))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_section_fts")
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_section_words_gin")


class Migration(migrations.Migration):
    initial = True
    dependencies = [("plans", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="Section",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("position", models.PositiveIntegerField()),
                ("path", models.CharField(help_text="第三章 › 第一节", max_length=200, verbose_name="位置")),
                ("title", models.CharField(max_length=300, verbose_name="标题")),
                ("text", models.TextField(blank=True, verbose_name="正文")),
                ("words", models.TextField(blank=True, help_text="the text cut into words, space-separated", verbose_name="分词")),
                (
                    "plan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="sections", to="plans.plan"
                    ),
                ),
            ],
            options={"verbose_name": "章节", "verbose_name_plural": "章节", "ordering": ["plan", "position"]},
        ),
        migrations.RunPython(create_index, drop_index),
    ]
