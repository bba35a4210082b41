"""Personal data encrypted at rest: one rule, one field type.

Phone numbers, ID numbers and e-mail addresses are stored as authenticated ciphertext (AES-256-GCM, a fresh
96-bit nonce per write). The keys come from `settings.MOTCUA_DATA_KEYS` (the environment variable of the same
name, comma-separated, newest first): every write uses the newest; a read uses the key the value names. Each
configured secret yields, through HKDF-SHA256, three independent things: the encryption key, the key of the
keyed hashes (HMAC-SHA256) and a public key id.

A stored value reads `$e1$<key id>$<base64url(nonce + ciphertext + tag)>`; an empty value stays empty. A value
without the prefix is legacy plaintext (a row written before the migration that encrypts it): it reads as is,
and `manage.py rotate_data_key` encrypts it.

Exact search goes through a keyed hash kept beside the ciphertext (`BlindIndexField(of=...)`): the hash of the
normalised value (phone: digits; ID number: letters and digits, capitals). A row holds the hash under the newest
key; a search asks for the hashes under every configured key (`<index>__matches=value`), so rows not yet
rotated are still found. Rotation re-encrypts and re-hashes every row (`rotate_data_key`).
"""

import base64
import functools
import hashlib
import hmac
import json
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core import validators
from django.core.exceptions import ImproperlyConfigured
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, models, transaction
from django.db.models import lookups

PREFIX = "$e1$"
MIN_SECRET_LENGTH = 32
NONCE_BYTES = 12


class DataKeyError(ImproperlyConfigured):
    """A stored value cannot be read with the configured keys (a key missing, or the value altered)."""


class Key:
    def __init__(self, secret):
        if len(secret) < MIN_SECRET_LENGTH:
            raise ImproperlyConfigured(f"Mỗi khóa trong MOTCUA_DATA_KEYS phải dài ít nhất {MIN_SECRET_LENGTH} ký tự.")
        material = secret.encode()
        self.aead = AESGCM(_derive(material, b"motcua personal data encryption v1"))
        self.index_key = _derive(material, b"motcua personal data index v1")
        self.id = _derive(material, b"motcua personal data key id v1")[:4].hex()


def _derive(material, info):
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(material)


@functools.lru_cache(maxsize=8)
def _keys_for(secrets):
    if not secrets:
        raise ImproperlyConfigured("MOTCUA_DATA_KEYS chưa được cấu hình: không thể mã hóa dữ liệu cá nhân.")
    keys = [Key(s) for s in secrets]
    return keys, {k.id: k for k in keys}


def keys():
    """The configured keys, newest first, and the same by id (read from settings, so tests may override them)."""
    return _keys_for(tuple(settings.MOTCUA_DATA_KEYS))


def newest_key_id():
    return keys()[0][0].id


def encrypt(plain):
    if not plain:
        return ""
    key = keys()[0][0]
    nonce = os.urandom(NONCE_BYTES)
    sealed = key.aead.encrypt(nonce, plain.encode(), None)
    return f"{PREFIX}{key.id}${base64.urlsafe_b64encode(nonce + sealed).decode().rstrip('=')}"


def decrypt(stored):
    if not stored or not is_encrypted(stored):
        return stored  # empty, or legacy plaintext awaiting `rotate_data_key`
    key_id, _, body = stored[len(PREFIX):].partition("$")
    key = keys()[1].get(key_id)
    if key is None:
        raise DataKeyError(f"Dữ liệu cá nhân được mã hóa bằng khóa {key_id}, khóa này không có trong "
                           "MOTCUA_DATA_KEYS (thêm lại khóa cũ, hoặc chạy rotate_data_key khi còn khóa cũ).")
    raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    try:
        return key.aead.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], None).decode()
    except InvalidTag:
        raise DataKeyError(f"Dữ liệu cá nhân không giải mã được bằng khóa {key_id}: dữ liệu đã bị sửa "
                           "hoặc khóa cấu hình sai.") from None


def is_encrypted(stored):
    return stored.startswith(PREFIX)


def key_id_of(stored):
    return stored[len(PREFIX):].partition("$")[0] if stored and is_encrypted(stored) else None


# -- normalising for exact search -------------------------------------------------------------------------------

def phone_digits(value):
    """A phone number as its digits, the country code +84 written as the leading 0."""
    digits = "".join(ch for ch in value or "" if ch.isdigit())
    return "0" + digits[2:] if digits.startswith("84") and len(digits) == 11 else digits


def id_characters(value):
    """An ID number (personal number, card, passport, tax code) as its letters and digits, in capitals."""
    return "".join(ch for ch in value or "" if ch.isalnum()).upper()


NORMALISERS = {"phone": phone_digits, "id": id_characters}


def index_of(kind, value, key=None):
    """The keyed hash of `value` (normalised as `kind`) under `key` (the newest by default); "" for no value."""
    normal = NORMALISERS[kind](value)
    if not normal:
        return ""
    key = key or keys()[0][0]
    return hmac.new(key.index_key, f"{kind}:{normal}".encode(), hashlib.sha256).hexdigest()


def indexes_of(kind, value):
    """The keyed hashes of `value` under every configured key (a search finds rows not rotated yet)."""
    found = [index_of(kind, value, key) for key in keys()[0]]
    return [h for h in found if h]


# -- the fields -------------------------------------------------------------------------------------------------

class EncryptedField(models.TextField):
    """Text kept encrypted in the database; the model attribute holds the plaintext.

    `max_length` limits the plaintext (a validator and the form field), not the column, which holds ciphertext.
    Only `isnull` and the empty-value comparison may be asked of the column: search through a BlindIndexField.
    """

    def __init__(self, *args, email=False, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)
        if self.max_length:
            self.validators.append(validators.MaxLengthValidator(self.max_length))
        if email:
            self.validators.append(validators.validate_email)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.email:
            kwargs["email"] = True
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        return decrypt(value) if value else value

    def get_db_prep_value(self, value, connection, prepared=False):
        value = super().get_db_prep_value(value, connection, prepared)
        return encrypt(value) if value else value

    def formfield(self, **kwargs):
        from django import forms

        if self.email:
            kwargs.setdefault("form_class", forms.EmailField)
        return super().formfield(**{"widget": forms.TextInput, **kwargs})

    def get_lookup(self, lookup_name):
        if lookup_name in ("isnull", "exact"):
            return _EmptyOnly if lookup_name == "exact" else super().get_lookup(lookup_name)
        return None  # Django reports "Unsupported lookup": an encrypted column cannot be searched


class EncryptedJSONField(EncryptedField):
    """A JSON value kept encrypted (a record bound for another system that carries personal data)."""

    def from_db_value(self, value, expression, connection):
        text = super().from_db_value(value, expression, connection)
        return json.loads(text) if text else text

    def get_prep_value(self, value):
        return None if value is None else json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder)

    def to_python(self, value):
        return value


class _EmptyOnly(lookups.Exact):
    def get_db_prep_lookup(self, value, connection):
        if value:
            raise ValueError("Trường được mã hóa chỉ so sánh được với giá trị rỗng; tìm qua chỉ mục băm.")
        return super().get_db_prep_lookup(value, connection)


class BlindIndexField(models.CharField):
    """The keyed hash of another field of the same model (`of`), normalised as `kind` ("phone" or "id").

    Filled on every save from the plaintext attribute; search with `<name>__matches=<plaintext>`.
    """

    def __init__(self, *args, of, kind, **kwargs):
        self.of, self.kind = of, kind
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("db_index", not kwargs.get("unique"))
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.update(of=self.of, kind=self.kind)
        for default in ("max_length", "blank", "editable"):
            kwargs.pop(default, None)
        if self.unique:
            kwargs.pop("db_index", None)
        else:
            kwargs["db_index"] = self.db_index  # always written: the default here is True, Django's False
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = index_of(self.kind, getattr(model_instance, self.of))
        setattr(model_instance, self.attname, value)
        return value


@BlindIndexField.register_lookup
class Matches(lookups.In):
    """`<index>__matches=<plaintext>`: the rows whose hashed value equals `plaintext`, under any configured key."""

    lookup_name = "matches"

    def get_prep_lookup(self):
        field = self.lhs.output_field
        self.rhs = indexes_of(field.kind, self.rhs) or ["-"]  # nothing to match: an IN that matches no row
        return super().get_prep_lookup()


# -- helpers for migrations and rotation -----------------------------------------------------------------------

def models_with_encrypted_fields():
    from django.apps import apps

    return [m for m in apps.get_models() if encrypted_fields(m)]


def encrypted_fields(model):
    return [f for f in model._meta.concrete_fields if isinstance(f, EncryptedField)]


def reseal(model, *, batch=500, after_pk=0, stale_only=True, rows=None):
    """Re-encrypt (newest key) and re-hash the rows of `model` with pk > `after_pk`; yield each batch's last pk.

    With `stale_only`, rows already under the newest key are left alone, so an interrupted run resumes cheaply.
    `rows` (a queryset of `model`) narrows the work. Works on historical models (migrations) too.
    """
    fields = encrypted_fields(model)
    if not fields:
        return
    names = [f.attname for f in fields] + [f.attname for f in model._meta.concrete_fields
                                           if isinstance(f, BlindIndexField)]
    newest = newest_key_id()
    raw = {f.attname: f.column for f in fields}
    while True:
        with transaction.atomic(using=model._default_manager.db):
            # Locked while resealed, so a change made meanwhile by the application is never overwritten.
            chunk = list((rows if rows is not None else model._default_manager).select_for_update()
                         .filter(pk__gt=after_pk).order_by("pk")[:batch])
            if not chunk:
                return
            stale = set(_stale_pks(model, [r.pk for r in chunk], raw, newest)) if stale_only else None
            changed = [r for r in chunk if stale is None or r.pk in stale]
            for row in changed:
                for f in model._meta.concrete_fields:
                    if isinstance(f, BlindIndexField):
                        f.pre_save(row, add=False)
            if changed:
                model._default_manager.bulk_update(changed, names)
        after_pk = chunk[-1].pk
        yield after_pk, len(changed)


def _stale_pks(model, pks, raw_columns, newest):
    """The rows among `pks` holding some value that is plaintext or under an older key (read raw)."""
    conn = connections[model._default_manager.db]
    cols = ", ".join(conn.ops.quote_name(c) for c in raw_columns.values())
    marks = ", ".join(["%s"] * len(pks))
    with conn.cursor() as cursor:
        cursor.execute(f"SELECT {conn.ops.quote_name(model._meta.pk.column)}, {cols} FROM "
                       f"{conn.ops.quote_name(model._meta.db_table)} WHERE "
                       f"{conn.ops.quote_name(model._meta.pk.column)} IN ({marks})", pks)
        for pk, *stored in cursor.fetchall():
            if any(v and key_id_of(v) != newest for v in stored):
                yield pk


def reseal_step(apps, schema_editor, labels):
    """A data migration's step: encrypt the legacy plaintext of each model in `labels` ("app.Model").

    With MOTCUA_ENCRYPT_LATER=1 in the environment the step does nothing: on a large table the rows are then
    encrypted by `manage.py rotate_data_key` while the site runs (plaintext rows read as before meanwhile, but
    a search by phone or ID number finds them only once encrypted).
    """
    if os.environ.get("MOTCUA_ENCRYPT_LATER") == "1":
        return
    for label in labels:
        for _ in reseal(apps.get_model(label)):
            pass


def unseal_step(apps, schema_editor, labels):
    """The reverse step: write the plaintext back (before the columns turn back into plain text columns)."""
    for label in labels:
        model = apps.get_model(label)
        fields = encrypted_fields(model)
        conn = connections[model._default_manager.db]
        for row in model._default_manager.order_by("pk").iterator(chunk_size=500):
            sets = ", ".join(f"{conn.ops.quote_name(f.column)} = %s" for f in fields)
            with conn.cursor() as cursor:
                cursor.execute(f"UPDATE {conn.ops.quote_name(model._meta.db_table)} SET {sets} WHERE "
                               f"{conn.ops.quote_name(model._meta.pk.column)} = %s",
                               [f.get_prep_value(getattr(row, f.attname)) for f in fields] + [row.pk])
