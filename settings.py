"""Scrapy settings for ``scrapy crawl site -a url=...`` from the repository root.

Declarative only: the shared defaults live in ``lurewatch.crawl.defaults`` so that ``lurewatch
crawl`` and ``scrapy crawl`` produce the same archive and index; this file adds the project's own
spider module and reads the data directory and index from the environment, as the CLI does.
"""

import os

from lurewatch.crawl.defaults import *  # noqa: F403  (the whole declarative default set)

SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

LUREWATCH_HOME = os.environ.get("LUREWATCH_HOME", "lurewatch-data")
LUREWATCH_INDEX = os.environ.get("LUREWATCH_INDEX", "sqlite")
LUREWATCH_OPERATOR = os.environ.get("LUREWATCH_OPERATOR", os.environ.get("USER", ""))
