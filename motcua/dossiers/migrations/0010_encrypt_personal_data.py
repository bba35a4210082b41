"""Phone, ID number and e-mail encrypted at rest: the columns hold ciphertext, the existing rows are encrypted
(and their keyed hashes filled) with the newest key of MOTCUA_DATA_KEYS. Reversible: the plaintext is written back."""

from functools import partial

from django.db import migrations

import motcua.lib.crypto_fields
from motcua.lib.crypto_fields import reseal_step, unseal_step

MODELS = ['dossiers.Dossier']


class Migration(migrations.Migration):

    dependencies = [
        ('dossiers', '0009_component_obtained_from'),
    ]

    operations = [
        migrations.AddField(
            model_name='dossier',
            name='applicant_id_number_hash',
            field=motcua.lib.crypto_fields.BlindIndexField(db_index=True, kind='id', of='applicant_id_number'),
        ),
        migrations.AddField(
            model_name='dossier',
            name='applicant_phone_hash',
            field=motcua.lib.crypto_fields.BlindIndexField(db_index=True, kind='phone', of='applicant_phone'),
        ),
        migrations.AlterField(
            model_name='dossier',
            name='applicant_email',
            field=motcua.lib.crypto_fields.EncryptedField(blank=True, email=True, max_length=254, verbose_name='thư điện tử'),
        ),
        migrations.AlterField(
            model_name='dossier',
            name='applicant_id_number',
            field=motcua.lib.crypto_fields.EncryptedField(blank=True, max_length=30, verbose_name='số giấy tờ tùy thân / mã số'),
        ),
        migrations.AlterField(
            model_name='dossier',
            name='applicant_phone',
            field=motcua.lib.crypto_fields.EncryptedField(blank=True, max_length=20, verbose_name='số điện thoại'),
        ),
        migrations.RunPython(partial(reseal_step, labels=MODELS), partial(unseal_step, labels=MODELS)),
    ]
