"""``scrapy crawl site -a url=URL [-a max_pages=N] [-a depth=N]``: the same spider ``lurewatch
crawl`` runs, registered here so Scrapy's spider loader finds it in the project."""

from lurewatch.crawl.spider import SiteSpider as _LibrarySiteSpider


class SiteSpider(_LibrarySiteSpider):
    name = "site"
