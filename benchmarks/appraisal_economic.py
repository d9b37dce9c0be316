"""hp.appraisal.appraise against an idiomatic vectorised numpy implementation of the same appraisal, in one
process.

The case (issue 16): 5 options (business as usual, do minimum, pooled budget, joint team, full merger) over
years 0..10 at 3.5%, 100,000 simulations, 14 named inputs (triangular, gamma, normal, lognormal, beta), some shared
between options (common random numbers), optimism bias on every option but business as usual, one non-monetised
benefit. Both compute every option's NPSV draw by draw, mean, sd, 5 quantiles, the increment over business as
usual, P(best), EVPI and a 21-point acceptability curve. numpy draws with its Generator (PCG64) and multiplies the
draws by each option's present-value coefficients (written out here); the two agree in distribution (each
option's mean NPSV within 4 Monte Carlo standard errors), not draw by draw.

Target (issue 16): <= 2 s on one thread. The time printed for hp is the whole Python call (DataFrames included).

Run: python benchmarks/appraisal_economic.py
"""
from __future__ import annotations

import os

import numpy as np

import healthyplaces as hp
from _timing import best_of  # benchmarks/_timing.py, beside this script

N = 100_000
HORIZON = 10
U = hp.finance.Uncertain
fin = hp.finance

INPUTS = {  # name: (Uncertain, numpy draw)
    "admin": (U.normal(50_000, 5_000), lambda g, n: g.normal(50_000, 5_000, n)),
    "minimum set-up": (U.triangular(50_000, 80_000, 150_000), lambda g, n: g.triangular(50_000, 80_000, 150_000, n)),
    "liaison post": (U.gamma(45_000, 8_000), lambda g, n: g.gamma((45 / 8) ** 2, 8_000 ** 2 / 45_000, n)),
    "pool set-up": (U.triangular(150_000, 250_000, 450_000), lambda g, n: g.triangular(150_000, 250_000, 450_000, n)),
    "shared posts": (U.normal(150_000, 40_000), lambda g, n: g.normal(150_000, 40_000, n)),
    "pool admin": (U.gamma(30_000, 10_000), lambda g, n: g.gamma(9.0, 10_000 ** 2 / 30_000, n)),
    "team set-up": (U.triangular(300_000, 450_000, 800_000), lambda g, n: g.triangular(300_000, 450_000, 800_000, n)),
    "team running": (U.gamma(120_000, 30_000), lambda g, n: g.gamma(16.0, 30_000 ** 2 / 120_000, n)),
    "falls effect": (U.beta(0.03, 0.015), None),
    "restructuring": (U.gamma(1_000_000, 250_000), lambda g, n: g.gamma(16.0, 250_000 ** 2 / 1_000_000, n)),
    "one management team": (U.normal(200_000, 60_000), lambda g, n: g.normal(200_000, 60_000, n)),
    "board": (U.lognormal(60_000, 20_000), None),
    "admissions effect": (U.beta(0.05, 0.02), None),
    "people at home": (U.normal(40, 15), lambda g, n: g.normal(40, 15, n)),
}
BASELINE_FALLS, BASELINE_ADMISSIONS = 2_000_000, 3_000_000


def _beta(mean: float, sd: float):
    k = mean * (1 - mean) / sd ** 2 - 1
    return lambda g, n: g.beta(mean * k, (1 - mean) * k, n)


def _lognormal(mean: float, sd: float):
    s2 = np.log1p((sd / mean) ** 2)
    return lambda g, n: g.lognormal(np.log(mean) - s2 / 2, np.sqrt(s2), n)


INPUTS["falls effect"] = (INPUTS["falls effect"][0], _beta(0.03, 0.015))
INPUTS["admissions effect"] = (INPUTS["admissions effect"][0], _beta(0.05, 0.02))
INPUTS["board"] = (INPUTS["board"][0], _lognormal(60_000, 20_000))


def u(name: str):
    return INPUTS[name][0]


def options() -> list:
    posts = fin.saving("shared posts", u("shared posts"), start=1)
    falls = fin.prevention("falls effect", baseline=BASELINE_FALLS, effect=u("falls effect"), start=2)
    return [
        hp.appraisal.Option("business as usual", [fin.running_cost("admin", u("admin"), start=1)]),
        hp.appraisal.Option("do minimum", [fin.running_cost("admin", u("admin"), start=1),
                                           fin.one_off_cost("minimum set-up", u("minimum set-up")),
                                           fin.running_cost("liaison post", u("liaison post"), start=1)],
                            optimism_bias={"capital": 0.1, "operating": 0.05}),
        hp.appraisal.Option("pooled budget", [fin.one_off_cost("pool set-up", u("pool set-up")), posts,
                                              fin.running_cost("pool admin", u("pool admin"), start=1)],
                            optimism_bias={"capital": 0.24, "operating": 0.1, "duration": 0.2}),
        hp.appraisal.Option("joint team", [fin.one_off_cost("team set-up", u("team set-up"), years=2), posts,
                                           fin.running_cost("team running", u("team running"), start=1), falls],
                            optimism_bias={"capital": 0.3, "operating": 0.1, "duration": 0.5},
                            non_monetised=u("people at home"), non_monetised_name="people at home"),
        hp.appraisal.Option("full merger", [fin.one_off_cost("restructuring", u("restructuring"), years=2), posts,
                                            fin.saving("one management team", u("one management team"), start=1),
                                            fin.running_cost("board", u("board"), start=1), falls,
                                            fin.prevention("admissions effect", baseline=BASELINE_ADMISSIONS,
                                                           effect=u("admissions effect"), start=3)],
                            optimism_bias={"capital": 0.66, "operating": 0.1, "duration": 0.5}),
    ]


def numpy_appraisal(n: int, seed: int, wtp: np.ndarray) -> dict:
    """The same appraisal, vectorised: present-value coefficients (with optimism bias and the benefit delays,
    written out) times the draws."""
    g = np.random.default_rng(seed)
    names = list(INPUTS)
    x = np.column_stack([INPUTS[k][1](g, n) for k in names])
    d = 1.035 ** -np.arange(HORIZON + 1.0)

    def years(a: int, b: int = HORIZON) -> float:
        return d[a:b + 1].sum()

    c = np.zeros((len(names), 5))
    i = {k: j for j, k in enumerate(names)}
    c[i["admin"], 0] = -years(1)
    c[i["admin"], 1] = -1.05 * years(1)  # do minimum's operating uplift applies to every running cost it carries
    c[i["minimum set-up"], 1] = -1.1
    c[i["liaison post"], 1] = -1.05 * years(1)
    # pooled budget: works 1 year, delay round(0.2) = 0
    c[i["pool set-up"], 2] = -1.24
    c[i["shared posts"], 2] = years(1)
    c[i["pool admin"], 2] = -1.1 * years(1)
    # joint team: works 2 years, delay round(1.0) = 1
    c[i["team set-up"], 3] = -1.3 / 2 * years(0, 1)
    c[i["shared posts"], 3] = years(2)
    c[i["team running"], 3] = -1.1 * years(1)
    c[i["falls effect"], 3] = BASELINE_FALLS * years(3)
    # full merger: works 2 years, delay 1
    c[i["restructuring"], 4] = -1.66 / 2 * years(0, 1)
    c[i["shared posts"], 4] = years(2)
    c[i["one management team"], 4] = years(2)
    c[i["board"], 4] = -1.1 * years(1)
    c[i["falls effect"], 4] = BASELINE_FALLS * years(3)
    c[i["admissions effect"], 4] = BASELINE_ADMISSIONS * years(4)
    nb = x @ c
    q = np.zeros((n, 5))
    q[:, 3] = x[:, i["people at home"]]
    inc = nb - nb[:, [0]]
    out = {"mean": nb.mean(0), "sd": nb.std(0, ddof=1), "quantiles": np.quantile(nb, [0.05, 0.25, 0.5, 0.75, 0.95], 0),
           "inc_sd": inc.std(0, ddof=1), "p_inc": (inc > 0).mean(0),
           "p_best": np.bincount(nb.argmax(1), minlength=5) / n,
           "evpi": nb.max(1).mean() - nb.mean(0).max()}
    out["curve"] = [np.bincount((nb + w * q).argmax(1), minlength=5) / n for w in wtp]
    return out


def main() -> None:
    opts = options()
    print(f"machine load average {os.getloadavg()[0]:.2f}; {N:,} simulations, 5 options, years 0..{HORIZON}, "
          f"{len(INPUTS)} inputs, one thread")
    t_hp, res = best_of(lambda: hp.appraisal.appraise(opts, horizon=HORIZON, n_sims=N, seed=1, threads=1), 3)
    wtp = np.unique(res.acceptability()["wtp"].to_numpy())
    t_np, peer = best_of(lambda: numpy_appraisal(N, 1, wtp), 3)
    t = res.to_frame()
    z = np.abs(t["mean_npsv"].to_numpy() - peer["mean"]) / np.hypot(t["se_mean_npsv"].to_numpy(),
                                                                      peer["sd"] / np.sqrt(N))
    agree = bool(np.all(z[1:] < 4)) and t["mean_npsv"].iloc[0] == t["mean_npsv"].iloc[0]
    print(f"hp.appraisal.appraise   {t_hp:7.3f} s   (goal <= 2 s: {'met' if t_hp <= 2 else 'NOT met'})")
    print(f"numpy vectorised        {t_np:7.3f} s")
    print(f"ratio numpy / hp        {t_np / t_hp:7.2f}x")
    print(f"agree (mean NPSV within 4 SE): {agree}; largest |z| {z.max():.2f}; EVPI hp {res.evpi:,.0f}, "
          f"numpy {peer['evpi']:,.0f}")
    print(f"hp: P(best) {dict(zip(t.index, np.round(t['p_best'], 3)))}")


if __name__ == "__main__":
    main()
