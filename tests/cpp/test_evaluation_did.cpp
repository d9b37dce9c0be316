// Difference-in-differences (regression.hpp, did.hpp, event_study.hpp, bacon.hpp). References written out here:
// a least-squares fit worked by hand (slope, intercept, classical, HC1 and CR1 variances), Card and Krueger's
// (1994) Table 3 means, the equality of fixed-effect absorption with the regression on explicit dummies, a
// noiseless event study whose effects are known, and a three-group Goodman-Bacon decomposition worked by hand.
// The statsmodels comparisons to 1e-10 are in tests/python/test_evaluation_did.py.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "error_of.hpp"
#include "healthyplaces/evaluation/bacon.hpp"
#include "healthyplaces/evaluation/did.hpp"
#include "healthyplaces/evaluation/event_study.hpp"
#include "healthyplaces/numerics/regression.hpp"

using namespace hp::evaluation;
using namespace hp::numerics;
using hp::testing::error_of;

namespace {

using hp::testing::contains;

/// A long table from rows of (unit, period, outcome) with adoption per unit (0 = never).
PanelRows rows_of(const std::vector<std::string>& units, const std::vector<std::int64_t>& periods,
                  const std::vector<std::vector<double>>& y, const std::vector<std::int64_t>& adoption) {
    PanelRows r;
    for (std::size_t i = 0; i < units.size(); ++i)
        for (std::size_t t = 0; t < periods.size(); ++t) {
            if (std::isnan(y[i][t])) continue;  // not observed
            r.unit.push_back(units[i]);
            r.period.push_back(periods[t]);
            r.outcome.push_back(y[i][t]);
            r.adoption.push_back(adoption[i] == 0 ? std::nullopt : std::optional<std::int64_t>(adoption[i]));
        }
    return r;
}

}  // namespace

TEST_CASE("ols: a simple regression worked by hand") {
    // y = 1 3 2 5 4 on x = 0 1 2 3 4: xbar 2, ybar 3, Sxx 10, Sxy 8, slope 0.8, intercept 3 - 0.8 * 2 = 1.4;
    // residuals -0.4 0.8 -1.0 1.2 -0.6, SSR 3.6, sigma^2 = 3.6 / 3 = 1.2.
    Eigen::MatrixXd X(5, 2);
    X << 1, 0, 1, 1, 1, 2, 1, 3, 1, 4;
    Eigen::VectorXd y(5);
    y << 1, 3, 2, 5, 4;
    const std::vector<std::int64_t> clusters{0, 0, 1, 1, 2};
    OlsOptions o;
    const auto f = ols(X, y, {"const", "x"}, o);
    CHECK(f.params(0) == doctest::Approx(1.4).epsilon(1e-14));
    CHECK(f.params(1) == doctest::Approx(0.8).epsilon(1e-14));
    CHECK(f.ssr == doctest::Approx(3.6).epsilon(1e-13));
    CHECK(f.df_resid == 3);
    // classical: var(slope) = sigma^2 / Sxx = 0.12; var(intercept) = sigma^2 (1/n + xbar^2/Sxx) = 1.2 * 0.6 = 0.72
    CHECK(f.bse(1) == doctest::Approx(std::sqrt(0.12)).epsilon(1e-13));
    CHECK(f.bse(0) == doctest::Approx(std::sqrt(0.72)).epsilon(1e-13));
    // t(3) two-sided p for t = 0.8 / sqrt(0.12) = 2.3094: 0.10408 (t table: t_{0.05,3} = 2.353 gives p 0.10)
    CHECK(f.pvalues(1) == doctest::Approx(0.104088).epsilon(1e-5));
    CHECK(f.ci_high(1) - f.params(1) == doctest::Approx(3.182446305 * std::sqrt(0.12)).epsilon(1e-9));

    // HC1: var(slope) = sum (x - xbar)^2 e^2 / Sxx^2 * n / (n - k) = (4*.16 + .64 + 1.44 + 4*.36) / 100 * 5/3
    o.cov_type = CovType::hc1;
    const auto h = ols(X, y, {"const", "x"}, o);
    CHECK(h.bse(1) == doctest::Approx(std::sqrt(4.16 / 100 * 5.0 / 3.0)).epsilon(1e-13));

    // CR1 with clusters {1,2} {3,4} {5}: slope scores sum (x - xbar) e / Sxx per cluster = 0, 1.2, -1.2 (/ 10);
    // var = (0 + 1.44 + 1.44) / 100 * G/(G-1) (N-1)/(N-K) = 0.0288 * 1.5 * 4/3 = 0.0576, se 0.24; df G - 1 = 2.
    o.cov_type = CovType::cluster;
    const auto c = ols(X, y, {"const", "x"}, o, clusters);
    CHECK(c.bse(1) == doctest::Approx(0.24).epsilon(1e-13));
    CHECK(c.n_clusters == 3);
    CHECK(c.df == 2);
    o.use_t = false;
    const auto z = ols(X, y, {"const", "x"}, o, clusters);
    CHECK(std::isinf(z.df));
    CHECK(z.ci_high(1) - z.params(1) == doctest::Approx(1.959963984540054 * 0.24).epsilon(1e-12));
}

TEST_CASE("ols: bad input is named") {
    Eigen::MatrixXd X(4, 3);
    X << 1, 1, 2, 1, 2, 4, 1, 3, 6, 1, 5, 10;
    Eigen::VectorXd y(4);
    y << 1, 2, 2, 4;
    const auto msg = error_of([&] { ols(X, y, {"const", "staff", "double staff"}); });
    CHECK(contains(msg, "DomainError: term \"double staff\" is a linear combination of the terms before it (const, staff)"));
    Eigen::MatrixXd Z = X.leftCols(2);
    Z.col(1).setZero();
    CHECK(contains(error_of([&] { ols(Z, y, {"const", "zero"}); }), "term \"zero\" is zero in every row"));
    Eigen::MatrixXd W = X.leftCols(2);
    W(2, 1) = std::nan("");
    CHECK(contains(error_of([&] { ols(W, y, {"const", "staff"}); }), "term \"staff\" is missing or not finite in row 3"));
    CHECK(contains(error_of([&] { ols(X.leftCols(2), y, {"const"}); }), "1 term names for 2 columns"));
    OlsOptions o;
    o.cov_type = CovType::cluster;
    const std::vector<std::int64_t> one{7, 7, 7, 7};
    CHECK(contains(error_of([&] { ols(X.leftCols(2), y, {"const", "staff"}, o, one); }), "at least 2 clusters"));
    CHECK(contains(error_of([&] { ols(X.leftCols(2), y, {"const", "staff"}, o); }), "one cluster code per row"));
    CHECK(contains(error_of([&] { parse_cov_type("HC3"); }), "unknown cov_type \"HC3\""));
    CHECK(parse_cov_type("hc1") == CovType::hc1);
}

TEST_CASE("did: Card and Krueger (1994) Table 3 by hand") {
    // Table 3, mean FTE employment per store: New Jersey 20.44 before, 21.03 after; Pennsylvania 23.33 before,
    // 21.17 after. From the rounded means, DiD = (21.03 - 20.44) - (21.17 - 23.33) = 0.59 - (-2.16) = 2.75; the
    // published 2.76 comes from the unrounded means (four means each +-0.005 move it by at most 0.02).
    // Synthetic stores whose means are exactly those: NJ before 19.44 21.44 20.00 20.88 (sum 81.76 / 4 = 20.44),
    // after 20.03 22.03 21.50 20.56 (84.12 / 4 = 21.03); PA before 22.33 24.33 23.33 (69.99 / 3 = 23.33), after
    // 20.17 21.67 21.67 (63.51 / 3 = 21.17).
    const auto rows = rows_of({"NJ1", "NJ2", "NJ3", "NJ4", "PA1", "PA2", "PA3"}, {1992, 1993},
                              {{19.44, 20.03}, {21.44, 22.03}, {20.00, 21.50}, {20.88, 20.56},
                               {22.33, 20.17}, {24.33, 21.67}, {23.33, 21.67}},
                              {1993, 1993, 1993, 1993, 0, 0, 0});
    const auto panel = make_panel(rows);
    for (const auto cov : {CovType::nonrobust, CovType::hc1, CovType::cluster}) {
        DidOptions o;
        o.cov_type = cov;
        const auto r = did(panel, o);
        CHECK(r.method == DidMethod::two_by_two);
        CHECK(r.att == doctest::Approx(2.75).epsilon(1e-12));
        CHECK(std::abs(r.att - 2.76) <= 0.02);
        CHECK(r.means[1][0] == doctest::Approx(20.44).epsilon(1e-13));
        CHECK(r.means[1][1] == doctest::Approx(21.03).epsilon(1e-13));
        CHECK(r.means[0][0] == doctest::Approx(23.33).epsilon(1e-13));
        CHECK(r.means[0][1] == doctest::Approx(21.17).epsilon(1e-13));
        // the regression's other terms are the table's margins: const = PA before, treat = NJ - PA before
        CHECK(r.fit.params(0) == doctest::Approx(23.33).epsilon(1e-13));
        CHECK(r.fit.params(1) == doctest::Approx(20.44 - 23.33).epsilon(1e-12));
        CHECK(r.fit.params(2) == doctest::Approx(21.17 - 23.33).epsilon(1e-12));
        CHECK(r.n_obs == 14);
        CHECK(r.n_clusters == (cov == CovType::cluster ? 7u : 0u));
        CHECK(r.ci_low < r.att);
        CHECK(r.ci_high > r.att);
    }
    // the table of means with its differences, by hand from Table 3: NJ change 21.03 - 20.44 = 0.59, PA change
    // 21.17 - 23.33 = -2.16, difference before 20.44 - 23.33 = -2.89, after 21.03 - 21.17 = -0.14, and the
    // difference of the changes 0.59 - (-2.16) = 2.75 (the DiD)
    const auto t = means_table(did(panel));
    CHECK(t[0][2] == doctest::Approx(-2.16).epsilon(1e-12));
    CHECK(t[1][2] == doctest::Approx(0.59).epsilon(1e-12));
    CHECK(t[2][0] == doctest::Approx(-2.89).epsilon(1e-12));
    CHECK(t[2][1] == doctest::Approx(-0.14).epsilon(1e-12));
    CHECK(t[2][2] == doctest::Approx(2.75).epsilon(1e-12));
    DidOptions bad;
    bad.confidence_level = 95;
    CHECK(error_of([&] { did(panel, bad); }) == "DomainError: confidence_level must be strictly between 0 and 1, got 95 (did you mean 0.95?)");
    EventStudyOptions bad_es;
    bad_es.confidence_level = 0;
    CHECK(contains(error_of([&] { event_study(panel, bad_es); }), "confidence_level must be strictly between 0 and 1"));
    // with two periods and one adoption period TWFE is the same estimate
    DidOptions tw;
    tw.method = DidMethod::twfe;
    CHECK(did(panel, tw).att == doctest::Approx(2.75).epsilon(1e-12));
}

TEST_CASE("did: absorbed fixed effects give the regression on dummies, unbalanced and clustered") {
    // 5 units x 4 periods, staggered (2 adopts 2021, 3 adopts 2022), one cell missing, outcome arbitrary
    const double nan = std::nan("");
    const std::vector<std::vector<double>> y{{3.1, 4.0, 4.4, 5.9},
                                             {2.0, 3.5, 5.1, nan},
                                             {1.2, 1.9, 3.8, 4.6},
                                             {4.4, 4.1, 5.0, 6.2},
                                             {0.3, 1.7, 1.1, 2.8}};
    const auto panel = make_panel(rows_of({"a", "b", "c", "d", "e"}, {2019, 2020, 2021, 2022}, y, {0, 2021, 2022, 0, 2021}));
    DidOptions o;
    o.method = DidMethod::twfe;
    for (const auto cov : {CovType::nonrobust, CovType::hc1, CovType::cluster}) {
        o.cov_type = cov;
        const auto r = did(panel, o);
        // the same regression with explicit dummies: const, D, units b..e, periods 2020..2022
        const PanelCells cells = observed_cells(panel, {}, "test");
        const auto N = cells.y.size();
        Eigen::MatrixXd X = Eigen::MatrixXd::Zero(N, 2 + 4 + 3);
        std::vector<std::int64_t> cl;
        for (Eigen::Index k = 0; k < N; ++k) {
            const auto i = cells.unit[static_cast<std::size_t>(k)], t = cells.period[static_cast<std::size_t>(k)];
            X(k, 0) = 1;
            X(k, 1) = panel.treated(i, t);
            if (i > 0) X(k, 1 + static_cast<Eigen::Index>(i)) = 1;
            if (t > 0) X(k, 5 + static_cast<Eigen::Index>(t)) = 1;
            cl.push_back(static_cast<std::int64_t>(i));
        }
        OlsOptions oo;
        oo.cov_type = cov;
        const auto full = ols(X, cells.y, {"const", "D", "b", "c", "d", "e", "2020", "2021", "2022"}, oo, cl);
        CHECK(r.att == doctest::Approx(full.params(1)).epsilon(1e-10));
        CHECK(r.standard_error == doctest::Approx(full.bse(1)).epsilon(1e-10));
        CHECK(r.pvalue == doctest::Approx(full.pvalues(1)).epsilon(1e-9));
        CHECK(r.fit.n_params == 9);
        CHECK(r.fit.ssr == doctest::Approx(full.ssr).epsilon(1e-10));
    }
}

TEST_CASE("did: bad input names unit and period") {
    const double nan = std::nan("");
    auto two = [&](std::vector<std::int64_t> adoption) {
        return make_panel(rows_of({"A", "B", "C"}, {2019, 2020}, {{1, 2}, {2, 4}, {3, 3.5}}, adoption));
    };
    CHECK(contains(error_of([&] { did(two({2019, 0, 0})); }),
                   "needs 1 period before adoption, but unit \"A\" adopts in period 2019 with 0 before it"));
    CHECK(contains(error_of([&] { did(two({2020, 2020, 2020})); }), "needs at least one never-treated unit"));
    CHECK(contains(error_of([&] { did(two({0, 0, 0})); }), "needs a treated unit"));
    CHECK(contains(error_of([&] { did(two({2021, 0, 0})); }), "unit \"A\" adopts in period 2021, after the panel's last period 2020"));
    const auto flat = make_panel(rows_of({"A", "B"}, {2019, 2020}, {{5, 5}, {5, 5}}, {2020, 0}));
    CHECK(contains(error_of([&] { did(flat); }), "outcome is the same (5) for every unit and period"));
    const auto stag = make_panel(rows_of({"A", "B", "C"}, {2019, 2020, 2021}, {{1, 2, 3}, {2, 4, 3}, {0, 1, nan}}, {2020, 2021, 0}));
    DidOptions o;
    o.method = DidMethod::two_by_two;
    CHECK(contains(error_of([&] { did(stag, o); }),
                   "2x2 needs one adoption period, but unit \"A\" adopts in period 2020 and unit \"B\" in period 2021"));
    // a missing covariate names unit and period
    auto rows = rows_of({"A", "B"}, {2019, 2020}, {{1, 2}, {2, 5}}, {2020, 0});
    rows.covariate_names = {"beds"};
    rows.covariates = {{10, 11, nan, 12}};
    o.method = DidMethod::automatic;
    o.covariates = {"beds"};
    CHECK(contains(error_of([&] { did(make_panel(rows), o); }), "covariate \"beds\" is missing for unit \"B\", period 2019"));
    o.covariates = {"staff"};
    CHECK(contains(error_of([&] { did(make_panel(rows), o); }), "no covariate \"staff\""));
    CHECK(contains(error_of([&] { parse_did_method("3x3"); }), "use \"auto\", \"2x2\" or \"twfe\""));
}

TEST_CASE("event study: a noiseless panel returns its effects exactly") {
    // y_it = unit_i + period_t + effect(t - adoption_i), effect -2: 0, -1: 0 (reference), 0: 1.5, 1: 2.5, 2: 4
    const std::vector<std::int64_t> periods{1, 2, 3, 4, 5};
    const std::vector<std::int64_t> adoption{3, 4, 0, 0, 3};
    const std::vector<double> unit_fe{1, -2, 0.5, 3, 7};
    const std::vector<double> period_fe{0, 0.3, -0.1, 0.8, 1.1};
    auto effect = [](std::int64_t e) { return e == 0 ? 1.5 : e == 1 ? 2.5 : e == 2 ? 4.0 : 0.0; };
    std::vector<std::vector<double>> y(5, std::vector<double>(5));
    for (std::size_t i = 0; i < 5; ++i)
        for (std::size_t t = 0; t < 5; ++t)
            y[i][t] = unit_fe[i] + period_fe[t] + (adoption[i] ? effect(periods[t] - adoption[i]) : 0.0) +
                      // noise of at most 0.004, so the residuals (and standard errors) are not all 0
                      1e-3 * static_cast<double>((i * 7 + t * 3) % 5);
    const auto panel = make_panel(rows_of({"a", "b", "c", "d", "e"}, periods, y, adoption));
    const auto r = event_study(panel);
    REQUIRE(r.event_time == std::vector<std::int64_t>{-3, -2, 0, 1, 2});
    const std::vector<double> want{0, 0, 1.5, 2.5, 4};
    for (std::size_t k = 0; k < want.size(); ++k) CHECK(std::abs(r.estimate[k] - want[k]) < 0.01);
    CHECK(r.n_leads == 2);
    CHECK(r.pretrend.f);
    CHECK(r.pretrend.df_num == 2);
    CHECK(r.n_obs_event == std::vector<std::size_t>{1, 3, 3, 3, 2});
    // exactly noiseless: the effects to rounding
    std::vector<std::vector<double>> exact(5, std::vector<double>(5));
    for (std::size_t i = 0; i < 5; ++i)
        for (std::size_t t = 0; t < 5; ++t)
            exact[i][t] = unit_fe[i] + period_fe[t] + (adoption[i] ? effect(periods[t] - adoption[i]) : 0.0);
    EventStudyOptions eo;
    eo.cov_type = CovType::nonrobust;
    const auto e = event_study(make_panel(rows_of({"a", "b", "c", "d", "e"}, periods, exact, adoption)), eo);
    for (std::size_t k = 0; k < want.size(); ++k) CHECK(e.estimate[k] == doctest::Approx(want[k]).epsilon(1e-10));

    // binning: event times <= -2 into -2 and >= 1 into 1
    eo.min_event = -2;
    eo.max_event = 1;
    const auto b = event_study(make_panel(rows_of({"a", "b", "c", "d", "e"}, periods, exact, adoption)), eo);
    CHECK(b.event_time == std::vector<std::int64_t>{-2, 0, 1});
    CHECK(b.binned_low);
    CHECK(b.binned_high);
    CHECK(b.n_obs_event == std::vector<std::size_t>{4, 3, 5});

    eo.reference = -2;
    CHECK(contains(error_of([&] { event_study(panel, eo); }), "reference event time -2 must lie strictly inside"));
    EventStudyOptions far;
    far.reference = -9;
    CHECK(contains(error_of([&] { event_study(panel, far); }), "no treated unit is observed at the reference event time -9"));
}

TEST_CASE("bacon: a three-group decomposition worked by hand") {
    // Periods 1-4; one unit adopting in 2 (early, k), one in 4 (late, l), one never (U); shares n = 1/3 each,
    // D-bar_k = 3/4, D-bar_l = 1/4.
    //   early y = 1 4 5 6, late y = 2 2 3 7, never y = 0 1 1 2.
    // 2x2 estimates:
    //   k vs U: (mean(4,5,6) - 1) - (mean(1,1,2) - 0) = 4 - 4/3 = 8/3
    //   l vs U: (7 - mean(2,2,3)) - (2 - mean(0,1,1)) = 14/3 - 4/3 = 10/3
    //   k vs l (periods 1-3): (mean(4,5) - 1) - (mean(2,3) - 2) = 3.5 - 0.5 = 3
    //   l vs k (periods 2-4): (7 - mean(2,3)) - (6 - mean(4,5)) = 4.5 - 1.5 = 3
    // weights before normalising (Goodman-Bacon 2021, eq. 10):
    //   s_kU = (2/3)^2 (1/2)(1/2) (3/4)(1/4) = 1/48, s_lU = (2/3)^2 (1/4) (1/4)(3/4) = 1/48
    //   s_kl^k = ((2/3)(3/4))^2 (1/4) ((1/2)/(3/4)) ((1/4)/(3/4)) = 1/72
    //   s_kl^l = ((2/3)(3/4))^2 (1/4) ((1/4)/(3/4)) ((1/2)/(3/4)) = 1/72; total 10/144
    //   weights 0.3, 0.3, 0.2, 0.2; weighted sum 0.8 + 1 + 0.6 + 0.6 = 3 = the TWFE coefficient.
    const auto panel = make_panel(rows_of({"early", "late", "never"}, {1, 2, 3, 4},
                                          {{1, 4, 5, 6}, {2, 2, 3, 7}, {0, 1, 1, 2}}, {2, 4, 0}));
    const auto r = bacon(panel);
    REQUIRE(r.comparisons.size() == 4);
    auto find = [&](BaconType type, std::int64_t treated) {
        for (const auto& c : r.comparisons)
            if (c.type == type && c.treated == treated) return c;
        FAIL("comparison not found");
        return BaconComparison{};
    };
    CHECK(find(BaconType::treated_vs_never, 2).estimate == doctest::Approx(8.0 / 3).epsilon(1e-13));
    CHECK(find(BaconType::treated_vs_never, 4).estimate == doctest::Approx(10.0 / 3).epsilon(1e-13));
    CHECK(find(BaconType::earlier_vs_later, 2).estimate == doctest::Approx(3).epsilon(1e-13));
    CHECK(find(BaconType::later_vs_earlier, 4).estimate == doctest::Approx(3).epsilon(1e-13));
    CHECK(find(BaconType::treated_vs_never, 2).weight == doctest::Approx(0.3).epsilon(1e-13));
    CHECK(find(BaconType::treated_vs_never, 4).weight == doctest::Approx(0.3).epsilon(1e-13));
    CHECK(find(BaconType::earlier_vs_later, 2).weight == doctest::Approx(0.2).epsilon(1e-13));
    CHECK(find(BaconType::later_vs_earlier, 4).weight == doctest::Approx(0.2).epsilon(1e-13));
    CHECK(*find(BaconType::later_vs_earlier, 4).control == 2);
    CHECK(r.weighted_sum == doctest::Approx(3).epsilon(1e-12));
    CHECK(r.twfe == doctest::Approx(3).epsilon(1e-12));
    // by type: treated vs never weight 0.3 + 0.3 = 0.6, estimate (0.3 x 8/3 + 0.3 x 10/3) / 0.6 = 3; the two timing
    // comparisons 0.2 each with estimate 3
    const auto by_type = summarise_by_type(r);
    REQUIRE(by_type.size() == 3);
    CHECK(by_type[0].type == r.comparisons[0].type);
    for (const auto& s : by_type) {
        CHECK(s.weight == doctest::Approx(s.type == BaconType::treated_vs_never ? 0.6 : 0.2).epsilon(1e-13));
        CHECK(s.estimate == doctest::Approx(3).epsilon(1e-12));
        CHECK(s.comparisons == (s.type == BaconType::treated_vs_never ? 2u : 1u));
    }

    // unbalanced, single group and pre-period errors name unit and period
    const double nan = std::nan("");
    CHECK(contains(error_of([&] { bacon(make_panel(rows_of({"a", "b"}, {1, 2, 3}, {{1, 2, 3}, {1, nan, 2}}, {2, 0}))); }),
                   "needs a balanced panel, but unit \"b\", period 2 has no row"));
    CHECK(contains(error_of([&] { bacon(make_panel(rows_of({"a", "b"}, {1, 2, 3}, {{1, 2, 3}, {1, 5, 2}}, {2, 2}))); }),
                   "needs at least two timing groups"));
    CHECK(contains(error_of([&] { bacon(make_panel(rows_of({"a", "b"}, {1, 2, 3}, {{1, 2, 3}, {1, 5, 2}}, {1, 0}))); }),
                   "unit \"a\" adopts in period 1 with 0 before it"));
}

TEST_CASE("event study: more leads than clusters can test leaves the pre-trend test NaN, not an error") {
    // 4 units (2 adopt in period 6, 2 never) over 8 periods: 4 leads (-5..-2) but a CR1 covariance of 4 clusters
    // has rank at most 3, so the joint test is not defined; the estimates still are.
    std::vector<std::vector<double>> y(4, std::vector<double>(8));
    for (std::size_t i = 0; i < 4; ++i)
        for (std::size_t t = 0; t < 8; ++t)
            y[i][t] = static_cast<double>(i) + 0.5 * static_cast<double>(t) + (i < 2 && t >= 5 ? 2.0 : 0.0) +
                      0.1 * static_cast<double>((i * 5 + t * 3) % 7);
    const auto panel = make_panel(rows_of({"a", "b", "c", "d"}, {1, 2, 3, 4, 5, 6, 7, 8}, y, {6, 6, 0, 0}));
    const auto r = event_study(panel);
    CHECK(r.n_leads == 4);
    CHECK(std::isnan(r.pretrend.pvalue));
    for (const double e : r.estimate) CHECK(std::isfinite(e));
    const std::vector<std::size_t> leads{0, 1, 2, 3};
    CHECK(contains(error_of([&] { wald_test(r.fit, leads); }), "covariance matrix is singular"));
    // with the classical covariance the same test is defined
    EventStudyOptions o;
    o.cov_type = CovType::nonrobust;
    CHECK(std::isfinite(event_study(panel, o).pretrend.pvalue));
}
