"""What an indicator looks at (``RiskInput``) and what it reports (``Finding``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from lurewatch.models import Entity, PageRecord
from lurewatch.risk.matching import Hit, normalize
from lurewatch.risk.vocabulary import vocabulary


@dataclass(frozen=True)
class RiskInput:
    """One page as the risk indicators see it.

    ``has_company_contact`` is True/False when the caller knows whether the page gives a company
    e-mail, domain or office phone, None when unknown (the indicators then infer it from entities).
    """

    title: str
    text: str
    lang: str = ""
    kind: str = "other"  # job_ad | forum_thread | listing | other
    entities: list[Entity] = field(default_factory=list)
    has_company_contact: bool | None = None

    @cached_property
    def haystack(self) -> str:
        # Normalised once per page and shared by every indicator.
        return normalize(f"{self.title}\n{self.text}")

    @cached_property
    def hits(self) -> dict[str, list[Hit]]:
        """Every lexicon category found on the page, from one shared scan."""
        return vocabulary().scan(self.haystack)

    def entity_types(self) -> set[str]:
        return {e.type.lower() for e in self.entities}

    @classmethod
    def from_page(cls, page: PageRecord, has_company_contact: bool | None = None) -> RiskInput:
        return cls(
            title=page.title,
            text=page.text,
            lang=page.lang,
            kind=page.kind,
            entities=list(page.entities),
            has_company_contact=has_company_contact,
        )


@dataclass(frozen=True)
class Finding:
    """One red flag: a stable code, its weight (from ``weights.WEIGHTS``) and a one-line reason."""

    code: str
    weight: float
    reason: str


Indicator = Callable[[RiskInput], "Finding | None"]
