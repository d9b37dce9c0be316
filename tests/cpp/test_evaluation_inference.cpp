// Inference the Python layer used to compute itself and now takes from C++ (inference.hpp, att_gt.hpp's
// pretest, the enum parsers). References: scipy 1.17 values written out below (scipy.stats.norm.sf / ppf,
// t.ppf, chi2.sf; tolerance 1e-14 relative unless stated), and hand calculations.
#include <doctest/doctest.h>

#include "checks.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "error_of.hpp"
#include "healthyplaces/evaluation/aggregate.hpp"
#include "healthyplaces/evaluation/att_gt.hpp"
#include "healthyplaces/evaluation/inference.hpp"
#include "healthyplaces/evaluation/multiplier_bootstrap.hpp"

namespace he = hp::evaluation;
using hp::testing::error_of;

namespace {
using hp::testing::NaN;
constexpr double inf = std::numeric_limits<double>::infinity();
using hp::testing::contains;
}  // namespace

TEST_CASE("normal_pvalue: two-sided normal p-values against scipy, NaN without a standard error") {
    // scipy: 2 * norm.sf(1.96), 2 * norm.sf(0.5), 2 * norm.sf(8.0), 2 * norm.sf(2.0)
    CHECK(he::normal_pvalue(1.96, 1.0) == doctest::Approx(0.04999579029644087).epsilon(1e-14));
    CHECK(he::normal_pvalue(-0.5, 1.0) == doctest::Approx(0.6170750774519738).epsilon(1e-14));
    CHECK(he::normal_pvalue(8.0, 1.0) == doctest::Approx(1.244192114854348e-15).epsilon(1e-12));
    CHECK(he::normal_pvalue(3.0, 1.5) == doctest::Approx(0.04550026389635839).epsilon(1e-14));
    CHECK(he::normal_pvalue(0.0, 2.0) == 1.0);
    CHECK(std::isnan(he::normal_pvalue(1.0, 0.0)));
    CHECK(std::isnan(he::normal_pvalue(1.0, -1.0)));
    CHECK(std::isnan(he::normal_pvalue(1.0, NaN)));
    CHECK(std::isnan(he::normal_pvalue(NaN, 1.0)));
    Eigen::VectorXd est(3), se(3);
    est << 1.96, 3.0, 1.0;
    se << 1.0, 1.5, NaN;
    const auto p = he::normal_pvalues(est, se);
    CHECK(p(0) == he::normal_pvalue(1.96, 1.0));
    CHECK(p(1) == he::normal_pvalue(3.0, 1.5));
    CHECK(std::isnan(p(2)));
    CHECK(contains(error_of([&] { he::normal_pvalues(est, se.head(2)); }), "3 estimates but 2 standard errors"));
}

TEST_CASE("confidence_interval: t and normal quantiles against scipy, level checked") {
    // scipy: t.ppf(0.975, 10) = 2.228138851986274, norm.ppf(0.95) = 1.6448536269514722,
    // norm.ppf(0.975) = 1.959963984540054
    auto [lo, hi] = he::confidence_interval(2.0, 0.5, 0.95, 10);
    CHECK(lo == doctest::Approx(2.0 - 0.5 * 2.228138851986274).epsilon(1e-14));
    CHECK(hi == doctest::Approx(2.0 + 0.5 * 2.228138851986274).epsilon(1e-14));
    std::tie(lo, hi) = he::confidence_interval(-1.0, 2.0, 0.90);
    CHECK(lo == doctest::Approx(-1.0 - 2.0 * 1.6448536269514722).epsilon(1e-14));
    CHECK(hi == doctest::Approx(-1.0 + 2.0 * 1.6448536269514722).epsilon(1e-14));
    std::tie(lo, hi) = he::confidence_interval(1.0, NaN, 0.95);
    CHECK((std::isnan(lo) && std::isnan(hi)));
    CHECK(error_of([] { he::confidence_interval(1.0, 1.0, 95); }) ==
          "DomainError: confidence_level must be strictly between 0 and 1, got 95 (did you mean 0.95?)");
    Eigen::VectorXd est(2), se(2);
    est << 0.0, 1.0;
    se << 1.0, NaN;
    const auto [low, high] = he::confidence_intervals(est, se, 0.95, inf);
    CHECK(low(0) == doctest::Approx(-1.959963984540054).epsilon(1e-14));
    CHECK(high(0) == doctest::Approx(1.959963984540054).epsilon(1e-14));
    CHECK((std::isnan(low(1)) && std::isnan(high(1))));
    CHECK(contains(error_of([&] { he::confidence_intervals(est, se, 0.0); }), "confidence_level must be strictly"));
}

TEST_CASE("att_gt pretest: Wald statistic and chi-square p-value by hand, no cell, singular V") {
    // Four units, cells (group, period): (2006, 2004) and (2006, 2005) pre-treatment, (2006, 2006) after
    // (ignored), (2007, 2006) pre-treatment but normalised (NaN analytic se: ignored).
    // psi over the two used cells: (1, .5), (-1, .5), (.5, -1), (-.5, 0); V = psi'psi / 4 = [.625 -.125; -.125
    // .375], det .21875, att (.2, -.1): att'V^-1 att = (.375 .04 + 2 .125 (.2)(-.1) + .625 .01) / .21875
    // = .01625 / .21875, W = 4 x that = 52/175 = 0.29714285714285715; with 2 df the chi-square tail is
    // exp(-W / 2) = 0.8619384379403423 (scipy chi2.sf(W, 2) agrees).
    he::AttGtResult r;
    r.group = {2006, 2006, 2006, 2007};
    r.period = {2004, 2005, 2006, 2006};
    r.att.resize(4);
    r.att << 0.2, -0.1, 5.0, 0.0;
    r.se.resize(4);
    r.se << 0.1, 0.05, 1.0, NaN;
    r.se_analytic = r.se;
    r.influence.resize(4, 4);
    r.influence << 1.0, 0.5, 3.0, 0.0,  //
        -1.0, 0.5, -2.0, 0.0,           //
        0.5, -1.0, 1.0, 0.0,            //
        -0.5, 0.0, 4.0, 0.0;
    auto t = he::pretest(r);
    CHECK(t.df == 2);
    CHECK(t.statistic == doctest::Approx(52.0 / 175.0).epsilon(1e-13));
    CHECK(t.pvalue == doctest::Approx(std::exp(-26.0 / 175.0)).epsilon(1e-13));
    CHECK(t.pvalue == doctest::Approx(0.8619384379403423).epsilon(1e-13));
    // pointwise p-values: 2 (1 - Phi(|att / se|)), NaN for the normalised cell; scipy 2 * norm.sf(2.0)
    const auto p = he::pointwise_pvalues(r);
    CHECK(p(0) == doctest::Approx(0.04550026389635839).epsilon(1e-14));
    CHECK(p(1) == doctest::Approx(0.04550026389635839).epsilon(1e-14));
    CHECK(std::isnan(p(3)));
    // V singular (the second cell's influence a multiple of the first's): no test, df still 2
    r.influence.col(1) = 2 * r.influence.col(0);
    t = he::pretest(r);
    CHECK(t.df == 2);
    CHECK((std::isnan(t.statistic) && std::isnan(t.pvalue)));
    // no pre-treatment cell: df 0
    r.group = {2004, 2004, 2004, 2004};
    t = he::pretest(r);
    CHECK(t.df == 0);
    CHECK(std::isnan(t.statistic));
}

TEST_CASE("enum names: one parser per enum beside to_string, errors list the names") {
    using he::BasePeriod, he::ControlGroup, he::DidEstimator, he::Multiplier;
    for (const auto c : {ControlGroup::never_treated, ControlGroup::not_yet_treated})
        CHECK(he::parse_control_group(he::to_string(c)) == c);
    CHECK(he::parse_control_group("not_yet_treated") == ControlGroup::not_yet_treated);
    CHECK(he::parse_control_group("nevertreated") == ControlGroup::never_treated);
    CHECK(error_of([] { he::parse_control_group("all"); }) ==
          "DomainError: att_gt: control must be \"never\" (never treated) or \"notyet\" (not yet treated), got \"all\"");
    for (const auto e : {DidEstimator::dr, DidEstimator::ipw, DidEstimator::reg})
        CHECK(he::parse_did_estimator(he::to_string(e)) == e);
    CHECK(error_of([] { he::parse_did_estimator("ols"); }) ==
          "DomainError: att_gt: estimator must be \"dr\" (doubly robust), \"ipw\" or \"reg\" (outcome regression), "
          "got \"ols\"");
    for (const auto b : {BasePeriod::varying, BasePeriod::universal})
        CHECK(he::parse_base_period(he::to_string(b)) == b);
    CHECK(contains(error_of([] { he::parse_base_period("fixed"); }), "\"varying\" or \"universal\", got \"fixed\""));
    for (const auto m : {Multiplier::rademacher, Multiplier::mammen}) CHECK(he::parse_multiplier(he::to_string(m)) == m);
    CHECK(contains(error_of([] { he::parse_multiplier("webb"); }), "\"rademacher\" or \"mammen\", got \"webb\""));
    for (const auto k : {he::AggregateKind::simple, he::AggregateKind::dynamic, he::AggregateKind::group,
                         he::AggregateKind::calendar})
        CHECK(he::parse_aggregate_kind(he::to_string(k)) == k);
    CHECK(contains(error_of([] { he::parse_aggregate_kind("cohorts"); }),
                   "unknown aggregation \"cohorts\": use simple, dynamic, group or calendar"));

    const auto b = he::multiplier_options(250, 7, Multiplier::mammen, 0.9, 2);
    CHECK(b.n_resamples == 250);
    CHECK(b.seed == 7);
    CHECK(b.weights == Multiplier::mammen);
    CHECK(b.confidence_level == 0.9);
    CHECK(b.threads == 2);
    CHECK(error_of([] { he::multiplier_options(-1, 0, Multiplier::rademacher, 0.95, 0); }) ==
          "DomainError: n_resamples must be 0 (no bootstrap) or more, got -1");
    // A level in per cent is the commonest slip: the one check (stats::check_confidence_level) suggests 0.95.
    const Eigen::MatrixXd psi = Eigen::MatrixXd::Ones(4, 1);
    auto percent = he::multiplier_options(100, 0, Multiplier::rademacher, 95, 0);
    CHECK(contains(error_of([&] { he::multiplier_bootstrap(psi, percent); }), "did you mean 0.95?"));
    Eigen::VectorXd se, se_analytic, lo, hi;
    double crit = 0;
    bool uniform = false;
    CHECK(contains(error_of([&] {
              he::fill_inference(psi, Eigen::VectorXd::Zero(1), percent, true, 1, se, se_analytic, lo, hi, crit, uniform);
          }),
          "confidence_level must be strictly between 0 and 1, got 95"));
}
