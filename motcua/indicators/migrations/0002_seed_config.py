import datetime

from django.db import migrations


def seed(apps, schema_editor):
    from motcua.indicators.index766 import default_config

    IndexConfig = apps.get_model("indicators", "IndexConfig")
    if not IndexConfig.objects.exists():
        IndexConfig.objects.create(
            effective_from=datetime.date(2024, 1, 1),
            data=default_config(),
            note="QĐ 766/QĐ-TTg: trọng số nhóm 18/20/12/10/22/18; điểm từng chỉ tiêu là giả định (xem index766.py)",
        )


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_index_config")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
