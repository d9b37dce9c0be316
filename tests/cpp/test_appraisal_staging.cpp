// Single step or staged: the decision tree's money by hand (discount factors written out), the normal-normal
// EVSI worked by hand (μ0 = 0, σ0 = 1, se = 1: σ_pre = 1/√2, EVSI = σ_pre φ(0) = 0.2821), the threshold rule's
// truncated-normal closed form against Simpson quadrature written in the test, the limits se → 0 (EVSI → EVPI)
// and se → ∞ (EVSI → 0), a user's rule never beating the optimal one, the Monte Carlo method against the closed
// form within 4 Monte Carlo standard errors (and for a non-normal prior against quadrature over its quantiles),
// the same numbers for 1 and 2 threads, the posterior of a uniform prior against the truncated normal's mean, the
// pilot's se against the power functions and Hussey and Hughes' variance, and the messages for bad input.
#include <doctest/doctest.h>

#include "checks.hpp"

#include <cmath>
#include <functional>
#include <numbers>
#include <string>

#include "error_of.hpp"
#include "healthyplaces/appraisal/normal.hpp"
#include "healthyplaces/appraisal/staging.hpp"
#include "healthyplaces/evaluation/power.hpp"
#include "healthyplaces/evaluation/power_stepped_wedge.hpp"

namespace staging_test {  // named: test files compile in batches

namespace ha = hp::appraisal;
using hp::finance::Uncertain;
using hp::testing::close;
using hp::testing::contains;
using hp::testing::error_of;

double phi(double z) { return std::exp(-0.5 * z * z) / std::sqrt(2 * std::numbers::pi); }
double Phi(double z) { return 0.5 * std::erfc(-z / std::numbers::sqrt2); }

// The NPV-scale model with no discounting and no costs: V_s(θ) = θ for both decision times.
ha::StagingModel unit_model() {
    ha::StagingModel m;
    m.scale = ha::EffectScale::npv;
    m.horizon = 5;
    m.pilot_years = 1;
    m.discounting.rate = 0;
    return m;
}

// A Torbay-like case on the per-year scale: £1m restructuring, £100k a year running costs, benefits a year after
// integrating, 10 years at 3.5%, a 2-year pilot costing £300k.
ha::StagingModel place_model() {
    ha::StagingModel m;
    m.value_per_unit = 1.0;
    m.horizon = 10;
    m.lag = 1;
    m.restructuring_cost = 1e6;
    m.running_cost = 1e5;
    m.pilot_years = 2;
    m.pilot_cost = 3e5;
    return m;
}

// Simpson's rule on [lo, hi] with n (even) intervals.
double simpson(const std::function<double(double)>& f, double lo, double hi, int n = 4000) {
    const double h = (hi - lo) / n;
    double s = f(lo) + f(hi);
    for (int i = 1; i < n; ++i) s += f(lo + i * h) * (i % 2 ? 4 : 2);
    return s * h / 3;
}

TEST_CASE("appraisal staging: the money of each path by hand") {
    ha::StagingModel m;
    m.value_per_unit = 2;
    m.horizon = 3;
    m.lag = 1;
    m.restructuring_cost = 5;
    m.running_cost = 1;
    m.pilot_years = 1;
    m.pilot_cost = 3;
    m.discounting.rate = 0.1;
    const double d1 = 1 / 1.1, d2 = 1 / 1.21, d3 = 1 / 1.331;
    const auto c = ha::staging_coefficients(m);
    close(c.a_now, 2 * (d1 + d2 + d3), 1e-12);
    close(c.c_now, -5 - (d1 + d2 + d3), 1e-12);
    close(c.a_after, 2 * (d2 + d3), 1e-12);
    close(c.c_after, -5 * d1 - (d2 + d3), 1e-12);
    close(c.pilot_cost, 3, 1e-12);
    m.pilot_years = 2;
    m.lag = 0;
    m.pilot_cost = 4;  // £2 in year 0 and £2 in year 1
    const auto c2 = ha::staging_coefficients(m);
    close(c2.pilot_cost, 2 + 2 * d1, 1e-12);
    close(c2.a_after, 2 * (d2 + d3), 1e-12);

    // Integrate now with a known-ish effect: EV = a_now μ + c_now exactly.
    const auto r = ha::staged_decision(Uncertain::normal(3, 1), 0.5, m);
    close(r.ev_integrate_now, 3 * 2 * (1 + d1 + d2 + d3) - 5 - (d1 + d2 + d3), 1e-12);
    close(r.ev_do_minimum, 0, 0);
    close(r.engs, r.ev_pilot - std::max(r.ev_integrate_now, 0.0), 1e-12);
    close(r.evsi - r.pilot_cost - r.delay_cost, r.engs, 1e-9);
}

TEST_CASE("appraisal staging: the normal-normal EVSI worked by hand") {
    // μ0 = 0, σ0 = 1, se = 1: σ_pre = 1/√2, EVSI = σ_pre φ(0) = 0.28209479; EVPI = φ(0) = 0.39894228. Without
    // discounting or costs the pilot path is worth the EVSI, the pilot integrates half the time (threshold 0).
    const auto r = ha::staged_decision(Uncertain::normal(0, 1), 1.0, unit_model());
    close(r.sigma_pre, 0.70710678, 1e-8);
    close(r.evsi, 0.28209479, 1e-8);
    close(r.evpi, 0.39894228, 1e-8);
    close(r.ev_pilot, 0.28209479, 1e-8);
    close(r.p_integrate, 0.5, 1e-12);
    close(r.threshold, 0, 1e-12);
    close(r.delay_cost, 0, 1e-12);
    CHECK(r.best == ha::StagingPath::pilot_then_decide);
    // The tree: pilot branch values average to the path's value; E[θ | x > 0] = σ_pre φ(0) / 0.5.
    REQUIRE(r.tree.size() == 10);
    close(r.tree[6].value, 2 * 0.28209479, 1e-8);
    close(r.tree[8].value, -2 * 0.28209479, 1e-8);
    close(r.tree[4].probability * r.tree[4].value + r.tree[5].probability * r.tree[5].value, r.ev_pilot, 1e-12);
    // With a 5% significance rule the threshold is 1.959964 se and the value m Φ(−z) + σ_pre φ(z), z = t/√2.
    ha::DecisionRule sig{ha::RuleKind::significance, 0, 0.05};
    const auto s = ha::staged_decision(Uncertain::normal(0, 1), 1.0, unit_model(), sig);
    close(s.threshold, 1.959963985, 1e-8);
    close(s.evsi, 0.70710678 * phi(1.959963985 / std::sqrt(2.0)), 1e-8);
    close(s.p_integrate, Phi(-1.959963985 / std::sqrt(2.0)), 1e-9);
}

TEST_CASE("appraisal staging: the threshold rule against quadrature, and never better than the optimal rule") {
    const double mu = 0.3e6, s0 = 0.4e6, se = 0.25e6;
    const auto prior = Uncertain::normal(mu, s0);
    const auto m = place_model();
    const auto c = ha::staging_coefficients(m);
    const auto opt = ha::staged_decision(prior, se, m);
    const double sx = std::sqrt(s0 * s0 + se * se), k = s0 * s0 / (sx * sx);
    for (double t : {-0.5e6, 0.0, 0.2e6, 0.6e6, 1.5e6}) {
        ha::DecisionRule rule{ha::RuleKind::threshold, t, 0.05};
        const auto r = ha::staged_decision(prior, se, m, rule);
        // E over x > t of E[V_after | x] (linear in E[θ | x] = μ0 + k(x − μ0)), x ~ N(μ0, s_x²), by Simpson.
        const double integral = simpson(
            [&](double x) {
                return (c.a_after * (mu + k * (x - mu)) + c.c_after) * phi((x - mu) / sx) / sx;
            },
            t, mu + 12 * sx);
        const double p = simpson([&](double x) { return phi((x - mu) / sx) / sx; }, t, mu + 12 * sx);
        hp::testing::check_rel(r.ev_pilot, integral + (1 - p) * m.do_minimum - c.pilot_cost, 1e-9);
        close(r.p_integrate, p, 1e-9);
        CHECK(r.ev_pilot <= opt.ev_pilot + 1e-6);
        CHECK(r.evsi <= opt.evsi + 1e-6);
    }
    // The optimal threshold's closed form equals the EVPI-style form V0 + max(m, 0) + normal_evpi(m, a σ_pre).
    const double m_after = c.a_after * mu + c.c_after;
    hp::testing::check_rel(opt.ev_pilot + c.pilot_cost,
                           std::max(m_after, 0.0) + ha::normal_evpi(m_after, c.a_after * opt.sigma_pre), 1e-12);
    hp::testing::check_rel(opt.evsi, ha::normal_evpi(c.a_now * mu + c.c_now, c.a_now * opt.sigma_pre), 1e-12);
}

TEST_CASE("appraisal staging: EVSI tends to EVPI as se falls and to 0 as se grows") {
    const auto prior = Uncertain::normal(0.1, 1);
    const auto m = unit_model();
    const double evpi = ha::normal_evpi(0.1, 1);
    close(ha::staged_decision(prior, 1e-6, m).evsi, evpi, 1e-6);
    CHECK(ha::staged_decision(prior, 1e6, m).evsi < 1e-6 * evpi);
    double last = evpi + 1e-12;
    for (double se : {1e-3, 0.1, 0.5, 1.0, 2.0, 10.0, 100.0}) {
        const double v = ha::staged_decision(prior, se, m).evsi;
        CHECK(v < last);
        CHECK(v >= 0);
        last = v;
    }
}

TEST_CASE("appraisal staging: Monte Carlo agrees with the closed form and is the same for any thread count") {
    const auto prior = Uncertain::normal(0.3e6, 0.4e6);
    const auto m = place_model();
    for (auto rule : {ha::DecisionRule{}, ha::DecisionRule{ha::RuleKind::significance, 0, 0.05}}) {
        const auto exact = ha::staged_decision(prior, 0.25e6, m, rule);
        ha::StagingSimulation sim{8000, 7, 1};
        const auto mc = ha::simulate_staged_decision(prior, 0.25e6, m, rule, sim);
        INFO("rule " << ha::to_string(rule.kind));
        CHECK(std::abs(mc.ev_pilot - exact.ev_pilot) <= 4 * mc.se_ev_pilot);
        CHECK(std::abs(mc.p_integrate - exact.p_integrate) <= 4 * mc.se_p_integrate);
        CHECK(std::abs(mc.evsi - exact.evsi) <= 4 * mc.se_evsi);
        CHECK(std::abs(mc.evpi - exact.evpi) <= 4 * mc.se_evpi);
        close(mc.threshold, exact.threshold, 1e-6);
        sim.threads = 2;
        const auto mc2 = ha::simulate_staged_decision(prior, 0.25e6, m, rule, sim);
        CHECK(mc2.ev_pilot == mc.ev_pilot);
        CHECK(mc2.evsi == mc.evsi);
        CHECK(mc2.se_evsi == mc.se_evsi);
        CHECK(mc2.tree[6].value == mc.tree[6].value);
    }
}

TEST_CASE("appraisal staging: a non-normal prior by Monte Carlo against quadrature over its quantiles") {
    // θ ~ triangular(−1, 0, 3) on the unit model: EVPI = E[max(θ, 0)] − max(E θ, 0) by the midpoint rule over
    // 50,000 quantiles (written here from the triangular's inverse CDF, not the library's).
    const double lo = -1, mode = 0, hi = 3;
    const auto prior = Uncertain::triangular(lo, mode, hi);
    auto inv = [&](double u) {
        const double f = (mode - lo) / (hi - lo);
        return u < f ? lo + std::sqrt(u * (hi - lo) * (mode - lo)) : hi - std::sqrt((1 - u) * (hi - lo) * (hi - mode));
    };
    double e_pos = 0;
    const int n = 50000;
    for (int i = 0; i < n; ++i) e_pos += std::max(inv((i + 0.5) / n), 0.0) / n;
    const double mean = (lo + mode + hi) / 3;
    const auto mc = ha::simulate_staged_decision(prior, 0.5, unit_model(), {}, {6000, 3, 0});
    CHECK(std::abs(mc.evpi - (e_pos - std::max(mean, 0.0))) <= 4 * mc.se_evpi);
    // The optimal rule is at least as good as the same estimate used by a significance rule (beyond MC noise:
    // common random numbers, so the difference is compared directly).
    const auto sig = ha::simulate_staged_decision(prior, 0.5, unit_model(), {ha::RuleKind::significance, 0, 0.05},
                                                  {6000, 3, 0});
    CHECK(sig.evsi <= mc.evsi + 1e-12);
    CHECK(mc.evsi > 0);
    CHECK(mc.evsi < mc.evpi);
}

TEST_CASE("appraisal staging: the posterior of the effect given an estimate") {
    const auto n = ha::effect_posterior(Uncertain::normal(0, 1), 1.0, 2.0);
    close(n.mean, 1.0, 1e-12);
    close(n.sd, std::sqrt(0.5), 1e-12);
    // A uniform prior on [0, 1] and se 0.3: the posterior is N(x, se²) truncated to [0, 1], whose mean is
    // x + se (φ(α) − φ(β)) / (Φ(β) − Φ(α)), α = (0 − x)/se, β = (1 − x)/se. The library's 4,096-node
    // quadrature is accurate to about 1e-4 here.
    for (double x : {-0.2, 0.4, 1.3}) {
        const double se = 0.3, a = (0 - x) / se, b = (1 - x) / se;
        const double want = x + se * (phi(a) - phi(b)) / (Phi(b) - Phi(a));
        close(ha::effect_posterior(Uncertain::uniform(0, 1), se, x).mean, want, 2e-4);
    }
}

TEST_CASE("appraisal staging: the pilot's se is the power functions' standard error") {
    namespace ev = hp::evaluation;
    ha::PilotDesign sw;
    sw.kind = ha::PilotDesignKind::stepped_wedge;
    sw.design = ev::stepped_wedge_design(2, 2, 1);  // 4 localities in 2 steps of 2, 3 periods
    sw.cluster_size = 150;
    sw.stepped_wedge.sigma = 4;
    sw.stepped_wedge.icc = 0.05;
    const double se = ha::pilot_standard_error(sw);
    close(se, ev::power_stepped_wedge(sw.design, 0.3, 150.0, std::nullopt, sw.stepped_wedge).standard_error, 1e-12);
    // Hussey and Hughes: s2 = σ²/m, τ² = σ² icc/(1 − icc).
    close(se, std::sqrt(ev::hussey_hughes_variance(sw.design, 16.0 / 150, 16 * 0.05 / 0.95)), 1e-12);

    ha::PilotDesign par;
    par.kind = ha::PilotDesignKind::parallel;
    par.clusters_per_arm = 4;
    par.cluster.sd = 4;
    par.cluster.cluster_size = 150;
    par.cluster.icc = 0.05;
    // var = 2 σ² DE / (k m), DE = 1 + (m − 1) icc.
    close(ha::pilot_standard_error(par), std::sqrt(2 * 16 * (1 + 149 * 0.05) / (4 * 150)), 1e-12);

    ha::PilotDesign did;
    did.kind = ha::PilotDesignKind::did;
    did.n_treated = 4;
    did.did.sd = 2;
    did.did.rho = 0.5;
    // One pre and one post period: f = 1 + 1 − 2ρ = 1; var = sd² (1/4 + 1/4).
    close(ha::pilot_standard_error(did), std::sqrt(4 * 0.5 * 1.0), 1e-12);
}

TEST_CASE("appraisal staging: bad input names the parameter") {
    const auto m = unit_model();
    CHECK(contains(error_of([&] { ha::staged_decision(Uncertain::gamma(1, 1), 1, m); }), "normal prior"));
    CHECK(contains(error_of([&] { ha::staged_decision(Uncertain::normal(0, 1), 0, m); }), "se (the pilot"));
    CHECK(contains(error_of([&] { ha::staged_decision(Uncertain::normal(0, 0), 1, m); }), "prior's sd"));
    auto late = place_model();
    late.pilot_years = 10;
    CHECK(contains(error_of([&] { ha::staged_decision(Uncertain::normal(0, 1), 1, late); }), "pilot_years + lag"));
    auto neg = unit_model();
    neg.value_per_unit = -1;
    CHECK(contains(error_of([&] { ha::staged_decision(Uncertain::normal(0, 1), 1, neg); }), "value_per_unit"));
    CHECK(contains(error_of([&] { ha::parse_rule_kind("best"); }), "optimal, threshold, significance"));
    auto huge = place_model();
    huge.value_per_unit = 1e308;
    CHECK(contains(error_of([&] { ha::staged_decision(Uncertain::normal(0, 1), 1, huge); }), "double range"));
    auto steep = place_model();
    steep.discounting.rate = 1e300;  // a rate above 100% a year is refused before it can discount to nothing
    CHECK(contains(error_of([&] { ha::staged_decision(Uncertain::normal(0, 1), 1, steep); }), "at most 1"));
    CHECK(contains(error_of([&] {
              ha::simulate_staged_decision(Uncertain::fixed(1), 1, m, {}, {});
          }), "nothing for a pilot to learn"));
    CHECK(contains(error_of([&] {
              ha::simulate_staged_decision(Uncertain::normal(0, 1), 1, m, {}, {0, 0, 0});
          }), "n_sims"));
    const ha::DecisionRule bad_alpha{ha::RuleKind::significance, 0, 5};
    CHECK(contains(error_of([&] { ha::staged_decision(Uncertain::normal(0, 1), 1, m, bad_alpha); }), "alpha"));
}

}  // namespace staging_test
