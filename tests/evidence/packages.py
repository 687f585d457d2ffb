"""Reading and damaging WACZ packages the way a tester with a hex editor would."""

from __future__ import annotations

import io
import json
import struct
import zipfile
from pathlib import Path
from typing import Any


def member_span(package: Path, name: str) -> tuple[int, int]:
    """(offset of the member's bytes inside the ZIP file, their length): members are stored."""
    raw = package.read_bytes()
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        info = zf.getinfo(name)
    assert info.compress_type == zipfile.ZIP_STORED
    name_len, extra_len = struct.unpack("<HH", raw[info.header_offset + 26 : info.header_offset + 30])
    return info.header_offset + 30 + name_len + extra_len, info.compress_size


def flip_byte(path: Path, position: int, mask: int = 0x01) -> None:
    data = bytearray(path.read_bytes())
    data[position] ^= mask
    path.write_bytes(bytes(data))


def member(package: Path, name: str) -> bytes:
    with zipfile.ZipFile(package) as zf:
        return zf.read(name)


def member_json(package: Path, name: str) -> dict[str, Any]:
    return json.loads(member(package, name))


def rewrite_without(package: Path, dropped: str) -> None:
    """The same package with one member left out, everything else byte for byte."""
    with zipfile.ZipFile(package) as zf:
        kept = [(info, zf.read(info)) for info in zf.infolist() if info.filename != dropped]
    with zipfile.ZipFile(package, "w", compression=zipfile.ZIP_STORED) as zf:
        for info, data in kept:
            zf.writestr(info, data)
