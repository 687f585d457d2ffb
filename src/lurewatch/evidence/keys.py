"""The installation's signing key: ECDSA P-256, made on first use in ``HOME/keys/``.

The private key never leaves the home (mode 0600, directory 0700); packages carry only the public
key, so anyone can check a signature and compare the key's fingerprint with the one published
by the team that runs this installation.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from lurewatch.config import LurewatchError

log = logging.getLogger(__name__)

KEY_DIR = "keys"
KEY_NAME = "signing-key.pem"
PUBLIC_NAME = "signing-key.pub.pem"


def key_path(home: Path) -> Path:
    return home / KEY_DIR / KEY_NAME


def _create(path: Path) -> ec.EllipticCurvePrivateKey:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    key = ec.generate_private_key(ec.SECP256R1())
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    # O_EXCL: two first uses at once must not overwrite each other's key.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
        fh.flush()
        os.fsync(fh.fileno())
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    (path.parent / PUBLIC_NAME).write_bytes(public_pem)
    log.warning("created a new signing key %s (fingerprint %s)", path, fingerprint(key.public_key()))
    return key


def load_or_create(home: Path) -> ec.EllipticCurvePrivateKey:
    path = key_path(home)
    if not path.exists():
        try:
            return _create(path)
        except FileExistsError:
            pass  # another process made it first: use theirs
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey) or not isinstance(key.curve, ec.SECP256R1):
        raise LurewatchError(f"{path} is not an ECDSA P-256 private key", exit_code=2)
    return key


def public_key_der(public_key: ec.EllipticCurvePublicKey) -> bytes:
    return public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def public_key_b64(public_key: ec.EllipticCurvePublicKey) -> str:
    """The form the WACZ signing spec puts in ``publicKey``: base64 of the DER SubjectPublicKeyInfo."""
    return base64.b64encode(public_key_der(public_key)).decode("ascii")


def fingerprint(public_key: ec.EllipticCurvePublicKey) -> str:
    """SHA-256 of the DER public key, hex: what a person compares to identify the installation."""
    return hashlib.sha256(public_key_der(public_key)).hexdigest()
