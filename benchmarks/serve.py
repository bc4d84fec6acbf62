"""Latency and throughput of the served application under 20 concurrent clients on loopback.

Fills a fresh database with one plan of 25 indicators for each region (the nation, every province, city and county of
the GB/T 2260 list: about 3,200 plans; `--plans N` takes the first N) and each year of two periods' figures
(2016-2025: the 13th and 14th plans' years), starts `planwatch serve` on it, then requests with 20 clients at
once: a plan's dashboard (each plan's first view, which judges it and draws its tables, timed apart), an
indicator's page, one of the nation's indicators compared across the plans of
every region below it (about 3,200 plans; those not judged yet are judged by one untimed view first, as
entering their figures would have them), and a plan's assessments from the API. Prints p50 and p95
latency and requests per second with 20 clients, then with one client at a time. Run by hand:

    .venv/bin/python benchmarks/serve.py                       # SQLite in a temporary data directory
    DATABASE_URL=postgres://… .venv/bin/python benchmarks/serve.py   # PostgreSQL (an empty database)

Traffic goes to 127.0.0.1 only; every loop is bounded in count and time.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

INDICATORS, YEARS = 25, range(2016, 2026)
FIRST_VIEWS = 3600  # seconds the first views of every plan's dashboard may take


def fill(data_dir: Path, count: int) -> list[int]:
    """Create a plan for each of the first `count` regions (the nation's first, then its provinces), with
    its indicators and observations; return the plan ids."""
    from planwatch.server import runtime

    runtime.setup(data_dir, public_read=True)
    runtime.prepare()
    from planwatch.plan.regions import regions
    from planwatch.server.monitoring.models import Observation
    from planwatch.server.monitoring.signals import figures_changed
    from planwatch.server.plans.models import Indicator, Plan

    order = {"national": 0, "province": 1, "city": 2, "county": 3, "district": 3}
    places = sorted(
        (r for r in regions().values() if r.level in order), key=lambda r: (order[r.level], r.code)
    )

    rng = random.Random(7)
    kinds = [("地区生产总值增长", "", "", "6.5", True), ("常住人口城镇化率", "60.6", "65", "", False),
             ("一般公共预算收入", "10.2", "15", "", False), ("单位GDP能源消耗降低", "", "[13.5]", "", True),
             ("城镇调查失业率", "5.0", "5.5以内", "", False)]  # fmt: skip
    ids = []
    for region in places[:count]:
        plan = Plan.objects.create(
            title=f"{region.name}“十四五”规划", region=region.name, region_code=region.code,
            period_start=2021, period_end=2025, reading={},
        )  # fmt: skip
        ids.append(plan.pk)
        rows = []
        for n in range(INDICATORS):
            name, base, target, growth, rate = kinds[n % len(kinds)]
            rows.append(Indicator(plan=plan, key=str(n + 1), position=n, name=f"{name}{n // len(kinds) or ''}", unit="%",
                                  base_year=2020, target_year=2025, baseline=base, target=target,
                                  target_growth=growth, rate=rate))  # fmt: skip
        Indicator.objects.bulk_create(rows)
        Observation.objects.bulk_create(
            Observation(indicator=i, year=y, value=rng.uniform(2, 9) if i.rate else rng.uniform(50, 70))
            for i in Indicator.objects.filter(plan=plan)
            for y in YEARS
        )
    figures_changed(Plan.objects.filter(pk__in=ids))  # written in bulk, past the signals that count them
    return ids


def wait_for(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/admin/login/")
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the server did not start")


def first_view(port: int, path: str) -> float:
    """Seconds one request of `path` takes, given up to an hour (a first view may judge thousands of plans)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=3600)
    start = time.perf_counter()
    conn.request("GET", path)
    conn.getresponse().read()
    return time.perf_counter() - start


def load(
    port: int, paths: list[str], clients: int, requests: int, limit: float
) -> tuple[list[float], int, float]:
    """Send `requests` requests from `clients` threads; return latencies (ms), errors and the elapsed time."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    counter = iter(range(requests))
    deadline = time.monotonic() + limit

    def client() -> None:
        nonlocal errors
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for k in counter:
            if time.monotonic() > deadline:
                return
            start = time.perf_counter()
            try:
                conn.request("GET", paths[k % len(paths)])
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except OSError:
                ok = False
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            with lock:
                latencies.append((time.perf_counter() - start) * 1000)
                errors += not ok

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors, time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--port", type=int, default=8899)
    parser.add_argument("--plans", type=int, default=4000, help="at most this many regions' plans")
    parser.add_argument("--workers", type=int, default=0, help="gunicorn worker processes (0: waitress)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000, help="requests per page kind")
    parser.add_argument("--seconds", type=float, default=120, help="stop each run after this long")
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="planwatch-bench-"))
    start = time.perf_counter()
    ids = fill(data_dir, args.plans)
    database = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"
    print(
        f"{database}: filled {len(ids)} plans x {INDICATORS} indicators x {len(YEARS)} years in {time.perf_counter() - start:.1f} s"
    )
    from planwatch.server.plans.models import Indicator

    indicators = list(
        Indicator.objects.filter(plan_id__in=ids[:200], position=1).values_list("pk", flat=True)
    )
    nation = Indicator.objects.filter(plan__region_code="000000")
    compared = list(nation.values_list("pk", flat=True))
    env = {**os.environ, "PLANWATCH_DATA_DIR": str(data_dir), "PLANWATCH_PUBLIC_READ": "1",
           "PLANWATCH_ADMIN_USER": "bench", "PLANWATCH_ADMIN_PASSWORD": "bench-password"}  # fmt: skip
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "planwatch",
            "serve",
            "--port",
            str(args.port),
            "--workers",
            str(args.workers),
            "--data-dir",
            str(data_dir),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(args.port)
        pages = {
            "dashboard": [f"/plans/{i}/?year=2024" for i in ids],
            "indicator page": [f"/indicators/{i}/" for i in indicators],
            "cross-region page": [f"/regions/indicators/{i}/compare/?year=2024&level=all" for i in compared],
            "api assessments": [f"/api/plans/{i}/assessments?year=2024" for i in ids],
        }
        for label, paths in pages.items():
            if label == "cross-region page" and paths:
                first = first_view(args.port, paths[0])
                print(f"{label}: {len(ids) - 1} plans; the first view, judging any not judged: {first:.1f} s")
            if label == "dashboard":
                cold, errors, spent = load(args.port, paths, args.clients, len(paths), FIRST_VIEWS)
                print(
                    f"{label}: first view of {len(cold)} plans: p50 {statistics.median(cold):.1f} ms, "
                    f"{len(cold) / spent:.0f} req/s, {errors} errors"
                )
            # under load, then one request at a time: what a clerk waits when the office is quiet
            for clients, requests in ((args.clients, args.requests), (1, min(args.requests, 100))):
                latencies, errors, elapsed = load(args.port, paths, clients, requests, args.seconds)
                cuts = statistics.quantiles(latencies, n=100)
                print(
                    f"{label}: {len(latencies)} requests, {clients} clients: p50 {cuts[49]:.1f} ms, "
                    f"p95 {cuts[94]:.1f} ms, {len(latencies) / elapsed:.0f} req/s, {errors} errors"
                )
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
