"""Just enough DER (X.690) to build an RFC 3161 request and read a time-stamp token.

The token's CMS structure is walked by hand so that no ASN.1 library is needed beside
``cryptography`` (which parses the certificates and checks the signatures).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

# Universal tags used here.
INTEGER = 0x02
OCTET_STRING = 0x04
NULL = 0x05
OID = 0x06
SEQUENCE = 0x30
SET = 0x31
GENERALIZED_TIME = 0x18
BOOLEAN = 0x01


class DerError(ValueError):
    """Bytes that are not the DER structure expected."""


@dataclass(frozen=True)
class Tlv:
    tag: int
    value: bytes
    raw: bytes  # the whole encoding (tag + length + value), for signatures over it

    def children(self) -> list[Tlv]:
        if not self.tag & 0x20:
            raise DerError(f"tag 0x{self.tag:02x} is not constructed")
        return parse_all(self.value)

    def as_int(self) -> int:
        return int.from_bytes(self.value, "big", signed=True)

    def as_oid(self) -> str:
        return decode_oid(self.value)


def _read_length(data: bytes, pos: int) -> tuple[int, int]:
    if pos >= len(data):
        raise DerError("truncated length")
    first = data[pos]
    if first < 0x80:
        return first, pos + 1
    count = first & 0x7F
    if count == 0 or count > 4 or pos + 1 + count > len(data):
        raise DerError("bad length")
    return int.from_bytes(data[pos + 1 : pos + 1 + count], "big"), pos + 1 + count


def parse_one(data: bytes, pos: int = 0) -> tuple[Tlv, int]:
    if pos + 2 > len(data):
        raise DerError("truncated element")
    tag = data[pos]
    if tag & 0x1F == 0x1F:
        raise DerError("multi-byte tags are not used in these structures")
    length, start = _read_length(data, pos + 1)
    end = start + length
    if end > len(data):
        raise DerError("element runs past the end of the data")
    return Tlv(tag, data[start:end], data[pos:end]), end


def parse_all(data: bytes) -> list[Tlv]:
    items: list[Tlv] = []
    pos = 0
    while pos < len(data):
        item, pos = parse_one(data, pos)
        items.append(item)
    return items


def parse(data: bytes) -> Tlv:
    item, end = parse_one(data)
    if end != len(data):
        raise DerError("trailing bytes after the structure")
    return item


def decode_oid(value: bytes) -> str:
    if not value:
        raise DerError("empty OID")
    parts: list[int] = []
    acc = 0
    for byte in value:
        acc = (acc << 7) | (byte & 0x7F)
        if not byte & 0x80:
            parts.append(acc)
            acc = 0
    first = min(parts[0] // 40, 2)
    return ".".join(str(p) for p in [first, parts[0] - 40 * first, *parts[1:]])


def decode_time(tlv: Tlv) -> datetime:
    if tlv.tag != GENERALIZED_TIME:
        raise DerError("expected GeneralizedTime")
    text = tlv.value.decode("ascii").rstrip("Z")
    main, _, fraction = text.partition(".")
    moment = datetime.strptime(main, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    if fraction:
        moment = moment.replace(microsecond=int(fraction[:6].ljust(6, "0")))
    return moment


# -- encoding ---------------------------------------------------------------------------------------


def encode(tag: int, value: bytes) -> bytes:
    length = len(value)
    if length < 0x80:
        head = bytes([length])
    else:
        size = length.to_bytes((length.bit_length() + 7) // 8, "big")
        head = bytes([0x80 | len(size)]) + size
    return bytes([tag]) + head + value


def encode_int(number: int) -> bytes:
    size = number.bit_length() // 8 + 1  # room for the sign bit
    return encode(INTEGER, number.to_bytes(size, "big", signed=True))


def encode_oid(dotted: str) -> bytes:
    numbers = [int(p) for p in dotted.split(".")]
    body = bytearray()
    for number in [40 * numbers[0] + numbers[1], *numbers[2:]]:
        chunk = [number & 0x7F]
        number >>= 7
        while number:
            chunk.append(0x80 | (number & 0x7F))
            number >>= 7
        body.extend(reversed(chunk))
    return encode(OID, bytes(body))


def encode_seq(*parts: bytes) -> bytes:
    return encode(SEQUENCE, b"".join(parts))
