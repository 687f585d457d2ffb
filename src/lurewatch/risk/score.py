"""Combine indicator findings into one explainable 0..1 score."""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable

from lurewatch.models import RiskAssessment
from lurewatch.risk.base import Finding, Indicator, RiskInput
from lurewatch.risk.indicators import INDICATORS

logger = logging.getLogger(__name__)


def evaluate(inp: RiskInput, indicators: Iterable[Indicator] = INDICATORS) -> list[Finding]:
    """Every finding, heaviest first. An indicator that raises is logged and skipped, so one bug
    never costs the page its score (nor the crawl its page)."""
    findings: list[Finding] = []
    for indicator in indicators:
        try:
            finding = indicator(inp)
        except Exception:
            logger.warning(
                "risk indicator %s failed on %r; skipped",
                getattr(indicator, "__name__", indicator),
                inp.title[:80],
                exc_info=True,
            )
            continue
        if finding is not None:
            findings.append(finding)
    findings.sort(key=lambda f: (-f.weight, f.code))
    return findings


def combine(weights: Iterable[float]) -> float:
    """Independent evidence saturating towards 1: ``1 - prod(1 - w)``."""
    return 1.0 - math.prod(1.0 - min(max(w, 0.0), 1.0) for w in weights)


def assess(inp: RiskInput, indicators: Iterable[Indicator] = INDICATORS) -> RiskAssessment:
    findings = evaluate(inp, indicators)
    return RiskAssessment(
        score=combine(f.weight for f in findings),
        reasons=tuple(f.reason for f in findings),
    )
