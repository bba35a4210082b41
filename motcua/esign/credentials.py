"""Whose certificate signs what: one key and certificate per agency, issued by a certification authority.

Production places each agency's key and certificate (issued by the government's CA) and the CA's root under
`MOTCUA_SIGNING_DIR`: `root.pem`, `agencies/<agency code>.pem` and `.key`. Without a real CA (`make run`, tests),
`sandbox_ca` makes a sandbox root named as such, and agency certificates are issued from it on first use.
"""

import datetime
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.conf import settings

SANDBOX_ROOT_NAME = "motcua CA MÔ PHỎNG (không có giá trị pháp lý)"
YEARS = 5


@dataclass(frozen=True)
class Credential:
    key_file: Path
    cert_file: Path
    chain: tuple[Path, ...]


def folder() -> Path:
    return Path(settings.MOTCUA_SIGNING_DIR)


def root_file() -> Path:
    return folder() / "root.pem"


def _name(common, organisation):
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
        x509.NameAttribute(NameOID.COMMON_NAME, common),
    ])


def _write(path: Path, key, cert):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.with_suffix(".key").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    path.with_suffix(".pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))


def make_sandbox_root(*, now=None):
    """Create the sandbox root CA once (a no-op when a root is already there)."""
    if root_file().exists():
        return root_file()
    now = now or datetime.datetime.now(datetime.UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    name = _name(SANDBOX_ROOT_NAME, "motcua — môi trường thử")
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=365 * YEARS))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                         crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA256()))
    _write(root_file(), key, cert)
    return root_file()


def _issue_from_sandbox(agency, path: Path):
    root_key = serialization.load_pem_private_key(root_file().with_suffix(".key").read_bytes(), None)
    root = x509.load_pem_x509_certificate(root_file().read_bytes())
    now = datetime.datetime.now(datetime.UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder().subject_name(_name(agency.name, settings.MOTCUA_CITY_NAME))
            .issuer_name(root.subject).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=365 * 2))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
            .sign(root_key, hashes.SHA256()))
    _write(path, key, cert)


def for_agency(agency) -> Credential:
    """The agency's signing credential; in the sandbox, issued on first use."""
    path = folder() / "agencies" / f"{agency.code}.pem"
    if not path.exists():
        if not settings.MOTCUA_SIGNING_SANDBOX:
            raise FileNotFoundError(f"no signing certificate for agency {agency.code} in {path.parent}")
        make_sandbox_root()
        _issue_from_sandbox(agency, path)
    return Credential(key_file=path.with_suffix(".key"), cert_file=path, chain=(root_file(),))
