"""How long evaluation takes: 3,000 plans of 25 indicators, each assessed in each of its 5 years, with
the anticipated progress (预计完成情况) every assessment carries; and that projection alone, which is to
stay under 1 s for 3,000 plans.

Run by hand: `.venv/bin/python benchmarks/evaluate.py [--plans N]`; prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import time

from planwatch.evaluate.method import evaluate_years, target_kind
from planwatch.evaluate.projection import Outlooks
from planwatch.evaluate.settings import Settings
from planwatch.plan.cells import read_cell
from planwatch.plan.model import Indicator, Observation

# (name, unit, baseline, target, target growth, rate): one of each kind of target, repeated to 25
KINDS = [
    ("地区生产总值增长", "%", "", "", "6.5", True),
    ("常住人口城镇化率", "%", "60.6", "65", "", False),
    ("一般公共预算收入", "亿元", "10.2", "15", "", False),
    ("单位GDP能源消耗降低", "%", "", "[13.5]", "", True),
    ("人均预期寿命", "岁", "77.5", "[1]", "", False),
    ("城镇调查失业率", "%", "5.0", "5.5以内", "", False),
    ("居民人均可支配收入增长", "%", "", "与经济增长基本同步", "", True),
    ("森林覆盖率", "%", "41.26", "控制在市目标内", "", False),
]


def plan(k: int, rng: random.Random) -> tuple[list[Indicator], list[Observation]]:
    indicators, observations = [], []
    for n in range(25):
        name, unit, base, target, growth, rate = KINDS[n % len(KINDS)]
        ind = Indicator(
            id=f"{k}-{n}",
            name=name if n < len(KINDS) else f"{name}{n}",
            unit=unit,
            base_year=2020,
            target_year=2025,
            baseline=read_cell(base) if base else None,
            target=read_cell(target) if target else None,
            target_growth=read_cell(growth) if growth else None,
            rate=rate,
        )
        indicators.append(ind)
        start = float(base) if base and base.replace(".", "").isdigit() else 5.0
        for year in range(2021, 2026):
            value = rng.uniform(2, 9) if rate else start * (1 + rng.uniform(-0.01, 0.04)) ** (year - 2020)
            observations.append(Observation(indicator=ind.id, year=year, value=value))
    return indicators, observations


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--plans", type=int, default=3000)
    args = parser.parse_args()
    rng = random.Random(1)
    plans = [plan(k, rng) for k in range(args.plans)]
    start = time.perf_counter()
    count = 0
    for indicators, observations in plans:
        for assessments in evaluate_years(indicators, observations, range(2021, 2026)).values():
            count += len(assessments)
    elapsed = time.perf_counter() - start
    print(f"{args.plans} plans x 25 indicators x 5 years: {count} assessments in {elapsed:.2f} s")
    print(f"{count / elapsed:,.0f} assessments/s, {elapsed / args.plans * 1000:.2f} ms a plan (5 years)")
    projections, projecting = anticipated(plans)
    print(f"anticipated progress alone: {projections} projections in {projecting:.2f} s")


def anticipated(plans: list[tuple[list[Indicator], list[Observation]]]) -> tuple[int, float]:
    """The projections of every indicator in every year, timed without the rest of the evaluation: the
    trend of an indicator's figures found once and carried on from each year's, as `evaluate_years` does."""
    settings = Settings()
    work = []
    for indicators, observations in plans:
        series: dict[str, dict[int, Observation]] = {ind.id: {} for ind in indicators}
        for obs in observations:
            series[obs.indicator][obs.year] = obs
        work += [(ind, target_kind(ind), series[ind.id]) for ind in indicators]
    start = time.perf_counter()
    for ind, kind, own in work:
        ahead = Outlooks(ind, kind, own, 2025, settings)
        for year in range(2021, 2026):
            ahead.of(year)
    return len(work) * 5, time.perf_counter() - start


if __name__ == "__main__":
    main()
