"""Phone, ID number and e-mail encrypted at rest: the columns hold ciphertext, the existing rows are encrypted
(and their keyed hashes filled) with the newest key of MOTCUA_DATA_KEYS. Reversible: the plaintext is written back."""

from functools import partial

from django.db import migrations

import motcua.lib.crypto_fields
from motcua.lib.crypto_fields import reseal_step, unseal_step

MODELS = ['identity.CitizenIdentity', 'identity.StoredPaper']


def rename_accounts(apps, schema_editor):
    """Accounts made at sign-in were named after the personal number ("dinhdanh-<pid>"): a random suffix now."""
    import secrets

    for identity in apps.get_model("identity", "CitizenIdentity").objects.select_related("user"):
        if identity.user.username == f"dinhdanh-{identity.pid}":
            identity.user.username = f"dinhdanh-{secrets.token_hex(6)}"
            identity.user.save(update_fields=["username"])


class Migration(migrations.Migration):

    dependencies = [
        ('identity', '0003_registry_lookup'),
        ('auth', '0012_alter_user_first_name_max_length'),
    ]

    operations = [
        migrations.AddField(
            model_name='citizenidentity',
            name='pid_hash',
            # No index yet: the values are filled below, then the field becomes unique (which indexes it).
            field=motcua.lib.crypto_fields.BlindIndexField(db_index=False, kind='id', of='pid'),
        ),
        migrations.AddField(
            model_name='storedpaper',
            name='owner_pid_hash',
            field=motcua.lib.crypto_fields.BlindIndexField(db_index=True, kind='id', of='owner_pid'),
        ),
        migrations.AlterField(
            model_name='citizenidentity',
            name='pid',
            field=motcua.lib.crypto_fields.EncryptedField(max_length=12, verbose_name='số định danh cá nhân'),
        ),
        migrations.AlterField(
            model_name='storedpaper',
            name='owner_pid',
            field=motcua.lib.crypto_fields.EncryptedField(max_length=12, verbose_name='số định danh của chủ giấy tờ'),
        ),
        migrations.RunPython(partial(reseal_step, labels=MODELS), partial(unseal_step, labels=MODELS)),
        migrations.RunPython(rename_accounts, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='citizenidentity',
            name='pid_hash',
            field=motcua.lib.crypto_fields.BlindIndexField(kind='id', of='pid', unique=True),
        ),
    ]
