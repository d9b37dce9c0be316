// For a place: each proposal rule of place.hpp against a hand calculation written out here (a Bexley-like place:
// council 16/20, NHS body 6/20, £150m pooled, £3m deficit; a section 75 pooled budget and a care trust from
// separate organisations), the facts' precedence and sources, the short list's even spread (numpy's rounding half
// to even), the labels, the staged decision's inputs and its EV of integrating now as an annuity written out, the
// population value of information, the whole for-a-place flow of the header's usage example, and the one-line
// errors for bad facts.
#include <doctest/doctest.h>

#include "checks.hpp"

#include <cmath>
#include <string>
#include <vector>

#include "error_of.hpp"
#include "healthyplaces/appraisal/place.hpp"
#include "healthyplaces/appraisal/value_of_information.hpp"

namespace place_test {  // named: test files compile in batches

namespace ha = hp::appraisal;
namespace hi = hp::integration;
using hp::testing::contains;
using hp::testing::error_of;

// |got − want| <= 1e-12 |want| (+1e-12 absolute near 0): the hand calculations are exact up to rounding.
void same(double got, double want) {
    INFO("got " << got << " want " << want);
    CHECK(std::abs(got - want) <= 1e-12 * std::max(1.0, std::abs(want)));
}

ha::PlaceFacts bexley_like() {
    ha::PlaceEvidence e;
    e.area = "Bexley";
    e.scores_source = "your scores";
    e.council = "LB Bexley";
    e.nhs_body = "Bexley PCT";
    e.council_total = 16;
    e.council_max = 20;
    e.nhs_total = 6;
    e.nhs_max = 20;
    e.coterminosity = 0.9;
    e.england_over_80_share = 0.051;
    e.pooled_spend = 1.5e8;
    e.nhs_deficit = 3e6;
    return ha::place_facts(e);
}

hi::Arrangement arrangement(const char* name, int b, int s, int l, int g, int lb) {
    hi::Arrangement a;
    a.name = name;
    a.budgets = static_cast<hi::Budgets>(b);
    a.staff = static_cast<hi::Staff>(s);
    a.leadership = static_cast<hi::Leadership>(l);
    a.governance = static_cast<hi::Governance>(g);
    a.legal_basis = static_cast<hi::LegalBasis>(lb);
    return a;
}

// pooled budgets, seconded staff, joint senior posts, joint committee, section 75; and a care trust
const hi::Arrangement s75 = arrangement("s75", 2, 1, 1, 1, 1);
const hi::Arrangement care_trust = arrangement("care trust", 2, 2, 2, 2, 2);

TEST_CASE("appraisal place: the blend of two scores and its words") {
    CHECK(ha::blend_of(0.8, 0.3) == ha::Blend::council_stronger);
    CHECK(ha::blend_of(0.3, 0.8) == ha::Blend::nhs_stronger);
    CHECK(ha::blend_of(0.6, 0.5) == ha::Blend::compatible);  // within 0.15
    CHECK(ha::blend_of(hp::testing::NaN, 0.5) == ha::Blend::unknown);
    using B = ha::Blend;
    for (const auto b : {B::unknown, B::compatible, B::council_stronger, B::nhs_stronger})
        CHECK(ha::parse_blend(ha::to_string(b)) == b);
    CHECK(ha::to_string(ha::Blend::council_stronger) == "complementary (council stronger)");
    CHECK(contains(error_of([] { ha::parse_blend("complimentary"); }), "blend must be 'unknown'"));
}

TEST_CASE("appraisal place: facts from the evidence, with their sources") {
    const auto f = bexley_like();
    same(f.council_score, 0.8);
    same(f.nhs_score, 0.3);
    CHECK(f.blend == ha::Blend::council_stronger);
    CHECK(f.coterminosity == 0.9);
    CHECK(f.current.name == "separate");
    CHECK(f.current == hi::Arrangement{});
    CHECK(f.population == 250000.0);                           // the assumption
    CHECK(f.over_80_share == 0.051);                           // England's, as given
    CHECK(f.over_80_growth == 0.25);
    CHECK(f.pooled_spend == 1.5e8);
    CHECK(f.sources.at("council_score") == "your scores");
    CHECK(f.sources.at("population") == "assumption");
    CHECK(f.sources.at("pooled_spend") == "you");
    CHECK(f.sources.at("current") == "assumption (separate organisations)");

    // a case study: its arrangement (renamed "<area> today") and population; the spend then 600 a resident
    ha::PlaceEvidence e;
    e.area = "Torbay";
    e.case_source = "case studies (NLGN 2008)";
    e.case_arrangement = care_trust;
    e.case_population = 134000;
    e.case_over_80_share = 0.07;
    const auto t = ha::place_facts(e);
    CHECK(t.current == care_trust);
    CHECK(t.current.name == "Torbay today");
    CHECK(t.population == 134000.0);
    same(t.pooled_spend, 134000.0 * 600.0);
    CHECK(t.blend == ha::Blend::unknown);
    CHECK(t.coterminosity == 1.0);
    CHECK(t.sources.at("coterminosity") == "assumption (coterminous)");
    CHECK(t.sources.at("blend") == "unknown: Torbay is not in the scores");
    CHECK(t.sources.at("pooled_spend") == "assumption (£600 a resident)");
    e.population = 150000;  // the user's figure wins
    CHECK(ha::place_facts(e).population == 150000.0);
    CHECK(ha::place_facts(e).sources.at("population") == "you");
}

TEST_CASE("appraisal place: bad facts are one-line errors naming the fact") {
    ha::PlaceEvidence e;
    e.area = "X";
    e.england_over_80_share = 0.05;
    auto with = [&](auto set) {
        auto copy = e;
        set(copy);
        return error_of([&] { ha::place_facts(copy); });
    };
    CHECK(with([](auto& x) { x.population = -5; }) ==
          "DomainError: for_place: population must be a finite number in [1, inf], got -5");
    CHECK(with([](auto& x) { x.over_80_share = 1.5; }) ==
          "DomainError: for_place: over_80_share must be a finite number in [0, 1], got 1.5");
    CHECK(with([](auto& x) { x.over_80_growth = -2; }) ==
          "DomainError: for_place: over_80_growth must be a finite number in [-1, 10], got -2");
    CHECK(with([](auto& x) { x.pooled_spend = std::nan(""); }) ==
          "DomainError: for_place: pooled_spend must be a finite number in [0, 1e+15], got nan");
    CHECK(with([](auto& x) { x.nhs_deficit = -1; }) ==
          "DomainError: for_place: nhs_deficit must be a finite number in [0, 1e+15], got -1");
    CHECK(contains(with([](auto& x) { x.england_over_80_share = std::nan(""); }), "give over_80_share"));
    CHECK(contains(with([](auto& x) {  // 25 of 20
              x.scores_source = "s";
              x.council_total = 25;
              x.council_max = 20;
              x.nhs_total = 5;
              x.nhs_max = 20;
          }), "council_score must be a finite number in [0, 1], got 1.25"));

    auto f = bexley_like();
    f.blend = ha::Blend::compatible;
    CHECK(contains(error_of([&] { ha::validate(f); }),
                   "blend 'compatible' is not the scores' (0.8 and 0.3: complementary (council stronger))"));
    f = bexley_like();
    f.coterminosity = 1.5;
    CHECK(contains(error_of([&] { ha::place_performances(f, {s75}); }), "coterminosity must be"));
    f = bexley_like();
    f.nhs_score = hp::testing::NaN;
    f.blend = ha::Blend::unknown;
    CHECK(contains(error_of([&] { ha::validate(f); }), "both be known or both NaN"));
}

TEST_CASE("appraisal place: criteria performances by hand") {
    const auto f = bexley_like();
    const auto p = ha::place_performances(f, {f.current, s75, care_trust});
    REQUIRE(p.performances.size() == 3);
    REQUIRE(p.criteria.size() == 6);
    CHECK(p.criteria[0].name == "financial management");
    CHECK(p.criteria[5].name == "democratic accountability lost");
    CHECK(p.options[1] == "s75");
    auto check = [](const ha::Performance& got, double low, double high) {
        CHECK(got.kind == ha::Performance::Kind::range);
        same(got.a, low);
        same(got.b, high);
    };
    // factors: council stronger by 0.5 -> 1 + 0.3 (0.5 − 0.15) / 0.35 = 1.3; share over 80 England's and growth
    // the default -> ageing 1, commissioning × 1; deficit 3e6 of 1.5e8 -> 1 + 0.5 × 20 × 0.02 = 1.2
    const auto& s = p.performances[1];  // ranks (2, 1, 1, 1, 1)
    const double fm = 10 * (0.45 * 2 + 0.35 + 0.2) / 3 * 1.3;
    check(s[0], 0.75 * fm, 1.25 * fm);
    check(s[1], 0.75 * 5.0, 1.25 * 5.0);  // 10 (0.5 × 2 + 0.25 + 0.25) / 3
    check(s[2], 0.8 * 3.0, 1.2 * 3.0);    // 10 (0.4 + 0.3 + 0.3) / 3 × 0.9
    check(s[3], 0.7 * 5.4, 1.3 * 5.4);    // 10 (0.45 + 0.35 × 2 + 0.2) / 3 × 1.2
    check(s[4], 0.7 * 4.0, 1.3 * 4.0);    // 10 × 6 / 15, no new legal body
    check(s[5], 0.0, 2.5);                // 1 ± 1.5, clipped at 0
    const auto& c = p.performances[2];    // the care trust: every rank 2
    check(c[0], 0.75 * 10 * 2.0 / 3 * 1.3, 10.0);  // 1.25 × 8.67 clipped at 10
    check(c[4], 0.7 * 10 * 10.0 / 15 * 1.25, 10.0);  // a new legal body: × 1.25
    check(c[5], 5.5, 8.5);                           // 1 + 6 for a care trust
    const auto& b = p.performances[0];               // business as usual: no disruption
    check(b[4], 0.0, 0.5);
    check(b[0], 0.0, 0.0);

    // the NHS body stronger: × 0.9; an older place: commissioning's factor capped at 1.4
    auto g = f;
    g.council_score = 0.3;
    g.nhs_score = 0.8;
    g.blend = ha::Blend::nhs_stronger;
    g.over_80_share = 0.2;
    const auto q = ha::place_performances(g, {s75});
    check(q.performances[0][0], 0.75 * 10 * 1.45 / 3 * 0.9, 1.25 * 10 * 1.45 / 3 * 0.9);
    check(q.performances[0][1], 0.75 * 5.0 * 1.4, 1.25 * 5.0 * 1.4);
    // a gap of 0.3: 1 + 0.3 × 0.15 / 0.35
    g.council_score = 0.6;
    g.blend = ha::Blend::council_stronger;
    g.nhs_score = 0.3;
    const double k = 1 + 0.3 * (0.3 - 0.15) / 0.35;
    same(ha::place_performances(g, {s75}).performances[0][0].a, 0.75 * 10 * 1.45 / 3 * k);
}

TEST_CASE("appraisal place: the money of an option by hand") {
    const auto f = bexley_like();
    const auto m = ha::place_amounts(f, s75);
    same(m.restructuring, 1.5e8 * (0.002 * 2 + 0.003 + 0.002 + 0.001 + 0.004));  // 2.1m
    CHECK(m.restructuring_years == 1);
    same(m.running, 1.5e8 * 0.0004 * 2);
    same(m.posts, 1.5e8 * 0.002 * 1.5);
    same(m.deficit, 3e6 * 0.4);            // depth 0.1 (1 + 1 + 2)
    same(m.recovered, 0.3 * 1.3);          // the council is the stronger partner
    same(m.bed_days, 250000 * 0.051 * 1.125 * 350 * 0.5);  // intensity (1 + 0.25 + 0.25) / 3
    CHECK(ha::place_amounts(f, care_trust).restructuring_years == 3);  // a new legal body, two steps in staff
    same(ha::place_amounts(f, care_trust).deficit, 3e6 * 0.6);

    const auto flows = ha::place_flows(f, s75);
    REQUIRE(flows.size() == 5);
    CHECK(flows[0].name == "restructuring: s75");
    CHECK(flows[0].kind == hp::finance::FlowKind::one_off_cost);
    CHECK(flows[0].amount.kind == hp::finance::UncertainKind::triangular);
    same(flows[0].amount.a, 0.6 * 2.1e6);
    same(flows[0].amount.c, 2 * 2.1e6);
    CHECK(flows[0].start == 0);
    CHECK(flows[1].name == "joint running costs: s75");
    same(flows[1].amount.b, 0.2 * 120000);
    CHECK(flows[2].kind == hp::finance::FlowKind::saving);
    CHECK(flows[3].name == "NHS deficit recovered");  // shared by every option
    CHECK(flows[3].amount.kind == hp::finance::UncertainKind::beta);
    same(flows[3].baseline, 1.2e6);
    CHECK(flows[4].name == "bed days saved per person over 80");
    CHECK(flows[4].start == 2);
    CHECK(ha::place_flows(f, f.current).empty());  // business as usual changes nothing

    const auto bias = ha::place_optimism_bias();  // equipment/development, 75% mitigated: 200% and 54% upper
    same(bias.capital, 2.0 * 0.25);
    same(bias.duration, 0.54 * 0.25);
    const auto options = ha::place_options(f, {f.current, s75});
    CHECK(options[0].optimism_bias.capital == 0.0);
    same(options[1].optimism_bias.capital, 0.5);
    CHECK(options[1].name == "s75");
}

TEST_CASE("appraisal place: the staged decision's inputs by hand") {
    const auto f = bexley_like();
    const auto s = ha::place_staging(f, s75);
    const double V = 250000 * 0.051 * 1.125 * 350 * 0.5;
    const double k = 450000 + 1.2e6 * 0.39 - 120000;  // posts + recovered deficit − running costs
    same(s.known_savings, k);
    same(s.model.restructuring_cost, 2.1e6 * 1.2 * 1.5);  // the triangular's mean, capital uplift 50%
    CHECK(s.model.running_cost == 0.0);
    same(s.model.value_per_unit, V);
    same(hp::finance::mean(s.prior), 0.1 + k / V);
    same(s.model.pilot_cost, 0.005 * 1.5e8 * 0.5);
    CHECK(s.model.pilot_years == 2);
    CHECK(s.model.lag == 1);
    // EV of integrating now: (θ V + k) a year for years 1..10 at 3.5%, less the restructuring cost now
    double annuity = 0;
    for (int t = 1; t <= 10; ++t) annuity += std::pow(1.035, -t);
    const auto d = ha::staged_decision(s.prior, 0.2, s.model);
    const double ev = 0.1 * V * annuity + k * annuity - 2.1e6 * 1.8;
    CHECK(std::abs(d.ev_integrate_now - ev) <= 1e-9 * std::abs(ev));

    CHECK(ha::place_staged_option(2, {{0.5}, {0.2}, {0.3}}) == 2);  // preferred in money
    CHECK(ha::place_staged_option(0, {{0.2}, {0.5}, {0.3}}) == 1);  // else first most often
    CHECK(ha::place_staged_option(0, {{0.5}, {0.2}, {0.3}}) == 2);  // else the most integrated
    CHECK(contains(error_of([] { ha::place_staged_option(3, {{1}}); }), "preferred in money must be one of"));
}

TEST_CASE("appraisal place: the short list's spread and the labels") {
    using K = ha::OptionKind;
    std::vector<ha::LongListOption> kept{{hi::Arrangement{}, K::business_as_usual, 0, ""},
                                         {arrangement("dm", 0, 0, 0, 1, 0), K::do_minimum, 1, ""},
                                         {arrangement("plain", 1, 0, 0, 1, 0), K::option, 2, ""}};
    for (int i = 0; i < 6; ++i) kept.push_back({s75, K::option, 6, ""});  // qualifying: pooled under s75
    CHECK(ha::place_short_list(kept, 12) == std::vector<int>{0, 1, 3, 4, 5, 6, 7, 8});
    // 6 qualifying, 3 taken: linspace(0, 5, 3) = 0, 2.5, 5 -> 0, 2, 5 (half to even) -> kept 3, 5, 8
    CHECK(ha::place_short_list(kept, 5) == std::vector<int>{0, 1, 3, 5, 8});
    CHECK(ha::place_short_list(kept, 3) == std::vector<int>{0, 1, 3});
    CHECK(contains(error_of([&] { ha::place_short_list(kept, 2); }), "options must be a finite number in [3, 12]"));

    const hi::Arrangement separate{};
    CHECK(ha::place_option_label(kept[0], separate) == "business as usual");
    CHECK(ha::place_option_label(kept[1], separate) == "do minimum (joint committee)");
    CHECK(ha::place_option_label({s75, K::option, 6, ""}, separate) ==
          "pooled budgets, seconded staff, joint senior posts, joint committee, section 75");
    CHECK(ha::place_option_label({care_trust, K::option, 10, "torbay"}, separate) == "care trust");
    CHECK(ha::place_option_label({s75, K::option, 6, ""}, s75) == "no change");
}

TEST_CASE("appraisal place: the restructuring finding") {
    using F = ha::RestructuringFinding;
    ha::SwitchingValue sv;
    sv.found = false;
    CHECK(ha::place_restructuring_finding(sv, true, "m") == F::stays_preferred);
    CHECK(ha::place_restructuring_finding(sv, false, "m") == F::none);
    sv.found = true;
    sv.mean = 2e6;
    sv.value = 1.5e6;
    sv.takes_over = "m";
    CHECK(ha::place_restructuring_finding(sv, false, "m") == F::only_below);
    sv.value = 3e6;
    sv.takes_over = "other";
    CHECK(ha::place_restructuring_finding(sv, true, "m") == F::stays_below);
    CHECK(ha::place_restructuring_finding(sv, false, "m") == F::none);
}

TEST_CASE("appraisal place: the population value of information") {
    same(ha::share_of_evpi(1, 4), 0.25);
    CHECK(std::isnan(ha::share_of_evpi(1, 0)));
    Eigen::MatrixXd nb(4, 2);
    nb << 0, 1, 0, -1, 0, 2, 0, -3;  // option 1 best on average (mean −0.25 < 0): EVPI = (1 + 2) / 4
    const auto r = ha::evpi(nb);
    same(r.evpi, 0.75);
    const auto p = ha::for_population(r, 150);
    same(p.evpi, 150 * 0.75);
    same(p.mean_net_benefit[1], 150 * -0.25);
    same(p.standard_error, 150 * r.standard_error);
    CHECK(p.p_best == r.p_best);
    CHECK(error_of([&] { ha::for_population(r, -1); }) ==
          "DomainError: population must be a positive finite number (the decisions affected), got -1");
    CHECK(contains(error_of([&] { ha::for_population(r, std::nan("")); }), "got nan"));
}

TEST_CASE("appraisal place: the whole flow for a place, as the header's usage example") {
    using namespace hp::appraisal;
    const PlaceFacts facts = bexley_like();
    const auto kept = short_list(shortlist(long_list(facts.current), std::vector<std::string>{}));
    const auto chosen = place_short_list(kept, 4);
    REQUIRE(chosen.size() == 4);
    std::vector<hi::Arrangement> options;
    for (const auto i : chosen) {
        auto a = kept[static_cast<std::size_t>(i)].arrangement;
        a.name = place_option_label(kept[static_cast<std::size_t>(i)], facts.current);
        options.push_back(a);
    }
    CHECK(options[0].name == "business as usual");
    const PlacePerformances p = place_performances(facts, options);
    SmaaOptions draws;  // small: the sanitizer build runs this
    draws.n_sims = 300;
    draws.seed = 1;
    const SmaaResult ranks = smaa(p.options, p.criteria, p.performances, WeightSpec{}, draws);
    EconomicOptions settings;
    settings.n_sims = 300;
    settings.seed = 1;
    const EconomicAppraisal money = appraise(place_options(facts, options), settings);
    const int target = place_staged_option(money.preferred, ranks.rank_acceptability);
    CHECK(target > 0);
    const PlaceStaging s = place_staging(facts, options[static_cast<std::size_t>(target)]);
    const StagedDecision tree = staged_decision(s.prior, pilot_standard_error(place_pilot()), s.model);
    CHECK(std::isfinite(tree.ev_pilot));
    // the tree and the economic case use the same sums: NPSV at the means within the timing differences
    CHECK(std::abs(tree.ev_integrate_now - money.options[static_cast<std::size_t>(target)].npsv) <=
          0.15 * std::abs(tree.ev_integrate_now));
}

}  // namespace place_test
