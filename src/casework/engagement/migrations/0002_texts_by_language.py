"""Texts in several languages: each `<text>_en` / `<text>_fr` pair becomes one JSON field
{"en": …, "fr": …} (Spanish is added from the forms). The data is copied both ways; going
back keeps the English and French texts and drops any Spanish one."""

from django.db import migrations, models

# model -> [(JSON field, old column stem, verbose name)]
PAIRS = {
    "case": [("final_reports", "final_report", "final report")],
    "committeeyear": [("meetings", "meeting", "meeting")],
    "event": [("titles", "title", "title"), ("outcomes", "outcome", "outcome")],
    "exchangevisit": [("topics", "topic", "topic")],
    "logentry": [
        ("generated", "generated", "generated text"),
        ("edited", "edited", "text"),
    ],
    "priority": [("texts", "text", "text")],
}
OLD = ("en", "fr")  # the languages of the old columns


def forwards(apps, schema_editor):
    for model_name, pairs in PAIRS.items():
        model = apps.get_model("engagement", model_name)
        rows = list(model.objects.all())
        for row in rows:
            for field, stem, _ in pairs:
                texts = {
                    code: getattr(row, f"{stem}_{code}")
                    for code in OLD
                    if getattr(row, f"{stem}_{code}", "").strip()
                }
                setattr(row, field, texts)
        fields = [field for field, _, _ in pairs]
        model.objects.bulk_update(rows, fields, batch_size=500)


def backwards(apps, schema_editor):
    for model_name, pairs in PAIRS.items():
        model = apps.get_model("engagement", model_name)
        rows = list(model.objects.all())
        for row in rows:
            for field, stem, _ in pairs:
                texts = getattr(row, field) or {}
                for code in OLD:
                    value = texts.get(code, "")
                    setattr(row, f"{stem}_{code}", value if isinstance(value, str) else "")
        columns = [f"{stem}_{code}" for _, stem, _ in pairs for code in OLD]
        model.objects.bulk_update(rows, columns, batch_size=500)


def _add(model_name, field, verbose_name):
    return migrations.AddField(
        model_name=model_name,
        name=field,
        field=models.JSONField(blank=True, default=dict, verbose_name=verbose_name),
    )


# Old columns that had no default: given one first, so that going back can re-add them
# to rows that already exist (the copy back then fills them).
REQUIRED = {
    ("event", "title"): lambda verbose: models.CharField(
        default="", max_length=200, verbose_name=verbose
    ),
    ("exchangevisit", "topic"): lambda verbose: models.CharField(
        default="", max_length=200, verbose_name=verbose
    ),
    ("priority", "text"): lambda verbose: models.TextField(
        default="", verbose_name=verbose
    ),
}
LANGUAGE_NAMES = {"en": "English", "fr": "French"}


def _with_default(model_name, stem, code):
    field = REQUIRED[(model_name, stem)](f"{stem} in {LANGUAGE_NAMES[code]}")
    return migrations.AlterField(
        model_name=model_name, name=f"{stem}_{code}", field=field
    )


def _remove(model_name, stem, code):
    return migrations.RemoveField(model_name=model_name, name=f"{stem}_{code}")


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0001_cases_platforms_visits_events_log"),
    ]

    operations = [
        *(
            _add(model_name, field, verbose_name)
            for model_name, pairs in PAIRS.items()
            for field, _, verbose_name in pairs
        ),
        migrations.RunPython(forwards, backwards),
        *(
            _with_default(model_name, stem, code)
            for model_name, stem in REQUIRED
            for code in OLD
        ),
        *(
            _remove(model_name, stem, code)
            for model_name, pairs in PAIRS.items()
            for _, stem, _ in pairs
            for code in OLD
        ),
    ]
