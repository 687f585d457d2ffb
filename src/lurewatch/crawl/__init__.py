"""The Scrapy side of lurewatch: spider, pipelines, settings and the in-process runner."""
