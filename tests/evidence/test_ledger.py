"""The custody ledger: appends chain, and any edited, removed or reordered entry is named."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from lurewatch.evidence import ledger
from tests.evidence.conftest import lurewatch
from tests.evidence.packages import flip_byte


def _fill(home: Path, count: int) -> Path:
    for n in range(count):
        ledger.append(home, "export", f"case-{n}.wacz", f"{n:064x}", "clerk", {"n": n})
    return ledger.ledger_path(home)


def test_chain_holds_and_head_is_the_last_hash(tmp_path: Path) -> None:
    path = _fill(tmp_path, 5)
    status = ledger.verify_ledger(path)
    entries = ledger.read_entries(path)
    assert status.entries == 5 and status.head == entries[-1].hash
    assert [e.seq for e in entries] == [1, 2, 3, 4, 5]
    assert entries[0].prev == ledger.GENESIS and all(
        b.prev == a.hash for a, b in zip(entries, entries[1:], strict=False)
    )
    assert all(e.tool.startswith("lurewatch/") and e.operator == "clerk" for e in entries)


def test_concurrent_appends_stay_one_chain(tmp_path: Path) -> None:
    threads = [threading.Thread(target=_fill, args=(tmp_path, 5)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert ledger.verify_ledger(ledger.ledger_path(tmp_path)).entries == 20


def _broken(home: Path) -> str:
    done = lurewatch(home, "evidence", "ledger", "verify")
    assert done.returncode == 1, done.stdout + done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1
    return lines[0]


def test_edited_entry(tmp_path: Path) -> None:
    path = _fill(tmp_path, 4)
    lines = path.read_text().splitlines()
    entry = json.loads(lines[2])
    entry["subject"] = "other.wacz"
    lines[2] = json.dumps(entry, sort_keys=True, separators=(",", ":"))
    path.write_text("\n".join(lines) + "\n")
    assert "line 3 (entry #3): edited" in _broken(tmp_path)


def test_single_flipped_byte(tmp_path: Path) -> None:
    path = _fill(tmp_path, 4)
    text = path.read_bytes()
    second_line = text.index(b"\n") + 1
    flip_byte(path, second_line + text[second_line:].index(b'"clerk"') + 2)
    assert "line 2 (entry #2): edited" in _broken(tmp_path)


def test_removed_entry(tmp_path: Path) -> None:
    path = _fill(tmp_path, 4)
    lines = path.read_text().splitlines()
    del lines[1]
    path.write_text("\n".join(lines) + "\n")
    message = _broken(tmp_path)
    assert "line 2 (entry #3): out of sequence, expected #2" in message


def test_reordered_entries(tmp_path: Path) -> None:
    path = _fill(tmp_path, 4)
    lines = path.read_text().splitlines()
    lines[1], lines[2] = lines[2], lines[1]
    path.write_text("\n".join(lines) + "\n")
    assert "line 2 (entry #3): out of sequence" in _broken(tmp_path)


def test_renumbered_entry_breaks_the_chain(tmp_path: Path) -> None:
    """An entry removed and the rest renumbered and rehashed still fails: the prev links."""
    path = _fill(tmp_path, 4)
    entries = ledger.read_entries(path)
    rebuilt = []
    for n, e in enumerate([entries[0], *entries[2:]], 1):
        body = {**e.body(), "seq": n}
        rebuilt.append(json.dumps({**body, "hash": ledger.entry_hash(body)}, sort_keys=True, separators=(",", ":")))
    path.write_text("\n".join(rebuilt) + "\n")
    assert "line 2 (entry #2): does not chain to the entry before it" in _broken(tmp_path)


def test_ledger_verify_via_path_and_show(tmp_path: Path) -> None:
    path = _fill(tmp_path, 3)
    done = lurewatch(tmp_path, "evidence", "verify", str(path), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["kind"] == "ledger"
    shown = lurewatch(tmp_path, "evidence", "ledger", "show", "--json")
    assert [e["action"] for e in json.loads(shown.stdout)] == ["export", "export", "export", "verify"]
