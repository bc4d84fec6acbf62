"""How long evaluation takes: 3,000 plans of 25 indicators, each assessed in each of its 5 years, with
the anticipated progress (预计完成情况) every assessment carries, all at once (`evaluate_plans`, which is
to stay under 1 s); one plan at a time (`evaluate_years`, as a page asks); and reading an assessment
with its sentence, which is written when it is read.

Run by hand: `.venv/bin/python benchmarks/evaluate.py [--plans N]`; prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter

from planwatch.evaluate.method import PlanFigures, evaluate_plans, evaluate_years
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
    plans = [PlanFigures(*plan(k, rng)) for k in range(args.plans)]
    years = range(2021, 2026)
    start = time.perf_counter()
    judged = evaluate_plans(plans, years)
    counts: Counter[str] = Counter()
    for found in judged:
        for assessments in found.values():
            counts.update(assessments.statuses())
    elapsed = time.perf_counter() - start
    count = sum(counts.values())
    projected = sum(a.projected is not None for a in judged[0][2025])
    print(
        f"{args.plans} plans x 25 indicators x 5 years, with anticipated progress: {count} assessments in {elapsed:.2f} s"
    )
    print(f"{count / elapsed:,.0f} assessments/s; statuses: {dict(counts)}")
    start = time.perf_counter()
    one = [evaluate_years(p.indicators, p.observations, years) for p in plans[:100]]
    print(f"one plan at a time: {(time.perf_counter() - start) * 10:.2f} ms a plan (5 years)")
    start = time.perf_counter()
    sentences = sum(
        len(a.explanation) > 0 for found in one for assessments in found.values() for a in assessments
    )
    reading = time.perf_counter() - start
    print(f"reading {sentences} assessments with their sentences: {reading / sentences * 1e6:.1f} µs each")
    print(f"(the first plan has {projected} of 25 indicators projected to 2025)")


if __name__ == "__main__":
    main()
