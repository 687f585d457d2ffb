"""lurewatch: crawl, archive and index the public traces of scam-compound recruitment."""

__version__ = "0.1.0"
