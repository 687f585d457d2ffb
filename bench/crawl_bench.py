"""Crawl benchmark: plain Scrapy vs lurewatch vs wget on the same generated local site.

    .venv/bin/python bench/crawl_bench.py [--pages 3000] [--repeat 1] [--keep]

Generates (or reuses) a static site of ``--pages`` ~20 KB pages with ``bench/sitegen.py``, serves it
on 127.0.0.1 with nginx (Debian's; installed with apt if missing, else Python's ThreadingHTTPServer),
and crawls it, one peer after another in child processes, with the same politeness (AutoThrottle
off, no delay, 16 concurrent requests, robots.txt ignored):

  (a) scrapy     plain Scrapy, LinkExtractor, no pipelines, no archiving (bench/plain_spider.py)
  (b) lurewatch  ``lurewatch crawl --json``: WARC archiving, extraction, risk scoring, FTS5 index
  (c) wget       Debian's wget, ``--recursive --warc-file`` (one connection: wget has no concurrency)

For each: wall time, pages fetched, pages/s, CPU-ms per page (user+sys of the peer's whole process
tree: ``os.wait4`` plus /proc samples, so lurewatch's analysis workers count) and peak RSS (the
tree's resident memory). With ``--repeat R`` the peers run R rounds, the order
rotated each round, and the median of each figure is shown. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

import sitegen  # noqa: E402  (a sibling module, not a package)

log = logging.getLogger("crawl_bench")

CONCURRENCY = 16
USER_AGENT = "crawlbench/0.1 (local benchmark)"
SERVER_READY_TIMEOUT = 15.0


# --------------------------------------------------------------------------------------------- machine


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def ensure_tool(binary: str, package: str) -> bool:
    """True when ``binary`` is on PATH, installing Debian's ``package`` with apt if it is not."""
    if shutil.which(binary) or Path("/usr/sbin", binary).exists():
        return True
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        log.warning("%s is missing and cannot be installed (not root or no apt-get)", binary)
        return False
    log.info("installing %s with apt-get", package)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], env=env, check=False)
    done = subprocess.run(["apt-get", "install", "-y", "-qq", package], env=env, check=False)
    return done.returncode == 0 and bool(shutil.which(binary) or Path("/usr/sbin", binary).exists())


def child_env() -> dict[str, str]:
    """The environment for the peers: no proxy may take a request off 127.0.0.1."""
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy") and k != "SCRAPY_SETTINGS_MODULE"}
    env["no_proxy"] = env["NO_PROXY"] = "127.0.0.1,localhost"
    env["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""
    return env


# ---------------------------------------------------------------------------------------------- server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_ready(url: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + SERVER_READY_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1) as reply:  # noqa: S310  (127.0.0.1 only)
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"the server did not answer {url} within {SERVER_READY_TIMEOUT:.0f}s")


NGINX_CONF = """\
worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
{user}
events {{ worker_connections 1024; }}
http {{
    types {{ text/html html; text/css css; }}
    default_type application/octet-stream;
    charset utf-8;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    keepalive_timeout 65;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {site};
        index index.html;
    }}
}}
"""


@contextmanager
def _serving(argv: list[str], port: int, quiet: bool = False) -> Iterator[str]:
    """Run a server process until the block ends; yield its URL once it answers."""
    output = subprocess.DEVNULL if quiet else None
    proc = subprocess.Popen(argv, stdout=output, stderr=output)
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_ready(url, proc)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@contextmanager
def nginx_server(site: Path, port: int) -> Iterator[str]:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    with tempfile.TemporaryDirectory(prefix="crawlbench-nginx-") as tmp:
        user = "user root root;" if os.geteuid() == 0 else ""  # workers read the site as its owner
        conf = Path(tmp, "nginx.conf")
        conf.write_text(NGINX_CONF.format(tmp=tmp, port=port, site=site, user=user))
        with _serving([nginx, "-p", tmp, "-e", f"{tmp}/error.log", "-c", str(conf)], port) as url:
            yield url


@contextmanager
def python_server(site: Path, port: int) -> Iterator[str]:
    # http.server's CLI is a ThreadingHTTPServer.
    argv = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site)]
    with _serving(argv, port, quiet=True) as url:
        yield url


@contextmanager
def serve(site: Path) -> Iterator[tuple[str, str]]:
    """Yield (base URL, server name)."""
    port = free_port()
    if ensure_tool("nginx", "nginx"):
        with nginx_server(site, port) as url:
            yield url, "nginx " + nginx_version()
    else:
        log.warning("nginx unavailable: falling back to Python's ThreadingHTTPServer (slower, HTTP/1.0)")
        with python_server(site, port) as url:
            yield url, "python http.server (ThreadingHTTPServer)"


def nginx_version() -> str:
    done = subprocess.run([shutil.which("nginx") or "/usr/sbin/nginx", "-v"], capture_output=True, text=True, check=False)
    return done.stderr.strip().rsplit("/", 1)[-1]


# ----------------------------------------------------------------------------------------------- peers


@dataclass
class Run:
    peer: str
    round: int
    wall_s: float
    pages: int
    cpu_s: float
    maxrss_kb: int
    exit_code: int
    load_before: str
    note: str = ""

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.wall_s if self.wall_s else 0.0

    @property
    def cpu_ms_per_page(self) -> float:
        return 1000 * self.cpu_s / self.pages if self.pages else float("nan")


@dataclass
class Peer:
    name: str
    command: Callable[[str, Path], list[str]]  # (site URL, work dir) -> argv
    count: Callable[[Path, Path], tuple[int, str]]  # (work dir, stdout file) -> (pages, note)
    cwd_in_work: bool = True


def scrapy_command(url: str, work: Path) -> list[str]:
    return [
        sys.executable, str(BENCH / "plain_spider.py"), url, str(work / "stats.json"),
        "--concurrency", str(CONCURRENCY), "--user-agent", USER_AGENT,
    ]  # fmt: skip


def scrapy_count(work: Path, _stdout: Path) -> tuple[int, str]:
    stats = json.loads((work / "stats.json").read_text())
    responses = int(stats.get("downloader/response_count", 0))
    return int(stats.get("item_scraped_count", 0)), f"responses {responses}"


def lurewatch_command(url: str, work: Path) -> list[str]:
    return [
        str(REPO / ".venv" / "bin" / "lurewatch"), "--home", str(work / "home"), "crawl", url, "--json",
        "--ignore-robots",
        "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0",
        "-s", f"CONCURRENT_REQUESTS={CONCURRENCY}", "-s", f"CONCURRENT_REQUESTS_PER_DOMAIN={CONCURRENCY}",
    ]  # fmt: skip


def lurewatch_count(work: Path, stdout: Path) -> tuple[int, str]:
    summary = json.loads(stdout.read_text())
    note = f"responses {summary.get('responses')}, entities {summary.get('entities')}, {summary.get('finish_reason')}"
    if summary.get("unindexed"):
        note += f", unindexed {summary['unindexed']}"
    return int(summary.get("pages", 0)), note


def wget_command(url: str, work: Path) -> list[str]:
    return [
        "wget", "--recursive", "--level=inf", "--no-parent", f"--warc-file={work / 'wget'}", "--no-verbose",
        "--delete-after", "-e", "robots=off", f"--user-agent={USER_AGENT}", f"--directory-prefix={work / 'files'}",
        url,
    ]  # fmt: skip


def wget_count(work: Path, _stdout: Path) -> tuple[int, str]:
    """HTML responses in wget's WARC (its log lines cross-check)."""
    pages = 0
    in_response = False
    with gzip.open(work / "wget.warc.gz", "rb") as warc:
        for line in warc:
            if line.startswith(b"WARC-Type:"):
                in_response = line.strip().endswith(b"response")
            elif in_response and line.lower().startswith(b"content-type:") and b"text/html" in line.lower():
                pages += 1
                in_response = False
    log_lines = sum(1 for line in (work / "stderr.txt").read_text(errors="replace").splitlines() if " URL:" in line)
    return pages, f"log lines {log_lines}, WARC {(work / 'wget.warc.gz').stat().st_size / 1e6:.1f} MB"


PEERS: dict[str, Peer] = {
    "scrapy": Peer("scrapy", scrapy_command, scrapy_count),
    "lurewatch": Peer("lurewatch", lurewatch_command, lurewatch_count),
    "wget": Peer("wget", wget_command, wget_count),
}


_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
_PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def _proc_stat(pid: int) -> tuple[int, float, int] | None:
    """(parent pid, CPU seconds, resident KB) of a live process, from /proc."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2 :].split()
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS, int(fields[21]) * _PAGE_KB


class TreeSampler:
    """CPU and resident memory of a process and all its descendants, sampled from /proc.

    ``wait4`` only counts descendants that were waited for; lurewatch's analysis workers are
    grandchildren (forkserver), so they are sampled instead. CPU is the last sample of each process
    (at most one interval of work is missed per process); RSS is the peak of the tree's sum.
    """

    def __init__(self, root: int, interval: float = 0.1) -> None:
        self.root = root
        self.interval = interval
        self.cpu: dict[int, float] = {}
        self.peak_rss_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            stats = {pid: st for pid in _all_pids() if (st := _proc_stat(pid))}
            tree = {self.root}
            grew = True
            while grew:
                grew = False
                for pid, (ppid, _, _) in stats.items():
                    if ppid in tree and pid not in tree:
                        tree.add(pid)
                        grew = True
            rss = 0
            for pid in tree & stats.keys():
                _, cpu, kb = stats[pid]
                self.cpu[pid] = cpu
                rss += kb
            self.peak_rss_kb = max(self.peak_rss_kb, rss)

    def stop(self) -> tuple[float, int]:
        self._stop.set()
        self._thread.join()
        return sum(self.cpu.values()), self.peak_rss_kb


def _all_pids() -> list[int]:
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def measure(peer: Peer, url: str, work: Path, round_: int) -> Run:
    """Run one peer as a child process; wall time around it, CPU and peak RSS of its whole process
    tree (``wait4`` and /proc samples)."""
    work.mkdir(parents=True)
    stdout, stderr = work / "stdout.txt", work / "stderr.txt"
    argv = peer.command(url, work)
    log.info("round %d: %s (load %s)", round_, peer.name, load_average())
    log.debug("argv: %s", argv)
    load = load_average()
    with stdout.open("wb") as out, stderr.open("wb") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, cwd=work, env=child_env())
        sampler = TreeSampler(proc.pid)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        tree_cpu, tree_rss_kb = sampler.stop()
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4: tell Popen
    try:
        pages, note = peer.count(work, stdout)
    except (OSError, ValueError) as exc:
        pages, note = 0, f"no count: {exc}"
    if proc.returncode:
        note = f"exit {proc.returncode}; {note}"
    # the larger of the two: wait4 is exact for waited children, the sampler sees grandchildren
    cpu = max(usage.ru_utime + usage.ru_stime, tree_cpu)
    rss_kb = max(usage.ru_maxrss, tree_rss_kb)
    return Run(peer.name, round_, wall, pages, cpu, rss_kb, proc.returncode, load, note)


def rounds(names: list[str], repeat: int) -> Iterator[tuple[int, list[str]]]:
    """Each round rotates the order, so no peer always runs first (cold caches) or last."""
    for r in range(repeat):
        shift = r % len(names)
        yield r + 1, names[shift:] + names[:shift]


# --------------------------------------------------------------------------------------------- summary


@dataclass
class Figures:
    peer: str
    runs: list[Run] = field(default_factory=list)

    def median(self, key: Callable[[Run], float]) -> float:
        return statistics.median(key(r) for r in self.runs)

    @property
    def pages_per_s(self) -> float:
        return self.median(lambda r: r.pages_per_s)


def render(figures: dict[str, Figures], site_pages: int, server: str, args: argparse.Namespace, console: Console) -> None:
    table = Table(title=f"crawl benchmark: {site_pages} pages, {server}, median of {args.repeat} round(s)")
    for column in ("peer", "pages", "wall s", "pages/s", "CPU-ms/page", "peak RSS MB", "pages/s range", "notes"):
        table.add_column(column, justify="left" if column in ("peer", "notes") else "right")
    for name, fig in figures.items():
        rates = [r.pages_per_s for r in fig.runs]
        table.add_row(
            name,
            f"{fig.median(lambda r: r.pages):.0f}",
            f"{fig.median(lambda r: r.wall_s):.1f}",
            f"{fig.pages_per_s:.1f}",
            f"{fig.median(lambda r: r.cpu_ms_per_page):.2f}",
            f"{fig.median(lambda r: r.maxrss_kb) / 1024:.0f}",
            f"{min(rates):.1f}–{max(rates):.1f}",
            "; ".join(sorted({r.note for r in fig.runs})),
        )
    console.print(table)
    lw = figures.get("lurewatch")
    if lw is None or len(figures) < 2:
        return
    ratios = Table(title="ratios (pages/s)", show_header=True)
    ratios.add_column("ratio")
    ratios.add_column("value", justify="right")
    ratios.add_column("target")
    ratios.add_column("met")
    for other, target in (("scrapy", 0.8), ("wget", 1.0)):
        if lw and other in figures and figures[other].pages_per_s:
            value = lw.pages_per_s / figures[other].pages_per_s
            ok = value >= target if other == "scrapy" else value > target
            wanted = f"{'≥' if other == 'scrapy' else '>'} {target}×"
            ratios.add_row(f"lurewatch / {other}", f"{value:.2f}×", wanted, "yes" if ok else "[red]no[/]")
    console.print(ratios)
    for name, fig in figures.items():
        pages = {r.pages for r in fig.runs}
        if pages != {site_pages}:
            console.print(f"[yellow]warning:[/] {name} fetched {sorted(pages)} pages, the site has {site_pages}")


def ensure_site(site: Path, pages: int, seed: int) -> int:
    marker = site / ".sitegen.json"
    wanted = {"pages": pages, "seed": seed}
    if marker.exists() and json.loads(marker.read_text()) == wanted:
        log.info("reusing the site in %s", site)
        return pages
    log.info("generating %d pages into %s", pages, site)
    written = sitegen.generate(site, pages, seed)
    marker.write_text(json.dumps(wanted))
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=sitegen.DEFAULT_PAGES, help="pages in the generated site")
    parser.add_argument("--repeat", type=int, default=1, help="rounds; the median is shown")
    parser.add_argument("--keep", action="store_true", help="keep each run's work directory (WARCs, logs, homes)")
    parser.add_argument("--peers", default="scrapy,lurewatch,wget", help="comma-separated subset, in this order")
    parser.add_argument("--site", type=Path, default=BENCH / "out" / "site")
    parser.add_argument("--seed", type=int, default=sitegen.DEFAULT_SEED)
    parser.add_argument("--json-out", type=Path, default=BENCH / "out" / "crawl_bench.json")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    console = Console(width=None if sys.stdout.isatty() else 150)

    names = [n.strip() for n in args.peers.split(",") if n.strip()]
    unknown = set(names) - set(PEERS)
    if unknown:
        parser.error(f"unknown peers: {', '.join(sorted(unknown))}")
    if "wget" in names and not ensure_tool("wget", "wget"):
        log.warning("wget unavailable: dropping that peer")
        names.remove("wget")

    site_pages = ensure_site(args.site.resolve(), args.pages, args.seed)
    machine = f"{os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {cpu_model()}, Python {platform.python_version()}"
    console.print(f"machine: {machine}; load average {load_average()}")
    console.print("[dim]note: other work shares this machine; figures are noisy — use --repeat[/]")

    work_root = Path(tempfile.mkdtemp(prefix="crawlbench-"))
    figures = {n: Figures(n) for n in names}
    try:
        with serve(args.site.resolve()) as (url, server):
            console.print(f"server: {server} at {url}")
            for round_, order in rounds(names, args.repeat):
                for name in order:
                    run = measure(PEERS[name], url, work_root / f"{round_}-{name}", round_)
                    log.info("  %s: %d pages in %.1fs (%.1f pages/s, %.2f CPU-ms/page, %d MB)",
                             name, run.pages, run.wall_s, run.pages_per_s, run.cpu_ms_per_page, run.maxrss_kb // 1024)  # fmt: skip
                    figures[name].runs.append(run)
    finally:
        if args.keep:
            console.print(f"kept work directories in {work_root}")
        else:
            shutil.rmtree(work_root, ignore_errors=True)

    console.print(f"machine: {machine}")
    render(figures, site_pages, server, args, console)
    args.json_out.parent.mkdir(parents=True, exist_ok=True)
    args.json_out.write_text(
        json.dumps(
            {
                "machine": machine,
                "server": server,
                "pages": site_pages,
                "repeat": args.repeat,
                "runs": [
                    asdict(r) | {"pages_per_s": r.pages_per_s, "cpu_ms_per_page": r.cpu_ms_per_page}
                    for f in figures.values()
                    for r in f.runs
                ],
            },
            indent=1,
        )
    )
    log.info("raw runs written to %s", args.json_out)


if __name__ == "__main__":
    main()
