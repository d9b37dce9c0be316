// The long list, the critical success factors and optimism bias. References independent of the code: the long list
// against an enumeration written here (every coherent combination at least as integrated as business as usual on
// each dimension, by integration::incoherences, the one place the coherence rules live); each factor against a
// predicate written here from its definition; optimism bias against the Green Book supplementary guidance's Table 2
// and worked examples (a combined building 30% non-standard, 70% standard: capital 32.1%, works duration 14.5%; a 92%
// reduction of a 51% upper bound leaves 4.08%); scaling of uncertain amounts against the quantiles scaled by hand.
#include <doctest/doctest.h>

#include "checks.hpp"

#include <cmath>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "error_of.hpp"
#include "healthyplaces/appraisal/long_list.hpp"
#include "healthyplaces/appraisal/optimism_bias.hpp"
#include "healthyplaces/base/error.hpp"
#include "healthyplaces/finance/business_case.hpp"
#include "healthyplaces/integration/arrangement.hpp"

namespace ha = hp::appraisal;
namespace hi = hp::integration;
using hp::testing::close;
using hp::testing::contains;
using hp::testing::error_of;

namespace {

using Key = std::tuple<int, int, int, int, int>;
Key key_of(const hi::Arrangement& a) {
    return {static_cast<int>(a.budgets), static_cast<int>(a.staff), static_cast<int>(a.leadership),
            static_cast<int>(a.governance), static_cast<int>(a.legal_basis)};
}

// Every coherent combination no less integrated than `current` on any dimension, other than `current` itself.
std::set<Key> expected_options(const hi::Arrangement& current, int& coherent) {
    std::set<Key> out;
    coherent = 0;
    const auto [cb, cs, cl, cg, clb] = key_of(current);
    for (int b = 0; b < 4; ++b)
        for (int s = 0; s < 4; ++s)
            for (int l = 0; l < 4; ++l)
                for (int g = 0; g < 4; ++g)
                    for (int lb = 0; lb < 4; ++lb) {
                        hi::Arrangement a{"", hi::Budgets(b), hi::Staff(s), hi::Leadership(l), hi::Governance(g),
                                          hi::LegalBasis(lb), ""};
                        if (!hi::incoherences(a).empty()) continue;
                        ++coherent;
                        if (b >= cb && s >= cs && l >= cl && g >= cg && lb >= clb && Key{b, s, l, g, lb} != key_of(current))
                            out.insert({b, s, l, g, lb});
                    }
    return out;
}

hi::Arrangement torbay_like_current() {
    // A place with aligned budgets and seconded staff under a section 75 agreement, a joint committee.
    return {"current", hi::Budgets::aligned, hi::Staff::seconded, hi::Leadership::separate,
            hi::Governance::joint_committee, hi::LegalBasis::section_75, ""};
}

void check_long_list(const hi::Arrangement& current) {
    const auto list = ha::long_list(current);
    int coherent = 0;
    const auto want = expected_options(current, coherent);
    CHECK(list.coherent == coherent);
    REQUIRE(!list.options.empty());
    CHECK(list.options[0].kind == ha::OptionKind::business_as_usual);
    CHECK(key_of(list.options[0].arrangement) == key_of(current));
    std::set<Key> got;
    for (std::size_t i = 1; i < list.options.size(); ++i) {
        const auto& o = list.options[i];
        CHECK(hi::incoherences(o.arrangement).empty());
        CHECK(o.integration_level == hi::integration_level(o.arrangement));
        CHECK(o.kind == (i == 1 ? ha::OptionKind::do_minimum : ha::OptionKind::option));
        CHECK(got.insert(key_of(o.arrangement)).second);  // listed once
        if (i >= 3) CHECK(list.options[i - 1].integration_level <= o.integration_level);
    }
    CHECK(got == want);
    CHECK(list.behind_current == coherent - static_cast<int>(want.size()) - 1);
    // Do minimum is of the lowest level above business as usual.
    if (list.options.size() > 1) {
        int lowest = 99;
        for (const auto& k : want) lowest = std::min(lowest, std::get<0>(k) + std::get<1>(k) + std::get<2>(k) +
                                                                 std::get<3>(k) + std::get<4>(k));
        CHECK(list.options[1].integration_level == lowest);
    }
}

}  // namespace

TEST_CASE("appraisal options: the long list is every coherent combination from business as usual up") {
    check_long_list({});
    check_long_list(torbay_like_current());
    check_long_list(hi::arrangements::torbay());
    check_long_list(hi::arrangements::herefordshire());
    const auto full = ha::long_list(hi::arrangements::public_service_trust());
    CHECK(full.options.size() == 1);
    CHECK(contains(full.do_minimum_rule, "already a full merger"));
}

TEST_CASE("appraisal options: from separate organisations the long list holds the six presets, named") {
    const auto list = ha::long_list();
    std::set<std::string> presets;
    for (const auto& o : list.options)
        if (!o.preset.empty()) presets.insert(o.preset);
    CHECK(presets == std::set<std::string>{"closer_working", "swindon", "herefordshire", "nlgn_proposal", "torbay",
                                           "public_service_trust"});
    CHECK(list.options[0].arrangement.name == "business as usual: separate organisations");
    // Do minimum: a joint committee, the preset "closer working".
    CHECK(list.options[1].preset == "closer_working");
    CHECK(list.options[1].arrangement.name == "do minimum: closer working");
    CHECK(list.options[1].arrangement.governance == hi::Governance::joint_committee);
    CHECK(contains(list.do_minimum_rule, "joint committee"));
    CHECK(list.options.back().preset == "public_service_trust");  // full merger last
    for (const auto& o : list.options)
        if (o.preset == "swindon") {
            CHECK(o.arrangement.name == "Swindon");
            CHECK(o.arrangement.description == "aligned budgets, seconded staff, joint committee, section 75");
        }
    CHECK(ha::describe({"", hi::Budgets::pooled, hi::Staff::joint_posts, hi::Leadership::separate,
                        hi::Governance::separate_boards, hi::LegalBasis::section_75, ""}) ==
          "pooled budgets, joint staff posts, section 75");
    // From a place with a joint committee already, the smallest step is in budgets: aligned.
    const auto swindon_like = ha::long_list(hi::arrangements::closer_working());
    CHECK(swindon_like.options[1].arrangement.budgets == hi::Budgets::aligned);
    CHECK(swindon_like.options[1].integration_level == 2);
    // From aligned budgets and secondments under section 75, the first rung left is joint senior posts.
    const auto further = ha::long_list(torbay_like_current());
    CHECK(further.options[1].arrangement.leadership == hi::Leadership::joint_posts);
    CHECK(further.options[1].integration_level == 5);
    CHECK(contains(further.do_minimum_rule, "(joint senior posts)"));
    // An incoherent current arrangement is refused, naming why.
    const auto e = error_of([] {
        ha::long_list({"ours", hi::Budgets::pooled, hi::Staff::separate, hi::Leadership::separate,
                       hi::Governance::separate_boards, hi::LegalBasis::none, ""});
    });
    CHECK(contains(e, "DomainError: incoherent arrangement 'ours': pooled budgets need a legal basis"));
}

TEST_CASE("appraisal options: each factor drops exactly what its definition says") {
    using LB = hi::LegalBasis;
    for (const auto& current : {hi::Arrangement{}, torbay_like_current(), hi::arrangements::torbay()}) {
        const auto list = ha::long_list(current);
        const std::vector<std::string> keys{"no_new_legal_body", "reversible_within_two_years",
                                            "council_keeps_social_care_commissioning", "no_full_merger",
                                            "budgets at most pooled", "leadership >= joint_posts"};
        for (std::size_t k = 0; k < keys.size(); ++k) {
            const auto s = ha::shortlist(list, std::vector<std::string>{keys[k]});
            REQUIRE(s.rows.size() == list.options.size());
            for (const auto& row : s.rows) {
                const auto& o = list.options[row.option].arrangement;
                const bool new_body = (o.legal_basis == LB::care_trust || o.legal_basis == LB::public_service_trust) &&
                                      o.legal_basis != current.legal_basis;
                bool fail = false;
                switch (k) {
                    case 0: fail = new_body; break;
                    case 1:
                        fail = new_body || (o.staff == hi::Staff::merged && current.staff != hi::Staff::merged) ||
                               (o.budgets == hi::Budgets::single && current.budgets != hi::Budgets::single) ||
                               (o.leadership == hi::Leadership::single && current.leadership != hi::Leadership::single) ||
                               (o.governance == hi::Governance::single_body &&
                                current.governance != hi::Governance::single_body);
                        break;
                    case 2: fail = o.legal_basis == LB::care_trust && current.legal_basis != LB::care_trust; break;
                    case 3: fail = o.legal_basis == LB::public_service_trust; break;
                    case 4: fail = o.budgets > hi::Budgets::pooled; break;
                    case 5: fail = o.leadership < hi::Leadership::joint_posts; break;
                }
                CHECK_MESSAGE(!row.fails.empty() == fail, keys[k] << " on " << o.description);
                const bool comparator = list.options[row.option].kind != ha::OptionKind::option;
                CHECK(row.kept == (!fail || comparator));
                CHECK(row.dropped_by == (row.kept ? -1 : 0));
                if (fail) CHECK(!row.reason.empty());
            }
        }
    }
    // From a care trust, reversibility and "no new body" differ: merging staff into the trust needs no new body.
    const auto torbay = ha::long_list(hi::arrangements::torbay());
    bool differ = false;
    for (const auto& o : torbay.options)
        differ |= ha::fails(ha::critical_success_factor("no_new_legal_body"), o.arrangement, torbay.current).empty() &&
                  !ha::fails(ha::critical_success_factor("reversible_within_two_years"), o.arrangement,
                             torbay.current).empty();
    CHECK(differ);
}

TEST_CASE("appraisal options: the first factor in the user's order drops an option, every failure is listed") {
    const auto list = ha::long_list();
    const auto a = ha::shortlist(list, std::vector<std::string>{"no_full_merger", "no_new_legal_body"});
    const auto b = ha::shortlist(list, std::vector<std::string>{"no_new_legal_body", "no_full_merger"});
    const auto& last = list.options.back();  // the public service trust fails both
    REQUIRE(last.preset == "public_service_trust");
    CHECK(a.rows.back().dropped_by == 0);
    CHECK(b.rows.back().dropped_by == 0);
    CHECK(a.rows.back().fails == std::vector<int>{0, 1});
    CHECK(a.rows.back().reason == "is a full merger (a public service trust)");
    CHECK(b.rows.back().reason == "creates a public service trust");
    // A comparator failing a factor is kept, and says why.
    const auto c = ha::shortlist(list, std::vector<std::string>{"governance at most separate_boards"});
    CHECK(c.rows[1].kept);
    CHECK(c.rows[1].fails == std::vector<int>{0});
    CHECK(contains(c.rows[1].reason, "kept: do minimum is a comparator"));
    const auto kept = ha::short_list(c);
    CHECK(kept.size() >= 2);
    for (const auto& o : kept)
        CHECK((o.kind != ha::OptionKind::option || o.arrangement.governance == hi::Governance::separate_boards));
    // Errors name the factor and list what is known.
    CHECK(contains(error_of([] { ha::critical_success_factor("cheap"); }),
                   "DomainError: critical success factor 'cheap' is not known; built-in factors: no_new_legal_body, "
                   "reversible_within_two_years, council_keeps_social_care_commissioning, no_full_merger; or a limit"));
    CHECK(contains(error_of([] { ha::critical_success_factor("budgets at most lots"); }),
                   "'lots' is not a budgets value; values: separate, aligned, pooled, single"));
    CHECK(contains(error_of([] { ha::critical_success_factor("money at most pooled"); }),
                   "'money' is not a dimension"));
    CHECK(contains(error_of([&] { ha::shortlist(list, std::vector<std::string>{"no_full_merger", "no full merger"}); }),
                   "'no_full_merger' is given twice"));
    CHECK(ha::critical_success_factor("Legal basis <= Section 75").key == "legal_basis at most section_75");
    ha::CriticalSuccessFactor odd{"odd", "", true, ha::ArrangementDimension::staff, true, 7};
    CHECK(contains(error_of([&] { ha::shortlist(list, std::vector<ha::CriticalSuccessFactor>{odd}); }),
                   "DomainError: critical success factor 'odd': a limit needs a dimension 0-4 and a rank 0-3"));
}

TEST_CASE("appraisal options: optimism bias meets the Green Book's Table 2 and worked examples") {
    using PT = ha::ProjectType;
    const auto& t = ha::optimism_bias_table();
    REQUIRE(t.size() == 6);
    // Table 2, per cent: {duration U, duration L, capital U, capital L}.
    const double want[5][4] = {{4, 1, 24, 2}, {39, 2, 51, 4}, {20, 1, 44, 3}, {25, 3, 66, 6}, {54, 10, 200, 10}};
    for (int i = 0; i < 5; ++i) {
        close(t[i].upper.duration, want[i][0] / 100, 1e-15);
        close(t[i].lower.duration, want[i][1] / 100, 1e-15);
        close(t[i].upper.capital, want[i][2] / 100, 1e-15);
        close(t[i].lower.capital, want[i][3] / 100, 1e-15);
        CHECK(std::isnan(t[i].upper.operating));
    }
    close(t[5].upper.operating, 0.41, 1e-15);
    close(t[5].lower.operating, 0.0, 1e-15);
    CHECK(std::isnan(t[5].upper.capital));
    // Worked example: a combined building, 30% non-standard and 70% standard.
    const auto ob = ha::optimism_bias({{PT::non_standard_buildings, 0.3}, {PT::standard_buildings, 0.7}});
    close(ob.capital, 0.321, 1e-12);
    close(ob.duration, 0.145, 1e-12);
    close(ob.operating, 0.0, 0.0);
    // Worked example: a 92% reduction of non-standard buildings' 51% upper bound leaves 4% (4.08%).
    const auto mitigated = ha::optimism_bias({{PT::non_standard_buildings, 1.0}}, ha::Mitigation{0.92, 0, 0});
    close(mitigated.capital, 0.0408, 1e-12);
    close(mitigated.duration, 0.39, 1e-12);
    close(ha::optimism_bias({{PT::non_standard_buildings, 1.0}}, 0.92).duration, 0.08 * 0.39, 1e-12);
    // Outsourcing carries operating expenditure only; the capital of a mixed project comes from its other parts.
    const auto mixed = ha::optimism_bias({{PT::standard_buildings, 0.6}, {PT::outsourcing, 0.4}});
    close(mixed.capital, 0.24, 1e-12);
    close(mixed.duration, 0.04, 1e-12);
    close(mixed.operating, 0.41, 1e-12);
    const auto bounds = ha::optimism_bias_bounds({{PT::non_standard_buildings, 0.3}, {PT::standard_buildings, 0.7}});
    close(bounds.lower.capital, 0.3 * 0.04 + 0.7 * 0.02, 1e-12);
    CHECK(ha::parse_project_type("Non-standard buildings") == PT::non_standard_buildings);
    CHECK(ha::parse_project_type("equipment/development") == PT::equipment_development);
    // Errors.
    CHECK(contains(error_of([] { ha::optimism_bias({{PT::standard_buildings, 0.5}}); }),
                   "DomainError: optimism_bias: the project's shares must sum to 1, got 0.5"));
    CHECK(contains(error_of([] { ha::optimism_bias({{PT::standard_buildings, 1}}, 1.5); }),
                   "mitigation must be in [0, 1], got 1.5"));
    CHECK(contains(error_of([] { ha::optimism_bias({{PT::standard_buildings, 1}}, std::nan("")); }),
                   "mitigation must be in [0, 1]"));
    CHECK(contains(error_of([] { ha::optimism_bias({}); }), "at least one project type"));
    CHECK(contains(error_of([] {
                       ha::optimism_bias({{PT::standard_buildings, 0.5}, {PT::standard_buildings, 0.5}});
                   }),
                   "standard_buildings is given twice"));
    CHECK(contains(error_of([] { ha::parse_project_type("bridges"); }),
                   "project type 'bridges' is not in the Green Book's Table 2; types: standard_buildings"));
}

TEST_CASE("appraisal options: applying optimism bias scales costs exactly and delays benefits") {
    using hp::finance::Uncertain;
    using FK = hp::finance::FlowKind;
    const double k = 1.321;
    for (const auto& u : {Uncertain::fixed(100), Uncertain::normal(100, 20), Uncertain::lognormal(100, 30),
                          Uncertain::gamma(100, 40), Uncertain::uniform(50, 150), Uncertain::triangular(50, 80, 200)}) {
        const auto s = ha::scale(u, k, "x");
        CHECK(s.kind == u.kind);
        close(hp::finance::mean(s), k * hp::finance::mean(u), 1e-12 * k * hp::finance::mean(u));
        close(hp::finance::sd(s), k * hp::finance::sd(u), 1e-9);
        for (double p : {0.1, 0.5, 0.9}) {
            const double want = k * hp::finance::quantile(u, p);
            close(hp::finance::quantile(s, p), want, 1e-9 * want);
        }
    }
    CHECK(contains(error_of([] { ha::scale(Uncertain::beta(0.1, 0.05), 1.2, "flow 'effect' (running_cost)"); }),
                   "DomainError: flow 'effect' (running_cost): a beta amount is a fraction in (0, 1), which an uplift "
                   "cannot scale"));
    CHECK(ha::scale(Uncertain::beta(0.1, 0.05), 1.0, "x").a == 0.1);  // no uplift: left as it is

    const std::vector<hp::finance::Flow> flows{
        {"restructuring", FK::one_off_cost, Uncertain::normal(1000, 100), 0, -1, 2, 0},
        {"joint team", FK::running_cost, Uncertain::fixed(50), 1, -1, 1, 0},
        {"posts", FK::saving, Uncertain::fixed(300), 2, -1, 1, 0},
        {"falls", FK::prevention, Uncertain::beta(0.05, 0.01), 3, 4, 1, 1000},
    };
    const ha::OptimismBias bias{0.321, 0.41, 0.5};
    auto out = ha::apply_optimism_bias(flows, bias, 3, 10);  // delay = round(0.5 × 3) = round(1.5) = 2
    close(out[0].amount.a, 1321, 1e-9);
    close(out[0].amount.b, 132.1, 1e-9);
    CHECK(out[0].start == 0);
    CHECK(out[0].years == 2);
    close(out[1].amount.a, 70.5, 1e-12);
    CHECK(out[1].start == 1);
    CHECK(out[2].start == 4);
    CHECK(out[2].end == -1);
    CHECK(out[2].amount.a == 300);
    // Prevention from year 3 to 4, delayed 2 years: it never arrives, so it is kept with nothing in it.
    CHECK(out[3].kind == FK::prevention);
    CHECK(out[3].amount.kind == hp::finance::UncertainKind::fixed);
    CHECK(out[3].amount.a == 0);
    CHECK(out[3].start == 4);
    // The NPV with and without: the costs and benefits by hand at a 0% rate over years 0..10.
    const auto before = hp::finance::business_case(flows, 10, {0.0, false}, {0, 0, 1, 256, 0.1, 0.9});
    const auto after = hp::finance::business_case(out, 10, {0.0, false}, {0, 0, 1, 256, 0.1, 0.9});
    close(before.npv, -1000 - 50 * 10 + 300 * 9 + 0.05 * 1000 * 2, 1e-6);
    close(after.npv, -1321 - 70.5 * 10 + 300 * 7, 1e-6);
    // Delays round halves away from zero; a duration of 0 moves nothing.
    CHECK(ha::apply_optimism_bias(flows, {0, 0, 0.25}, 2, 10)[2].start == 3);    // 0.5 -> 1
    CHECK(ha::apply_optimism_bias(flows, {0, 0, 0.145}, 3, 10)[2].start == 2);   // 0.435 -> 0
    CHECK(ha::apply_optimism_bias(flows, {0, 0, 1e300}, 10, 10)[2].start == 10); // far past the horizon
    CHECK(contains(error_of([&] { ha::apply_optimism_bias(flows, {0.1, 0.2, 0}, 1, 10); }),
                   "flow 'falls' (prevention)") == false);  // a beta effect is a benefit: never scaled
    CHECK(contains(error_of([&] { ha::apply_optimism_bias(flows, {-0.1, 0, 0}, 1, 10); }),
                   "DomainError: apply_optimism_bias: the capital uplift must be finite and >= 0, got -0.1"));
    CHECK(contains(error_of([&] { ha::apply_optimism_bias(flows, {0, 0, 0}, -1, 10); }), "works_years must be in"));
    CHECK(contains(error_of([&] { ha::apply_optimism_bias(flows, {0, 0, 0}, 1, 0); }), "horizon must be in"));
}
