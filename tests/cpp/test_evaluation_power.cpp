// Power and sample size (evaluation/power*.hpp). References, each written out below: Whitehead's (1993, p. 2260)
// worked example; the binary case of his formula against the two-proportion log-odds-ratio formula; hand
// calculations of the cluster design effect; the Hussey-Hughes closed form against the GLS variance from the
// full covariance matrix; McKenzie's DiD/ANCOVA factors against contrast and GLS variances from the full
// covariance matrix; and simulated power against the analytic formulas (within 3 Monte Carlo SEs).
#include <doctest/doctest.h>

#include <Eigen/Core>
#include <boost/math/distributions/normal.hpp>

#include <cmath>
#include <vector>

#include "error_of.hpp"
#include "healthyplaces/evaluation/power.hpp"
#include "healthyplaces/evaluation/power_simulate.hpp"
#include "healthyplaces/evaluation/power_stepped_wedge.hpp"

namespace he = hp::evaluation;
using hp::testing::error_of;

namespace {
double qnorm(double p) { return boost::math::quantile(boost::math::normal_distribution<double>(), p); }
double pnorm(double x) { return boost::math::cdf(boost::math::normal_distribution<double>(), x); }
}  // namespace

TEST_CASE("power ordinal: Whitehead's (1993) worked example") {
    // Whitehead (1993, Stat Med 12:2257, p. 2260): categories very good, good, moderate, poor with control
    // probabilities 0.2, 0.5, 0.2, 0.1; the treatment raises P(good or better) from 0.7 to 0.85, an odds ratio
    // of 0.85 x 0.3 / (0.15 x 0.7) = 2.4286; treated probabilities 0.378, 0.472, 0.106, 0.044 (his rounding);
    // alpha 0.05 two-sided, power 0.9: 187 patients in all. Our categories run worst to best (the odds ratio is
    // for scoring in a category or above), so the lists are reversed.
    const std::vector<double> control{0.1, 0.2, 0.5, 0.2};
    const double orat = 0.85 * 0.3 / (0.15 * 0.7);
    const auto treated = he::proportional_odds_shift(control, orat);
    const std::vector<double> paper{0.044, 0.106, 0.472, 0.378};
    for (std::size_t i = 0; i < 4; ++i) CHECK(std::abs(treated[i] - paper[i]) < 5e-4);
    CHECK(treated[2] + treated[3] == doctest::Approx(0.85).epsilon(1e-12));

    const auto r = he::power_ordinal(control, orat, std::nullopt, 0.9);
    // By hand: pbar = (0.071875, 0.153125, 0.486111, 0.288889) (the means of the arms; Whitehead rounds them to
    // 0.072, 0.153, 0.486, 0.289), 1 - sum pbar^3 = 0.857059,
    // n = 12 (1.959964 + 1.281552)^2 / (log(2.428571)^2 x 0.857059) = 186.863 (one tail, as Whitehead).
    double s3 = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        const double pb = (control[i] + treated[i]) / 2;
        CHECK(r.mean_probabilities[i] == doctest::Approx(pb).epsilon(1e-14));
        s3 += pb * pb * pb;
    }
    CHECK(1 - s3 == doctest::Approx(0.857059).epsilon(1e-6));
    const double z = qnorm(0.975) + qnorm(0.9);
    const double closed = 12 * z * z / (std::log(orat) * std::log(orat) * (1 - s3));
    CHECK(closed == doctest::Approx(186.863).epsilon(1e-5));
    // We count both tails, so n is a hair below the one-tailed closed form (the far tail is ~1e-7 here).
    CHECK(r.n < closed);
    CHECK(r.n == doctest::Approx(closed).epsilon(1e-6));
    CHECK(std::ceil(r.n) == 187);
    CHECK(r.solved == he::PowerSolved::n);

    // Round trips: power at n, and the odds ratio detectable with n.
    const auto p = he::power_ordinal(control, orat, r.n, std::nullopt);
    CHECK(p.power == doctest::Approx(0.9).epsilon(1e-10));
    const auto e = he::power_ordinal(control, std::nullopt, r.n, 0.9);
    CHECK(e.effect == doctest::Approx(orat).epsilon(1e-8));
}

TEST_CASE("power ordinal: two categories reduce to the two-proportion log odds ratio formula") {
    // With k = 2, 1 - pbar^3 - qbar^3 = 3 pbar qbar, so n = (A+1)^2 (z + z)^2 / (A (log OR)^2 pbar qbar):
    // the familiar sample size for a log odds ratio with the variance evaluated at the pooled proportion.
    const double p0 = 0.3, orat = 2.0;
    const double p1 = orat * p0 / (1 - p0 + orat * p0);
    for (double a : {1.0, 2.0, 0.5}) {
        he::OrdinalPowerOptions o;
        o.allocation_ratio = a;
        const auto r = he::power_ordinal(std::vector<double>{1 - p0, p0}, orat, 400.0, std::nullopt, o);
        CHECK(r.treated_probabilities[1] == doctest::Approx(p1).epsilon(1e-14));
        const double pb = (p0 + a * p1) / (1 + a);
        const double se = std::sqrt((a + 1) * (a + 1) / (a * 400.0 * pb * (1 - pb)));
        const double d = std::log(orat) / se, zc = qnorm(0.975);
        CHECK(r.power == doctest::Approx(pnorm(d - zc) + pnorm(-d - zc)).epsilon(1e-12));
        CHECK(r.standard_error == doctest::Approx(se).epsilon(1e-12));
    }
}

TEST_CASE("power ordinal: bad input names the field") {
    const std::vector<double> ok{0.25, 0.25, 0.25, 0.25};
    CHECK(error_of([&] { he::power_ordinal(std::vector<double>{0.5, 0.6}, 2.0, 100.0, std::nullopt); }) ==
          "DomainError: power_ordinal: control probabilities sum to 1.1; category probabilities must sum to 1");
    CHECK(error_of([&] { he::power_ordinal(std::vector<double>{1.2, -0.2}, 2.0, 100.0, std::nullopt); }) ==
          "DomainError: power_ordinal: control probabilities category 2 has probability -0.2; probabilities must be "
          ">= 0 and sum to 1");
    CHECK(error_of([&] { he::power_ordinal(ok, 0.0, 100.0, std::nullopt); }) ==
          "DomainError: power_ordinal: odds_ratio must be finite and > 0, got 0");
    CHECK(error_of([&] { he::power_ordinal(ok, 2.0, 100.0, 1.5); }) ==
          "DomainError: power_ordinal: leave exactly one of effect, n and power unset (None) to solve for it; 0 are unset");
    CHECK(error_of([&] { he::power_ordinal(ok, 2.0, std::nullopt, 1.5); }) ==
          "DomainError: power_ordinal: power must lie in (0, 1), got 1.5");
    he::OrdinalPowerOptions o;
    o.alpha = 0;
    CHECK(error_of([&] { he::power_ordinal(ok, 2.0, 100.0, std::nullopt, o); }) ==
          "DomainError: power_ordinal: alpha must lie in (0, 1), got 0");
}

TEST_CASE("power cluster: design effect and clusters per arm by hand") {
    // Continuous: delta 0.5, sd 1, m = 20, ICC 0.05: DE = 1 + 19 x 0.05 = 1.95;
    // k = 2 (z_.975 + z_.8)^2 sd^2 DE / (m delta^2) = 2 x 7.8489 x 1.95 / 5 = 6.1221 (one tail).
    CHECK(he::design_effect(20, 0.05) == doctest::Approx(1.95).epsilon(1e-15));
    CHECK(he::design_effect(20, 0.05, 0.5) == doctest::Approx(1 + (1.25 * 20 - 1) * 0.05).epsilon(1e-15));
    he::ClusterPowerOptions o;
    o.cluster_size = 20;
    o.icc = 0.05;
    const auto r = he::power_cluster(0.5, std::nullopt, 0.8, o);
    const double z = qnorm(0.975) + qnorm(0.8);
    CHECK(r.n == doctest::Approx(2 * z * z * 1.95 / (20 * 0.25)).epsilon(1e-5));
    CHECK(r.n == doctest::Approx(6.1221).epsilon(1e-4));
    CHECK(r.design_effect == doctest::Approx(1.95).epsilon(1e-15));
    // Binary: p0 = 0.2, p1 = 0.3, m = 50, ICC 0.02, k = 10: var = (0.16 + 0.21) x 1.98 / 500.
    o.outcome = he::OutcomeKind::binary;
    o.control_proportion = 0.2;
    o.cluster_size = 50;
    o.icc = 0.02;
    const auto b = he::power_cluster(0.1, 10.0, std::nullopt, o);
    const double se = std::sqrt((0.16 + 0.21) * 1.98 / 500), d = 0.1 / se;
    CHECK(b.power == doctest::Approx(pnorm(d - qnorm(0.975)) + pnorm(-d - qnorm(0.975))).epsilon(1e-12));
    const auto be = he::power_cluster(std::nullopt, 10.0, b.power, o);
    CHECK(be.effect == doctest::Approx(0.1).epsilon(1e-8));
    // t correction: fewer clusters give less power than the normal approximation, df = 2(k - 1).
    o.t_correction = true;
    const auto bt = he::power_cluster(0.1, 10.0, std::nullopt, o);
    CHECK(bt.df == 18);
    CHECK(bt.power < b.power);
    const auto kt = he::power_cluster(0.1, std::nullopt, bt.power, o);
    CHECK(kt.n == doctest::Approx(10.0).epsilon(1e-8));
}

TEST_CASE("power cluster: bad input names the field") {
    he::ClusterPowerOptions o;
    o.icc = 1.0;
    CHECK(error_of([&] { he::power_cluster(0.5, 5.0, std::nullopt, o); }) ==
          "DomainError: power_cluster: icc must lie in [0, 1), got 1");
    o.icc = 0.1;
    o.outcome = he::OutcomeKind::binary;
    o.control_proportion = 0.9;
    CHECK(error_of([&] { he::power_cluster(0.2, 5.0, std::nullopt, o); }) ==
          "DomainError: power_cluster: control_proportion + effect = 1.1 must lie in (0, 1)");
    o.control_proportion = 0.2;
    o.t_correction = true;
    CHECK(error_of([&] { he::power_cluster(0.2, 1.0, std::nullopt, o); }) ==
          "DomainError: power_cluster: the t correction needs more than 1 cluster per arm (df = 2(k - 1)), got 1");
}

TEST_CASE("power stepped wedge: Hussey-Hughes closed form equals the GLS variance") {
    // Hand check on 2 clusters x 3 periods, X = [0 1 1; 0 0 1]: U = 3, W = 0 + 1 + 4 = 5, V = 4 + 1 = 5; with
    // s2 = t2 = 1: var = 2 (1 + 3) / ((6 - 5) + (9 + 18 - 15 - 10)) = 8 / 3.
    Eigen::MatrixXd x(2, 3);
    x << 0, 1, 1, 0, 0, 1;
    CHECK(he::hussey_hughes_variance(x, 1, 1) == doctest::Approx(8.0 / 3).epsilon(1e-14));
    auto within = [](Eigen::Index T, double s2, double t2) {
        return Eigen::MatrixXd(s2 * Eigen::MatrixXd::Identity(T, T) + t2 * Eigen::MatrixXd::Ones(T, T));
    };
    CHECK(he::gls_variance(x, within(3, 1, 1)) == doctest::Approx(8.0 / 3).epsilon(1e-12));
    // Standard designs and an irregular one, several variance ratios: agreement to 1e-10 (relative).
    Eigen::MatrixXd odd(5, 4);
    odd << 0, 0, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1, 1, 1, 0, 0, 1, 1;
    const std::vector<Eigen::MatrixXd> designs{he::stepped_wedge_design(4, 6), he::stepped_wedge_design(3, 2, 2),
                                               he::parallel_baseline_design(5, 2, 3), he::parallel_design(4, 3), odd};
    for (const auto& d : designs)
        for (double t2 : {0.0, 0.01, 0.5, 4.0}) {
            const double s2 = 0.3;
            const double hh = he::hussey_hughes_variance(d, s2, t2);
            const double gls = he::gls_variance(d, within(d.cols(), s2, t2));
            CHECK(hh == doctest::Approx(gls).epsilon(1e-10));
        }
    // The classic layout: 4 steps of 6 clusters over 5 periods (HH's example and swCRTdesign's swDsn(c(6,6,6,6))).
    const auto sw = he::stepped_wedge_design(4, 6);
    CHECK(sw.rows() == 24);
    CHECK(sw.cols() == 5);
    CHECK(sw.sum() == 6 * (4 + 3 + 2 + 1));
    CHECK(sw(0, 0) == 0);
    CHECK(sw(0, 1) == 1);
    CHECK(sw(23, 3) == 0);
    CHECK(sw(23, 4) == 1);
}

TEST_CASE("power stepped wedge: power, m and effect solve each other") {
    he::SteppedWedgePowerOptions o;
    o.sigma = 1.0;
    o.tau = 0.1;
    const auto x = he::stepped_wedge_design(4, 3);
    const auto p = he::power_stepped_wedge(x, 0.2, 30.0, std::nullopt, o);
    const double se = std::sqrt(he::hussey_hughes_variance(x, 1.0 / 30, 0.01));
    CHECK(p.power == doctest::Approx(pnorm(0.2 / se - qnorm(0.975)) + pnorm(-0.2 / se - qnorm(0.975))).epsilon(1e-12));
    CHECK(he::power_stepped_wedge(x, 0.2, std::nullopt, p.power, o).n == doctest::Approx(30.0).epsilon(1e-8));
    CHECK(he::power_stepped_wedge(x, std::nullopt, 30.0, p.power, o).effect == doctest::Approx(0.2).epsilon(1e-8));
    // A parallel design has no within-cluster contrast: with tau > 0, var -> 4 tau^2 / I as m grows, so more
    // people per cluster-period cannot buy unlimited power. (A stepped wedge can: its contrasts are within.)
    o.require_switch = false;
    const auto par = he::parallel_design(3, 2);
    CHECK(he::hussey_hughes_variance(par, 1e-12, 0.01) == doctest::Approx(4 * 0.01 / 6).epsilon(1e-9));
    CHECK(error_of([&] { he::power_stepped_wedge(par, 0.05, std::nullopt, 0.99, o); }).find("cannot be reached") !=
          std::string::npos);
}

TEST_CASE("power stepped wedge: bad designs name the cluster and period") {
    Eigen::MatrixXd x(2, 3);
    x << 0, 1, 2, 0, 0, 1;
    CHECK(error_of([&] { he::check_design(x, true); }) ==
          "DomainError: design: cluster 0, period 2 is 2; a design holds 0 (control) or 1 (treated)");
    x << 0, 1, 1, 0, 0, 0;
    CHECK(error_of([&] { he::check_design(x, true); }) ==
          "DomainError: design: cluster 1 is never treated by the last period; a stepped wedge treats every cluster "
          "by the end (pass require_switch=false for other designs)");
    x << 1, 1, 1, 0, 0, 1;
    CHECK(error_of([&] { he::check_design(x, true); }).find("cluster 0 is treated in the first period") != std::string::npos);
    CHECK(error_of([&] { he::check_design(x, false); }) == "no error");
    x << 0, 1, 1, 0, 1, 1;
    CHECK(error_of([&] { he::hussey_hughes_variance(x, 1, 1); }).find("not identified") != std::string::npos);
}

TEST_CASE("power did: McKenzie's variance factors equal the variances from the full covariance matrix") {
    // n1 treated and n0 control units, m pre and r post periods, each unit's periods with covariance
    // sd^2 ((1 - rho) I + rho J). POST and DID are contrasts c of the cells: var = c' V c. ANCOVA's variance
    // is the GLS variance of the effect with period fixed effects (randomised arms: common pre-period means).
    for (double rho : {0.0, 0.3, 0.7})
        for (std::size_t m : {1u, 3u})
            for (std::size_t r : {1u, 2u, 4u}) {
                const Eigen::Index n1 = 3, n0 = 5, T = static_cast<Eigen::Index>(m + r);
                const auto mi = static_cast<Eigen::Index>(m), ri = static_cast<Eigen::Index>(r);
                const double md = static_cast<double>(m), rd = static_cast<double>(r);
                const double sd = 1.7;
                const Eigen::MatrixXd within =
                    sd * sd * ((1 - rho) * Eigen::MatrixXd::Identity(T, T) + rho * Eigen::MatrixXd::Ones(T, T));
                Eigen::MatrixXd x = Eigen::MatrixXd::Zero(n1 + n0, T);
                x.topRightCorner(n1, ri).setOnes();
                auto contrast_var = [&](bool did) {
                    double v = 0;
                    for (Eigen::Index i = 0; i < n1 + n0; ++i) {
                        const bool tr = i < n1;
                        Eigen::VectorXd c = Eigen::VectorXd::Zero(T);
                        const double w = tr ? 1.0 / 3 : -1.0 / 5;
                        for (Eigen::Index t = mi; t < T; ++t) c[t] = w / rd;
                        if (did)
                            for (Eigen::Index t = 0; t < mi; ++t) c[t] = -w / md;
                        v += c.dot(within * c);
                    }
                    return v;
                };
                const double scale = sd * sd * (1.0 / 3 + 1.0 / 5);
                CHECK(scale * he::did_variance_factor(he::PrePostAnalysis::post, m, r, rho) ==
                      doctest::Approx(contrast_var(false)).epsilon(1e-10));
                CHECK(scale * he::did_variance_factor(he::PrePostAnalysis::did, m, r, rho) ==
                      doctest::Approx(contrast_var(true)).epsilon(1e-10));
                CHECK(scale * he::did_variance_factor(he::PrePostAnalysis::ancova, m, r, rho) ==
                      doctest::Approx(he::gls_variance(x, within)).epsilon(1e-10));
            }
    // And power_did uses them: ratio 5/3 control units per treated unit.
    he::DidPowerOptions o;
    o.sd = 1.7;
    o.rho = 0.3;
    o.pre_periods = 3;
    o.post_periods = 2;
    o.ratio = 5.0 / 3;
    const auto p = he::power_did(0.8, 3.0, std::nullopt, o);
    CHECK(p.standard_error ==
          doctest::Approx(1.7 * std::sqrt((1.0 / 3 + 1.0 / 5) * he::did_variance_factor(he::PrePostAnalysis::did, 3, 2, 0.3))).epsilon(1e-12));
    CHECK(he::power_did(0.8, std::nullopt, p.power, o).n == doctest::Approx(3.0).epsilon(1e-8));
    CHECK(he::power_did(std::nullopt, 3.0, p.power, o).effect == doctest::Approx(0.8).epsilon(1e-8));
    o.rho = 1.0;
    CHECK(error_of([&] { he::power_did(0.8, 3.0, std::nullopt, o); }) ==
          "DomainError: power_did: rho must lie in [0, 1), got 1");
}

TEST_CASE("power simulate: identical for any thread count, and simulate_panel is the panel used") {
    he::SimulationDesign d;
    d.treatment = he::parallel_baseline_design(6, 2, 2);
    d.unit_sd = 0.5;
    d.period_sd = 0.3;
    d.rho = 0.4;
    d.errors = he::ErrorStructure::ar1;
    he::SimulationOptions o;
    o.n_sims = 300;
    o.seed = 42;
    o.threads = 1;
    const auto a = he::simulate_power(d, 0.7, o);
    o.threads = 2;
    const auto b = he::simulate_power(d, 0.7, o);
    CHECK(a.rejections == b.rejections);
    CHECK(a.mean_estimate == b.mean_estimate);
    CHECK(a.mean_se == b.mean_se);
    double sum = 0;
    for (std::int64_t s = 0; s < o.n_sims; ++s) sum += he::estimate_twfe(he::simulate_panel(d, 0.7, 42, s), d.treatment).estimate;
    CHECK(sum / static_cast<double>(o.n_sims) == doctest::Approx(a.mean_estimate).epsilon(1e-12));
}

TEST_CASE("power simulate: estimators by hand on a small panel") {
    // 4 units x 2 periods; units 0, 1 treated in period 1. TWFE = 2x2 DiD of means:
    // ((5 - 1) + (7 - 2)) / 2 - ((2 - 1) + (4 - 3)) / 2 = 4.5 - 1 = 3.5.
    Eigen::MatrixXd y(4, 2), x(4, 2);
    y << 1, 5, 2, 7, 1, 2, 3, 4;
    x << 0, 1, 0, 1, 0, 0, 0, 0;
    const auto t = he::estimate_twfe(y, x);
    CHECK(t.estimate == doctest::Approx(3.5).epsilon(1e-14));
    CHECK(t.df == 3);
    // Cluster-robust SE by hand: demeaned x = +-0.25; residual e_i1 = -e_i0; scores 2 x 0.25 x e_i1 ... checked
    // against statsmodels in tests/python; here: positive and finite.
    CHECK(t.se > 0);
    // Cluster means t test on period 1: treated 5, 7 (mean 6), control 2, 4 (mean 3); pooled var (2 + 2) / 2 = 2;
    // se = sqrt(2 (1/2 + 1/2)) = sqrt(2).
    const auto c = he::estimate_cluster_means(y, x);
    CHECK(c.estimate == doctest::Approx(3.0).epsilon(1e-14));
    CHECK(c.se == doctest::Approx(std::sqrt(2.0)).epsilon(1e-14));
    CHECK(c.df == 2);
}

TEST_CASE("power simulate: matches the analytic formulas within 3 Monte Carlo SEs") {
    he::SimulationOptions o;
    o.n_sims = 4000;
    o.seed = 7;
    o.threads = 0;
    // Cluster trial, one period: 8 clusters per arm of m = 20, ICC 0.05, sd 1, delta 0.35, t test on means.
    {
        he::ClusterPowerOptions c;
        c.cluster_size = 20;
        c.icc = 0.05;
        c.t_correction = true;
        const double analytic = he::power_cluster(0.35, 8.0, std::nullopt, c).power;
        he::SimulationDesign d;
        d.treatment = he::parallel_design(8, 1);
        d.unit_sd = std::sqrt(0.05);
        d.error_sd = std::sqrt(0.95 / 20);
        o.estimator = he::SimulationEstimator::cluster_means;
        const auto s = he::simulate_power(d, 0.35, o);
        MESSAGE("cluster: analytic " << analytic << ", simulated " << s.power << " +- " << s.mc_se);
        CHECK(std::abs(s.power - analytic) < 3 * s.mc_se);
    }
    // Stepped wedge 4 steps x 3 clusters, sigma 1, tau 0.15, m 25, theta 0.15, GLS (Hussey-Hughes analysis).
    {
        he::SteppedWedgePowerOptions w;
        w.tau = 0.15;
        const auto x = he::stepped_wedge_design(4, 3);
        const double analytic = he::power_stepped_wedge(x, 0.15, 25.0, std::nullopt, w).power;
        he::SimulationDesign d;
        d.treatment = x;
        d.unit_sd = 0.15;
        d.error_sd = 1.0 / 5;
        d.period_sd = 1.0;  // period effects are absorbed by the fixed effects
        o.estimator = he::SimulationEstimator::gls;
        const auto s = he::simulate_power(d, 0.15, o);
        MESSAGE("stepped wedge: analytic " << analytic << ", simulated " << s.power << " +- " << s.mc_se);
        CHECK(std::abs(s.power - analytic) < 3 * s.mc_se);
        CHECK(std::abs(s.sd_estimate / std::sqrt(he::hussey_hughes_variance(x, 0.04, 0.0225)) - 1) < 0.05);
    }
    // DiD, 60 units per arm, 3 pre and 2 post periods, equicorrelated rho 0.5, sd 1: TWFE with cluster SEs.
    {
        he::DidPowerOptions p;
        p.rho = 0.5;
        p.pre_periods = 3;
        p.post_periods = 2;
        const double analytic = he::power_did(0.25, 60.0, std::nullopt, p).power;
        he::SimulationDesign d;
        d.treatment = he::parallel_baseline_design(60, 3, 2);
        d.errors = he::ErrorStructure::equicorrelated;
        d.rho = 0.5;
        o.estimator = he::SimulationEstimator::twfe;
        const auto s = he::simulate_power(d, 0.25, o);
        MESSAGE("did: analytic " << analytic << ", simulated " << s.power << " +- " << s.mc_se);
        CHECK(std::abs(s.power - analytic) < 3 * s.mc_se);
        // No effect: the test holds its level.
        const auto z = he::simulate_power(d, 0.0, o);
        CHECK(std::abs(z.power - 0.05) < 3 * std::sqrt(0.05 * 0.95 / 4000));
    }
}

TEST_CASE("power simulate: bad designs name the field") {
    he::SimulationDesign d;
    d.treatment = he::parallel_design(3, 1);
    he::SimulationOptions o;
    CHECK(error_of([&] { he::simulate_power(d, 1.0, o); }).find("twfe estimator needs at least 2 periods") != std::string::npos);
    d.treatment = he::parallel_design(3, 3);
    d.rho = 1.2;
    CHECK(error_of([&] { he::simulate_power(d, 1.0, o); }) == "DomainError: power_simulate: rho must lie in [0, 1), got 1.2");
    d.rho = 0;
    d.unit_sd = -1;
    CHECK(error_of([&] { he::simulate_power(d, 1.0, o); }) ==
          "DomainError: power_simulate: unit_sd must be finite and >= 0, got -1");
    d.unit_sd = 0;
    d.treatment = he::stepped_wedge_design(3, 2);
    o.estimator = he::SimulationEstimator::cluster_means;
    CHECK(error_of([&] { he::simulate_power(d, 1.0, o); }).find("needs ever-treated and never-treated units") != std::string::npos);
}

TEST_CASE("power ordinal: the common odds ratio of treated probabilities, and treated= in place of the ratio") {
    // Whitehead's example shifted by OR 2.428571: every cut has that odds ratio, so their mean is it.
    const std::vector<double> control{0.1, 0.2, 0.5, 0.2};
    const auto treated = he::proportional_odds_shift(control, 2.428571);
    CHECK(he::common_odds_ratio(control, treated) == doctest::Approx(2.428571).epsilon(1e-12));
    he::OrdinalPowerOptions o;
    o.treated = treated;
    const auto a = he::power_ordinal(control, std::nullopt, std::nullopt, 0.9, o);
    const auto b = he::power_ordinal(control, he::common_odds_ratio(control, treated), std::nullopt, 0.9);
    CHECK(a.n == b.n);
    CHECK(a.effect == b.effect);
    CHECK(he::n_required(a.n) == 187);
    // details: the allocation ratio and log(OR)
    REQUIRE(a.details.size() == 2);
    CHECK(a.details[0] == std::pair<std::string, double>{"allocation_ratio", 1.0});
    CHECK(a.details[1].first == "log_odds_ratio");
    CHECK(a.details[1].second == doctest::Approx(std::log(2.428571)).epsilon(1e-12));
    CHECK(error_of([&] { he::power_ordinal(control, 2.0, 100.0, std::nullopt, o); }) ==
          "DomainError: power_ordinal: give odds_ratio or treated probabilities, not both");
    // By hand, control 1/4 each against treated (.1, .4, .1, .4): P(Y >= 2) .75 vs .9, odds 3 vs 9, OR 3;
    // P(Y >= 3) .5 vs .5, OR 1; P(Y >= 4) .25 vs .4, odds 1/3 vs 2/3, OR 2: far from proportional odds.
    CHECK(error_of([] { he::common_odds_ratio(std::vector<double>{0.25, 0.25, 0.25, 0.25},
                                              std::vector<double>{0.1, 0.4, 0.1, 0.4}); }) ==
          "DomainError: power_ordinal: the treated probabilities are not proportional odds to the control's "
          "(cumulative odds ratios by cut 1|2: OR 3, 2|3: OR 1, 3|4: OR 2); give odds_ratio instead");
    CHECK(error_of([] { he::common_odds_ratio(std::vector<double>{0.5, 0.5}, std::vector<double>{0.2, 0.3, 0.5}); }) ==
          "DomainError: power_ordinal: treated has 3 categories but control has 2");
    CHECK(error_of([] { he::common_odds_ratio(std::vector<double>{0.5, 0.5}, std::vector<double>{0.6, 0.5}); }) ==
          "DomainError: power_ordinal: treated probabilities sum to 1.1; category probabilities must sum to 1");
    CHECK(error_of([] { he::common_odds_ratio(std::vector<double>{0.5, 0.5}, std::vector<double>{1.0, 0.0}); }) ==
          "DomainError: power_ordinal: no cut has probability strictly between 0 and 1 in both arms");
    // n_required rounds up, forgiving 1e-9
    CHECK(he::n_required(186.2) == 187);
    CHECK(he::n_required(187 + 1e-12) == 187);
    CHECK(he::n_required(187.00001) == 188);
}

TEST_CASE("power cluster and did: treated_proportion, details by hand, outcome names") {
    he::ClusterPowerOptions o;
    o.outcome = he::OutcomeKind::binary;
    o.control_proportion = 0.2;
    o.cluster_size = 20;
    o.icc = 0.05;
    const auto by_effect = he::power_cluster(0.3 - 0.2, 10.0, std::nullopt, o);
    o.treated_proportion = 0.3;
    const auto by_p1 = he::power_cluster(std::nullopt, 10.0, std::nullopt, o);
    CHECK(by_p1.power == by_effect.power);
    // details: cluster_size, icc, cv, individuals per arm = 10 clusters x 20, treated proportion 0.3
    REQUIRE(by_p1.details.size() == 5);
    CHECK(by_p1.details[3] == std::pair<std::string, double>{"individuals_per_arm", 200.0});
    CHECK(by_p1.details[4].first == "treated_proportion");
    CHECK(by_p1.details[4].second == doctest::Approx(0.3).epsilon(1e-15));
    CHECK(error_of([&] { he::power_cluster(0.1, 10.0, std::nullopt, o); }) ==
          "DomainError: power_cluster: treated_proportion needs control_proportion and replaces effect");
    o.treated_proportion.reset();
    o.control_proportion = std::nan("");
    CHECK(error_of([&] { he::power_cluster(0.1, 10.0, std::nullopt, o); }) ==
          "DomainError: power_cluster: a binary outcome needs control_proportion (p0)");
    CHECK(he::parse_outcome_kind(he::to_string(he::OutcomeKind::binary)) == he::OutcomeKind::binary);
    CHECK(he::parse_outcome_kind("continuous") == he::OutcomeKind::continuous);
    CHECK(error_of([] { he::parse_outcome_kind("count"); }) ==
          "DomainError: unknown outcome 'count': use 'continuous' or 'binary'");

    he::DidPowerOptions d;
    d.rho = 0.5;
    d.pre_periods = 3;
    d.post_periods = 2;
    d.ratio = 2;
    const auto r = he::power_did(0.25, std::nullopt, 0.8, d);
    REQUIRE(r.details.size() == 6);
    CHECK(r.details[5].first == "control_units");
    CHECK(r.details[5].second == 2 * r.n);
}

TEST_CASE("stepped wedge: icc in place of tau, design kinds by name") {
    // icc 0.2 with sigma 1: tau = sqrt(0.2 / 0.8) = 0.5, and the detail icc = 0.25 / 1.25 = 0.2
    const auto x = he::stepped_wedge_design(4, 3);
    he::SteppedWedgePowerOptions a, b;
    a.icc = 0.2;
    b.tau = 0.5;
    CHECK(he::cluster_sd(a) == doctest::Approx(0.5).epsilon(1e-15));
    const auto ra = he::power_stepped_wedge(x, 0.2, 30.0, std::nullopt, a);
    const auto rb = he::power_stepped_wedge(x, 0.2, 30.0, std::nullopt, b);
    CHECK(ra.power == doctest::Approx(rb.power).epsilon(1e-14));
    REQUIRE(ra.details.size() == 5);
    CHECK(ra.details[0] == std::pair<std::string, double>{"clusters", 12.0});
    CHECK(ra.details[1] == std::pair<std::string, double>{"periods", 5.0});
    CHECK(ra.details[4].second == doctest::Approx(0.2).epsilon(1e-14));
    a.tau = 0.1;
    CHECK(error_of([&] { he::power_stepped_wedge(x, 0.2, 30.0, std::nullopt, a); }) ==
          "DomainError: power_stepped_wedge: give tau or icc, not both");
    a.tau.reset();
    a.icc = 1.0;
    CHECK(error_of([&] { he::cluster_sd(a); }) == "DomainError: power_stepped_wedge: icc must lie in [0, 1), got 1");

    he::DesignShape s;
    s.steps = 4;
    s.clusters_per_step = 3;
    CHECK(he::make_design(he::DesignKind::stepped_wedge, s) == x);
    s = {};
    s.clusters_per_arm = 2;
    CHECK(he::make_design(he::DesignKind::parallel, s) == he::parallel_design(2, 1));
    s.periods = 3;
    s.baseline_periods = 2;
    CHECK(he::make_design(he::parse_design_kind("parallel_baseline"), s) == he::parallel_baseline_design(2, 2, 3));
    CHECK(he::to_string(he::parse_design_kind("parallel")) == "parallel");
    CHECK(error_of([] { he::make_design(he::DesignKind::stepped_wedge, {}); }) ==
          "DomainError: stepped_wedge_design: a stepped wedge needs steps and clusters_per_step");
    CHECK(error_of([] { he::make_design(he::DesignKind::parallel_baseline, he::DesignShape{{}, {}, 2, {}, 1}); }) ==
          "DomainError: stepped_wedge_design: a parallel design with baseline needs clusters_per_arm and periods "
          "(after the baseline)");
    CHECK(error_of([] { he::parse_design_kind("crossover"); }) ==
          "DomainError: unknown design 'crossover': use 'stepped_wedge', 'parallel' or 'parallel_baseline'");
}

TEST_CASE("power simulate helpers: staggered designs, a panel's schedule and moments, ICC noise, p-values") {
    // staggered {index 2: 1 unit, never: 1 unit} over 4 periods, by hand
    Eigen::MatrixXd expect(2, 4);
    expect << 0, 0, 1, 1, 0, 0, 0, 0;
    CHECK(he::staggered_design({{2, 1}, {std::nullopt, 1}}, 4) == expect);
    CHECK(error_of([] { he::staggered_design({{4, 1}}, 4); }) ==
          "DomainError: PowerDesign.staggered: adoption period 4 is outside 0..3");
    CHECK(error_of([] { he::staggered_design({{1, 0}}, 4); }) == "DomainError: PowerDesign.staggered: no units");
    CHECK(error_of([] { he::staggered_design({{std::nullopt, 2}}, 0); }) ==
          "DomainError: PowerDesign.staggered: periods must be >= 1, got 0");

    // Panel a 1 2, b 2 4, c 3 3, d 2 100 with d adopting in period 2 (its second cell left out). Untreated cells:
    // period 1 mean 2, deviations -1 0 1 0; period 2 mean 3, deviations -1 1 0. Squares sum to 4 over 7 cells:
    // var = 4/7 x 4/3 = 16/21. Both periods observed untreated for a, b, c: products 1 + 0 + 0 = 1, / (3 - 1)
    // = 0.5; rho = 0.5 / (16/21) = 21/32.
    he::PanelRows rows;
    const std::vector<std::string> units{"a", "b", "c", "d"};
    const double y[4][2] = {{1, 2}, {2, 4}, {3, 3}, {2, 100}};
    for (std::size_t i = 0; i < 4; ++i)
        for (std::int64_t t = 1; t <= 2; ++t) {
            rows.unit.push_back(units[i]);
            rows.period.push_back(t);
            rows.outcome.push_back(y[i][t - 1]);
            rows.adoption.push_back(i == 3 ? std::optional<std::int64_t>(2) : std::nullopt);
        }
    const auto panel = he::make_panel(rows);
    Eigen::MatrixXd schedule = Eigen::MatrixXd::Zero(4, 2);
    schedule(3, 1) = 1;
    CHECK(he::treatment_matrix(panel) == schedule);
    const auto m = he::panel_moments(panel);
    CHECK(m.sd * m.sd == doctest::Approx(16.0 / 21).epsilon(1e-14));
    CHECK(m.rho == doctest::Approx(21.0 / 32).epsilon(1e-14));
    CHECK(m.unit_sd == doctest::Approx(std::sqrt(16.0 / 21 * 21.0 / 32)).epsilon(1e-14));
    CHECK(m.error_sd == doctest::Approx(std::sqrt(16.0 / 21 * 11.0 / 32)).epsilon(1e-14));
    for (std::size_t r = 4; r < 8; ++r) rows.adoption[r] = 2;  // c adopts too: only a and b untreated in both periods
    CHECK(error_of([&] { he::panel_moments(he::make_panel(rows)); }) ==
          "DataError: panel_moments: too few untreated unit-periods to estimate a variance and a correlation");
    he::PanelRows two = rows;
    two.unit.resize(4), two.period.resize(4), two.outcome.resize(4), two.adoption.assign(4, std::nullopt);
    CHECK(error_of([&] { he::panel_moments(he::make_panel(two)); }) ==
          "DataError: panel_moments: needs at least 3 units and 2 periods, got 2 x 2");

    // clusters of 15 with ICC 0.08 and total SD 2: unit_sd = 2 sqrt(.08), error_sd = 2 sqrt(.92 / 15)
    const auto c = he::cluster_noise(0.08, 2.0, 15.0);
    CHECK(c.unit_sd == doctest::Approx(2 * std::sqrt(0.08)).epsilon(1e-15));
    CHECK(c.error_sd == doctest::Approx(2 * std::sqrt(0.92 / 15)).epsilon(1e-15));
    CHECK(error_of([] { he::cluster_noise(1.0); }) == "DomainError: PowerDesign.with_icc: icc must lie in [0, 1), got 1");
    CHECK(error_of([] { he::cluster_noise(0.1, 1.0, 0.5); }) ==
          "DomainError: PowerDesign.with_icc: cluster_size must be >= 1, got 0.5");

    // p-values .01 .2 .04 1 at alpha .05: 2 rejections of 4, power .5, MC SE sqrt(.25 / 4) = .25
    const auto p = he::power_from_pvalues(std::vector<double>{0.01, 0.2, 0.04, 1.0}, 0.05);
    CHECK(p.rejections == 2);
    CHECK(p.n_sims == 4);
    CHECK(p.power == 0.5);
    CHECK(p.mc_se == 0.25);
    CHECK(std::isnan(p.mean_estimate));
    CHECK(error_of([] { he::power_from_pvalues(std::vector<double>{0.5, 1.5}, 0.05); }) ==
          "DataError: power_simulate: the estimator returned p-value 1.5 for simulation 1; not in [0, 1]");
    CHECK(error_of([] { he::power_from_pvalues(std::vector<double>{std::nan("")}, 0.05); }).find("p-value nan") !=
          std::string::npos);
    he::SimulationOptions so;
    so.alpha = 1.5;
    CHECK(error_of([&] { he::check_simulation_options(0.5, so); }) ==
          "DomainError: power_simulate: alpha must lie in (0, 1), got 1.5");
    so.alpha = 0.05;
    so.n_sims = 0;
    CHECK(error_of([&] { he::check_simulation_options(0.5, so); }) ==
          "DomainError: power_simulate: n_sims must be >= 1, got 0");
    so.n_sims = 10;
    CHECK(error_of([&] { he::check_simulation_options(std::nan(""), so); }) ==
          "DomainError: power_simulate: effect must be finite, got nan");
}
