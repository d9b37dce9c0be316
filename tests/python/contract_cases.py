"""One small instance of every result class, per box, for the contract tests (test_contract.py) and the
notebook test's "every chart shows once in a kernel" check. Each box's function returns (name, result) pairs;
keep them small and fast: the whole module builds in a few seconds."""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

import healthyplaces as hp

# Public classes that are results although their names do not end in "Result".
ALSO_RESULTS = {"CompetencyGaps", "PairedSectorTests", "PilotCandidates", "SectorComparison", "Projection",
                "Population", "AreaSimulations", "OlsFit"}

Cases = list[tuple[str, Any]]


def stats_cases() -> Cases:
    x = [3.0, 4, 4, 3, 2, 5, 4, 3]
    y = [1.0, 2, 2, 1, 3, 2, 1, 2]
    return [
        ("stats.mannwhitneyu", hp.stats.mannwhitneyu(x, y)),
        ("stats.wilcoxon", hp.stats.wilcoxon(x, y)),
        ("stats.brunnermunzel", hp.stats.brunnermunzel(x, y)),
        ("stats.kruskal", hp.stats.kruskal(x, y, [2.0, 3, 3, 4])),
        ("stats.permutation_test", hp.stats.permutation_test((x, y), "mean_difference")),
        ("stats.hodges_lehmann", hp.stats.hodges_lehmann(x, y)),
        ("stats.cliffs_delta", hp.stats.cliffs_delta(x, y)),
        ("stats.bootstrap.exact", hp.stats.bootstrap((x,), "mean", method="percentile")),
        ("stats.bootstrap.bca", hp.stats.bootstrap(([1.0, 2, 2, 3, 3, 3, 4, 4, 2, 3, 1, 4] * 3,), "mean",
                                                   n_resamples=999, resampling="indices")),
    ]


def numerics_cases() -> Cases:
    rng = np.random.default_rng(0)
    X = np.column_stack([np.ones(30), rng.normal(size=30)])
    y = X @ [1.0, 0.5] + rng.normal(size=30)
    return [
        ("numerics.ols", hp.numerics.ols(X, y, ["const", "x"])),
        ("numerics.simplex_least_squares",
         hp.numerics.simplex_least_squares(np.eye(3), np.array([0.2, 0.3, 0.5]))),
    ]


def analysis_cases() -> Cases:
    table = hp.datasets.nlgn2008_table()
    return [
        ("analysis.compare_sectors", hp.compare_sectors(table)),
        ("analysis.compare_sectors.by_star_rating", hp.compare_sectors(table, by="star_rating")),
        ("analysis.paired_sector_tests", hp.paired_sector_tests(table)),
        ("analysis.competency_gaps", hp.competency_gaps(table)),
        ("analysis.pilot_candidates", hp.pilot_candidates(table)),
    ]


def indicators_cases() -> Cases:
    # A&E four-hour breaches, type 1 departments, March 2019: a funnel with its outliers labelled, and one trust's
    # monthly performance as an XmR chart against the 95% standard.
    ae = hp.datasets.ae_attendances()
    march = ae[(ae["period"] == "2019-03-01") & (ae["type"] == "1")]
    trusts = march.groupby("org_code", as_index=False)[["attendances", "breaches"]].sum()
    funnel = hp.indicators.funnel("breaches", "attendances", data=trusts, by="org_code", multiplier=100,
                                  overdispersion="additive")
    small = hp.indicators.funnel([10, 20, 45, 55], [100, 100, 100, 100], by=["A", "B", "C", "D"], kind="proportion")
    rqm = ae[ae["org_code"] == "RQM"].groupby("period", as_index=False)[["attendances", "breaches"]].sum()
    rqm["within_4h"] = 100 * (1 - rqm["breaches"] / rqm["attendances"])
    xmr = hp.indicators.xmr(data=rqm, value="within_4h", date="period", target=95,
                            label="% of attendances seen within four hours")
    periods = hp.indicators.xmr(list(range(15)) + [30], dates=list(range(2001, 2017)))
    return [("FunnelResult(ae)", funnel), ("FunnelResult(small)", small), ("XmrResult(ae)", xmr),
            ("XmrResult(years)", periods)]


def demography_cases() -> Cases:
    england = hp.demography.england()
    one_band = hp.demography.Population(bands=["0+"], counts=[100_000], name="one open band")
    p = england.regroup("five_year")
    m = np.full(len(p), 0.01)
    f = np.where((p.starts >= 15) & (p.starts < 45), 0.06, 0.0)
    central = hp.demography.project(p, m, f, years=10, base_year=2023)
    spread = hp.demography.project(p, m, f, years=10, base_year=2023, n_sims=50,
                                   uncertainty=hp.demography.RateUncertainty(mortality_sd=0.1, fertility_sd=0.1))
    return [("Population(England)", england), ("Population(five-year)", p), ("Population(0+)", one_band),
            ("Projection(central)", central), ("Projection(simulated)", spread)]


def _finance_services() -> list[Any]:
    return [hp.finance.Service("admissions", "nhs", [0.01, 0.3], hp.finance.Gamma(2500, 1500), 1.5e6),
            hp.finance.Service("care", "council", [0.005, 0.1], hp.finance.Gamma(9000, 6000), 1.8e6)]


def finance_cases() -> Cases:
    population = (["0-64", "65+"], [9000, 2000])
    sim = hp.finance.simulate(population, _finance_services(), n_sims=400, shock_sd=0.1, shock_correlation=0.5,
                              seed=1, friction=(0.05, 200))
    U = hp.finance.Uncertain
    case = hp.finance.business_case([
        hp.finance.one_off_cost("restructuring", U.triangular(300_000, 400_000, 600_000)),
        hp.finance.saving("shared management posts", U.normal(120_000, 20_000), start=1),
        hp.finance.prevention("falls prevention", baseline=2_000_000, effect=U.beta(0.03, 0.015), start=3)],
        horizon=6, n_sims=500, seed=1)
    no_psa = hp.finance.business_case([hp.finance.one_off_cost("restructuring", 250_000),
                                       hp.finance.saving("posts", 100_000)], horizon=4, n_sims=0)
    return [("SimulationResult", sim), ("SimulationResult.under", sim.under("separate")),
            ("BusinessCaseResult", case), ("BusinessCaseResult(n_sims=0)", no_psa)]


def evaluation_cases() -> Cases:
    ev = hp.evaluation
    smoking = hp.datasets.smoking()
    cols = dict(unit="state", time="year", outcome="cigsale")
    donors = ["Colorado", "Connecticut", "Idaho", "Montana", "Nevada", "Utah", "Ohio", "Iowa"]
    panel = ev.Panel.from_frame(smoking[smoking["state"].isin(donors + ["California"])], **cols,
                                adoption={"California": 1989})
    staggered = ev.Panel.from_frame(smoking, **cols, adoption={"California": 1989, "Nevada": 1992, "Utah": 1980})
    cs = ev.att_gt(smoking, **cols, adoption={"California": 1989, "Nevada": 1992}, estimator="reg", n_resamples=99)
    label = "cigarette sales (packs per person)"
    return [
        ("DidResult", ev.did(panel, outcome_label=label)),
        ("EventStudyResult", ev.event_study(panel, window=(-3, 3))),
        ("BaconResult", ev.bacon(staggered)),
        ("ATTgtResult", cs),
        ("AggregateResult", cs.aggregate("dynamic", min_e=-3, max_e=3)),
        ("SynthResult", ev.synth(panel, treated="California", outcome_label=label)),
        ("AugsynthResult", ev.augsynth(panel, treated="California")),
        ("PowerResult", ev.power_cluster(0.5, power=0.8, cluster_size=20, icc=0.05)),
    ]


def distributed_cases() -> Cases:
    # AreaSimulations as hp.distributed.simulate_areas returns it, built without starting Dask: each area's result
    # is what its task gives (hp.finance.simulate with the area's stream key).
    runs = {name: hp.finance.simulate((["0-64", "65+"], [n, n // 4]), _finance_services(), n_sims=300, area=i,
                                      seed=1)
            for i, (name, n) in enumerate({"Torbay-like": 9000, "Swindon-like": 14000}.items())}
    return [("AreaSimulations", hp.distributed.AreaSimulations(runs, {k: i for i, k in enumerate(runs)}))]


def appraisal_economic_cases() -> Cases:
    U = hp.finance.Uncertain
    posts = hp.finance.saving("posts", U.normal(120_000, 30_000), start=1)
    options = [hp.appraisal.Option("business as usual"),
               hp.appraisal.Option("pool", [hp.finance.one_off_cost("set-up", U.triangular(1e5, 2e5, 4e5)), posts],
                                   optimism_bias={"capital": 0.2}, non_monetised=U.normal(30, 10)),
               hp.appraisal.Option("merge", [hp.finance.one_off_cost("restructuring", 6e5, years=2), posts],
                                   optimism_bias={"capital": 0.5, "duration": 0.5})]
    return [("EconomicAppraisalResult", hp.appraisal.appraise(options, horizon=6, n_sims=500, seed=1)),
            ("EconomicAppraisalResult(n_sims=0)", hp.appraisal.appraise(options, horizon=6, n_sims=0))]


def appraisal_cases() -> Cases:
    ll = hp.appraisal.long_list("swindon")
    return [("LongListResult", ll),
            ("ShortListResult", hp.appraisal.shortlist(ll, ["no_new_legal_body"])),
            ("OptimismBiasResult", hp.appraisal.optimism_bias("standard_buildings", 0.3)),
            ("StagedDecision", hp.appraisal.single_step_or_staged((0.0, 1.0), se=1.0, horizon=5)),
            ("ValueOfInformation", hp.appraisal.evppi(np.column_stack([np.zeros(400), np.arange(400.0) - 200.0]),
                                                      np.arange(400.0)[:, None])),
            ("SMAAResult", hp.appraisal.smaa(pd.DataFrame({"q": [10, 4, 9], "r": [2, 8, 4]}, index=list("ABC")),
                                             n_sims=2000, seed=1)),
            ("WeightedSumResult", hp.appraisal.weighted_sum(pd.DataFrame({"q": [10, 4, 9], "r": [2, 8, 4]},
                                                                         index=list("ABC")), {"q": 0.6, "r": 0.4})),
            ("StagedDecision(n_sims)", hp.appraisal.single_step_or_staged((0.1, 1.0), se=0.5, horizon=5,
                                                                          n_sims=2_000, seed=3)),
            ("PlaceAppraisal", hp.appraisal.for_place("Bexley", options=4, n_sims=400, seed=1))]


def instances() -> Cases:
    out: Cases = []
    for build in (stats_cases, numerics_cases, analysis_cases, indicators_cases, demography_cases, finance_cases,
                  evaluation_cases, distributed_cases, appraisal_economic_cases, appraisal_cases):
        out += build()
    return out
