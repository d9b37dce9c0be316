// hp::evaluation::Panel (panel.hpp): the long table validated into units x periods. Every error of make_panel and
// of the require_* checks is asserted with the words a user reads: the unit, the period and what is allowed.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "error_of.hpp"
#include "healthyplaces/evaluation/panel.hpp"

using namespace hp::evaluation;
using hp::testing::error_of;

namespace {

constexpr double missing = std::numeric_limits<double>::quiet_NaN();

using hp::testing::contains;

// Torbay adopts in 2021, Swindon never; rows out of order and Swindon missing 2020 (unbalanced).
PanelRows sample() {
    PanelRows r;
    r.unit = {"Swindon", "Torbay", "Torbay", "Torbay", "Swindon"};
    r.period = {2019, 2021, 2019, 2020, 2021};
    r.outcome = {5.0, 7.5, 6.0, 6.5, 5.5};
    r.adoption = {std::nullopt, 2021, 2021, 2021, std::nullopt};
    r.covariate_names = {"beds"};
    r.covariates = {{10, 12, 11, missing, 13}};
    r.outcome_name = "admissions";
    return r;
}

}  // namespace

TEST_CASE("panel: a long table becomes units x periods") {
    const auto p = make_panel(sample());
    CHECK(p.units == std::vector<std::string>{"Swindon", "Torbay"});
    CHECK(p.periods == std::vector<std::int64_t>{2019, 2020, 2021});
    CHECK(p.outcome(0, 0) == 5.0);
    CHECK(std::isnan(p.outcome(0, 1)));
    CHECK(p.outcome(1, 1) == 6.5);
    CHECK(p.outcome(1, 2) == 7.5);
    CHECK(std::isnan(p.covariates[0](1, 1)));
    CHECK(p.covariates[0](1, 0) == 11);
    CHECK(!p.balanced());
    CHECK(!p.observed(0, 1));
    CHECK(p.treated(1, 2));
    CHECK(!p.treated(1, 1));
    CHECK(!p.treated(0, 2));
    CHECK(p.treated_units() == std::vector<std::size_t>{1});
    CHECK(p.never_treated() == std::vector<std::size_t>{0});
    CHECK(p.cohorts() == std::vector<std::int64_t>{2021});
    CHECK(p.pre_periods(1) == 2);
    CHECK(p.pre_periods(0) == 3);
    CHECK(p.unit_index("Torbay") == 1);
    CHECK(p.period_index(2020) == 1);
    CHECK(p.covariate_index("beds") == 0);
    CHECK(contains(error_of([&] { p.unit_index("Poole"); }), "no unit \"Poole\" in the panel (units: \"Swindon\", \"Torbay\")"));
    CHECK(contains(error_of([&] { p.period_index(2018); }), "no period 2018 in the panel (periods 2019 to 2021)"));
    CHECK(contains(error_of([&] { p.covariate_index("staff"); }), "no covariate \"staff\" in the panel (covariates: beds)"));

    // the treated indicator gives the same adoption
    auto rows = sample();
    rows.adoption.clear();
    rows.treated = {0, 1, 0, 0, 0};
    const auto q = make_panel(rows);
    CHECK(q.adoption == p.adoption);

    const std::vector<std::size_t> one{1};
    const auto s = subpanel(p, one, 1, 2);
    CHECK(s.units == std::vector<std::string>{"Torbay"});
    CHECK(s.periods == std::vector<std::int64_t>{2020, 2021});
    CHECK(s.outcome(0, 1) == 7.5);
    CHECK(s.covariates[0].cols() == 2);
    CHECK(contains(error_of([&] { subpanel(p, {}, 0, 1); }), "needs at least one unit"));
    CHECK(contains(error_of([&] { subpanel(p, one, 2, 3); }), "not a window of the panel's 3 periods"));
    const std::vector<std::size_t> bad{5};
    CHECK(contains(error_of([&] { subpanel(p, bad, 0, 1); }), "unit index 5 is out of range"));
}

TEST_CASE("panel: every error of make_panel names where and what is allowed") {
    auto with = [](auto change) {
        auto r = sample();
        change(r);
        return error_of([&] { make_panel(r); });
    };
    CHECK(contains(with([](PanelRows& r) { r.period.pop_back(); }), "DataError: column \"period\" has 4 rows but \"unit\" has 5"));
    CHECK(contains(with([](PanelRows& r) { r.outcome.pop_back(); }), "column \"admissions\" has 4 rows"));
    CHECK(contains(with([](PanelRows& r) { r.adoption.pop_back(); }), "column \"adoption\" has 4 rows"));
    CHECK(contains(with([](PanelRows& r) { r.treated = {0, 1}; }), "column \"treated\" has 2 rows"));
    CHECK(contains(with([](PanelRows& r) { r.treated = {0, 1, 0, 0, 0}; }), "adoption period or the treated indicator, not both"));
    CHECK(contains(with([](PanelRows& r) { r.covariate_names.push_back("staff"); }), "2 covariate names for 1 covariate columns"));
    CHECK(contains(with([](PanelRows& r) { r.covariates[0].pop_back(); }), "column \"beds\" has 4 rows"));
    CHECK(contains(with([](PanelRows& r) {
                       r.covariate_names.push_back("beds");
                       r.covariates.push_back(r.covariates[0]);
                   }),
                   "covariate \"beds\" is given twice"));
    CHECK(contains(error_of([] { make_panel(PanelRows{}); }), "the panel has no rows"));
    CHECK(contains(with([](PanelRows& r) { r.unit[2] = ""; }), "row 3 (period 2019) has an empty unit name"));
    CHECK(contains(with([](PanelRows& r) { r.outcome[3] = missing; }),
                   "row 4 (unit \"Torbay\", period 2020): admissions is missing (NaN); drop the row"));
    CHECK(contains(with([](PanelRows& r) { r.outcome[0] = std::numeric_limits<double>::infinity(); }),
                   "row 1 (unit \"Swindon\", period 2019): admissions is infinite"));
    CHECK(contains(with([](PanelRows& r) { r.period[3] = 2019; }),
                   "row 4 (unit \"Torbay\", period 2019) duplicates row 3: one row per unit and period"));
    CHECK(contains(with([](PanelRows& r) { r.adoption[3] = 2020; }),
                   "row 4 (unit \"Torbay\", period 2020): adoption period 2020 differs from 2021 on row 2: a unit adopts once"));
    CHECK(contains(with([](PanelRows& r) { r.adoption[4] = 2021; }),
                   "row 5 (unit \"Swindon\", period 2021): adoption period 2021 differs from never on row 1"));
    auto treated = [&](std::vector<double> d) {
        return with([&](PanelRows& r) {
            r.adoption.clear();
            r.treated = d;
        });
    };
    CHECK(contains(treated({0, 1, 0, 0.5, 0}), "row 4 (unit \"Torbay\", period 2020): treated is 0.5; it must be 0 or 1"));
    CHECK(contains(treated({0, 0, 0, 1, 0}),
                   "row 2 (unit \"Torbay\", period 2021): treated is 0 after the unit was treated in 2020; treatment must stay on"));
    CHECK(contains(treated({0, 1, 0, missing, 0}), "treated is nan; it must be 0 or 1"));
}

TEST_CASE("panel: the require_* checks name unit and period") {
    const auto p = make_panel(sample());
    CHECK(contains(error_of([&] { require_balanced(p, "synthetic control"); }),
                   "DomainError: synthetic control needs a balanced panel, but unit \"Swindon\", period 2020 has no row"));
    CHECK(error_of([&] { require_pre_periods(p, "did", 2); }) == "no error");
    CHECK(contains(error_of([&] { require_pre_periods(p, "did", 3); }),
                   "did needs 3 periods before adoption, but unit \"Torbay\" adopts in period 2021 with 2 before it (the panel starts in 2019)"));
    CHECK(error_of([&] { require_never_treated(p, "did"); }) == "no error");
    CHECK(error_of([&] { require_varying_outcome(p, "did"); }) == "no error");

    auto rows = sample();
    rows.adoption = {2019, 2021, 2021, 2021, 2019};
    const auto all = make_panel(rows);
    CHECK(contains(error_of([&] { require_never_treated(all, "did"); }),
                   "did needs at least one never-treated unit (a donor or control); every one of the 2 units adopts"));
    CHECK(contains(error_of([&] { require_pre_periods(all, "did"); }),
                   "did needs 1 period before adoption, but unit \"Swindon\" adopts in period 2019 with 0 before it"));
    rows.adoption.assign(5, std::nullopt);
    CHECK(contains(error_of([&] { require_pre_periods(make_panel(rows), "did"); }), "did needs a treated unit; no unit adopts"));
    rows.outcome.assign(5, 4.0);
    CHECK(contains(error_of([&] { require_varying_outcome(make_panel(rows), "did"); }),
                   "did: admissions is the same (4) for every unit and period, so no effect can be estimated"));
}
