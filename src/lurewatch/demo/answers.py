"""The shipped answer key (``site/labels.json``) and day-2 change list (``site/changes.json``).

Both files are generated from the same content the server renders (``python -m
lurewatch.demo.answers`` rewrites them); a test checks the shipped copies are current.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

KINDS = ("job_ad", "forum_thread", "listing", "other")

# URL families that never end; a crawler must recognise them rather than enumerate them.
TRAP_PATTERNS = {
    "calendar": r"^/events/calendar\?month=\d{4}-\d{2}$",
    "session_id": r"^/lab/session/page(;jsessionid=[0-9A-F]+|\?sid=[0-9a-f]+)$",
    "path_loop": r"^/lab/loop/(a/)+$",
}


@dataclass(frozen=True)
class PageLabel:
    path: str
    kind: str
    entities: frozenset[tuple[str, str]]
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    needs_render: bool = False
    trap: bool = False
    robots_disallowed: bool = False
    lang: str = "en"
    scam: bool | None = None


def _read(name: str) -> Any:
    return json.loads(
        resources.files("lurewatch.demo").joinpath("site").joinpath(name).read_text("utf-8")
    )


def _label(path: str, raw: dict[str, Any]) -> PageLabel:
    return PageLabel(
        path=path,
        kind=raw["kind"],
        entities=frozenset((e["type"], e["value"]) for e in raw["entities"]),
        status=raw.get("status", 200),
        content_type=raw.get("content_type", "text/html; charset=utf-8"),
        needs_render=raw.get("needs_render", False),
        trap=raw.get("trap", False),
        robots_disallowed=raw.get("robots_disallowed", False),
        lang=raw.get("lang", "en"),
        scam=raw.get("scam"),
    )


def load_labels(day: int = 1) -> dict[str, PageLabel]:
    """Every page of ``day`` keyed by path (+ query), with its kind and exact entity set."""
    pages = _read("labels.json")["days"][str(day)]
    return {path: _label(path, raw) for path, raw in pages.items()}


def load_changes() -> dict[str, Any]:
    """What day 2 removes, edits and adds, by ad id and by page path."""
    return dict(_read("changes.json"))


def trap_patterns() -> dict[str, re.Pattern[str]]:
    return {name: re.compile(rx) for name, rx in TRAP_PATTERNS.items()}


# --- generation (used by maintainers after editing site content) -------------------------------


def _page_json(page: Any) -> dict[str, Any]:
    from lurewatch.demo.site import DISALLOWED_PREFIX

    out: dict[str, Any] = {
        "kind": page.kind,
        "entities": [{"type": t, "value": v} for t, v in sorted(page.entities)],
    }
    if page.status != 200:
        out["status"] = page.status
    if page.content_type != "text/html; charset=utf-8":
        out["content_type"] = page.content_type
    for flag in ("needs_render", "trap"):
        if getattr(page, flag):
            out[flag] = True
    if page.path.startswith(DISALLOWED_PREFIX):
        out["robots_disallowed"] = True
    if page.kind in ("job_ad", "forum_thread") or page.lang != "en":
        out["lang"] = page.lang
    if page.scam is not None:
        out["scam"] = page.scam
    return out


def build_labels() -> dict[str, Any]:
    from lurewatch.demo import lab
    from lurewatch.demo.server import DEFAULT_HUGE_BYTES
    from lurewatch.demo.site import DAYS, build

    days: dict[str, Any] = {}
    for day in DAYS:
        pages = [p for p in build(day).values() if p.kind in KINDS]
        # Representatives of the per-request pages (the traps' entry points and the huge page).
        pages += [
            lab.huge_page(DEFAULT_HUGE_BYTES),
            lab.calendar_page(lab.CALENDAR_START),
            lab.session_page("/lab/session/"),
            lab.session_page("/lab/session/page"),
            lab.loop_page("/lab/loop/"),
        ]
        days[str(day)] = {p.path: _page_json(p) for p in sorted(pages, key=lambda p: p.path)}
    return {
        "about": "Answer key of the lurewatch demo site: every page per day, its kind and the "
        "exact entities (type, normal form) a perfect extractor finds on it.",
        "trap_patterns": TRAP_PATTERNS,
        "days": days,
    }


def build_changes() -> dict[str, Any]:
    from lurewatch.demo import content
    from lurewatch.demo.site import build

    day1, day2 = build(1), build(2)
    change = content.day2()
    html1 = {p: v for p, v in day1.items() if v.kind in KINDS}
    html2 = {p: v for p, v in day2.items() if v.kind in KINDS}
    return {
        "removed": sorted(change.removed),
        "gone": sorted(change.gone),
        "edited": sorted(change.edited),
        "added": sorted(a.id for a in change.added),
        "paths": {
            "removed": sorted(f"/jobs/{i}/" for i in change.removed),
            "gone": sorted(f"/jobs/{i}/" for i in change.gone),
            "edited": sorted(f"/jobs/{i}/" for i in change.edited),
            "added": sorted(set(html2) - set(html1)),
            "changed": sorted(p for p in set(html1) & set(html2) if html1[p].body != html2[p].body),
            "dropped": sorted(set(html1) - set(html2)),
        },
    }


def write(directory: Path) -> None:
    for name, data in (("labels.json", build_labels()), ("changes.json", build_changes())):
        text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        (directory / name).write_text(text, encoding="utf-8")
        logger.info("wrote %s", directory / name)


def main() -> None:
    parser = argparse.ArgumentParser(description="Regenerate labels.json and changes.json.")
    parser.add_argument("--dir", type=Path, default=Path(__file__).parent / "site")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    write(args.dir)


if __name__ == "__main__":
    main()
