"""Sector comparison (counts, all modes, median, quartiles, mean per category and group) against pandas.

The same synthetic table — N organisations, five categories scored 1–4 with 5% missing, two sectors —
goes through hp.compare_sectors and through the pandas one would otherwise write (groupby + value_counts
for all modes + quantile + mean). Both results are checked equal before timing. Prints time and ratio.

Run: make bench   (or python benchmarks/bench_sector_comparison.py [N ...])
"""
from __future__ import annotations

import sys

import numpy as np
import pandas as pd

import healthyplaces as hp
from _timing import best_of  # benchmarks/_timing.py, beside this script

CATS = ["financial_reporting", "financial_management", "financial_standing", "internal_control", "value_for_money"]


def make_table(n: int, seed: int = 2008) -> tuple[hp.ScoreTable, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    scores = rng.integers(1, 5, size=(n, len(CATS))).astype(float)
    scores[rng.random(scores.shape) < 0.05] = np.nan
    nhs = rng.random(n) < 0.5
    kinds = np.where(nhs, hp.OrganisationKind.primary_care_trust, hp.OrganisationKind.unitary_authority)
    orgs = [hp.Organisation(f"O{i}", kind=k) for i, k in enumerate(kinds)]
    table = hp.ScoreTable(hp.Framework.use_of_resources(), orgs, scores)
    frame = pd.DataFrame(scores, columns=CATS)
    frame["sector"] = np.where(nhs, "nhs_commissioner", "local_authority")
    return table, frame


def pandas_summary(frame: pd.DataFrame) -> dict:
    out = {}
    for sector, g in frame.groupby("sector"):
        for c in CATS:
            col = g[c].dropna()
            counts = col.value_counts()
            modes = sorted(int(v) for v in counts.index[counts == counts.max()])
            out[(c, sector)] = (modes, col.median(), col.quantile(0.25), col.quantile(0.75), col.mean())
    return out


def hp_summary(table: hp.ScoreTable) -> dict:
    cmp = hp.compare_sectors(table)
    out = {}
    for c in CATS:
        for g in cmp.groups:
            s = cmp.category_table(c, g)
            out[(c, g)] = (list(s.modes), s.median, s.q1, s.q3, s.mean)
    return out


def main(sizes: list[int]) -> None:
    print(f"{'organisations':>14} {'healthyplaces':>14} {'pandas':>10} {'ratio':>7}")
    for n in sizes:
        table, frame = make_table(n)
        ours, ref = hp_summary(table), pandas_summary(frame)
        for key, (modes, med, q1, q3, mean) in ref.items():
            got = ours[key]
            assert got[0] == modes and np.allclose(got[1:], (med, q1, q3, mean), rtol=1e-12), key
        t_hp = best_of(lambda: hp_summary(table))[0]
        t_pd = best_of(lambda: pandas_summary(frame))[0]
        print(f"{n:>14,} {t_hp * 1e3:>11.2f} ms {t_pd * 1e3:>7.2f} ms {t_pd / t_hp:>6.1f}x")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [18, 1_000, 100_000, 1_000_000])
