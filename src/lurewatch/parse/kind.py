"""What a page is: a job ad, a forum thread, a listing, or something else."""

from __future__ import annotations

import re
from collections.abc import Iterable

JOB_AD = "job_ad"
FORUM_THREAD = "forum_thread"
LISTING = "listing"
OTHER = "other"

_JOB_TYPES = {"jobposting"}
_FORUM_TYPES = {"discussionforumposting", "socialmediaposting", "qapage", "comment"}
_LISTING_TYPES = {"itemlist", "collectionpage", "searchresultspage"}

# A path that names one ad or one thread: an id-like last segment under a jobs/forum section.
_JOB_PATH = re.compile(r"/(jobs?|vacanc(y|ies)|careers?|positions?|openings?|ads?|lowongan|viec-lam|tuyen-dung|งาน|招聘)/[^/?#]*\d[^/?#]*/?$", re.I)
_THREAD_PATH = re.compile(r"/(threads?|topics?|t|posts?|viewtopic|showthread|discussion|forum/[^/]+)/[^/?#]*\d[^/?#]*/?$|viewtopic\.php|showthread\.php", re.I)
_SECTION_PATH = re.compile(r"/(jobs?|vacancies|careers|forums?|boards?|categor(y|ies)|tags?|search|latest|c)(/[^/?#]*)?/?$", re.I)
_PAGINATION = re.compile(r"[?&](page|p|pg|start|offset)=\d+|/page/\d+/?$", re.I)


def classify(url: str, jsonld_types: Iterable[str], detail_links: int) -> str:
    """Structured data first (it is what the site says the page is), then the URL's shape, then
    the link structure (a page linking to many ads or threads is a listing)."""
    types = {t.lower() for t in jsonld_types}
    if types & _JOB_TYPES:
        return JOB_AD
    if types & _FORUM_TYPES:
        return FORUM_THREAD
    if types & _LISTING_TYPES:
        return LISTING
    path = url.split("#", 1)[0]
    if _PAGINATION.search(path) or _SECTION_PATH.search(path.split("?", 1)[0]):
        return LISTING if detail_links >= 3 else OTHER
    if _JOB_PATH.search(path.split("?", 1)[0]):
        return JOB_AD
    if _THREAD_PATH.search(path):
        return FORUM_THREAD
    if detail_links >= 5:
        return LISTING
    return OTHER


def is_detail_link(url: str) -> bool:
    """A link that points at one ad or one thread."""
    bare = url.split("#", 1)[0]
    return bool(_JOB_PATH.search(bare.split("?", 1)[0]) or _THREAD_PATH.search(bare))
