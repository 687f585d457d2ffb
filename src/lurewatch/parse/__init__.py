"""Turning a captured HTML page into title, text, language, kind, dates and links."""

from lurewatch.parse.page import ParsedPage, parse_html

__all__ = ["ParsedPage", "parse_html"]
