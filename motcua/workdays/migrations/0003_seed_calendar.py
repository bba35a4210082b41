from django.db import migrations


def seed(apps, schema_editor):
    from motcua.workdays.seed import seed_calendar

    seed_calendar(
        apps.get_model("workdays", "OfficeHours"),
        apps.get_model("workdays", "CalendarOverride"),
        apps.get_model("workdays", "CalendarYear"),
    )


class Migration(migrations.Migration):

    dependencies = [
        ("workdays", "0002_calendaryear_alter_calendaroverride_kind"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
