"""RFC 3161 trusted timestamps: ask the configured time-stamp authorities for a token over a
digest, and verify a token (message imprint, CMS signature, signer certificate chain).

Configuration: ``LUREWATCH_TSA_URLS`` (one or several URLs, separated by spaces or commas) and
``LUREWATCH_TSA_CA`` (a PEM bundle of the CA certificates trusted to issue TSA certificates).
"""

from __future__ import annotations

import logging
import os
import secrets
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID

from lurewatch.config import LurewatchError
from lurewatch.evidence import der

log = logging.getLogger(__name__)

ENV_URLS = "LUREWATCH_TSA_URLS"
ENV_CA = "LUREWATCH_TSA_CA"

OID_SIGNED_DATA = "1.2.840.113549.1.7.2"
OID_TST_INFO = "1.2.840.113549.1.9.16.1.4"
OID_CONTENT_TYPE = "1.2.840.113549.1.9.3"
OID_MESSAGE_DIGEST = "1.2.840.113549.1.9.4"
OID_SIGNING_CERT = "1.2.840.113549.1.9.16.2.12"
OID_SIGNING_CERT_V2 = "1.2.840.113549.1.9.16.2.47"
OID_SHA256 = "2.16.840.1.101.3.4.2.1"
_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "1.3.14.3.2.26": hashes.SHA1,
    OID_SHA256: hashes.SHA256,
    "2.16.840.1.101.3.4.2.2": hashes.SHA384,
    "2.16.840.1.101.3.4.2.3": hashes.SHA512,
}
_MAX_CHAIN = 8


class TimestampInvalid(Exception):
    """A token that is malformed, over other data, badly signed, or from an untrusted TSA."""


@dataclass(frozen=True)
class TsaConfig:
    urls: tuple[str, ...]
    ca_file: Path | None

    @classmethod
    def from_env(cls, urls: list[str] | None = None, ca_file: str | None = None) -> TsaConfig:
        raw = " ".join(urls) if urls else os.environ.get(ENV_URLS, "")
        ca = ca_file or os.environ.get(ENV_CA) or None
        return cls(tuple(u for u in raw.replace(",", " ").split() if u), Path(ca) if ca else None)

    def trust_anchors(self) -> list[x509.Certificate]:
        if self.ca_file is None:
            raise LurewatchError(f"no TSA CA bundle: set {ENV_CA} to a PEM file of trusted TSA CAs", exit_code=2)
        try:
            return x509.load_pem_x509_certificates(self.ca_file.read_bytes())
        except (OSError, ValueError) as exc:
            raise LurewatchError(
                f"{ENV_CA}={self.ca_file}: not a readable PEM certificate bundle ({exc})", exit_code=2
            ) from exc


@dataclass(frozen=True)
class TokenInfo:
    gen_time: datetime
    serial: int
    policy: str
    tsa_subject: str
    tsa_issuer: str
    hashed_message: bytes


def build_request(digest: bytes, nonce: int) -> bytes:
    """TimeStampReq v1 over a SHA-256 digest, asking for the TSA certificate in the token."""
    imprint = der.encode_seq(
        der.encode_seq(der.encode_oid(OID_SHA256), der.encode(der.NULL, b"")), der.encode(der.OCTET_STRING, digest)
    )
    return der.encode_seq(der.encode_int(1), imprint, der.encode_int(nonce), der.encode(der.BOOLEAN, b"\xff"))


def _token_of_response(body: bytes) -> bytes:
    try:
        parts = der.parse(body).children()
        status = parts[0].children()[0].as_int()
    except (der.DerError, IndexError) as exc:
        raise TimestampInvalid(f"not a time-stamp response ({exc})") from exc
    if status not in (0, 1):  # granted, grantedWithMods
        raise TimestampInvalid(f"the TSA refused the request (PKIStatus {status})")
    if len(parts) < 2:
        raise TimestampInvalid("the TSA granted the request but sent no token")
    return parts[1].raw


def request_token(url: str, digest: bytes, trust: list[x509.Certificate], timeout: float = 30.0) -> bytes:
    """POST a request to one TSA and return its token (DER ContentInfo), verified."""
    nonce = secrets.randbits(63)
    request = urllib.request.Request(
        url, data=build_request(digest, nonce), headers={"Content-Type": "application/timestamp-query"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as resp:
            body = resp.read()
    except (urllib.error.URLError, OSError) as exc:
        raise TimestampInvalid(f"no answer: {getattr(exc, 'reason', exc)}") from exc
    token = _token_of_response(body)
    info = verify_token(token, digest, trust)
    if _nonce_of(token) != nonce:
        raise TimestampInvalid("the token does not carry the nonce of our request (replayed answer?)")
    log.info("timestamp from %s: %s (serial %d)", url, info.gen_time.isoformat(), info.serial)
    return token


# -- token structure --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Parsed:
    tst_der: bytes
    tst: list[der.Tlv]
    certs: list[x509.Certificate]
    signer_info: list[der.Tlv]


def _parse_token(token: bytes) -> _Parsed:
    try:
        content_info = der.parse(token).children()
        if content_info[0].as_oid() != OID_SIGNED_DATA:
            raise TimestampInvalid("the token is not CMS SignedData")
        signed_data = content_info[1].children()[0].children()
        encap = signed_data[2].children()
        if encap[0].as_oid() != OID_TST_INFO:
            raise TimestampInvalid("the token does not hold a TSTInfo")
        tst_der = encap[1].children()[0].value
        certs: list[x509.Certificate] = []
        signer_infos: list[der.Tlv] = []
        for item in signed_data[3:]:
            if item.tag == 0xA0:
                certs = [x509.load_der_x509_certificate(c.raw) for c in item.children() if c.tag == der.SEQUENCE]
            elif item.tag == der.SET:
                signer_infos = item.children()
        if len(signer_infos) != 1:
            raise TimestampInvalid(f"the token has {len(signer_infos)} signers, expected 1")
        return _Parsed(tst_der, der.parse(tst_der).children(), certs, signer_infos[0].children())
    except (der.DerError, IndexError, ValueError) as exc:
        if isinstance(exc, TimestampInvalid):
            raise
        raise TimestampInvalid(f"the token is malformed ({exc})") from exc


def _nonce_of(token: bytes) -> int | None:
    for item in _parse_token(token).tst[5:]:
        if item.tag == der.INTEGER:
            return item.as_int()
    return None


def _hash_of(alg_id: der.Tlv) -> type[hashes.HashAlgorithm]:
    oid = alg_id.children()[0].as_oid()
    if oid not in _HASHES:
        raise TimestampInvalid(f"unsupported hash algorithm {oid}")
    return _HASHES[oid]


def _attributes(signed_attrs: der.Tlv) -> dict[str, der.Tlv]:
    found: dict[str, der.Tlv] = {}
    for attr in signed_attrs.children():
        oid, values = attr.children()
        found[oid.as_oid()] = values.children()[0]
    return found


def _signer_cert(sid: der.Tlv, certs: list[x509.Certificate]) -> x509.Certificate:
    if sid.tag == der.SEQUENCE:  # IssuerAndSerialNumber
        issuer, serial = sid.children()
        for cert in certs:
            if cert.serial_number == serial.as_int() and cert.issuer.public_bytes() == issuer.raw:
                return cert
    elif sid.tag == 0x80:  # subjectKeyIdentifier
        for cert in certs:
            try:
                ski = cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
            except x509.ExtensionNotFound:
                continue
            if ski == sid.value:
                return cert
    raise TimestampInvalid("the token does not include its signer's certificate")


def _check_cert_binding(attrs: dict[str, der.Tlv], cert: x509.Certificate) -> None:
    """The signed ESS signing-certificate attribute must name the certificate we verify with."""
    cert_der = cert.public_bytes(serialization.Encoding.DER)
    if OID_SIGNING_CERT_V2 in attrs:
        first = attrs[OID_SIGNING_CERT_V2].children()[0].children()[0].children()
        alg = _hash_of(first[0]) if first[0].tag == der.SEQUENCE else hashes.SHA256
        cert_hash = first[1].value if first[0].tag == der.SEQUENCE else first[0].value
        digest = hashes.Hash(alg())
    elif OID_SIGNING_CERT in attrs:
        cert_hash = attrs[OID_SIGNING_CERT].children()[0].children()[0].children()[0].value
        digest = hashes.Hash(hashes.SHA1())
    else:
        raise TimestampInvalid("the token has no signing-certificate attribute")
    digest.update(cert_der)
    if digest.finalize() != cert_hash:
        raise TimestampInvalid("the token's signing-certificate attribute names another certificate")


def _check_signature(cert: x509.Certificate, signed: bytes, signature: bytes, alg: type[hashes.HashAlgorithm]) -> None:
    key = cert.public_key()
    try:
        if isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, signed, padding.PKCS1v15(), alg())
        elif isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, signed, ec.ECDSA(alg()))
        else:
            raise TimestampInvalid(f"unsupported TSA key type {type(key).__name__}")
    except InvalidSignature as exc:
        raise TimestampInvalid("the token's signature does not verify with the TSA certificate") from exc


def _name(cert: x509.Certificate) -> str:
    return cert.subject.rfc4514_string()


def _check_valid_at(cert: x509.Certificate, moment: datetime) -> None:
    if moment > cert.not_valid_after_utc:
        raise TimestampInvalid(
            f"TSA certificate {_name(cert)} expired on {cert.not_valid_after_utc:%Y-%m-%dT%H:%M:%SZ},"
            f" before the token's time {moment:%Y-%m-%dT%H:%M:%SZ}"
        )
    if moment < cert.not_valid_before_utc:
        raise TimestampInvalid(
            f"TSA certificate {_name(cert)} is valid only from {cert.not_valid_before_utc:%Y-%m-%dT%H:%M:%SZ},"
            f" after the token's time {moment:%Y-%m-%dT%H:%M:%SZ}"
        )


def _verify_chain(
    signer: x509.Certificate, pool: list[x509.Certificate], trust: list[x509.Certificate], at: datetime
) -> None:
    """Walk from the signer to a trust anchor, each certificate valid at the token's time."""
    try:
        usages = signer.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    except x509.ExtensionNotFound:
        usages = None
    if usages is None or ExtendedKeyUsageOID.TIME_STAMPING not in usages:
        raise TimestampInvalid(f"TSA certificate {_name(signer)} is not a time-stamping certificate")
    anchors = {c.fingerprint(hashes.SHA256()) for c in trust}
    cert = signer
    for _ in range(_MAX_CHAIN):
        _check_valid_at(cert, at)
        if cert.fingerprint(hashes.SHA256()) in anchors:
            return
        parent = None
        for candidate in [*trust, *pool]:
            if candidate.subject != cert.issuer or candidate == cert:
                continue
            try:
                cert.verify_directly_issued_by(candidate)
            except (ValueError, TypeError, InvalidSignature):
                continue
            parent = candidate
            break
        if parent is None:
            raise TimestampInvalid(f"TSA certificate {_name(signer)} does not chain to a trusted CA")
        if parent.fingerprint(hashes.SHA256()) not in anchors:
            try:
                if not parent.extensions.get_extension_for_class(x509.BasicConstraints).value.ca:
                    raise TimestampInvalid(f"{_name(parent)} is not a CA certificate")
            except x509.ExtensionNotFound as exc:
                raise TimestampInvalid(f"{_name(parent)} is not a CA certificate") from exc
        cert = parent
    raise TimestampInvalid(f"TSA certificate chain of {_name(signer)} is too long")


def verify_token(token: bytes, digest: bytes, trust: list[x509.Certificate]) -> TokenInfo:
    """Check that ``token`` is a TSA's signature over ``digest`` and that the TSA is trusted."""
    parsed = _parse_token(token)
    try:
        imprint = parsed.tst[2].children()
        if _hash_of(imprint[0]) is not hashes.SHA256 or imprint[1].value != digest:
            raise TimestampInvalid("the token is over other data (message imprint differs)")
        serial = parsed.tst[3].as_int()
        gen_time = der.decode_time(parsed.tst[4])
        policy = parsed.tst[1].as_oid()
        info = parsed.signer_info
        sid, digest_alg = info[1], _hash_of(info[2])
        if info[3].tag != 0xA0:
            raise TimestampInvalid("the token has no signed attributes")
        signed_attrs = info[3]
        signature = info[5].value
        attrs = _attributes(signed_attrs)
    except (der.DerError, IndexError, ValueError) as exc:
        if isinstance(exc, TimestampInvalid):
            raise
        raise TimestampInvalid(f"the token is malformed ({exc})") from exc
    if attrs.get(OID_CONTENT_TYPE) is None or attrs[OID_CONTENT_TYPE].as_oid() != OID_TST_INFO:
        raise TimestampInvalid("the token's content-type attribute is not TSTInfo")
    content_hash = hashes.Hash(digest_alg())
    content_hash.update(parsed.tst_der)
    if OID_MESSAGE_DIGEST not in attrs or attrs[OID_MESSAGE_DIGEST].value != content_hash.finalize():
        raise TimestampInvalid("the token's TSTInfo was altered (message-digest attribute differs)")
    signer = _signer_cert(sid, parsed.certs)
    _check_cert_binding(attrs, signer)
    # The signature covers the DER of the attributes as a SET, not as the [0] they are stored in.
    _check_signature(signer, b"\x31" + signed_attrs.raw[1:], signature, digest_alg)
    _verify_chain(signer, parsed.certs, trust, gen_time)
    return TokenInfo(gen_time, serial, policy, _name(signer), signer.issuer.rfc4514_string(), imprint[1].value)


def stamp(config: TsaConfig, digest: bytes) -> list[tuple[str, bytes]]:
    """A verified token from every configured TSA that answers; an error if none does."""
    if not config.urls:
        return []
    trust = config.trust_anchors()
    tokens: list[tuple[str, bytes]] = []
    failures: list[str] = []
    for url in config.urls:
        try:
            tokens.append((url, request_token(url, digest, trust)))
        except TimestampInvalid as exc:
            log.warning("timestamp authority %s: %s", url, exc)
            failures.append(f"{url}: {exc}")
    if not tokens:
        raise LurewatchError("no trusted timestamp: " + "; ".join(failures), exit_code=7)
    return tokens
