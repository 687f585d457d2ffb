"""The WACZ signing spec's anonymous signature (``signedData`` in ``datapackage-digest.json``).

``signature`` is ECDSA P-256 / SHA-256 over the ASCII ``hash`` string, stored as base64 of the raw
``r || s`` form (what WebCrypto verifiers expect); DER signatures are accepted when verifying,
as the spec's domain-signing tools write those.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)

from lurewatch import __version__
from lurewatch.evidence.keys import public_key_b64

SOFTWARE = f"lurewatch {__version__}"
_COORD = 32  # bytes per P-256 coordinate
ANONYMOUS_FIELDS = {"hash", "created", "software", "version", "signature", "publicKey"}


class SignatureInvalid(Exception):
    """The signature block is missing, malformed, or does not verify."""


def sign_hash(key: ec.EllipticCurvePrivateKey, digest: str, created: str) -> dict[str, Any]:
    der = key.sign(digest.encode("ascii"), ec.ECDSA(hashes.SHA256()))
    r, s = decode_dss_signature(der)
    raw = r.to_bytes(_COORD, "big") + s.to_bytes(_COORD, "big")
    return {
        "hash": digest,
        "created": created,
        "software": SOFTWARE,
        "version": __version__,
        "signature": base64.b64encode(raw).decode("ascii"),
        "publicKey": public_key_b64(key.public_key()),
    }


def _b64(value: Any, name: str) -> bytes:
    if not isinstance(value, str) or not value:
        raise SignatureInvalid(f"signedData.{name} is missing")
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise SignatureInvalid(f"signedData.{name} is not valid base64") from exc


def public_key_of(signed: dict[str, Any]) -> ec.EllipticCurvePublicKey:
    try:
        key = serialization.load_der_public_key(_b64(signed.get("publicKey"), "publicKey"))
    except ValueError as exc:
        raise SignatureInvalid("signedData.publicKey is not a DER public key") from exc
    if not isinstance(key, ec.EllipticCurvePublicKey):
        raise SignatureInvalid("signedData.publicKey is not an ECDSA key")
    return key


def verify_signed_data(signed: dict[str, Any], expected_hash: str) -> ec.EllipticCurvePublicKey:
    """Check the anonymous signature over ``expected_hash``; return the signer's public key."""
    extra = set(signed) - ANONYMOUS_FIELDS
    if extra:
        raise SignatureInvalid(f"signedData has fields outside the anonymous format: {', '.join(sorted(extra))}")
    if signed.get("hash") != expected_hash:
        raise SignatureInvalid("signedData.hash is not the hash of datapackage.json")
    key = public_key_of(signed)
    sig = _b64(signed.get("signature"), "signature")
    size = (key.curve.key_size + 7) // 8
    if len(sig) == 2 * size:  # raw r || s
        sig = encode_dss_signature(int.from_bytes(sig[:size], "big"), int.from_bytes(sig[size:], "big"))
    try:
        key.verify(sig, expected_hash.encode("ascii"), ec.ECDSA(hashes.SHA256()))
    except (InvalidSignature, ValueError) as exc:
        raise SignatureInvalid("the signature does not verify with the package's public key") from exc
    return key
