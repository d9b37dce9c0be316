// The economic appraisal of several options: the NPSV at the means and optimism bias against a hand calculation,
// a PSA with fixed inputs equal to the deterministic case, common random numbers (two options sharing an input
// differ draw by draw by exactly the part they do not share), a single option against finance::business_case
// (same flows, seed and blocks: the same draws), EVPI against the normal closed form σφ(μ/σ) − |μ|Φ(−|μ|/σ)
// within 4 Monte Carlo standard errors, switching values against a brute-force scan, thread invariance, and the
// messages for bad input.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "error_of.hpp"
#include "healthyplaces/appraisal/economic.hpp"
#include "healthyplaces/appraisal/normal.hpp"
#include "healthyplaces/base/error.hpp"
#include "healthyplaces/finance/business_case.hpp"

namespace {
namespace ha = hp::appraisal;
namespace hf = hp::finance;
using hf::FlowKind;
using hf::Uncertain;
using hp::testing::contains;
using hp::testing::error_of;

hf::Flow economic_flow(std::string name, FlowKind kind, Uncertain amount, int start, int end = -1, int years = 1,
                       double baseline = 0) {
    return {std::move(name), kind, amount, start, end, years, baseline};
}
}  // namespace

TEST_CASE("appraisal economic: NPSV at the means and optimism bias by hand") {
    // Option "merge": 300 one-off over years 0-1 (capital +20%), running 50 a year in 1-3 (operating +10%),
    // saving 200 a year in 1-3 and prevention 5% of 1,000 in 2-3, delayed by round(0.5 × 2 works years) = 1.
    ha::Option bau{"bau", {economic_flow("admin", FlowKind::running_cost, Uncertain::fixed(20), 1)}, {}, {}};
    ha::Option merge{"merge",
                     {economic_flow("restructuring", FlowKind::one_off_cost, Uncertain::fixed(300), 0, -1, 2),
                      economic_flow("team", FlowKind::running_cost, Uncertain::fixed(50), 1),
                      economic_flow("posts", FlowKind::saving, Uncertain::fixed(200), 1),
                      economic_flow("falls", FlowKind::prevention, Uncertain::fixed(0.05), 2, -1, 1, 1000)},
                     {0.2, 0.1, 0.5},
                     {}};
    ha::EconomicOptions s;
    s.horizon = 3;
    s.n_sims = 0;
    const auto a = ha::appraise({bau, merge}, s);
    const double d1 = 1 / 1.035, d2 = d1 * d1, d3 = d2 * d1;
    const double pv_costs = 360.0 / 2 * (1 + d1) + 55 * (d1 + d2 + d3);
    const double pv_benefits = 200 * (d2 + d3) + 50 * d3;
    const double bau_costs = 20 * (d1 + d2 + d3);
    const auto& m = a.options[1];
    CHECK(m.works_years == 2);
    CHECK(m.benefit_delay == 1);
    CHECK(m.pv_costs == doctest::Approx(pv_costs).epsilon(1e-12));
    CHECK(m.pv_benefits == doctest::Approx(pv_benefits).epsilon(1e-12));
    CHECK(m.npsv == doctest::Approx(pv_benefits - pv_costs).epsilon(1e-12));
    CHECK(m.bcr == doctest::Approx(pv_benefits / pv_costs).epsilon(1e-12));
    CHECK(m.incremental_npsv == doctest::Approx(pv_benefits - pv_costs + bau_costs).epsilon(1e-12));
    CHECK(m.incremental_bcr == doctest::Approx(pv_benefits / (pv_costs - bau_costs)).epsilon(1e-12));
    CHECK(std::isnan(a.options[0].bcr) == false);  // BAU has costs: its BCR is 0 / PV costs = 0
    CHECK(a.options[0].bcr == 0);
    CHECK(std::isnan(a.options[0].incremental_bcr));
    CHECK(m.costs[0] == doctest::Approx(180));
    CHECK(m.benefits[1] == 0);  // the saving's first year is lost to the delay
    CHECK(m.benefits[3] == doctest::Approx(250));
    CHECK(a.preferred == (pv_benefits - pv_costs > -bau_costs ? 1 : 0));
    CHECK(std::isnan(a.evpi));
    CHECK(std::isnan(m.p_best));
}

TEST_CASE("appraisal economic: fixed inputs give the deterministic value in every draw") {
    ha::Option a{"a", {economic_flow("c", FlowKind::one_off_cost, Uncertain::fixed(100), 0),
                       economic_flow("s", FlowKind::saving, Uncertain::fixed(40), 1)}, {0.3, 0, 0}, {}};
    ha::Option b{"b", {economic_flow("s2", FlowKind::saving, Uncertain::fixed(10), 1)}, {}, {}};
    ha::EconomicOptions s;
    s.horizon = 5;
    s.n_sims = 50;
    const auto r = ha::appraise({a, b}, s);
    for (std::size_t k = 0; k < 2; ++k) {
        const auto& o = r.options[k];
        CHECK(o.mean_npsv == doctest::Approx(o.npsv).epsilon(1e-12));
        CHECK(o.sd_npsv == doctest::Approx(0).scale(1e-9 * std::fabs(o.npsv)));
        for (double q : o.quantiles) CHECK(q == doctest::Approx(o.npsv).epsilon(1e-12));
    }
    const int best = r.options[0].npsv > r.options[1].npsv ? 0 : 1;
    CHECK(r.options[static_cast<std::size_t>(best)].p_best == 1);
    CHECK(r.evpi == doctest::Approx(0).scale(1e-9));
}

TEST_CASE("appraisal economic: common random numbers share an input draw by draw") {
    // Both options save "posts" (the same quantity); "b" adds prevention with its own effect. Their NPSVs differ
    // by exactly the prevention's PV in every draw, and "posts" is drawn once.
    const Uncertain posts = Uncertain::normal(100, 30);
    ha::Option a{"a", {economic_flow("posts", FlowKind::saving, posts, 1)}, {}, {}};
    ha::Option b{"b", {economic_flow("posts", FlowKind::saving, posts, 1),
                       economic_flow("effect", FlowKind::prevention, Uncertain::beta(0.1, 0.05), 2, -1, 1, 500)},
                 {}, {}};
    ha::EconomicOptions s;
    s.horizon = 4;
    s.n_sims = 400;
    s.seed = 3;
    const auto r = ha::appraise({a, b}, s);
    REQUIRE(r.inputs.size() == 2);
    CHECK(r.inputs[0].options == std::vector<std::string>{"a", "b"});
    const double d = 1 / 1.035, pv = 500 * (d * d + d * d * d + d * d * d * d);
    double worst = 0;
    for (std::size_t j = 0; j < 400; ++j) {
        const double diff = r.net_benefit[j * 2 + 1] - r.net_benefit[j * 2];
        worst = std::max(worst, std::fabs(diff - pv * r.input_draws[j * 2 + 1]));
    }
    CHECK(worst < 1e-9);
    CHECK(r.options[1].sd_incremental < r.options[1].sd_npsv);  // shared noise cancels
}

TEST_CASE("appraisal economic: one option matches finance business_case") {
    const std::vector<hf::Flow> flows{
        economic_flow("restructuring", FlowKind::one_off_cost, Uncertain::triangular(300, 400, 600), 0, -1, 2),
        economic_flow("team", FlowKind::running_cost, Uncertain::gamma(60, 15), 1),
        economic_flow("posts", FlowKind::saving, Uncertain::normal(120, 20), 1, 6),
        economic_flow("falls", FlowKind::prevention, Uncertain::beta(0.03, 0.015), 3, -1, 1, 2000)};
    hf::DiscountOptions dis;
    dis.declining = true;
    hf::PsaOptions psa;
    psa.n_sims = 300;
    psa.seed = 11;
    psa.block_size = 64;
    const auto bc = hf::business_case(flows, 40, dis, psa);
    ha::EconomicOptions s;
    s.horizon = 40;
    s.discounting = dis;
    s.n_sims = 300;
    s.seed = 11;
    s.block_size = 64;
    const auto r = ha::appraise({{"integrate", flows, {}, {}}}, s);
    CHECK(r.discount_factor == bc.discount_factor);
    CHECK(r.options[0].npsv == doctest::Approx(bc.npv).epsilon(1e-12));
    double worst = 0;
    for (std::size_t j = 0; j < 300; ++j)
        worst = std::max(worst, std::fabs(r.net_benefit[j] - bc.npv_draws[j]) / (1 + std::fabs(bc.npv_draws[j])));
    CHECK(worst < 1e-12);
    CHECK(r.options[0].mean_npsv == doctest::Approx(bc.mean_npv).epsilon(1e-12));
}

TEST_CASE("appraisal economic: EVPI against the normal closed form") {
    // NPSV_a = D(1)·X, NPSV_b = D(1)·Y with X ~ N(100, 60²), Y ~ N(80, 50²): the incremental net benefit is
    // normal, N(20·D, D²(60² + 50²)), and EVPI = normal_evpi of it.
    ha::Option a{"a", {economic_flow("x", FlowKind::saving, Uncertain::normal(100, 60), 1, 1)}, {}, {}};
    ha::Option b{"b", {economic_flow("y", FlowKind::saving, Uncertain::normal(80, 50), 1, 1)}, {}, {}};
    ha::EconomicOptions s;
    s.horizon = 1;
    s.n_sims = 20000;
    s.seed = 5;
    const auto r = ha::appraise({a, b}, s);
    const double d = 1 / 1.035;
    const double expected = ha::normal_evpi(20 * d, d * std::sqrt(60.0 * 60 + 50 * 50));
    CHECK(std::fabs(r.evpi - expected) < 4 * r.se_evpi);
    CHECK(r.se_evpi < 0.03 * expected);  // the check has teeth
    CHECK(r.preferred == 0);
    // P(a best) = Φ(μ/σ) for the normal increment.
    const double p = 0.5 * std::erfc(-(20.0 / std::sqrt(6100.0)) / std::sqrt(2.0));
    CHECK(std::fabs(r.options[0].p_best - p) < 4 * std::sqrt(p * (1 - p) / 20000));
}

TEST_CASE("appraisal economic: switching values against a brute-force scan") {
    const Uncertain cost = Uncertain::uniform(100, 900), save = Uncertain::normal(120, 40);
    auto options_with = [&](Uncertain c, Uncertain sv) {
        return std::vector<ha::Option>{
            {"bau", {}, {}, {}},
            {"pool", {economic_flow("cost", FlowKind::one_off_cost, c, 0),
                      economic_flow("save", FlowKind::saving, sv, 1)}, {0.1, 0, 0}, {}},
            {"merge", {economic_flow("cost", FlowKind::one_off_cost, c, 0),
                       economic_flow("big", FlowKind::one_off_cost, Uncertain::fixed(300), 0),
                       economic_flow("save", FlowKind::saving, sv, 1),
                       economic_flow("save", FlowKind::saving, sv, 2)}, {}, {}}};
    };
    ha::EconomicOptions s;
    s.horizon = 5;
    s.n_sims = 0;
    const auto r = ha::appraise(options_with(cost, save), s);
    for (std::size_t i = 0; i < 2; ++i) {
        const auto& sv = r.switching[i];
        // Move the input from its mean in steps of 1/1000 of its range each way; the first step whose
        // preferred option differs brackets the switch.
        std::string found_option;
        double lo_x = 0, hi_x = 0;
        double best_dist = 1e300;
        for (int dir : {-1, 1}) {
            const double step = (sv.high - sv.low) / 1000;
            double prev = sv.mean;
            for (int k = 1; k <= 1000; ++k) {
                const double x = sv.mean + dir * k * step;
                if (x < sv.low || x > sv.high) break;
                const auto at = ha::appraise(options_with(i == 0 ? Uncertain::fixed(x) : cost,
                                                          i == 1 ? Uncertain::fixed(x) : save), s);
                if (at.preferred != r.preferred) {
                    if (std::fabs(x - sv.mean) < best_dist) {
                        best_dist = std::fabs(x - sv.mean);
                        found_option = at.options[static_cast<std::size_t>(at.preferred)].name;
                        lo_x = std::min(prev, x);
                        hi_x = std::max(prev, x);
                    }
                    break;
                }
                prev = x;
            }
        }
        INFO("input " << sv.input);
        REQUIRE(sv.found == !found_option.empty());
        if (sv.found) {
            CHECK(sv.value >= lo_x);
            CHECK(sv.value <= hi_x);
            CHECK(sv.takes_over == found_option);
        }
    }
    CHECK(r.switching[0].found);  // the check has teeth: the cost's range holds a switch
}

TEST_CASE("appraisal economic: the same numbers for 1 and 2 threads") {
    ha::Option a{"a", {economic_flow("x", FlowKind::saving, Uncertain::lognormal(100, 60), 1)}, {}, {}};
    ha::Option b{"b", {economic_flow("x", FlowKind::saving, Uncertain::lognormal(100, 60), 2),
                       economic_flow("y", FlowKind::one_off_cost, Uncertain::gamma(50, 20), 0)},
                 {}, ha::NonMonetisedBenefit{"people", Uncertain::normal(30, 10)}};
    ha::EconomicOptions s;
    s.horizon = 6;
    s.n_sims = 3000;
    s.block_size = 64;
    s.threads = 1;
    const auto one = ha::appraise({a, b}, s);
    s.threads = 2;
    const auto two = ha::appraise({a, b}, s);
    CHECK(one.net_benefit == two.net_benefit);
    CHECK(one.input_draws == two.input_draws);
    CHECK(one.evpi == two.evpi);
    CHECK(one.acceptability.p_best == two.acceptability.p_best);
    CHECK(one.acceptability.wtp.size() == 21);
    CHECK(ha::net_benefit_at(one, 2.0)[1] == one.net_benefit[1] + 2.0 * one.non_monetised[1]);
}

TEST_CASE("appraisal economic: slices of whole blocks joined and finished equal appraise") {
    // 1,000 simulations in blocks of 64: 16 blocks, the last one of 40. Sliced 5 + 6 + 5 blocks, made with
    // different thread counts, joined and finished: every draw and every statistic equals the one call's.
    ha::Option a{"a", {economic_flow("x", FlowKind::saving, Uncertain::lognormal(100, 60), 1)}, {}, {}};
    ha::Option b{"b", {economic_flow("x", FlowKind::saving, Uncertain::lognormal(100, 60), 2),
                       economic_flow("y", FlowKind::one_off_cost, Uncertain::gamma(50, 20), 0)},
                 {}, ha::NonMonetisedBenefit{"people", Uncertain::normal(30, 10)}};
    const std::vector<ha::Option> options{a, b};
    ha::EconomicOptions s;
    s.horizon = 6;
    s.n_sims = 1000;
    s.block_size = 64;
    s.threads = 1;
    const auto whole = ha::appraise(options, s);
    const auto p0 = ha::appraise_draws(options, s, 0, 5);
    s.threads = 2;
    const auto p1 = ha::appraise_draws(options, s, 5, 6);
    const auto p2 = ha::appraise_draws(options, s, 11, 5);
    CHECK(p0.n_sims == 320);
    CHECK(p1.n_sims == 384);
    CHECK(p2.n_sims == 296);  // 4 full blocks and the last one of 40
    CHECK(p1.first_block == 5);
    // Simulation 320 (block 5's first) is the slice's first row: its stream does not depend on the slice.
    CHECK(p1.input_draws[0] == whole.input_draws[320 * whole.inputs.size()]);
    const auto joined = ha::concatenate_draws({&p0, &p1, &p2});
    const auto sliced = ha::appraise_from_draws(options, s, joined);
    CHECK(sliced.input_draws == whole.input_draws);
    CHECK(sliced.net_benefit == whole.net_benefit);
    CHECK(sliced.non_monetised == whole.non_monetised);
    for (std::size_t k = 0; k < 2; ++k) {
        CHECK(sliced.options[k].mean_npsv == whole.options[k].mean_npsv);
        CHECK(sliced.options[k].sd_npsv == whole.options[k].sd_npsv);
        CHECK(sliced.options[k].quantiles == whole.options[k].quantiles);
        CHECK(sliced.options[k].p_best == whole.options[k].p_best);
        CHECK(sliced.options[k].sd_incremental == whole.options[k].sd_incremental);
    }
    CHECK(sliced.evpi == whole.evpi);
    CHECK(sliced.se_evpi == whole.se_evpi);
    CHECK(sliced.acceptability.p_best == whole.acceptability.p_best);
    CHECK(sliced.acceptability.evpi == whole.acceptability.evpi);
    CHECK(sliced.switching.size() == whole.switching.size());
    // The statistics are the draws': the mean NPSV is their plain average.
    double sum = 0;
    for (std::size_t j = 0; j < 1000; ++j) sum += joined.net_benefit[j * 2 + 1];
    CHECK(sliced.options[1].mean_npsv == doctest::Approx(sum / 1000).epsilon(1e-14));

    CHECK(contains(error_of([&] { ha::appraise_draws(options, s, 15, 2); }), "not within the run's 16 blocks"));
    CHECK(contains(error_of([&] { ha::appraise_from_draws(options, s, ha::concatenate_draws({&p0, &p1})); }),
                   "the draws to finish must be the whole run's (1,000 simulations"));
    CHECK(contains(error_of([&] { ha::appraise_from_draws(options, s, ha::concatenate_draws({&p1, &p2, &p0})); }),
                   "from block 0), got 1,000 simulations of 2 options and 3 inputs from block 5"));
    const auto other = ha::appraise_draws({a}, s, 0, 1);
    CHECK(contains(error_of([&] { ha::concatenate_draws({&p0, &other}); }), "the slices must be of one run"));
}

TEST_CASE("appraisal economic: messages for bad input") {
    ha::EconomicOptions s;
    s.n_sims = 0;
    ha::Option a{"a", {economic_flow("x", FlowKind::saving, Uncertain::normal(100, 60), 1)}, {}, {}};
    ha::Option b{"b", {economic_flow("x", FlowKind::saving, Uncertain::normal(100, 70), 1)}, {}, {}};
    CHECK(error_of([&] { ha::appraise({}, s); }) ==
          "DomainError: appraise: options must hold at least one option (business as usual)");
    CHECK(error_of([&] { ha::appraise({a, a}, s); }) ==
          "DomainError: appraise: option names must be distinct: \"a\" is options 0 and 1");
    const auto msg = error_of([&] { ha::appraise({a, b}, s); });
    CHECK(contains(msg, "DomainError: appraise: input \"x\" is normal"));
    CHECK(contains(msg, "in option \"a\" but"));
    CHECK(contains(msg, "in option \"b\""));
    s.business_as_usual = "status quo";
    CHECK(error_of([&] { ha::appraise({a}, s); }) ==
          "DomainError: appraise: business_as_usual \"status quo\" is not an option; the options are \"a\"");
    s.business_as_usual.clear();
    ha::Option bad = a;
    bad.optimism_bias.capital = -0.1;
    CHECK(contains(error_of([&] { ha::appraise({bad}, s); }), "option \"a\" optimism bias capital must be"));
    bad = a;
    bad.flows[0].start = 12;
    CHECK(contains(error_of([&] { ha::appraise({bad}, s); }),
                   "DataError: appraise: option \"a\" flow 0 (\"x\") start year must be in 0..10"));
    s.n_sims = 100'000'000;
    CHECK(error_of([&] { ha::appraise({a}, s); }) ==
          "DomainError: appraise: n_sims must be at most 83,333,333 for 1 options and 1 inputs (the draws kept, "
          "n_sims × (2 × options + inputs), are limited to 250,000,000 values), got 100,000,000");
    s.n_sims = 0;
    s.ranges = {{"x", 200, 300}};
    CHECK(contains(error_of([&] { ha::appraise({a}, s); }), "the range of input \"x\" must be finite and hold its mean"));
    s.ranges = {{"nope", 0, 1}};
    CHECK(contains(error_of([&] { ha::appraise({a}, s); }), "names input \"nope\", which no option uses"));
}

TEST_CASE("appraisal economic: fast gamma and beta inversion equals finance quantile") {
    // Large runs invert gamma and beta uniforms from a table polished by Newton steps: the same values as
    // finance::quantile to a few ulps, from the most extreme uniform a draw can give, (0 + ½)·2⁻⁵³, to its mirror.
    std::vector<double> p{0.5 * 0x1.0p-53, 1e-12, 1e-6, 0.001, 0.5, 0.999, 1 - 1e-9, 1 - 0.5 * 0x1.0p-53};
    for (int i = 1; i < 60; ++i) p.push_back(i / 60.0 - 0.0071);
    for (const Uncertain& u : {Uncertain::gamma(2, 3), Uncertain::beta(0.03, 0.015)}) {
        const auto fast = ha::economic_detail::fast_quantiles(u, p);
        double worst = 0;
        for (std::size_t i = 0; i < p.size(); ++i)
            worst = std::max(worst, std::fabs(fast[i] - hf::quantile(u, p[i])) / std::fabs(hf::quantile(u, p[i])));
        INFO(hf::to_string(u));
        CHECK(worst < 1e-13);
    }
}
