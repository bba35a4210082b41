"""Phone, ID number and e-mail encrypted at rest: the columns hold ciphertext, the existing rows are encrypted
(and their keyed hashes filled) with the newest key of MOTCUA_DATA_KEYS. Reversible: the plaintext is written back."""

from functools import partial

from django.db import migrations

import motcua.lib.crypto_fields
from motcua.lib.crypto_fields import reseal_step, unseal_step

MODELS = ['health_pilot.HealthRecordUse']


class Migration(migrations.Migration):

    dependencies = [
        ('health_pilot', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='healthrecorduse',
            name='subject_id_number',
            field=motcua.lib.crypto_fields.EncryptedField(max_length=20, verbose_name='số định danh của người được cấp'),
        ),
        migrations.RunPython(partial(reseal_step, labels=MODELS), partial(unseal_step, labels=MODELS)),
    ]
