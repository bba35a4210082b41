"""Outbox records (a dossier record carries the applicant's ID number) encrypted at rest; existing rows encrypted."""

from functools import partial

from django.db import migrations

import motcua.lib.crypto_fields
from motcua.lib.crypto_fields import reseal_step, unseal_step

MODELS = ['sync.OutboxRecord']


class Migration(migrations.Migration):

    dependencies = [
        ('sync', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='outboxrecord',
            name='payload',
            field=motcua.lib.crypto_fields.EncryptedJSONField(verbose_name='bản ghi đồng bộ'),
        ),
        migrations.RunPython(partial(reseal_step, labels=MODELS), partial(unseal_step, labels=MODELS)),
    ]
