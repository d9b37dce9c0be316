"""hp.indicators.funnel_limits, funnel, FunnelResult and hp.plot.funnel: PHEindicatormethods' published funnel
test data (tests/testthat/testdata_funnel_prop_outputs.csv and _inputs.csv), FunnelPlotR's own tests
(tests/testthat/test-poisson_limits.R), and independent numpy/scipy rewrites of Spiegelhalter's (2005)
interpolated exact limits and FunnelPlotR's z-scores, winsorisation, truncation, phi and tau2 written out
below; the DataFrame layout, plotting and the errors for bad input."""
from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import healthyplaces as hp

REL = 1.5e-8  # PHEindicatormethods' expect_equal tolerance

# PHEindicatormethods tests/testthat/testdata_funnel_prop_outputs.csv (every 5th row and the ends; 6 decimals).
PHE_PROP_OUTPUTS = """\
Population,Lower2s0025limit,Upper2s0025limit,Lower3s0001limit,Upper3s0001limit,Baseline
1,3.204264,100,0,100,80.642448
5,46.011039,100,26.039864,100,80.642448
11,57.293957,100,43.829393,100,80.642448
20,63.326743,97.958152,53.341156,100,80.642448
33,67.16219,94.122705,59.388421,100,80.642448
55,70.200685,91.08421,64.179149,97.105746,80.642448
92,72.568959,88.715937,67.913155,93.371741,80.642448
154,74.402301,86.882595,70.803745,90.481151,80.642448
260,75.839936,85.44496,73.070432,88.214464,80.642448
438,76.942308,84.342587,74.808519,86.476377,80.642448
737,77.789976,83.49492,76.145017,85.139878,80.642448
1242,78.445123,82.839773,77.177973,84.106923,80.642448
2093,78.949785,82.335111,77.973663,83.311233,80.642448
3524,79.337968,81.946927,78.585704,82.699192,80.642448
5936,79.63735,81.647545,79.057733,82.227163,80.642448
9998,79.867989,81.416907,79.421375,81.863521,80.642448
16838,80.045674,81.239222,79.701527,81.583368,80.642448
28360,80.182613,81.102283,79.917436,81.36746,80.642448
47766,80.288128,80.996768,80.083799,81.201097,80.642448
80452,80.369433,80.915463,80.211991,81.072905,80.642448
110000,80.408963,80.875933,80.274317,81.010578,80.642448
"""

# PHEindicatormethods tests/testthat/testdata_funnel_prop_inputs.csv (rows 1-30 and the edge cases further
# down): numerator, denominator and the package's significance at the data's baseline of 80.642448%.
PHE_PROP_INPUTS = """\
Area,numerator,denominator,significance
New Forest PCT,35078.4880000,41980,High (0.001)
Norwich PCT,24803.6256000,31824,Low (0.001)
South Gloucestershire PCT,50050.7443000,61921,Not significant
Havering PCT,48686.4364000,59804,High (0.001)
Kingston PCT,35795.6324000,45449,Low (0.001)
Bromley PCT,66969.6742000,80002,High (0.001)
Greenwich PCT,48514.4460000,64755,Low (0.001)
Barnet PCT,70670.2858000,93122,Low (0.001)
South Manchester PCT,26029.3176000,33708,Low (0.001)
Daventry and South Northamptonshire PCT,22506.3828000,25932,High (0.001)
North Peterborough PCT,20619.5552000,25852,Low (0.001)
South Peterborough PCT,19847.1920000,23684,High (0.001)
Tendring PCT,23617.7778000,28954,High (0.001)
Epping Forest PCT,21121.0160000,27530,Low (0.001)
Southend on Sea PCT,30294.3882000,41066,Low (0.001)
Central Derby PCT,24648.7596000,30521,Not significant
Mansfield District PCT,18986.0000000,22000,High (0.001)
North East Lincolnshire PCT,31759.3850000,39350,Not significant
Newark and Sherwood PCT,26008.3050000,29850,High (0.001)
Hillingdon PCT,49524.9445000,63065,Low (0.001)
West Norfolk PCT,26789.2380000,33012,High (0.025)
North Tees PCT,36850.0492000,45449,High (0.025)
Mid-Hampshire PCT,34502.0685000,42485,High (0.025)
Sheffield West PCT,23910.2469000,29457,High (0.025)
North Devon PCT,30277.5312000,37828,Low (0.025)
Exeter PCT,24866.9160000,30929,Not significant
East Devon PCT,21139.2936000,25992,High (0.025)
Heywood and Middleton PCT,14493.3552000,17964,Not significant
"""

PHE_LABELS = {"High (0.001)": "high 99.8%", "High (0.025)": "high 95%", "Not significant": "within",
              "Low (0.025)": "low 95%", "Low (0.001)": "low 99.8%"}


def close(got, want, rtol=REL, atol=1e-14):
    np.testing.assert_allclose(np.asarray(got, float), np.asarray(want, float), rtol=rtol, atol=atol)


# ---- PHEindicatormethods ---------------------------------------------------------------------------------------

def test_phe_proportion_limits_number_for_number():
    want = pd.read_csv(io.StringIO(PHE_PROP_OUTPUTS))
    got = hp.indicators.funnel_limits("proportion", denominator=want["Population"], target=80.642448, multiplier=100)
    assert list(got.columns) == ["denominator", "target", "lower_95", "upper_95", "lower_99_8", "upper_99_8"]
    # The CSV and its baseline are rounded to 6 decimals: the baseline's rounding moves a limit by <= 5e-7.
    for ours, theirs in [("lower_95", "Lower2s0025limit"), ("upper_95", "Upper2s0025limit"),
                         ("lower_99_8", "Lower3s0001limit"), ("upper_99_8", "Upper3s0001limit"),
                         ("target", "Baseline")]:
        close(got[ours], want[theirs], rtol=0, atol=1e-6)
    # The cap: limits stay within 0 and the multiplier (PHE writes a literal 100).
    assert got["upper_99_8"].iloc[0] == 100 and got["lower_99_8"].iloc[0] == 0


def test_phe_proportion_significance():
    data = pd.read_csv(io.StringIO(PHE_PROP_INPUTS))
    f = hp.indicators.funnel("numerator", "denominator", by="Area", data=data, target=80.642448, multiplier=100)
    assert f.table["significance"].astype(str).tolist() == [PHE_LABELS[s] for s in data["significance"]]
    assert f.table["label"].tolist() == data["Area"].tolist()


# PHEindicatormethods tests/testthat/testdata_funnel_ratio_outputs.csv (ratio_type "isr", multiplier 100), rows
# for 1, 5, 10, 30, 100, 299 and 716 observed events: the expected count at which that count sits on each limit
# and the limit there.
PHE_RATIO_OUTPUTS = """\
Observed_events,lower_2s_exp_events,lower_2s_isr,upper_2s_exp_events,upper_2s_isr,lower_3s_exp_events,lower_3s_isr,upper_3s_exp_events,upper_3s_isr
1,5.571644585,17.94802207,0.025317898,3949.774946,9.233410143,10.83023482,0.001000547,99945.32721
5,11.6683331,42.85102213,1.623486324,307.979188,16.45474478,30.38637225,0.739371928,676.2496398
10,18.39035799,54.3763205,4.795387629,208.5337156,24.13397235,41.43536693,2.960519925,337.778507
30,42.82687112,70.04947878,20.24087434,148.2149412,51.08312418,58.72780979,15.86916711,189.0458383
100,121.6268111,82.21871402,81.36400699,122.9044681,134.9243187,74.11562345,71.92139974,139.0406755
299,334.8845596,89.28449862,266.0659681,112.3781452,356.3855169,83.89790994,248.400663,120.3700491
716,770.4222128,92.93605352,664.5083011,107.7488421,802.60414,89.20960712,636.1521174,112.5516964
"""


def test_phe_ratio_limits_at_their_points():
    # PHE draws a ratio funnel point by point: for each observed count O, the expected count E at which O is on
    # the limit (found by a bisection to about 1e-7, hence the tolerances). Spiegelhalter's interpolated Poisson
    # limits at that E give the same lower limit, O/E; their upper limit is one event lower, (O - 1)/E,
    # because PHE puts the boundary at P(X >= O) = p and the quantile rule at P(X <= r) >= 1 - p.
    want = pd.read_csv(io.StringIO(PHE_RATIO_OUTPUTS))
    o = want["Observed_events"].to_numpy(float)
    for sfx, phe in [("95", "2s"), ("99_8", "3s")]:
        e_low = want[f"lower_{phe}_exp_events"].to_numpy()
        got = hp.indicators.funnel_limits("ratio", expected=e_low, multiplier=100)
        close(got[f"lower_{sfx}"], want[f"lower_{phe}_isr"], rtol=5e-6)
        close(got[f"lower_{sfx}"], 100 * o / e_low, rtol=5e-6)
        e_high = want[f"upper_{phe}_exp_events"].to_numpy()
        got = hp.indicators.funnel_limits("ratio", expected=e_high, multiplier=100)
        close(got[f"upper_{sfx}"] + 100 / e_high, want[f"upper_{phe}_isr"], rtol=5e-5)
        close((got[f"upper_{sfx}"] + 100 / e_high)[1:], want[f"upper_{phe}_isr"][1:], rtol=5e-7)


def test_wilson_limits_are_the_wilson_interval_inverted():
    # A value exactly on the lower limit has a Wilson upper limit equal to the target (PHE's definition).
    n = np.array([20.0, 150.0, 4000.0])
    lim = hp.indicators.funnel_limits(denominator=n, target=0.3, confidence_level=0.95)
    assert list(lim.columns) == ["denominator", "target", "lower", "upper"]
    x = lim["lower"].to_numpy() * n
    wilson_upper = hp.indicators.proportion(x, n)["upper"]
    close(wilson_upper, 0.3, rtol=1e-12)


# ---- FunnelPlotR -----------------------------------------------------------------------------------------------

def test_funnelplotr_poisson_limits():
    # FunnelPlotR tests/testthat/test-poisson_limits.R (lower limits to 7 dp, upper to 6 dp).
    lim = hp.indicators.funnel_limits("ratio", expected=[15, 20, 30], method="chisq")
    close(lim["lower_95"], [0.5596924, 0.6108260, 0.6746958], rtol=0, atol=5e-8)
    close(lim["upper_95"], [1.649348, 1.544419, 1.427562], rtol=0, atol=5e-7)
    close(lim["lower_99_8"], [0.3862650, 0.4479107, 0.5289724], rtol=0, atol=5e-8)
    close(lim["upper_99_8"], [2.082907, 1.902094, 1.702771], rtol=0, atol=5e-7)


def test_funnelplotr_phi_example():
    # FunnelPlotR README: phi_func(6, c(1.3, 0.75, 1.5, 2, -1.2, -2.2)) = 2.46375.
    phi, tau2, n = hp._core.indicators.funnel_dispersion([1.3, 0.75, 1.5, 2, -1.2, -2.2], np.ones(6), 0.0)
    assert phi == pytest.approx(2.46375, rel=1e-14) and n == 6


# ---- independent numpy/scipy rewrites ---------------------------------------------------------------------------

def spiegelhalter(dist, p):
    """Spiegelhalter (2005) appendix: r the p-quantile, minus alpha = (F(r) - p) / (F(r) - F(r - 1))."""
    r = dist.ppf(p)
    f, below = dist.cdf(r), dist.cdf(r - 1)
    return np.maximum(0.0, r - (f - p) / (f - below))


@pytest.mark.parametrize("target", [0.02, 0.35, 0.93])
def test_exact_binomial_limits(target):
    n = np.array([5, 17, 60, 333, 2500, 80000.0])
    lim = hp.indicators.funnel_limits(denominator=n, target=target, method="exact")
    for c, sfx in [(0.95, "95"), (0.998, "99_8")]:
        a = (1 - c) / 2
        close(lim[f"lower_{sfx}"], spiegelhalter(stats.binom(n, target), a) / n, rtol=1e-9)
        close(lim[f"upper_{sfx}"], spiegelhalter(stats.binom(n, target), 1 - a) / n, rtol=1e-9)


def test_exact_poisson_limits_ratio_and_rate():
    e = np.array([0.7, 3.0, 12.5, 98.0, 1500.0])
    lim = hp.indicators.funnel_limits("ratio", expected=e, target=1.1, method="exact", confidence_level=[0.9, 0.99])
    for c, sfx in [(0.9, "90"), (0.99, "99")]:
        a = (1 - c) / 2
        close(lim[f"lower_{sfx}"], spiegelhalter(stats.poisson(1.1 * e), a) / e, rtol=1e-9, atol=1e-15)
        close(lim[f"upper_{sfx}"], spiegelhalter(stats.poisson(1.1 * e), 1 - a) / e, rtol=1e-9)
    pop = np.array([800.0, 25000.0, 310000.0])
    rate = hp.indicators.funnel_limits("rate", denominator=pop, target=250.0, multiplier=100000)
    mu = pop * 250.0 / 100000
    close(rate["upper_99_8"], spiegelhalter(stats.poisson(mu), 0.999) / pop * 100000, rtol=1e-9)
    close(rate["lower_95"], spiegelhalter(stats.poisson(mu), 0.025) / pop * 100000, rtol=1e-9)


def funnelplotr_dispersion(z, s, winsorise=0.1, truncate=None):
    """FunnelPlotR's winsorisation (R type-7 quantiles) or truncation (average ranks), phi and tau2."""
    if truncate:
        k = 1 / truncate
        group = np.floor(stats.rankdata(z) * k / (len(z) + 1))
        keep = (group > 0) & (group < k - 1)
        wz, s = z[keep], s[keep]
    else:
        lz, uz = np.quantile(z, [winsorise, 1 - winsorise])
        wz = np.clip(z, lz, uz)
    n = len(wz)
    phi = np.mean(wz**2)
    w = 1 / s**2
    tau2 = 0.0 if n * phi < n - 1 else max(0.0, (n * phi - (n - 1)) / (w.sum() - (w**2).sum() / w.sum()))
    return phi, tau2, n


@pytest.fixture
def overdispersed():
    rng = np.random.default_rng(11)
    n = rng.integers(200, 20000, size=150).astype(float)
    p = np.clip(rng.normal(0.3, 0.04, size=150), 0.01, 0.99)
    x = rng.binomial(n.astype(int), p).astype(float)
    return x, n


@pytest.mark.parametrize("od", ["additive", "multiplicative"])
def test_proportion_overdispersion_against_numpy(overdispersed, od):
    x, n = overdispersed
    f = hp.indicators.funnel(x, n, overdispersion=od)
    target = x.sum() / n.sum()
    s = 1 / (2 * np.sqrt(n))
    z = (np.arcsin(np.sqrt(x / n)) - np.arcsin(np.sqrt(target))) / s
    phi, tau2, _ = funnelplotr_dispersion(z, s)
    close(f.table["z"], z, rtol=1e-10, atol=1e-10)
    assert f.phi == pytest.approx(phi, rel=1e-12)
    assert f.tau2 == pytest.approx(tau2, rel=1e-12)
    assert phi > 1.5  # the fixture is overdispersed, so the adjustment matters
    var = s**2 + tau2 if od == "additive" else phi * s**2
    for c, sfx in [(0.95, "95"), (0.998, "99_8")]:
        zc = stats.norm.ppf(1 - (1 - c) / 2)
        lo = np.sin(np.arcsin(np.sqrt(target)) - zc * np.sqrt(var)) ** 2
        hi = np.sin(np.arcsin(np.sqrt(target)) + zc * np.sqrt(var)) ** 2
        close(f.table[f"lower_{sfx}"], lo, rtol=1e-12)
        close(f.table[f"upper_{sfx}"], hi, rtol=1e-12)
    value = x / n
    zc = stats.norm.ppf(0.999)
    outside = (value > np.sin(np.arcsin(np.sqrt(target)) + zc * np.sqrt(var)) ** 2) | (
        value < np.sin(np.arcsin(np.sqrt(target)) - zc * np.sqrt(var)) ** 2)
    assert len(f.outliers(0.998)) == outside.sum()
    core = hp._core.indicators.funnel(x, n, "proportion", "auto", [0.95, 0.998], 1.0, od, 0.1, 0.0, None)
    assert f.table["significance"].astype(str).tolist() == list(core.significance)  # categorical = C++ labels


def test_ratio_additive_and_truncated_against_numpy():
    # FunnelPlotR tests/testthat/test-funnel_plot.R data, plus more trusts so truncation keeps some.
    rng = np.random.default_rng(3)
    e = np.concatenate([[108, 112, 165, 95, 100, 220.0], rng.uniform(20, 400, 44)])
    o = np.concatenate([[100, 150, 180, 80, 120, 225.0], rng.poisson(e[6:] * rng.lognormal(0, 0.15, 44))]).astype(float)
    o[10] = 0  # a zero count: its z uses half an event
    for truncate in (None, 0.1):
        f = hp.indicators.funnel(o, e, kind="ratio", overdispersion="additive", truncate=truncate)
        z = np.sqrt(e) * np.log(np.maximum(o, 0.5) / e)
        phi, tau2, n = funnelplotr_dispersion(z, 1 / np.sqrt(e), truncate=truncate)
        close(f.table["z"], z, rtol=1e-12, atol=1e-12)
        assert (f.phi, f.tau2) == (pytest.approx(phi, rel=1e-12), pytest.approx(tau2, rel=1e-12))
        assert f.n_used == n
        close(f.table["upper_99_8"], np.exp(stats.norm.ppf(0.999) * np.sqrt(1 / e + tau2)), rtol=1e-12)
        close(f.table["z_adjusted"], np.log(np.maximum(o, 0.5) / e) / np.sqrt(1 / e + tau2), rtol=1e-12)
    assert f.table["value"].iloc[10] == 0 and np.isfinite(f.table["z"]).all()


# ---- the result object and plotting ------------------------------------------------------------------------------

def test_result_table_outliers_summary_limits():
    f = hp.indicators.funnel([10, 20, 45, 55, 33], [100, 100, 100, 100, 100], by=list("abcde"), multiplier=100)
    assert list(f.table.columns) == ["label", "numerator", "denominator", "value", "z", "lower_95", "upper_95",
                                     "lower_99_8", "upper_99_8", "significance"]
    assert f.kind == "proportion" and f.target == pytest.approx(32.6)
    assert f.outliers(0.998)["label"].tolist() == ["a", "d"]
    assert f.outliers(0.95)["label"].tolist() == ["a", "b", "c", "d"]
    s = f.summary()
    fields = s.tables[0][1]["value"]
    assert (fields["organisations"], fields["high 99.8%"], fields["high 95%"], fields["within"], fields["low 95%"],
            fields["low 99.8%"]) == (5, 1, 1, 1, 1, 1)
    # the outliers table prints each flagged organisation with the limits of the level it crosses
    out = s.tables[1][1]
    assert out["organisation"].tolist() == ["a", "b", "c", "d"]
    assert ((out["value"] < out["lower"]) | (out["value"] > out["upper"])).all()
    assert out.loc[0, "lower"] == f.table.loc[0, "lower_99_8"] and out.loc[1, "lower"] == f.table.loc[1, "lower_95"]
    assert "organisations" in str(s) and "<table" in s._repr_html_()
    pd.testing.assert_frame_equal(f.to_frame(), f.table)
    lim = f.limits(n_points=50)
    assert len(lim) == 50 and lim["denominator"].min() == pytest.approx(50) and lim["denominator"].max() == pytest.approx(110)
    assert (lim["lower_99_8"] <= lim["lower_95"]).all() and (lim["upper_95"] <= lim["upper_99_8"]).all()
    assert "FunnelResult(5 organisations, proportion" in repr(f) and "<table" in f._repr_html_()
    with pytest.raises(hp.DomainError, match="confidence_level 0.9 is not one of this funnel's levels"):
        f.outliers(confidence_level=0.9)


def test_plot_draws_dots_limits_and_labels():
    from matplotlib.figure import Figure

    f = hp.indicators.funnel([10, 20, 45, 55, 33], [100, 100, 100, 100, 100], by=list("abcde"), multiplier=100)
    fig = f.plot()
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert len(ax.lines) == 5  # two curves per level and the target line
    assert sorted(t.get_text() for t in ax.texts) == ["a", "d"]
    fig2 = hp.plot.funnel([10, 20, 45, 55, 33], [100] * 5, multiplier=100, label_outliers=False)
    assert len(fig2.axes[0].texts) == 0
    assert isinstance(hp.plot.funnel(f), Figure)
    one = hp.plot.funnel(numerator=[5, 9, 30], denominator=[10.0, 20.0, 25.0], kind="ratio", confidence_level=0.95)
    assert len(one.axes[0].lines) == 3 and one.axes[0].get_xlabel() == "expected count"
    single = hp.indicators.funnel([5, 9, 30], [10.0, 20.0, 25.0], kind="ratio", confidence_level=0.95)
    # 9/20 = 0.45 is below the exact Poisson 95% limit at E = 20 (0.5603); 5/10 = 0.5 is above 0.3775 at E = 10.
    assert single.outliers(0.95)["label"].tolist() == ["1"]
    assert list(single.table.columns[-3:]) == ["lower", "upper", "significance"]
    svg = hp.plot.figure_to_svg(hp.plot.funnel(f))
    assert svg.startswith("<svg")


# ---- bad input ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("args, kwargs, error, message", [
    (([1, -2], [10, 10]), {}, hp.DataError, "organisation 1 has numerator -2; it must be a finite number >= 0"),
    (([1, 2], [10, 0]), {}, hp.DataError, "organisation 1 has denominator 0; it must be a finite number > 0"),
    (([11], [10]), {}, hp.DataError, "organisation 0 has numerator 11 above its denominator 10"),
    (([1, np.nan], [10, 10]), {}, hp.DataError, "organisation 1 has numerator nan"),
    (([1], [-5]), {"kind": "ratio"}, hp.DataError, "organisation 0 has expected -5"),
    (([1], [10]), {"confidence_level": 1.2}, hp.DomainError, "confidence_level must be strictly between 0 and 1, got 1.2"),
    (([1], [10]), {"winsorise": 0.5}, hp.DomainError, r"winsorise must be in \[0, 0.5\)"),
    (([1], [10]), {"truncate": -0.1}, hp.DomainError, r"truncate must be in \[0, 0.5\)"),
    (([1], [10]), {"kind": "odds"}, hp.DomainError, 'kind must be "proportion", "ratio" or "rate"'),
    (([1], [10]), {"method": "chisq"}, hp.DomainError, '"chisq" is for ratios and rates'),
    (([1], [10]), {"overdispersion": "both"}, hp.DomainError, 'overdispersion must be None, "multiplicative"'),
    (([0, 0], [10, 10]), {}, hp.DomainError, "the data have no events: give target="),
    (([1], [10]), {"by": ["a", "b"]}, hp.DataError, "expected 1 organisation names"),
])
def test_bad_input(args, kwargs, error, message):
    with pytest.raises(error, match=message):
        hp.indicators.funnel(*args, **kwargs)


def test_bad_limits_input():
    with pytest.raises(hp.DomainError, match="give target="):
        hp.indicators.funnel_limits(denominator=[10, 20])
    with pytest.raises(hp.DomainError, match="give expected="):
        hp.indicators.funnel_limits("ratio")
    with pytest.raises(hp.DataError, match="organisation 1 has denominator -1"):
        hp.indicators.funnel_limits(denominator=[10, -1], target=0.5)
    with pytest.raises(hp.DataError, match="no column 'n' in the data"):
        hp.indicators.funnel("x", "n", data=pd.DataFrame({"x": [1]}))
    assert issubclass(hp.DataError, ValueError)


def test_docstring_examples_run():
    import doctest

    from healthyplaces.indicators import _funnel

    result = doctest.testmod(_funnel)
    assert result.attempted >= 3 and result.failed == 0


def test_chart_names_the_unit_keeps_the_legend_off_the_limits_and_labels_the_outermost_outliers():
    ae = hp.datasets.ae_attendances()
    march = ae[(ae["period"] == "2019-03-01") & (ae["type"] == "1")]
    trusts = march.groupby("org_code", as_index=False)[["attendances", "breaches"]].sum()
    plain = hp.indicators.funnel("breaches", "attendances", data=trusts, by="org_code", multiplier=100)
    fig = plain.plot(max_labels=10)
    ax = fig.axes[0]
    assert ax.get_ylabel() == "breaches, % of attendances" and ax.get_xlabel() == "attendances (denominator)"
    assert ax.yaxis.get_major_formatter()(20, 0).endswith("%")          # percent_axis, not "Proportion"
    assert ax.xaxis.get_major_formatter()(20000, 0) == "20,000"
    legend = ax.get_legend()
    assert legend is not None
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig).draw()
    box, area = legend.get_window_extent(), ax.get_window_extent()
    assert box.y1 <= area.y0 + 1, "the legend sits below the axes, off every limit line"
    # most trusts are outside the plain 99.8% limits: at most 10 are labelled, none overlapping another, the
    # furthest out first, and the legend says how many
    n_out = len(plain.outliers(0.998))
    shown = len(ax.texts)
    assert n_out > 10 and 5 <= shown <= 10
    texts = [t.get_text() for t in legend.get_texts()]
    assert f"labelled: the {shown} furthest of {n_out} outside the 99.8% limits" in texts
    renderer = FigureCanvasAgg(fig).get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts]
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    furthest = plain.table.loc[plain.outliers(0.998)["z"].abs().idxmax(), "label"]
    assert furthest in [t.get_text() for t in ax.texts]
    # with few outliers every one is labelled, and the legend promises no more than is drawn
    adjusted = hp.indicators.funnel("breaches", "attendances", data=trusts, by="org_code", multiplier=100,
                                    overdispersion="additive")
    ax2 = adjusted.plot().axes[0]
    outside = adjusted.outliers(0.998)["label"].tolist()
    assert sorted(t.get_text() for t in ax2.texts) == sorted(outside)
    said = [t.get_text() for t in ax2.get_legend().get_texts()]
    assert ("labelled: outside the 99.8% limits" in said) == bool(outside)


def test_axis_labels_for_rates_ratios_and_arrays():
    from healthyplaces.indicators._funnel_plot import axis_labels

    rate = hp.indicators.funnel([5, 9, 30], [10_000.0, 20_000.0, 25_000.0], kind="rate", multiplier=100_000)
    assert axis_labels(rate) == ("events per 100,000 population", "denominator (size of each organisation)")
    d = pd.DataFrame({"deaths": [5, 9, 30], "expected": [6.0, 8.0, 20.0]})
    ratio = hp.indicators.funnel("deaths", "expected", data=d, kind="ratio")
    assert axis_labels(ratio) == ("standardised ratio, observed / expected", "expected deaths")
    plain = hp.indicators.funnel([10, 20], [100, 100])
    assert axis_labels(plain)[0] == "% (numerator / denominator)"


def test_result_pickles_and_summary_prints_every_column():
    import pickle

    f = hp.indicators.funnel([10, 20, 45, 55, 33], [100] * 5, by=list("abcde"), multiplier=100,
                             overdispersion="multiplicative")
    g = pickle.loads(pickle.dumps(f))
    pd.testing.assert_frame_equal(g.to_frame(), f.to_frame())
    assert g.phi == f.phi and g.outliers(0.95)["label"].tolist() == f.outliers(0.95)["label"].tolist()
    assert len(f.outliers(0.95)) == 0 and "Outside the limits" not in str(f.summary())  # none once adjusted
    text = str(hp.indicators.funnel([10, 20, 45, 55, 33], [100] * 5, by=list("abcde"), multiplier=100).summary())
    assert "..." not in text and "significance" in text and "organisations" in text and "low 99.8%" in text


def test_by_groups_rows_like_every_other_by():
    """by= is grouping everywhere (docs/conventions.md): an organisation's rows are summed into one point, the
    same as summing them first; a missing organisation name is an error, never a group called 'nan'."""
    x, n = [10, 5, 20, 7, 30], [100, 50, 200, 60, 300]
    by = ["A", "B", "A", "C", "B"]
    f = hp.indicators.funnel(x, n, by=by, multiplier=100)
    want = hp.indicators.funnel([30, 35, 7], [300, 350, 60], by=["A", "B", "C"], multiplier=100)
    assert f.table["label"].tolist() == ["A", "B", "C"]
    assert f.table["numerator"].tolist() == [30, 35, 7] and f.table["denominator"].tolist() == [300, 350, 60]
    pd.testing.assert_frame_equal(f.table, want.table)
    assert f.phi == want.phi
    with pytest.raises(hp.DataError, match="by: row 1 has no organisation"):
        hp.indicators.funnel([1, 2], [10, 20], by=["A", None])
