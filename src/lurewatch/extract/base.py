"""The one small interface every entity extractor implements."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from lurewatch.models import Entity


@dataclass(frozen=True)
class ExtractionInput:
    """What an extractor may look at for one page.

    ``text`` is the visible text of the whole page (not only the main text: contacts often sit in
    footers and sidebars), ``links`` every href/src on the page as written (``tel:``, ``mailto:``,
    ``https://t.me/...``, ``https://wa.me/...``), ``region`` the ISO 3166 country the page is about
    when known (from the page's language, its domain or its own words), used to read national phone
    numbers.
    """

    text: str
    links: tuple[str, ...] = ()
    region: str | None = None
    lang: str = ""
    url: str = ""
    extra: dict[str, str] = field(default_factory=dict)


class Extractor(Protocol):
    """Finds one family of entities. Must be pure, fast and never raise on odd input."""

    name: str

    def extract(self, doc: ExtractionInput) -> Iterable[Entity]: ...
