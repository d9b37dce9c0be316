"""hp.appraisal.single_step_or_staged: the closed form against scipy (the normal-normal EVSI, and a user's
threshold rule by scipy.integrate.quad over the estimate), the Monte Carlo method against it within 4 Monte Carlo
standard errors and the same for 1 and 2 threads, a non-normal prior (Monte Carlo chosen by itself) against
quadrature with scipy's distribution, the pilot's se against hp.evaluation's power functions, the result protocol
(frame, summary with the recommendation, HTML, pickling, the tree's chart) and the messages for bad input."""
from __future__ import annotations

import pickle

import numpy as np
import pytest
from scipy import integrate, stats

import healthyplaces as hp

app = hp.appraisal

# A Torbay-like case: the effect is bed days saved per person aged 80+ a year, worth 8,000 people × £350.
MODEL = dict(value_per_unit=8000 * 350.0, horizon=10, lag=1, restructuring_cost=2e6, running_cost=1.5e5,
             pilot_years=2, pilot_cost=4e5)
PILOT = app.PilotDesign("stepped_wedge", steps=2, clusters_per_step=2, baseline_periods=1, cluster_size=300,
                        icc=0.03, sd=3)


def coefficients(horizon=10, lag=1, s=0, v=8000 * 350.0, c=2e6, run=1.5e5, rate=0.035):
    d = (1 + rate) ** -np.arange(horizon + 1.0)
    return v * d[s + lag:].sum(), -c * d[s] - run * d[s + 1:].sum()


def test_closed_form_against_scipy_and_a_threshold_rule_by_quadrature():
    mu, s0, se = 0.1, 0.4, 0.21
    r = app.single_step_or_staged((mu, s0), se=se, **MODEL)
    a0, c0 = coefficients()
    a2, c2 = coefficients(s=2)
    sx = np.hypot(s0, se)
    s_pre = s0 ** 2 / sx
    m0, m2 = a0 * mu + c0, a2 * mu + c2

    def evpi(m, s):
        return s * stats.norm.pdf(m / s) - abs(m) * stats.norm.cdf(-abs(m) / s)

    pilot_pv = 2e5 * (1 + 1 / 1.035)
    assert r.method == "closed form"
    assert r.ev_integrate_now == pytest.approx(m0, rel=1e-12)
    assert r.pilot_cost == pytest.approx(pilot_pv, rel=1e-12)
    assert r.evsi == pytest.approx(evpi(m0, a0 * s_pre), rel=1e-10)
    assert r.evpi == pytest.approx(evpi(m0, a0 * s0), rel=1e-10)
    assert r.ev_pilot == pytest.approx(max(m2, 0) + evpi(m2, a2 * s_pre) - pilot_pv, rel=1e-10)
    assert r.engs == pytest.approx(r.evsi - r.pilot_cost - r.delay_cost, abs=1e-6)
    # A user's threshold: E over x > t of E[V | x], x ~ N(μ0, s_x²), by quad; never better than the optimal rule.
    k = s0 ** 2 / sx ** 2
    for t in (0.0, 0.3):
        u = app.single_step_or_staged((mu, s0), se=se, rule=t, **MODEL)
        want = integrate.quad(lambda x: (a2 * (mu + k * (x - mu)) + c2) * stats.norm.pdf(x, mu, sx), t, np.inf)[0]
        assert u.ev_pilot == pytest.approx(want - pilot_pv, rel=1e-8)
        assert u.p_integrate == pytest.approx(stats.norm.sf(t, mu, sx), rel=1e-10)
        assert u.ev_pilot <= r.ev_pilot and u.evsi <= r.evsi
    sig = app.single_step_or_staged((mu, s0), se=se, rule="significance", alpha=0.05, **MODEL)
    assert sig.threshold == pytest.approx(stats.norm.ppf(0.975) * se, rel=1e-12)


def test_monte_carlo_agrees_and_does_not_depend_on_threads():
    exact = app.single_step_or_staged((0.1, 0.4), PILOT, **MODEL)
    mc = app.single_step_or_staged((0.1, 0.4), PILOT, n_sims=20_000, seed=5, threads=1, **MODEL)
    assert mc.method == "Monte Carlo"
    for f in ("ev_pilot", "evsi", "evpi", "p_integrate"):
        assert abs(getattr(mc, f) - getattr(exact, f)) <= 4 * getattr(mc, "se_" + f), f
    assert mc == app.single_step_or_staged((0.1, 0.4), PILOT, n_sims=20_000, seed=5, threads=2, **MODEL)


def test_non_normal_prior_uses_monte_carlo_against_scipy_quadrature():
    prior = hp.finance.Uncertain.gamma(0.2, 0.15)
    r = app.single_step_or_staged(prior, se=0.2, n_sims=20_000, seed=1, **MODEL)
    assert r.method == "Monte Carlo" and np.isnan(r.sigma_pre)
    a0, c0 = coefficients()
    g = stats.gamma((0.2 / 0.15) ** 2, scale=0.15 ** 2 / 0.2)
    m0 = a0 * 0.2 + c0
    b = -c0 / a0  # the break-even effect: integrating pays above it
    evpi = integrate.quad(lambda th: (a0 * th + c0) * g.pdf(th), b, np.inf)[0] - max(m0, 0)
    assert abs(r.evpi - evpi) <= 4 * r.se_evpi
    assert 0 < r.evsi < r.evpi
    # The posterior of a gamma prior by quadrature against scipy's: ∫θ L(θ) dG / ∫L(θ) dG.
    like = lambda th: stats.norm.pdf(0.5, th, 0.2) * g.pdf(th)  # noqa: E731
    want = integrate.quad(lambda th: th * like(th), 0, 5)[0] / integrate.quad(like, 0, 5)[0]
    assert r.posterior(0.5)[0] == pytest.approx(want, abs=2e-3)


def test_pilot_se_is_the_power_functions_standard_error():
    sw = hp.evaluation.power_stepped_wedge("stepped_wedge", effect=0.3, m=300, steps=2, clusters_per_step=2,
                                           baseline_periods=1, sigma=3, icc=0.03)
    assert PILOT.standard_error() == pytest.approx(sw.standard_error, rel=1e-12)
    pc = hp.evaluation.power_cluster(0.3, 4, cluster_size=150, icc=0.05, sd=4)
    assert app.pilot_standard_error("parallel", clusters_per_arm=4, cluster_size=150, icc=0.05, sd=4) == \
        pytest.approx(pc.standard_error, rel=1e-12)
    r = app.single_step_or_staged((0.1, 0.4), {"design": "parallel", "clusters_per_arm": 4, "cluster_size": 150,
                                               "icc": 0.05, "sd": 4}, **MODEL)
    assert r.se == pytest.approx(pc.standard_error, rel=1e-12)


def test_result_protocol_and_the_tree():
    r = app.single_step_or_staged((0.1, 0.4), PILOT, **MODEL)
    frame = r.to_frame()
    assert frame.index.tolist() == ["integrate now", "pilot then decide", "do minimum"]
    assert frame.loc[r.best, "against_best"] == 0 and frame["best"].sum() == 1
    text = str(r.summary())
    assert r.best == "pilot then decide" and "Pilot first: the pilot's information is worth £" in text
    assert "2 years' delay" in r.recommendation() and "e+" not in text and "The decision tree" in text
    assert "<table>" in r._repr_html_()
    assert pickle.loads(pickle.dumps(r)) == r
    tree = r.tree_frame()
    # The pilot's branches average to the path's value; chosen branches follow the rule.
    assert tree.loc[4, "probability"] * tree.loc[4, "value"] + tree.loc[5, "probability"] * tree.loc[5, "value"] \
        == pytest.approx(r.ev_pilot, rel=1e-12)
    assert tree.loc[[6, 7, 8, 9], "chosen"].tolist() == [True, False, False, True]
    fig = r.plot()
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.texts]
    assert "pilot first" in labels and f"estimate > {hp._result.fmt_number(r.threshold, 3)}" in labels
    assert any(t.startswith(f"p = {tree.loc[4, 'probability']:.2f}   £") for t in labels)
    assert ax.get_title().startswith("Pilot first")


@pytest.mark.parametrize("call, match", [
    (lambda: app.single_step_or_staged("big", se=1), "prior must be"),
    (lambda: app.single_step_or_staged((0, 1), PILOT, se=1), "exactly one of pilot"),
    (lambda: app.single_step_or_staged((0, 1), se=1, rule="threshold"), "needs threshold="),
    (lambda: app.single_step_or_staged((0, 1), se=1, rule="best"), "optimal, threshold, significance"),
    (lambda: app.single_step_or_staged((0, 1), se=1, n_sims=1.5), "n_sims"),
    (lambda: app.single_step_or_staged((0, 1), se=1, horizon=2.5), "horizon"),
    (lambda: app.single_step_or_staged((0, 1), se=-1), "se"),
    (lambda: app.single_step_or_staged((0, 1), se=1, horizon=3, pilot_years=3), "pilot_years \\+ lag"),
    (lambda: app.pilot_standard_error("crossover"), "parallel, did, stepped_wedge"),
    (lambda: app.pilot_standard_error("stepped_wedge", steps=2.0, clusters_per_step=1), "steps must be a whole"),
    (lambda: app.single_step_or_staged((0, 1), se=1, restructuring_cost="lots"), "restructuring_cost must be a num"),
    (lambda: app.single_step_or_staged((0, 1), {"design": "parallel", "clusters": 4}),
     "unknown fields \\['clusters'\\]"),
    (lambda: app.single_step_or_staged((0, 1), se=1, rule="significance", threshold=0.2), "rule='threshold' only"),
    (lambda: app.pilot_standard_error("stepped_wedge", steps=-2, clusters_per_step=1), "steps must be >= 0"),
])
def test_bad_input_is_one_line_naming_the_parameter(call, match):
    with pytest.raises(hp.DomainError, match=match) as err:
        call()
    assert "\n" not in str(err.value)
