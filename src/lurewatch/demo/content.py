"""The demo site's data: job ads, forum threads, the JavaScript ads and the day-2 edits.

All of it lives in JSON files under ``site/`` so reviewers read content, not code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Salary:
    """What goes into a JobPosting's ``baseSalary``."""

    currency: str
    minimum: int
    maximum: int
    unit: str = "MONTH"


@dataclass(frozen=True)
class Ad:
    id: int
    lang: str
    category: str
    title: str
    company: str
    location: str
    country: str
    salary: str
    posted: str
    ref: str
    scam: bool
    body: tuple[str, ...]
    apply: tuple[str, ...]
    jsonld: Salary | None = None
    logo: str | None = None


@dataclass(frozen=True)
class Post:
    author: str
    date: str
    body: tuple[str, ...]


@dataclass(frozen=True)
class Thread:
    id: int
    board: str
    title: str
    lang: str
    posts: tuple[Post, ...]
    jsonld: bool = False


@dataclass(frozen=True)
class Board:
    slug: str
    name: str
    description: str


@dataclass(frozen=True)
class Day2:
    removed: tuple[int, ...]
    gone: tuple[int, ...]
    edited: dict[int, dict[str, Any]] = field(default_factory=dict)
    added: tuple[Ad, ...] = ()


def read_json(name: str) -> Any:
    return json.loads(resources.files("lurewatch.demo").joinpath("site").joinpath(name).read_text("utf-8"))


def _salary(raw: dict[str, Any] | None) -> Salary | None:
    if not raw:
        return None
    return Salary(raw["currency"], raw["min"], raw["max"], raw.get("unit", "MONTH"))


def _ad(raw: dict[str, Any]) -> Ad:
    return Ad(
        id=raw["id"],
        lang=raw["lang"],
        category=raw["category"],
        title=raw["title"],
        company=raw["company"],
        location=raw["location"],
        country=raw["country"],
        salary=raw["salary"],
        posted=raw["posted"],
        ref=raw["ref"],
        scam=raw["scam"],
        body=tuple(raw["body"]),
        apply=tuple(raw["apply"]),
        jsonld=_salary(raw.get("jsonld")),
        logo=raw.get("logo"),
    )


@cache
def categories() -> dict[str, str]:
    return dict(read_json("jobs.json")["categories"])


@cache
def ads_day1() -> tuple[Ad, ...]:
    return tuple(_ad(raw) for raw in read_json("jobs.json")["ads"])


@cache
def day2() -> Day2:
    raw = read_json("day2.json")
    return Day2(
        removed=tuple(raw["removed"]),
        gone=tuple(raw["gone"]),
        edited={int(k): v for k, v in raw["edited"].items()},
        added=tuple(_ad(a) for a in raw["added"]),
    )


def ads(day: int) -> tuple[Ad, ...]:
    """The ads online on ``day`` (1 or 2)."""
    if day == 1:
        return ads_day1()
    change = day2()
    dropped = set(change.removed) | set(change.gone)
    kept = []
    for ad in ads_day1():
        if ad.id in dropped:
            continue
        edit = change.edited.get(ad.id)
        if edit:
            fields = {k: tuple(v) if isinstance(v, list) else v for k, v in edit.items()}
            if "jsonld" in fields:
                fields["jsonld"] = _salary(edit["jsonld"])
            ad = replace(ad, **fields)
        kept.append(ad)
    return (*kept, *change.added)


@cache
def boards() -> tuple[Board, ...]:
    return tuple(Board(**b) for b in read_json("forum.json")["boards"])


@cache
def threads() -> tuple[Thread, ...]:
    return tuple(
        Thread(
            id=t["id"],
            board=t["board"],
            title=t["title"],
            lang=t["lang"],
            jsonld=t.get("jsonld", False),
            posts=tuple(Post(p["author"], p["date"], tuple(p["body"])) for p in t["posts"]),
        )
        for t in read_json("forum.json")["threads"]
    )


@cache
def js_ads() -> tuple[Ad, ...]:
    return tuple(_ad(raw) for raw in read_json("jsjobs.json")["ads"])
