"""Phone, ID number and e-mail encrypted at rest: the columns hold ciphertext, the existing rows are encrypted
(and their keyed hashes filled) with the newest key of MOTCUA_DATA_KEYS. Reversible: the plaintext is written back."""

from functools import partial

from django.db import migrations

import motcua.lib.crypto_fields
from motcua.lib.crypto_fields import reseal_step, unseal_step

MODELS = ['feedback.Feedback']


class Migration(migrations.Migration):

    dependencies = [
        ('feedback', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='feedback',
            name='email',
            field=motcua.lib.crypto_fields.EncryptedField(blank=True, email=True, max_length=254, verbose_name='thư điện tử'),
        ),
        migrations.AlterField(
            model_name='feedback',
            name='phone',
            field=motcua.lib.crypto_fields.EncryptedField(blank=True, max_length=20, verbose_name='điện thoại'),
        ),
        migrations.RunPython(partial(reseal_step, labels=MODELS), partial(unseal_step, labels=MODELS)),
    ]
