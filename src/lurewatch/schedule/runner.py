"""The scheduler loop: start due crawls as child processes, one at a time per schedule.

Each crawl is a child ``lurewatch crawl ... --job-id ID`` process, because Scrapy's reactor runs
once per process. A per-schedule ``flock`` is taken before the child starts and inherited by it,
so the lock is held for exactly as long as the crawl runs, even if the scheduler itself dies: a
second scheduler (or the same one after a restart) never starts an overlapping crawl of that
schedule. SIGTERM/SIGINT stop the loop; running children get SIGTERM (Scrapy then finishes
in-flight pages and seals its WARC file), and SIGKILL only after a grace period.
"""

from __future__ import annotations

import fcntl
import logging
import os
import re
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from lurewatch.config import Config
from lurewatch.crawl.runner import new_job_id
from lurewatch.schedule import jobs
from lurewatch.schedule.crawljob import options_from_dict
from lurewatch.schedule.schedules import Schedule, due_schedules, mark_started, next_due, now_utc

log = logging.getLogger(__name__)



@dataclass
class RunningCrawl:
    schedule: str
    job_id: str
    process: subprocess.Popen[bytes]
    lock_fd: int


@dataclass
class SchedulerOptions:
    max_parallel: int = 2  # crawls of different schedules at once
    poll_seconds: float = 30.0  # longest sleep between looks at the schedule table
    grace_seconds: float = 60.0  # after SIGTERM, how long a crawl may take to seal its files


@dataclass
class RunReport:
    started: list[str] = field(default_factory=list)  # job ids
    failed: list[str] = field(default_factory=list)


def crawl_command(config: Config, schedule: Schedule, job_id: str) -> list[str]:
    options = options_from_dict({"seeds": schedule.seeds, **schedule.options})
    cmd = [sys.executable, "-m", "lurewatch.cli.main", "--home", str(config.home), "--index", config.index_uri, "crawl"]
    cmd += list(options.seeds)
    if options.max_pages:
        cmd += ["--max-pages", str(options.max_pages)]
    if options.depth:
        cmd += ["--depth", str(options.depth)]
    if options.render:
        cmd.append("--render")
    if not options.obey_robots:
        cmd.append("--ignore-robots")
    cmd += ["--name", options.name or schedule.name]
    for key, value in sorted(options.settings.items()):
        cmd += ["--set", f"{key}={value}"]
    return [*cmd, "--job-id", job_id, "--json"]


def _lock_path(home: Path, name: str) -> Path:
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", name)
    return home / "locks" / f"schedule-{safe}.lock"


def try_lock(home: Path, name: str) -> int | None:
    """An fd holding the schedule's exclusive lock, or None if a crawl of it is running."""
    path = _lock_path(home, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


class Scheduler:
    def __init__(self, config: Config, options: SchedulerOptions | None = None) -> None:
        self.config = config
        self.options = options or SchedulerOptions()
        self.running: dict[str, RunningCrawl] = {}
        self.stop = threading.Event()
        self.report = RunReport()

    # -- signals ----------------------------------------------------------------------------------

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        log.warning("scheduler stopping (signal %d)", signum)
        self.stop.set()

    def _install_signals(self) -> dict[int, object]:
        previous: dict[int, object] = {}
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGTERM, signal.SIGINT):
                previous[sig] = signal.signal(sig, self._on_signal)
        return previous

    # -- children ---------------------------------------------------------------------------------

    def _start(self, schedule: Schedule) -> bool:
        """Start a crawl of ``schedule``; False if one is still running (its lock is taken)."""
        home = self.config.home
        fd = try_lock(home, schedule.name)
        if fd is None:
            log.warning("schedule %s: a crawl of it is still running; not starting another", schedule.name)
            return False
        job_id = new_job_id()
        moment = now_utc()
        try:
            options = {"seeds": schedule.seeds, **schedule.options}
            jobs.begin(home, job_id, options, pid=None, schedule=schedule.name)
            log_path = home / "jobs" / job_id / "crawl.log"
            log_path.parent.mkdir(parents=True, exist_ok=True)
            with open(log_path, "wb") as log_fh:
                process = subprocess.Popen(
                    crawl_command(self.config, schedule, job_id),
                    stdin=subprocess.DEVNULL,
                    stdout=log_fh,
                    stderr=subprocess.STDOUT,
                    pass_fds=(fd,),  # the child holds the schedule lock for as long as it runs
                    start_new_session=True,  # a Ctrl-C at the terminal reaches the scheduler, which stops children in order
                )
        except BaseException:
            os.close(fd)
            raise
        mark_started(home, schedule, moment)
        self.running[schedule.name] = RunningCrawl(schedule.name, job_id, process, fd)
        self.report.started.append(job_id)
        log.info("schedule %s: started job %s (pid %d)", schedule.name, job_id, process.pid)
        return True

    def _reap(self) -> None:
        for name, crawl in list(self.running.items()):
            code = crawl.process.poll()
            if code is None:
                continue
            self._closed(crawl, code)
            del self.running[name]

    def _closed(self, crawl: RunningCrawl, code: int) -> None:
        os.close(crawl.lock_fd)
        job = jobs.get_job(self.config.home, crawl.job_id)
        if job.status == jobs.RUNNING:  # the child died before it could record its outcome
            status = jobs.KILLED if code < 0 else jobs.FAILED
            jobs.finish(self.config.home, crawl.job_id, status, f"crawl process exited with code {code}; see {self._log_of(crawl)}")
            job = jobs.get_job(self.config.home, crawl.job_id)
        if job.status == jobs.FAILED:
            self.report.failed.append(job.id)
        log.info("schedule %s: job %s %s %s", crawl.schedule, job.id, job.status, job.reason)

    def _log_of(self, crawl: RunningCrawl) -> Path:
        return self.config.home / "jobs" / crawl.job_id / "crawl.log"

    def _stop_children(self) -> None:
        for crawl in self.running.values():
            if crawl.process.poll() is None:
                crawl.process.send_signal(signal.SIGTERM)
        for crawl in self.running.values():
            try:
                crawl.process.wait(timeout=self.options.grace_seconds)
            except subprocess.TimeoutExpired:
                log.warning("job %s did not stop within %.0fs; killing it", crawl.job_id, self.options.grace_seconds)
                crawl.process.kill()
                crawl.process.wait()
        self._reap()

    # -- loop -------------------------------------------------------------------------------------

    def _start_from(self, candidates: list[Schedule]) -> list[Schedule]:
        """Start what fits in the free slots; returns the candidates left waiting for a slot."""
        waiting: list[Schedule] = []
        for schedule in candidates:
            if schedule.name in self.running:
                continue
            if self.stop.is_set() or len(self.running) >= self.options.max_parallel:
                waiting.append(schedule)
                continue
            self._start(schedule)
        return waiting

    def _sleep_seconds(self) -> float:
        if self.running:
            return 1.0  # children are watched closely so a finished one frees its slot soon
        due = next_due(self.config.home)
        if due is None:
            return self.options.poll_seconds
        return max(0.5, min(self.options.poll_seconds, (due - now_utc()).total_seconds()))

    def run(self, once: bool = False) -> RunReport:
        """Run due crawls until stopped; with ``once``, what is due now, then return when done."""
        previous = self._install_signals()
        try:
            jobs.reconcile(self.config.home)
            # --once: exactly what is due at this moment, each started as a slot frees up.
            pending = due_schedules(self.config.home, now_utc())
            pending = self._start_from(pending)
            while not self.stop.is_set():
                self._reap()
                if once:
                    pending = self._start_from(pending)
                    if not self.running and not pending:
                        break
                else:
                    self._start_from(due_schedules(self.config.home, now_utc()))
                self.stop.wait(self._sleep_seconds())
            self._stop_children()
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)  # type: ignore[arg-type]
        return self.report
