"""hp.indicators.sii (PHEindicatormethods' phe_sii). The R package's expected values are in
tests/testthat/testdata_SII.xlsx (not readable here); the input rows below are from its readable
tests/testthat/LE_testdata.csv (ukhsa-collaboration/PHEindicatormethods). Point estimates are checked against
statsmodels WLS and np.polyfit (relative 1.5e-8); simulated limits against an independent numpy implementation of
the same sampling scheme (different random numbers), within 4 Monte Carlo standard errors of the difference."""
import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from scipy import stats

import healthyplaces as hp

REL = 1.5e-8

# LE_testdata.csv rows: Sex, GeoCode, Decile, Pop, Deaths, LifeExp, SE
LE = pd.DataFrame({
    "sex": [1] * 20 + [2] * 20,
    "area": (["E06000001"] * 10 + ["E06000002"] * 10) * 2,
    "decile": list(range(1, 11)) * 4,
    "pop": [13837, 14519, 14940, 14599, 12311, 13196, 13335, 13388, 13685, 11779,
            21675, 20065, 19750, 24713, 20112, 19618, 22408, 19752, 18939, 19312,
            14138, 14506, 16235, 15069, 12994, 14550, 14096, 14097, 14349, 12277,
            21956, 22554, 20698, 21918, 20395, 20258, 23085, 20530, 20955, 20333],
    "deaths": [201, 174, 170, 146, 129, 181, 144, 176, 136, 80,
               256, 220, 222, 186, 211, 226, 247, 151, 226, 204,
               137, 187, 177, 124, 140, 172, 168, 214, 97, 76,
               246, 271, 263, 180, 182, 247, 269, 148, 236, 207],
    "life": [70.56313911, 72.61347473, 75.06710359, 75.20662276, 76.23469045, 75.21801932, 77.09240397, 79.84156222,
           80.81329918, 82.73763832, 70.54853186, 71.57155734, 72.48698671, 73.51985519, 73.14605425, 76.15898712,
           78.65444871, 80.56476961, 80.85486627, 79.9711253, 79.40134913, 76.18219687, 78.9265103, 84.18039648,
           79.23211949, 81.4724937, 82.19399366, 82.25635531, 88.11787108, 87.51829899, 74.80424486, 74.26167371,
           76.03782507, 78.24091377, 77.54643362, 79.31595288, 82.20383095, 84.7043475, 84.36400776, 84.33601595],
    "se": [1.133868862, 1.020288759, 1.108685178, 1.485618539, 1.311653285, 1.169033147, 1.306645801, 1.090905616,
           0.979426096, 1.319452272, 0.947488056, 1.043688022, 0.969320245, 1.023567868, 1.006757968, 0.906037647,
           0.724013864, 1.118131371, 0.848327099, 0.94159082, 1.093284068, 1.055866186, 1.187053297, 1.884691896,
           1.231787237, 0.98815642, 1.206454267, 0.853222259, 2.633018176, 1.054888957, 0.902147023, 0.953270672,
           0.817704994, 1.120487868, 1.103772585, 0.907572008, 0.686078783, 0.922264963, 0.678177175, 0.641463189],
})
LE["life_lo"] = LE.life - 1.959963984540054 * LE.se
LE["life_hi"] = LE.life + 1.959963984540054 * LE.se
LE["rate"] = LE.deaths / LE["pop"] * 1e5
LE["rate_lo"] = LE.rate * np.exp(-1.96 / np.sqrt(LE.deaths))
LE["rate_hi"] = LE.rate * np.exp(1.96 / np.sqrt(LE.deaths))
LE["prop"] = LE.deaths / LE["pop"] * 10  # a proportion-like value in (0, 1)
LE["prop_lo"] = LE.prop - 1.96 * np.sqrt(LE.prop * (1 - LE.prop) / (LE["pop"] / 10))
LE["prop_hi"] = LE.prop + 1.96 * np.sqrt(LE.prop * (1 - LE.prop) / (LE["pop"] / 10))


def ranks(pop):
    a = np.asarray(pop, float) / np.sum(pop)
    return a, a / 2 + np.concatenate(([0.0], np.cumsum(a)[:-1]))


def wls(pop, y):
    """(intercept, slope) of y on the relative rank, weights = population (statsmodels WLS)."""
    a, b = ranks(pop)
    fit = sm.WLS(np.asarray(y, float), sm.add_constant(b), weights=a).fit()
    return fit.params[0], fit.params[1]


def test_point_estimates_match_weighted_least_squares():
    r = hp.indicators.sii("decile", "pop", "life", se="se", data=LE, by=["sex", "area"], rii=True, intercept=True,
                          n_resamples=1000)
    assert list(r.columns[:3]) == ["sex", "area", "n_quantiles"]
    for i, ((sex, area), g) in enumerate(LE.groupby(["sex", "area"], sort=True)):
        assert (r.sex[i], r.area[i]) == (sex, area)
        c, s = wls(g["pop"], g.life)
        assert r.value[i] == pytest.approx(s, rel=REL)
        assert r.rii[i] == pytest.approx((c + s) / c, rel=REL)
        assert r.intercept[i] == pytest.approx(c, rel=REL)
        # np.polyfit with weights sqrt(a) (it squares them) is a second independent fit
        a, b = ranks(g["pop"])
        slope, icpt = np.polyfit(b, g.life, 1, w=np.sqrt(a))
        assert r.value[i] == pytest.approx(slope, rel=1e-10)
    assert r.n_quantiles.tolist() == [10, 10, 10, 10]
    assert r.method[0] == "SII, simulation 1000 reps"


def test_transform_point_estimates_map_back_from_the_log_and_logit_scales():
    r = hp.indicators.sii("decile", "pop", "rate", lower="rate_lo", upper="rate_hi", value_type=1, transform=True,
                          data=LE, by=["sex", "area"], rii=True, intercept=True, n_resamples=1000, multiplier=-1)
    p = hp.indicators.sii("decile", "pop", "prop", lower="prop_lo", upper="prop_hi", value_type=2, transform=True,
                          data=LE, by=["sex", "area"], rii=True, intercept=True, n_resamples=1000, multiplier=100)
    expit = lambda x: 1 / (1 + np.exp(-x))  # noqa: E731
    for i, (_, g) in enumerate(LE.groupby(["sex", "area"], sort=True)):
        c, s = wls(g["pop"], np.log(g.rate))
        assert r.value[i] == pytest.approx(-(np.exp(c + s) - np.exp(c)), rel=REL)
        assert r.rii[i] == pytest.approx(np.exp(c) / np.exp(c + s), rel=REL)  # inverted: negative multiplier
        assert r.intercept[i] == pytest.approx(np.exp(c), rel=REL)
        assert r.lower[i] < r.value[i] < r.upper[i]
        c, s = wls(g["pop"], np.log(g.prop / (1 - g.prop)))
        assert p.value[i] == pytest.approx(100 * (expit(c + s) - expit(c)), rel=REL)
        assert p.rii[i] == pytest.approx(expit(c + s) / expit(c), rel=REL)
        assert p.intercept[i] == pytest.approx(100 * expit(c), rel=REL)
        assert p.rii_lower[i] < p.rii[i] < p.rii_upper[i]


def order_stat(sorted_reps, p):
    """The p-th (1-based) order statistic and its Monte Carlo se, sqrt(q(1 - q)/R) / density, the density from the
    spacing of nearby order statistics."""
    reps = len(sorted_reps)
    k = max(1, min(reps // 1000, min(p, reps - p) // 2))
    i, j = max(0, p - 1 - k), min(reps - 1, p - 1 + k)
    q = p / reps
    return sorted_reps[p - 1], np.sqrt(q * (1 - q) / reps) * (sorted_reps[j] - sorted_reps[i]) / ((j - i) / reps)


def numpy_sii_limits(g, value_type, transform, reps, levels, rng, value="rate", lo="rate_lo", hi="rate_hi"):
    """The phe_sii sampling scheme written out with numpy: draws on the log/logit scale with se from the 95% limits,
    back-transformed (unless transform), intercept and slope of the population-weighted line per replicate, order
    statistics at R's positions; transform maps the slope limits back about the fitted value at x = 1/2.
    Returns {(statistic, level): ([lower, upper], [se_lower, se_upper])}."""
    ident = lambda x: x  # noqa: E731
    fwd = {0: ident, 1: np.log, 2: lambda v: np.log(v / (1 - v))}[value_type]
    back = {0: ident, 1: np.exp, 2: lambda x: 1 / (1 + np.exp(-x))}[value_type]
    mean = fwd(g[value].to_numpy())
    sd = (fwd(g[hi].to_numpy()) - fwd(g[lo].to_numpy())) / stats.norm.ppf(0.975) / 2
    a, b = ranks(g["pop"])
    X = np.column_stack([np.sqrt(a), b * np.sqrt(a)])
    H = np.linalg.pinv(X) * np.sqrt(a)  # coefficients = H @ y
    draws = mean + sd * rng.standard_normal((reps, len(mean)))
    y = draws if transform else back(draws)
    icpts, slopes = y @ H[0], y @ H[1]
    c, s = H @ (mean if transform else g[value].to_numpy())
    half = c + s / 2
    sii_of = lambda x: back(half + x / 2) - back(half - x / 2)  # noqa: E731
    rii_of = lambda x: back(half + x / 2) / back(half - x / 2)  # noqa: E731
    slopes_sorted = np.sort(slopes)
    rii_sorted = np.sort((icpts + slopes) / icpts)
    out = {}
    for level in levels:
        cv = level + (1 - level) / 2
        pos = (int(np.rint(reps * (1 - cv))), int(np.rint(reps * cv)))
        for name, f, reps_sorted in (("sii", sii_of, slopes_sorted), ("rii", rii_of, rii_sorted)):
            if transform:  # slope limits mapped back; se by the delta method
                lims, ses = [], []
                for p in pos:
                    x, se = order_stat(slopes_sorted, p)
                    lims.append(f(x))
                    ses.append(abs((f(x + 1e-6) - f(x)) / 1e-6) * se)
            else:
                lims, ses = map(list, zip(*(order_stat(reps_sorted, p) for p in pos)))
            out[(name, level)] = (lims, ses)
    return out


@pytest.mark.parametrize("value_type,transform", [(0, False), (1, False), (1, True), (2, False), (2, True)])
def test_simulated_limits_agree_with_an_independent_numpy_simulation(value_type, transform):
    reps = 100_000
    levels = [0.95, 0.998]
    cols = {0: ("life", "life_lo", "life_hi"), 1: ("rate", "rate_lo", "rate_hi"), 2: ("prop", "prop_lo", "prop_hi")}
    cols = cols[value_type]
    r = hp.indicators.sii("decile", "pop", cols[0], lower=cols[1], upper=cols[2], value_type=value_type,
                          transform=transform, data=LE, by=["sex", "area"], confidence_level=levels, rii=True,
                          n_resamples=reps, seed=11)
    rng = np.random.default_rng(2024)
    for i, (_, g) in enumerate(LE.groupby(["sex", "area"], sort=True)):
        ref = numpy_sii_limits(g, value_type, transform, reps, levels, rng, *cols)
        for level in levels:
            sfx = hp.indicators.level_suffix(level)
            for name, prefix in (("sii", ""), ("rii", "rii_")):
                ours = [r[f"{prefix}lower_{sfx}"][i], r[f"{prefix}upper_{sfx}"][i]]
                lims, ses = ref[(name, level)]
                for k in range(2):
                    tol = 4 * np.sqrt(2) * ses[k]  # two independent estimates
                    assert abs(ours[k] - lims[k]) < tol, (name, i, level, k, ours[k], lims[k], tol)


def test_threads_and_seed():
    kw = dict(data=LE, by=["sex", "area"], rii=True, confidence_level=(0.95, 0.998), n_resamples=20000, seed=5,
              reliability_stat=True)
    one = hp.indicators.sii("decile", "pop", "life", se="se", threads=1, **kw)
    two = hp.indicators.sii("decile", "pop", "life", se="se", threads=2, **kw)
    again = hp.indicators.sii("decile", "pop", "life", se="se", threads=0, **kw)
    pd.testing.assert_frame_equal(one, two, check_exact=True)
    pd.testing.assert_frame_equal(one, again, check_exact=True)
    assert {"sii_mad_95", "sii_mad_99_8", "rii_mad_95", "rii_lower_99_8"} <= set(one.columns)
    other = hp.indicators.sii("decile", "pop", "life", se="se", **{**kw, "seed": 6})
    assert not np.array_equal(one.lower_95, other.lower_95)


def test_arrays_without_data_and_string_quantiles():
    g = LE[(LE.sex == 1) & (LE.area == "E06000001")]
    arr = hp.indicators.sii(g.decile.to_numpy(), g["pop"].to_numpy(), g.life.to_numpy(), se=g.se.to_numpy(),
                            n_resamples=1000)
    assert len(arr) == 1 and list(arr.columns) == ["n_quantiles", "value", "lower", "upper", "method"]
    # labels that sort in order ("Q01".."Q10") work as quantiles
    labelled = g.assign(q=[f"Q{d:02d}" for d in g.decile])
    lab = hp.indicators.sii("q", "pop", "life", se="se", data=labelled, n_resamples=1000)
    assert lab.value[0] == arr.value[0] and lab.lower[0] == arr.lower[0]


def test_bad_input_names_the_group_and_quantile():
    kw = dict(data=LE, by=["sex", "area"], n_resamples=1000)
    dropped = LE.drop(index=23)  # sex 2, E06000001, decile 4
    with pytest.raises(hp.DataError, match=r"sex=2, area='E06000001'.*no row for quantile 4"):
        hp.indicators.sii("decile", "pop", "life", se="se", **{**kw, "data": dropped})
    zero = LE.assign(pop=LE["pop"].where(LE.index != 15, 0))  # sex 1, E06000002, decile 6
    with pytest.raises(hp.DataError, match=r"group 1 \(sex=1, area='E06000002'\), quantile 6 \(row 15\) has "
                                           r"population 0; populations must be finite and > 0"):
        hp.indicators.sii("decile", "pop", "life", se="se", **{**kw, "data": zero})
    dup = LE.assign(decile=LE.decile.where(LE.index != 1, 1))
    with pytest.raises(hp.DataError, match=r"sex=1, area='E06000001'.*no row for quantile 2"):
        hp.indicators.sii("decile", "pop", "life", se="se", **{**kw, "data": dup})
    dup_all = pd.concat([LE, LE.iloc[[0]]])
    with pytest.raises(hp.DataError, match=r"quantile 1 appears twice"):
        hp.indicators.sii("decile", "pop", "life", se="se", **{**kw, "data": dup_all})
    nan = LE.assign(se=LE.se.where(LE.index != 30, np.nan))
    with pytest.raises(hp.DataError, match=r"area='E06000002'\), quantile 1 \(row 30\) has se nan"):
        hp.indicators.sii("decile", "pop", "life", se="se", **{**kw, "data": nan})
    with pytest.raises(hp.DomainError, match="give either se="):
        hp.indicators.sii("decile", "pop", "life", lower="rate_lo", **kw)
    with pytest.raises(hp.DomainError, match="value_type must be 0"):
        hp.indicators.sii("decile", "pop", "life", se="se", value_type=3, **kw)
    with pytest.raises(hp.DomainError, match="n_resamples must be a whole number from 1,000 to 1,000,000,000, got 10"):
        hp.indicators.sii("decile", "pop", "life", se="se", **{**kw, "n_resamples": 10})
    with pytest.raises(hp.DomainError, match="confidence"):
        hp.indicators.sii("decile", "pop", "life", se="se", confidence_level=95, **kw)
    one = LE[LE.decile == 1]
    with pytest.raises(hp.DataError, match=r"sex=1, area='E06000001'\) has 1 quantile\(s\); the SII needs at least 2"):
        hp.indicators.sii("decile", "pop", "life", se="se", **{**kw, "data": one})
