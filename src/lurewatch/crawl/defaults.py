"""Declarative Scrapy settings shared by ``lurewatch crawl`` and ``scrapy crawl`` (the project's
root ``settings.py`` imports them). Polite by default; every lurewatch value is ``LUREWATCH_*``."""

BOT_NAME = "lurewatch"
USER_AGENT = "lurewatch/0.1 (+https://github.com/lurewatch/lurewatch; OSINT archiving)"
ROBOTSTXT_OBEY = True

# Politeness: few parallel requests per host, a small delay that AutoThrottle adapts to the server.
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 8
DOWNLOAD_DELAY = 0.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.25
AUTOTHROTTLE_MAX_DELAY = 10.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 4.0
DOWNLOAD_TIMEOUT = 30
RETRY_TIMES = 2
REDIRECT_MAX_TIMES = 10
COOKIES_ENABLED = True
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False  # no control port on crawls that run unattended
LOG_LEVEL = "INFO"

# Breadth-first, so --max-pages keeps the pages nearest the seeds.
DEPTH_PRIORITY = 1
SCHEDULER_DISK_QUEUE = "scrapy.squeues.PickleFifoDiskQueue"
SCHEDULER_MEMORY_QUEUE = "scrapy.squeues.FifoMemoryQueue"

# Keep partial bodies (a dropped connection, an over-long page) instead of failing: they are
# evidence too, recorded with WARC-Truncated. The size limit is enforced by the recorder.
DOWNLOAD_FAIL_ON_DATALOSS = False
DOWNLOAD_MAXSIZE = 0
DOWNLOAD_WARNSIZE = 0

DOWNLOADER_MIDDLEWARES = {
    "lurewatch.warc.recorder.WarcRecorderMiddleware": 950,
    # Crash recovery (repair of .open files) on every crawl; replay of the archive on --resume.
    "lurewatch.crawl.replay.ResumeMiddleware": 960,
}
ITEM_PIPELINES = {  # also importable as pipelines.AnalyzePipeline / pipelines.IndexPipeline
    "lurewatch.crawl.pipelines.AnalyzePipeline": 300,
    "lurewatch.crawl.pipelines.IndexPipeline": 800,
}

# Browser rendering (lurewatch.crawl.render): off unless LUREWATCH_RENDER or
# LUREWATCH_RENDER_PATTERNS asks for it; the add-on then sets up scrapy-playwright.
ADDONS = {"lurewatch.crawl.render.RenderAddon": 0}
LUREWATCH_RENDER = False
LUREWATCH_RENDER_PATTERNS: list[str] = []  # regexes; matching URLs are rendered, the rest fetched plainly
LUREWATCH_RENDER_BLOCK: list[str] = []  # regexes of URLs the browser must not fetch (none by default)
LUREWATCH_RENDER_MAX_PAGES = 3  # browser tabs at once; sized for a 2-core machine
LUREWATCH_RENDER_NAV_TIMEOUT = 20.0  # s until the first byte of the document
LUREWATCH_RENDER_LOAD_TIMEOUT = 15.0  # s for DOMContentLoaded
LUREWATCH_RENDER_IDLE_CAP = 5.0  # s at most waiting for the network to go quiet
LUREWATCH_RENDER_SCROLLS = 8  # viewport-height scroll steps at most (lazy loading)
LUREWATCH_RENDER_SCREENSHOT_TIMEOUT = 15.0
LUREWATCH_RENDER_PAGE_BUDGET = 60.0  # s for settling one page, whatever it does

LUREWATCH_HOME = "lurewatch-data"
LUREWATCH_INDEX = "sqlite"
LUREWATCH_WARC_ENABLED = True
LUREWATCH_WARC_MAX_BYTES = 1_000_000_000
LUREWATCH_MAX_RESPONSE_BYTES = 10_000_000
LUREWATCH_INDEX_BATCH = 200
LUREWATCH_ANALYSIS_WORKERS = "auto"  # processes for parsing/extraction/risk: auto = 1 with 2+ cores, 0 = inline
LUREWATCH_OPERATOR = ""
LUREWATCH_MAX_PAGES = 0  # 0: no limit
LUREWATCH_DEPTH = 0  # 0: no limit
LUREWATCH_TRAP_MAX_PATH_DEPTH = 12
LUREWATCH_TRAP_MAX_URL_LENGTH = 1024
LUREWATCH_TRAP_MAX_PER_PATTERN = 1000
LUREWATCH_TRAP_MAX_PER_CALENDAR_PATTERN = 24
LUREWATCH_TRAP_YEARS_BACK = 1
LUREWATCH_TRAP_YEARS_AHEAD = 1

REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
