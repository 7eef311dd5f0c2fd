"""The network's themes, countries and regions, and levels."""

from django.db import migrations
from django.utils.text import slugify

THEMES = [
    "Human security concepts",
    "Good governance",
    "Reconciliation",
    "Social inclusion",
    "Organised crime and illicit economies",
    "Extremism and radicalisation",
    "Civil-military relations",
    "Police accountability",
]
COUNTRIES = [
    "Bosnia and Herzegovina",
    "Bulgaria",
    "Kosovo",
    "Montenegro",
    "Serbia",
    "Turkey",
    "Western Balkans regional",
    "EU level",
]
LEVELS = ["Introductory", "Intermediate", "Advanced"]


def seed(apps, schema_editor):
    for model_name, names in (("Theme", THEMES), ("Country", COUNTRIES)):
        model = apps.get_model("courses", model_name)
        for name in names:
            model.objects.get_or_create(slug=slugify(name), defaults={"name": name})
    Level = apps.get_model("courses", "Level")
    for order, name in enumerate(LEVELS):
        Level.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "sort_order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("courses", "0002_course_catalogue_fields_and_taxonomy")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
