"""The project's item pipelines: thin Scrapy adapters over the library (see ``settings.py``)."""

from lurewatch.crawl.pipelines import AnalyzePipeline, IndexPipeline

__all__ = ["AnalyzePipeline", "IndexPipeline"]
