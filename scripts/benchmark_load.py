#!/usr/bin/env python
"""The portal under load, served as in production (issue 11 item 12; SPEC §8 "Fast at
real scale"): a benchmark, not a test. It asserts nothing.

1. A PostgreSQL database (default postgres://postgres@127.0.0.1:5432/accord_bench_load)
   is created, migrated and filled with 50 partnerships x 10 years by ``manage.py
   seed_scale`` (the data of scripts/benchmark_pages.py and its search index);
   ``--reuse`` measures one kept by an earlier ``--keep`` run without generating anything.
2. gunicorn serves it as docker-compose.yml's ``web`` does (sync workers, --timeout 60,
   --max-requests 20000 +-2000, --preload, access log), with 2 workers, DEBUG=false, a random
   SECRET_KEY, HTTPS off, the cache in Redis db 9 (REDIS_URL, never db 0) and the
   baseline views mounted (BENCHMARK_VIEWS=true: /_benchmark/ok, /_benchmark/template).
3. A member and an officer are signed in through the sign-in form (TWO_FACTOR_REQUIRED
   is false for the run: the officer would otherwise be sent to set up an app).
4. For each page, wrk (same machine) loads the trivial baseline (/_benchmark/ok) and then
   the page, at 1 and then 50 connections, --duration seconds each, so that every page
   has a baseline measured moments before it under the same machine load.
5. It prints, per page, requests/s, p50/p95/p99 latency and the cost relative to the
   baseline (baseline req/s / page req/s), and writes docs/performance.md with the
   machine described. gunicorn is stopped at the end, and on Ctrl-C.

    .venv/bin/python scripts/benchmark_load.py                      # create, seed, measure, drop
    .venv/bin/python scripts/benchmark_load.py --keep --duration 3  # keep the database
    .venv/bin/python scripts/benchmark_load.py --reuse              # measure the kept one again
    .venv/bin/python scripts/benchmark_load.py --partnerships 5 --years 2 --duration 2 --no-doc  # a quick look

Needs PostgreSQL and Redis on 127.0.0.1 and wrk (``apt-get install -y wrk``; the script
installs it when it runs as root on Debian, and says so).
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.cookiejar
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

import benchmark_pages  # noqa: E402  (the scratch database and the page picks)

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/accord_bench_load"
DEFAULT_REDIS = "redis://127.0.0.1:6379/9"
DOC = ROOT / "docs" / "performance.md"
LUA = ROOT / "scripts" / "wrk_report.lua"
BASELINE = "/_benchmark/ok"
HOST = "127.0.0.1"
# The API's per-client rate limit, raised so that wrk (one client) is never refused;
# per second, so DRF's throttle history holds about a second of requests, near the 120
# a minute it holds in production: the throttle's cost is still measured.
API_RATE = "100000/sec"


@dataclass
class Page:
    label: str
    url: str
    who: str = "anonymous"  # anonymous, member or officer
    each_time: bool = False  # every request at an address of its own: rendered, never a cache hit


@dataclass
class Run:
    rps: float
    p50: float
    p95: float
    p99: float
    requests: int
    non2xx: int
    errors: int
    worker_p95: float | None = None  # ms a gunicorn worker spent on the request (its access log)


@dataclass
class Row:
    page: Page
    status: int
    kilobytes: float
    runs: dict[int, tuple[Run, Run]] = field(default_factory=dict)  # connections -> (baseline, page)


# ---------------------------------------------------------------------------
# Preparation: in this process, with the settings gunicorn will have (no Redis here, so
# nothing this process does queues a task)


def base_env(db_url: str, media_root: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL", "SITE_URL")}
    env.update(
        DJANGO_SETTINGS_MODULE="governance.settings",
        DATABASE_URL=db_url,
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        HTTPS="false",
        MEDIA_ROOT=str(media_root),
        TWO_FACTOR_REQUIRED="false",
        API_ANON_RATE=API_RATE,
        LOG_LEVEL="ERROR",
    )
    return env


def prepare(args: argparse.Namespace, db: benchmark_pages.Database, env: dict[str, str]) -> dict[str, Any]:
    os.environ.update(env)
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    if not args.reuse:
        print(f"Seeding {db.name}: {args.partnerships} partnerships x {args.years} years (manage.py seed_scale) ...")
        call_command("seed_scale", partnerships=args.partnerships, years=args.years)
    from django.conf import settings

    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if not manifest.exists():
        print(f"collectstatic into {settings.STATIC_ROOT} (DEBUG=false serves hashed names) ...")
        call_command("collectstatic", interactive=False, verbosity=0)
    benchmark_pages.write_pdf(Path(env["MEDIA_ROOT"]))
    targets, meeting_id = benchmark_pages.pages()
    benchmark_pages.ready_documents(meeting_id)
    accounts = make_accounts(meeting_id)
    return {"targets": targets, "meeting_id": meeting_id, **accounts, "versions": versions()}


def make_accounts(meeting_id: int) -> dict[str, Any]:
    """A member (the first seat of the measured meeting's board) and an officer of its
    partnership, each with a fresh random password."""
    from accounts.models import Role, User
    from meetings.models import Meeting
    from partnerships.models import Membership

    meeting = Meeting.objects.select_related("board__partnership").get(pk=meeting_id)
    seat = Membership.objects.filter(board=meeting.board).select_related("person").order_by("pk").first()
    assert seat is not None
    passwords = {}
    for username, role in (("bench-member", Role.MEMBER), ("bench-officer", Role.OFFICER)):
        user, _ = User.objects.get_or_create(username=username, defaults={"role": role})
        user.role = role
        passwords[username] = secrets.token_urlsafe(16)
        user.set_password(passwords[username])
        user.save()
    member = User.objects.get(username="bench-member")
    person = seat.person
    if person.user_id != member.pk:
        type(person).objects.filter(user=member).update(user=None)
        person.user = member
        person.save(update_fields=["user"])
    meeting.board.partnership.officers.add(User.objects.get(username="bench-officer"))
    return {"passwords": passwords, "member_person": person.name, "partnership": meeting.board.partnership.name}


def versions() -> dict[str, str]:
    import django
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    import gunicorn

    wrk = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.splitlines()
    return {
        "Python": platform.python_version(),
        "Django": django.get_version(),
        "PostgreSQL": postgres,
        "gunicorn": gunicorn.__version__,
        "wrk": wrk[0].split(" Copyright")[0] if wrk else "?",
        "Redis": redis_version(),
    }


def redis_version() -> str:
    try:
        out = subprocess.run(["redis-cli", "-u", DEFAULT_REDIS, "INFO", "server"], capture_output=True, text=True)
        match = re.search(r"redis_version:(\S+)", out.stdout)
        return match.group(1) if match else "?"
    except OSError:
        return "?"


def describe_scale() -> str:
    from django.db.models import Max, Min

    from meetings.models import Meeting
    from partnerships.models import Partnership

    span = Meeting.objects.aggregate(first=Min("start"), last=Max("start"))
    first, last = span["first"], span["last"]
    years = f", meetings from {first:%B %Y} to {last:%B %Y}" if first and last else ""
    return f"{Partnership.objects.count()} partnerships{years}"


def page_list(prepared: dict[str, Any]) -> list[Page]:
    """The pages of issue 11 item 12, from benchmark_pages.pages()'s picks, plus the
    template baseline, search, the feeds, the API lists and the signed-in pages."""
    from django.urls import reverse

    from decisions.models import Proposal
    from meetings.models import Meeting

    picked: dict[str, str] = {}
    for label, url in prepared["targets"]:
        picked.setdefault(url, label)
    meeting = Meeting.objects.select_related("board__partnership").get(pk=prepared["meeting_id"])
    decided = Proposal.objects.filter(decided_at__isnull=False).order_by("-decided_at").first()
    year = decided.decided_at.year if decided and decided.decided_at else dt.date.today().year
    pages = [Page("template baseline (base.html, no query)", "/_benchmark/template")]
    pages += [Page(label, url) for url, label in picked.items()]
    pages += [
        Page("minutes PDF (hash checked, file served)", reverse("meetings:minutes_pdf", args=[meeting.pk])),
        Page(
            "decisions register, filtered",
            reverse("decisions:register")
            + "?"
            + urllib.parse.urlencode({"partnership": meeting.board.partnership.slug, "year": year}),
        ),
        Page("decisions RSS", reverse("decisions:register_rss")),
        Page("search 'budget'", reverse("search:search") + "?q=budget"),
        Page("search phrase, filtered", reverse("search:search") + '?q="performance+report"&kind=item'),
        Page("API events", reverse("api:event_list")),
        Page("API decisions", reverse("api:decision_list")),
        Page("API memberships", reverse("api:membership_list")),
        Page("member's page (signed in)", reverse("meetings:member_home"), "member"),
        Page("officer's meeting page (signed in)", reverse("meetings:manage_meeting", args=[meeting.pk]), "officer"),
        Page("member's page, rendered each time", reverse("meetings:member_home"), "member", each_time=True),
        Page(
            "officer's meeting page, rendered each time",
            reverse("meetings:manage_meeting", args=[meeting.pk]),
            "officer",
            each_time=True,
        ),
    ]
    return pages


# ---------------------------------------------------------------------------
# gunicorn


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def start_gunicorn(env: dict[str, str], port: int, workers: int, log: Path) -> subprocess.Popen[bytes]:
    """docker-compose.yml's web command, on 127.0.0.1 and a free port."""
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "governance.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--timeout",
        "60",
        "--graceful-timeout",
        "30",
        "--max-requests",
        "20000",
        "--max-requests-jitter",
        "2000",
        "--preload",
        "--access-logfile",
        str(log.with_suffix(".access.log")),
        # The default line, then the time the worker took (microseconds) and its pid: a
        # slow wrk latency with a quick worker time was queued, not slow to render.
        "--access-logformat",
        '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(D)s %(p)s',
        "--error-logfile",
        str(log),
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn exited ({process.returncode}); see {log}")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}{BASELINE}", timeout=5) as response:
                if response.status == 200:
                    return process
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    stop_gunicorn(process)
    sys.exit(f"gunicorn did not answer {BASELINE} within 60 s; see {log}")


def stop_gunicorn(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)  # its own session: the arbiter and its workers
    try:
        process.wait(timeout=35)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


# ---------------------------------------------------------------------------
# Signing in and loading


def sign_in(base: str, username: str, password: str) -> str:
    """POST the sign-in form as a browser would; the Cookie header a browser then sends
    (the session and the CSRF cookie the sign-in renewed)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(f"{base}/sign-in/", timeout=30) as response:
        html = response.read().decode()
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, "no CSRF token on the sign-in page"
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": match.group(1), "username": username, "password": password})
    with opener.open(f"{base}/sign-in/", data=data.encode(), timeout=30) as response:
        response.read()
    if not any(c.name == "sessionid" for c in jar):
        sys.exit(f"Could not sign in as {username}.")
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def fetch(base: str, url: str, cookie: str | None) -> tuple[int, int]:
    """One request (the warm-up): status and body size. Redirects are not followed."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    headers = {"Accept-Encoding": "gzip", **({"Cookie": cookie} if cookie else {})}
    request = urllib.request.Request(base + url, headers=headers)
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=120) as response:
            return response.status, len(response.read())
    except urllib.error.HTTPError as error:
        return error.code, len(error.read())


def wrk(base: str, url: str, connections: int, duration: int, cookie: str | None, *, each_time: bool = False) -> Run:
    command = [
        "wrk",
        f"--threads={min(connections, os.cpu_count() or 1)}",
        f"--connections={connections}",
        f"--duration={duration}s",
        "--timeout=60s",  # gunicorn's: a slow page queued behind 49 others is not a socket timeout
        f"--script={LUA}",
        # As browsers and calendar clients ask: compressed where the response is worth it.
        "--header",
        "Accept-Encoding: gzip",
    ]
    if cookie:
        command += ["--header", f"Cookie: {cookie}"]
    env = {**os.environ, "WRK_EACH_TIME": "1"} if each_time else None  # scripts/wrk_report.lua
    out = subprocess.run([*command, base + url], capture_output=True, text=True, check=True, env=env).stdout
    line = next(line for line in out.splitlines() if line.startswith("WRK_JSON "))
    if os.environ.get("BENCHMARK_LOAD_DEBUG"):
        print(out)
    data = json.loads(line.removeprefix("WRK_JSON "))
    return Run(
        rps=data["rps"],
        p50=data["p50_ms"],
        p95=data["p95_ms"],
        p99=data["p99_ms"],
        requests=data["requests"],
        non2xx=data["non2xx"],
        errors=data["connect"] + data["read"] + data["write"] + data["timeout"],
    )


def worker_p95(access_log: Path, offset: int, url: str, *, each_time: bool) -> tuple[float | None, int]:
    """The 95th percentile of the time gunicorn's workers spent on the requests for
    ``url`` logged since ``offset`` (the log's %(D)s, from the request read to the
    response written, without the time queued before a worker took it), and the log's
    new end. wrk's latency minus this is the time the requests waited."""
    with access_log.open("rb") as log:
        log.seek(offset)
        lines = log.read().decode(errors="replace").splitlines()
        end = log.tell()
    # The request line as logged: the address itself, or with wrk_report.lua's each=.
    wanted = f'"GET {url}' + (("&" if "?" in url else "?") + "each=" if each_time else " ")
    times = sorted(int(line.split()[-2]) / 1000 for line in lines if wanted in line)
    if not times:
        return None, end
    return times[min(len(times) - 1, int(len(times) * 0.95))], end


def drain(base: str) -> None:
    """Wait until the workers are idle again. When wrk stops, gunicorn still holds the
    requests it had accepted (up to one per connection) and serves them to closed
    sockets: the next run would queue behind them. Idle = the baseline answered in
    under 20 ms twice in a row (at most 60 s)."""
    quick = 0
    deadline = time.monotonic() + 60
    while quick < 2 and time.monotonic() < deadline:
        started = time.perf_counter()
        fetch(base, BASELINE, None)
        quick = quick + 1 if time.perf_counter() - started < 0.02 else 0
        time.sleep(0.05)


def ensure_wrk() -> None:
    if shutil.which("wrk"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("wrk is missing: installing it (apt-get install -y wrk) ...")
        subprocess.run(["apt-get", "install", "-y", "wrk"], check=True, stdout=subprocess.DEVNULL)
        return
    sys.exit("wrk is missing: install it (Debian/Ubuntu: sudo apt-get install -y wrk; macOS: brew install wrk).")


# ---------------------------------------------------------------------------
# Report


def cost(baseline: Run, page: Run) -> str:
    return f"{baseline.rps / page.rps:.1f}" if page.rps else "-"


def bound(ms: float, run: Run, connections: int, duration: int) -> str:
    # The queue is the connections over the throughput: when it lasts over half the run,
    # the requests behind it are cut off and the percentile is too low.
    censored = run.rps and connections / run.rps > duration / 2 and ms > duration * 1000 / 4
    return f"{ms:.0f}{'+' if censored else ''}"


def table(rows: list[Row], markdown: bool, duration: int) -> list[str]:
    """The results; a latency marked + is a lower bound: wrk counts only the requests that
    finished within the run, so when the queue behind the workers is longer than the
    run (50 connections on a slow page) the slowest requests are not in it."""
    head = [
        "Page",
        "status",
        "KB",
        "1 conn req/s",
        "p50",
        "p95",
        "p99",
        "x base",
        "50 conn req/s",
        "p50",
        "p95",
        "p99",
        "x base",
        "worker p95",
    ]
    lines = []
    body = []
    for row in rows:
        cells = [row.page.label + (f" `{row.page.url}`" if markdown else ""), str(row.status), f"{row.kilobytes:.0f}"]
        for connections in (1, 50):
            if connections not in row.runs:
                cells += ["-"] * 5
                continue
            base, page = row.runs[connections]
            flag = "" if not (page.non2xx or page.errors) else f" ({page.non2xx + page.errors} bad)"
            cells += [
                f"{page.rps:.1f}{flag}",
                bound(page.p50, page, connections, duration),
                bound(page.p95, page, connections, duration),
                bound(page.p99, page, connections, duration),
                cost(base, page),
            ]
        worker = row.runs[50][1].worker_p95 if 50 in row.runs else None
        cells.append("-" if worker is None else f"{worker:.1f}")
        body.append(cells)
    if markdown:
        lines.append("| " + " | ".join(head) + " |")
        lines.append("|" + "|".join(["---"] + ["--:"] * (len(head) - 1)) + "|")
        lines += ["| " + " | ".join(cells) + " |" for cells in body]
    else:
        widths = [max(len(c[i]) for c in [head, *body]) for i in range(len(head))]

        def fmt(cells: list[str]) -> str:
            return "  ".join(c.ljust(widths[i]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(cells))

        lines.append(fmt(head))
        lines += [fmt(cells) for cells in body]
    return lines


def machine() -> dict[str, str]:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = re.search(r"model name\s*:\s*(.+)", cpuinfo)
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    mem = re.search(r"MemTotal:\s*(\d+) kB", meminfo)
    return {
        "CPUs": str(os.cpu_count()),
        "CPU model": model.group(1).strip() if model else platform.processor() or "?",
        "RAM": f"{int(mem.group(1)) / 1024 / 1024:.1f} GiB" if mem else "?",
        "OS": f"{platform.system()} {platform.release()}",
    }


def load_average() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def write_doc(rows: list[Row], info: dict[str, Any], args: argparse.Namespace) -> None:
    baselines = [base.rps for row in rows for base, _ in row.runs.values()]
    lines = [
        "# Performance under load",
        "",
        "Measured by `make benchmark-load` (scripts/benchmark_load.py, issue 11 item 12). It is a",
        "measurement, not a test: nothing fails when a page is slow. Regenerate this file by running it.",
        "",
        "## What was measured",
        "",
        f"- Data: {info['scale']} (`manage.py seed_scale`: the load data of scripts/benchmark_pages.py,",
        f"  {info['rows']} rows, and its search index), on PostgreSQL.",
        "- Server: gunicorn as in docker-compose.yml's `web` (sync workers, `--timeout 60`, `--max-requests 20000`",
        f"  with jitter 2000, `--preload`, access log to a file), **{args.workers} workers**, DEBUG=false, HTTPS off",
        "  (no proxy, no TLS), the cache in Redis (db 9), `CONN_MAX_AGE` 60 (a connection kept per worker), the",
        "  public page cache on (`PAGE_CACHE_SECONDS` 60, its default): each run's first request of a public page",
        "  renders it and the rest are served from the cache, as for visitors between two changes (the cold",
        "  render of each page is what `make benchmark-pages` measures).",
        "- Load: wrk from the same machine, so wrk and the server share the CPUs. For each page wrk loads",
        f"  the trivial baseline (`{BASELINE}`: the middleware and a constant body, no query) for",
        f"  {args.duration} s, then the page for {args.duration} s, at 1 connection and then at 50",
        "  (interleaved: each page's baseline is measured moments before it, under the same machine load);",
        "  before each run the script waits for the workers to be idle (the requests still queued from the",
        "  run before are served first).",
        "- Columns: requests/s; latency p50/p95/p99 in ms (wrk's, from the request sent to the response read,",
        "  including the time queued for a worker); **x base** = baseline requests/s ÷ page requests/s, the",
        "  page's cost in baseline requests (1.0 = as cheap as a constant response); **worker p95** (at 50",
        "  connections) = the 95th percentile of the time a gunicorn worker spent on the page's requests, from",
        "  its access log (`%(D)s`: from the request read to the response written), so wrk's p95 minus it is",
        "  time spent waiting for a worker or for the CPU. `bad` counts non-2xx/3xx",
        "  responses and socket errors (none expected). Every request says `Accept-Encoding: gzip`, as",
        "  browsers and calendar clients do; KB is the body of one response as sent (compressed where it is",
        "  over 200 bytes). A latency marked",
        "  **+** is a lower bound: wrk counts only the requests finished within the run, and at 50",
        "  connections a slow page's queue (50 ÷ its req/s seconds) is longer than half the run, so its",
        "  slowest requests are cut off; run longer (`--duration 30`) to measure those.",
        "- wrk's tail at 1 connection: gunicorn's sync workers close every connection, and wrk then records",
        "  a few latencies of hundreds of milliseconds that did not happen (its mean disagrees with its own",
        "  requests/s: the home page at 1 connection, 607 req/s, so 1.6 ms a request, was reported with a",
        "  mean of 23.7 ms and a p99 of 404 ms; ApacheBench, `ab -c1`, against the same server: p95 2 ms, p99",
        "  3 ms; at 50 connections the two agree: p95 78 and 69 ms). Read the 1-connection p95/p99 of a fast",
        "  page with that in mind; p50 and requests/s are sound.",
        "- Signed in: a member (the member's page) and an officer of the partnership (the officer's meeting",
        "  page), signed in through the sign-in form, sending the session and CSRF cookies a browser would;",
        "  such pages are kept for the browser they were rendered for until the content changes",
        "  (`private_page`), so after the first request the run measures those served again, as for a member",
        "  coming back to the page between two changes; TWO_FACTOR_REQUIRED=false for the run (otherwise the",
        "  officer is sent to set up an authenticator app). The API's rate limit is raised to",
        f"  `{API_RATE}` (API_ANON_RATE) so that wrk, one client, is not refused; the throttle still runs.",
        "- Not measured: TLS, a reverse proxy, the network, browsers' caching (no `If-None-Match` is sent),",
        "  the Celery worker (nothing queued by a GET).",
        "",
        "## Machine",
        "",
    ]
    lines += [f"- {k}: {v}" for k, v in info["machine"].items()]
    lines += [f"- {k}: {v}" for k, v in info["versions"].items()]
    lines += [
        f"- Date: {info['date']}",
        f"- Load average (1/5/15 min) at the start: {info['load_start']}; at the end: {info['load_end']}",
        f"- Baseline req/s over the run: min {min(baselines):.0f}, max {max(baselines):.0f} "
        "(how much the machine's other load moved it)"
        if baselines
        else "",
    ]
    if args.note:
        lines.append(f"- Note: {args.note}")
    lines += ["", "## Results", "", *table(rows, markdown=True, duration=args.duration), ""]
    lines += [
        "## Reproduce",
        "",
        "Needs PostgreSQL and Redis on 127.0.0.1 and wrk (`apt-get install -y wrk`).",
        "",
        "```sh",
        "make benchmark-load                                   # create, seed, measure, drop; writes this file",
        ".venv/bin/python scripts/benchmark_load.py --keep     # keep the database for later runs",
        ".venv/bin/python scripts/benchmark_load.py --reuse --duration 10   # measure the kept one again",
        "```",
        "",
        f"This run: `{info['command']}`.",
        "Seeding at full scale takes a few minutes; each page then takes 4 x --duration seconds.",
        "",
    ]
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text("\n".join(line for line in lines if line is not None))
    print(f"\nWrote {DOC.relative_to(ROOT)}")


# ---------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=DEFAULT_URL, help=f"PostgreSQL (default {DEFAULT_URL})")
    parser.add_argument("--redis-url", default=DEFAULT_REDIS, help=f"the server's cache (default {DEFAULT_REDIS})")
    parser.add_argument("--partnerships", type=int, default=50)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--duration", type=int, default=5, help="seconds of each wrk run (default 5)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (default 2)")
    parser.add_argument("--keep-logs", action="store_true", help="keep gunicorn's logs (their directory is printed)")
    parser.add_argument("--keep", action="store_true", help="keep the database at the end")
    parser.add_argument("--reuse", action="store_true", help="measure a database kept by --keep; seed nothing")
    parser.add_argument("--only", help="measure only the pages whose label or URL contains this")
    parser.add_argument("--no-doc", action="store_true", help=f"print only; leave {DOC.relative_to(ROOT)} alone")
    parser.add_argument("--note", help="a line about the machine's state for the doc (e.g. other jobs running)")
    args = parser.parse_args()
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        sys.exit("--database-url: PostgreSQL only (the server is measured as in production).")
    if re.search(r"/0$", args.redis_url):
        sys.exit("--redis-url: not db 0 (name a scratch database, e.g. redis://127.0.0.1:6379/9).")
    if args.duration < 3:
        print("--duration under 3 s: at 50 connections the slow pages may finish few requests or none.")
    ensure_wrk()
    load_start = load_average()
    command = " ".join(["scripts/benchmark_load.py", *sys.argv[1:]])

    workdir = Path(tempfile.mkdtemp(prefix="accord-load-bench-"))
    media_root = ROOT / "var" / "benchmark-load" / "media"  # kept with a kept database
    db = benchmark_pages.prepare_database(args, workdir)
    env = base_env(args.database_url, media_root)
    server: subprocess.Popen[bytes] | None = None
    finished = False
    try:
        started = time.perf_counter()
        prepared = prepare(args, db, env)
        pages = page_list(prepared)
        counts = benchmark_pages.row_counts()
        scale = describe_scale()
        print(f"Database ready in {time.perf_counter() - started:.0f} s ({sum(counts.values()):,} rows).")
        if args.only:
            pages = [p for p in pages if args.only in p.label or args.only in p.url]
        from django.db import connections

        connections.close_all()

        port = free_port()
        server_env = {**env, "REDIS_URL": args.redis_url, "BENCHMARK_VIEWS": "true"}
        server = start_gunicorn(server_env, port, args.workers, workdir / "gunicorn.log")
        access_log = (workdir / "gunicorn.log").with_suffix(".access.log")
        base = f"http://{HOST}:{port}"
        print(f"gunicorn ({args.workers} workers) on {base}; logs in {workdir}")
        cookies = {
            "anonymous": None,
            "member": sign_in(base, "bench-member", prepared["passwords"]["bench-member"]),
            "officer": sign_in(base, "bench-officer", prepared["passwords"]["bench-officer"]),
        }
        print(f"Signed in: a member ({prepared['member_person']}), an officer of {prepared['partnership']}.")
        print(f"{len(pages)} pages x (1, 50) connections x (baseline, page) x {args.duration} s\n")
        rows: list[Row] = []
        for page in pages:
            cookie = cookies[page.who]
            status, size = fetch(base, page.url, cookie)  # warm-up; and what a request returns
            row = Row(page, status, size / 1024)
            for connections_count in (1, 50):
                drain(base)
                baseline = wrk(base, BASELINE, connections_count, args.duration, None)
                drain(base)
                offset = access_log.stat().st_size
                measured = wrk(base, page.url, connections_count, args.duration, cookie, each_time=page.each_time)
                drain(base)  # the requests wrk left queued are served, and logged
                measured.worker_p95, _ = worker_p95(access_log, offset, page.url, each_time=page.each_time)
                row.runs[connections_count] = (baseline, measured)
                print(
                    f"  {page.label[:48]:<48} {connections_count:>2} conn: {measured.rps:8.1f} req/s "
                    f"p50 {measured.p50:7.1f} p95 {measured.p95:7.1f} p99 {measured.p99:7.1f} ms "
                    f"(worker p95 {measured.worker_p95 or 0:5.1f} ms) "
                    f"(baseline {baseline.rps:7.1f} req/s){'  BAD ' + str(measured.non2xx + measured.errors) if measured.non2xx or measured.errors else ''}"
                )
            rows.append(row)
        print()
        print("\n".join(table(rows, markdown=False, duration=args.duration)))
        print("\nx base = baseline req/s / page req/s at the same connections; latencies in ms.")
        if not args.no_doc:
            info = {
                "scale": scale,
                "rows": f"{sum(counts.values()):,}",
                "machine": machine(),
                "versions": prepared["versions"],
                "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
                "load_start": load_start,
                "load_end": load_average(),
                "command": command,
            }
            write_doc(rows, info, args)
        finished = True
    finally:
        if server is not None:
            stop_gunicorn(server)
        if "django.db" in sys.modules:
            from django.db import connections

            connections.close_all()
        if args.keep or args.reuse:
            print(f"\nKept the database: {args.database_url} (measure it again with --reuse)")
        elif db.created:
            benchmark_pages.drop_database(db)
            shutil.rmtree(media_root, ignore_errors=True)
        if finished and not args.keep_logs:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            print(f"gunicorn's logs are kept in {workdir}")


if __name__ == "__main__":
    main()
