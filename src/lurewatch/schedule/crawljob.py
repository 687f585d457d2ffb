"""A crawl as a job: recorded before it starts, closed with its figures or the reason it failed,
and resumable from its stored options."""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Callable
from typing import Any

from lurewatch.config import Config, LurewatchError
from lurewatch.crawl.runner import CrawlOptions, CrawlSummary
from lurewatch.schedule import jobs

log = logging.getLogger(__name__)

# Options that describe the crawl itself (the job id and the resume flag do not).
_NOT_STORED = {"job_id", "resume"}


def options_to_dict(options: CrawlOptions) -> dict[str, Any]:
    return {k: v for k, v in dataclasses.asdict(options).items() if k not in _NOT_STORED}


def options_from_dict(data: dict[str, Any], job_id: str | None = None) -> CrawlOptions:
    known = {f.name for f in dataclasses.fields(CrawlOptions)} - _NOT_STORED
    options = CrawlOptions(**{k: v for k, v in data.items() if k in known})
    if job_id:
        options.job_id = job_id
    return options


def resume_options(config: Config, job_id: str) -> CrawlOptions:
    job = jobs.get_job(config.home, job_id)
    if job.status == jobs.RUNNING:
        raise LurewatchError(f"job {job_id} is still running (pid {job.pid})", exit_code=2)
    if job.status == jobs.SUCCEEDED:
        raise LurewatchError(f"job {job_id} finished; nothing to resume", exit_code=2)
    options = options_from_dict(job.options, job_id)
    options.resume = True
    return options


def outcome(summary: CrawlSummary) -> tuple[str, str]:
    """(status, reason) of a finished crawl."""
    if summary.all_seeds_failed:
        url, why = next(iter(summary.seed_errors.items()))
        return jobs.FAILED, f"no seed could be fetched: {url}: {why}"
    if summary.finish_reason == "shutdown":
        return jobs.KILLED, f"stopped by a signal before the crawl finished; resume with `lurewatch crawl --resume {summary.job_id}`"
    if summary.finish_reason != "finished":
        return jobs.SUCCEEDED, f"stopped early: {summary.finish_reason}"
    return jobs.SUCCEEDED, ""


def run_recorded(
    config: Config, options: CrawlOptions, run: Callable[[], CrawlSummary], schedule: str | None = None
) -> CrawlSummary:
    """Run ``run`` as job ``options.job_id``: recorded running first, then with its outcome. An
    exception is a failed job with the exception as reason, and is raised on."""
    jobs.begin(config.home, options.job_id, options_to_dict(options), os.getpid(), schedule)
    try:
        summary = run()
    except (KeyboardInterrupt, SystemExit):
        jobs.finish(config.home, options.job_id, jobs.KILLED, f"interrupted; resume with `lurewatch crawl --resume {options.job_id}`")
        raise
    except Exception as exc:
        jobs.finish(config.home, options.job_id, jobs.FAILED, f"{type(exc).__name__}: {exc}")
        raise
    status, reason = outcome(summary)
    job = jobs.finish(config.home, options.job_id, status, reason, pages=summary.pages, errors=summary.errors)
    log.info("job %s %s: %d pages, %d bytes, %d WARC files", job.id, job.status, job.pages, job.bytes, len(job.warc_files))
    return summary
