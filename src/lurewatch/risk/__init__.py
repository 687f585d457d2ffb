"""Explainable recruitment-scam indicators and the score built from them.

``assess(RiskInput(...))`` returns a ``RiskAssessment`` (score 0..1 and human reasons, heaviest
first); ``evaluate`` returns the underlying ``Finding`` objects with their stable codes.
"""

from lurewatch.risk.base import Finding, Indicator, RiskInput
from lurewatch.risk.indicators import INDICATORS
from lurewatch.risk.score import assess, combine, evaluate
from lurewatch.risk.weights import WEIGHTS

__all__ = [
    "INDICATORS",
    "WEIGHTS",
    "Finding",
    "Indicator",
    "RiskInput",
    "assess",
    "combine",
    "evaluate",
]
