// The integration business case: Green Book discount factors from their definition, the NPV of a level stream
// against the closed-form annuity PV = C(1 − (1 + r)^−n)/r, a hand-computed case with its break-even year, the
// PSA's mean and sd against the linear model's closed forms, EVPI against E[max(X, 0)] = μΦ(μ/σ) + σφ(μ/σ) for a
// normal NPV, a two-input tornado by hand, the uncertain inputs' moments and quantiles against their
// parameters, seed and thread invariance, and the messages for bad input. Monte Carlo checks are within 4
// standard errors (a false alarm about 1 in 16,000 per check).
#include <doctest/doctest.h>

#include "checks.hpp"

#include <cmath>
#include <numbers>
#include <string>
#include <vector>

#include "error_of.hpp"
#include "healthyplaces/base/error.hpp"
#include "healthyplaces/finance/business_case.hpp"
#include "healthyplaces/finance/uncertain.hpp"

namespace hf = hp::finance;
using hf::Uncertain;
using hp::testing::error_of;

namespace {
using hp::testing::close;

hf::Flow flow(std::string name, hf::FlowKind kind, Uncertain amount, int start, int end = -1, int years = 1,
              double baseline = 0) {
    return {std::move(name), kind, amount, start, end, years, baseline};
}

hf::PsaOptions no_psa() {
    hf::PsaOptions p;
    p.n_sims = 0;
    return p;
}

double phi(double z) { return std::exp(-z * z / 2) / std::sqrt(2 * std::numbers::pi); }
double Phi(double z) { return 0.5 * std::erfc(-z / std::numbers::sqrt2); }
}  // namespace

TEST_CASE("finance business case: discount factors, constant and the Green Book declining schedule") {
    const auto d = hf::discount_factors(3);
    REQUIRE(d.size() == 4);
    for (int t = 0; t <= 3; ++t) close(d[static_cast<std::size_t>(t)], std::pow(1.035, -t), 1e-15);
    hf::DiscountOptions g;
    g.declining = true;
    const auto dg = hf::discount_factors(80, g);
    // Green Book: 3.5% for years 1-30, 3.0% for 31-75, 2.5% for 76-125.
    close(dg[30], std::pow(1.035, -30), 1e-14);
    close(dg[31], std::pow(1.035, -30) / 1.03, 1e-14);
    close(dg[75], std::pow(1.035, -30) * std::pow(1.03, -45), 1e-14);
    close(dg[80], std::pow(1.035, -30) * std::pow(1.03, -45) * std::pow(1.025, -5), 1e-14);
}

TEST_CASE("finance business case: a level stream's NPV is the annuity formula") {
    // C a year at the end of years 1..n: PV = C (1 − (1 + r)^−n) / r.
    for (double r : {0.035, 0.06}) {
        hf::DiscountOptions d;
        d.rate = r;
        const auto bc = hf::business_case({flow("posts", hf::FlowKind::saving, Uncertain::fixed(1000), 1)}, 10, d, no_psa());
        close(bc.npv, 1000 * (1 - std::pow(1 + r, -10)) / r, 1e-9);
        CHECK(bc.break_even_year == 0);  // nothing to recover: the cumulative is never negative
    }
}

TEST_CASE("finance business case: hand-computed case, break-even year, prevention") {
    // One-off 1000 spread over years 0-1 (500 each), a saving of 400 in years 1-3, 10%:
    // net −500, −100, 400, 400; discounted −500, −90.909091, 330.578512, 300.525920;
    // cumulative −500, −590.909091, −260.330579, 40.195342: breaks even in year 3.
    hf::DiscountOptions d;
    d.rate = 0.10;
    const auto bc = hf::business_case({flow("restructuring", hf::FlowKind::one_off_cost, Uncertain::fixed(1000), 0, -1, 2),
                                       flow("posts", hf::FlowKind::saving, Uncertain::fixed(400), 1, 3)},
                                      3, d, no_psa());
    close(bc.npv, -500 - 100 / 1.1 + 400 / 1.21 + 400 / 1.331, 1e-9);
    close(bc.npv, 40.195342, 1e-6);
    CHECK(bc.break_even_year == 3);
    close(bc.cumulative[2], -260.330579, 1e-6);
    close(bc.costs[0], 500, 1e-12);
    close(bc.costs[1], 500, 1e-12);
    close(bc.savings[1], 400, 1e-12);
    close(bc.net[1], -100, 1e-12);
    // Prevention: 5% of a 10,000 baseline in years 2-3, no discounting: 1000. With a running cost of 600 a year
    // in years 1-3, net 0, −600, −100, −100: NPV −800 and no break-even (−1), though year 0's cumulative is 0.
    d.rate = 0;
    const auto p = hf::business_case({flow("falls", hf::FlowKind::prevention, Uncertain::fixed(0.05), 2, 3, 1, 10000)}, 3,
                                     d, no_psa());
    close(p.npv, 1000, 1e-9);
    const auto q = hf::business_case({flow("falls", hf::FlowKind::prevention, Uncertain::fixed(0.05), 2, 3, 1, 10000),
                                      flow("team", hf::FlowKind::running_cost, Uncertain::fixed(600), 1, 3)},
                                     3, d, no_psa());
    close(q.npv, -800, 1e-9);
    CHECK(q.break_even_year == -1);
    // Cumulative 0, −100, 50, 50: breaks even in year 2 (the year it turns non-negative for good).
    const auto dip = hf::business_case({flow("team", hf::FlowKind::running_cost, Uncertain::fixed(100), 1, 1),
                                        flow("posts", hf::FlowKind::saving, Uncertain::fixed(150), 2, 2)},
                                       3, d, no_psa());
    CHECK(dip.break_even_year == 2);
    const auto never = hf::business_case({flow("set-up", hf::FlowKind::one_off_cost, Uncertain::fixed(100), 0),
                                          flow("posts", hf::FlowKind::saving, Uncertain::fixed(30), 1)},
                                         3, d, no_psa());
    CHECK(never.break_even_year == -1);  // −100 + 3 × 30 = −10 by year 3
    close(never.npv, -10, 1e-12);
}

TEST_CASE("finance business case: PSA mean and sd match the linear model within Monte Carlo error") {
    // NPV = −R + S·A + 2e6·E·B (E[R] = (300k + 400k + 600k)/3) with A = Σ_{t=1..10} D(t), B = Σ_{t=3..10} D(t): mean at the means, and
    // var = A² sd_S² + (2e6 B)² sd_E² + sd_R² (independent inputs).
    hf::PsaOptions psa;
    psa.n_sims = 20000;
    psa.seed = 7;
    const auto bc = hf::business_case(
        {flow("restructuring", hf::FlowKind::one_off_cost, Uncertain::triangular(300000, 400000, 600000), 0),
         flow("posts", hf::FlowKind::saving, Uncertain::normal(120000, 20000), 1),
         flow("falls", hf::FlowKind::prevention, Uncertain::beta(0.03, 0.015), 3, -1, 1, 2e6)},
        10, {}, psa);
    double A = 0, B = 0;
    for (int t = 1; t <= 10; ++t) A += std::pow(1.035, -t);
    for (int t = 3; t <= 10; ++t) B += std::pow(1.035, -t);
    const double want = -1300000.0 / 3 + 120000 * A + 2e6 * 0.03 * B;
    close(bc.npv, want, 1e-6);
    close(bc.mean_npv, bc.npv, 4 * bc.se_mean_npv);
    const double sd_r = hf::sd(Uncertain::triangular(300000, 400000, 600000));
    const double sd = std::sqrt(A * A * 20000.0 * 20000.0 + (2e6 * B * 0.015) * (2e6 * B * 0.015) + sd_r * sd_r);
    close(bc.sd_npv, sd, 4 * sd / std::sqrt(2.0 * 20000));  // se of a sample sd ≈ σ/√(2n) (near-normal NPV)
}

TEST_CASE("finance business case: EVPI is 0 when the decision never changes and the normal closed form otherwise") {
    hf::PsaOptions psa;
    psa.n_sims = 4000;
    const auto always = hf::business_case({flow("posts", hf::FlowKind::saving, Uncertain::uniform(10, 20), 1),
                                           flow("set-up", hf::FlowKind::one_off_cost, Uncertain::fixed(5), 0)},
                                          3, {}, psa);
    CHECK(always.p_positive == 1.0);
    CHECK(always.evpi == 0.0);
    const auto never = hf::business_case({flow("posts", hf::FlowKind::saving, Uncertain::uniform(1, 2), 1),
                                          flow("set-up", hf::FlowKind::one_off_cost, Uncertain::fixed(100), 0)},
                                         3, {}, psa);
    CHECK(never.p_positive == 0.0);
    CHECK(never.evpi == 0.0);
    // NPV = X ~ N(μ, σ) (a year-0 saving): E[max(X, 0)] = μΦ(μ/σ) + σφ(μ/σ), EVPI = that − max(μ, 0).
    for (double mu : {1.0, -0.5}) {
        const double sigma = 2;
        psa.n_sims = 40000;
        psa.seed = 11;
        const auto bc = hf::business_case({flow("x", hf::FlowKind::saving, Uncertain::normal(mu, sigma), 0, 0)}, 1, {}, psa);
        const double e_pos = mu * Phi(mu / sigma) + sigma * phi(mu / sigma);
        close(bc.evpi, e_pos - std::max(mu, 0.0), 4 * bc.se_evpi);
        const double p = Phi(mu / sigma);
        close(bc.p_positive, p, 4 * std::sqrt(p * (1 - p) / psa.n_sims));
    }
}

TEST_CASE("finance business case: tornado for two inputs by hand") {
    // Horizon 1, no discounting, year 1 only: NPV = S − C. S ~ U(0, 100): 10th/90th percentiles 10, 90;
    // C ~ N(50, 10): 50 ∓ 1.2815515655·10. At the means NPV = 0; S's bar −40..40 (swing 80), C's
    // ±12.815516 (swing 25.631031): S first.
    hf::DiscountOptions d;
    d.rate = 0;
    const auto bc = hf::business_case({flow("cost", hf::FlowKind::running_cost, Uncertain::normal(50, 10), 1),
                                       flow("saving", hf::FlowKind::saving, Uncertain::uniform(0, 100), 1)},
                                      1, d, no_psa());
    REQUIRE(bc.tornado.size() == 2);
    CHECK(bc.tornado[0].input == "saving");
    close(bc.tornado[0].low_value, 10, 1e-12);
    close(bc.tornado[0].npv_low, -40, 1e-9);
    close(bc.tornado[0].npv_high, 40, 1e-9);
    close(bc.tornado[0].swing, 80, 1e-9);
    CHECK(bc.tornado[1].input == "cost");
    close(bc.tornado[1].low_value, 50 - 12.815515655446, 1e-9);
    close(bc.tornado[1].npv_low, 12.815515655446, 1e-9);
    close(bc.tornado[1].npv_high, -12.815515655446, 1e-9);
    close(bc.tornado[1].swing, 25.631031310892, 1e-9);
}

TEST_CASE("finance uncertain: moments and quantiles against the parameters") {
    // Closed-form quantiles: normal μ + z σ; lognormal median exp(μ_log) = mean/√(1 + cv²); uniform and
    // triangular (median of (0, 0, 1) is 1 − 1/√2) by their CDFs.
    close(hf::quantile(Uncertain::normal(10, 2), 0.975), 10 + 2 * 1.959963984540054, 1e-9);
    close(hf::quantile(Uncertain::lognormal(100, 50), 0.5), 100 / std::sqrt(1.25), 1e-9);
    close(hf::quantile(Uncertain::uniform(2, 6), 0.25), 3, 1e-15);
    close(hf::quantile(Uncertain::triangular(0, 0, 1), 0.5), 1 - 1 / std::sqrt(2.0), 1e-12);
    close(hf::quantile(Uncertain::fixed(3), 0.9), 3, 0);
    const Uncertain all[] = {Uncertain::normal(10, 2), Uncertain::lognormal(100, 50), Uncertain::gamma(5, 3),
                             Uncertain::beta(0.2, 0.1), Uncertain::uniform(2, 6), Uncertain::triangular(1, 2, 6)};
    for (const auto& u : all) {
        INFO(hf::to_string(u));
        hp::stats::RandomStream rng(3, 0);
        const int n = 20000;
        double s = 0, ss = 0;
        for (int i = 0; i < n; ++i) {
            const double x = hf::draw(u, rng);
            s += x;
            ss += x * x;
        }
        const double m = s / n, v = (ss - n * m * m) / (n - 1);
        close(m, hf::mean(u), 4 * hf::sd(u) / std::sqrt(n));
        close(std::sqrt(v), hf::sd(u), 0.06 * hf::sd(u));  // lognormal's heavy tail makes the sd the loosest
    }
}

TEST_CASE("finance business case: the same numbers for any thread count, different for another seed") {
    const std::vector<hf::Flow> flows{flow("r", hf::FlowKind::one_off_cost, Uncertain::gamma(400000, 100000), 0),
                                      flow("s", hf::FlowKind::saving, Uncertain::normal(100000, 30000), 1)};
    hf::PsaOptions psa;
    psa.n_sims = 1000;
    psa.block_size = 64;
    psa.threads = 1;
    const auto one = hf::business_case(flows, 8, {}, psa);
    psa.threads = 3;
    const auto three = hf::business_case(flows, 8, {}, psa);
    CHECK(one.npv_draws == three.npv_draws);
    CHECK(one.break_even_draws == three.break_even_draws);
    CHECK(one.evpi == three.evpi);
    psa.seed = 99;
    const auto other = hf::business_case(flows, 8, {}, psa);
    CHECK(one.npv_draws != other.npv_draws);
}

TEST_CASE("finance business case: bad input names the field") {
    const auto s = flow("posts", hf::FlowKind::saving, Uncertain::fixed(1), 1);
    CHECK(error_of([&] { hf::business_case({s}, 0); }) == "DomainError: business_case: horizon must be at least 1 year, got 0");
    hf::DiscountOptions d;
    d.rate = -0.01;
    CHECK(error_of([&] { hf::business_case({s}, 5, d); }) ==
          "DomainError: business_case: discount rate must be finite and >= 0 (the Green Book's is 0.035), got -0.01");
    CHECK(error_of([&] { hf::business_case({flow("posts", hf::FlowKind::saving, Uncertain::fixed(1), 7)}, 5); }) ==
          "DataError: business_case: flow 0 (\"posts\") start year must be in 0..5 (the horizon), got 7");
    CHECK(error_of([&] { hf::business_case({flow("falls", hf::FlowKind::prevention, Uncertain::fixed(0.1), 2, -1, 1, -5)}, 5); }) ==
          "DataError: business_case: flow 0 (\"falls\") baseline (the annual demand cost) must be finite and >= 0, got -5");
    CHECK(error_of([&] { hf::business_case({flow("r", hf::FlowKind::one_off_cost, Uncertain::fixed(1), 4, -1, 3)}, 5); }) ==
          "DataError: business_case: flow 0 (\"r\") is spread over years 4..6, beyond the horizon 5");
    CHECK(error_of([&] { hf::business_case({flow("s", hf::FlowKind::saving, Uncertain::fixed(1), 3, 2)}, 5); }) ==
          "DataError: business_case: flow 0 (\"s\") end year must be -1 (the horizon) or in 3..5 (start..horizon), got 2");
    hf::PsaOptions p;
    p.low = 0.9;
    p.high = 0.1;
    CHECK(error_of([&] { hf::business_case({s}, 5, {}, p); }) ==
          "DomainError: business_case: tornado percentiles need 0 < low < high < 1, got low 0.9, high 0.1");
    CHECK(error_of([] { Uncertain::normal(1, -1); }) == "DomainError: Uncertain.normal: sd must be >= 0, got -1");
    CHECK(error_of([] { Uncertain::beta(1.2, 0.1); }) == "DomainError: Uncertain.beta: mean must be in (0, 1), got 1.2");
    CHECK(error_of([] { Uncertain::beta(0.5, 0.5); }) ==
          "DomainError: Uncertain.beta: sd must be below sqrt(mean(1 - mean)) = 0.5, got 0.5");
    CHECK(error_of([] { Uncertain::gamma(0, 1); }) == "DomainError: Uncertain.gamma: mean must be > 0, got 0");
    CHECK(error_of([] { Uncertain::triangular(3, 1, 2); }) ==
          "DomainError: Uncertain.triangular: need low <= mode <= high, got 3, 1, 2");
}

TEST_CASE("business case: flow kinds by name") {
    using namespace hp::finance;
    for (auto k : {FlowKind::one_off_cost, FlowKind::running_cost, FlowKind::saving, FlowKind::prevention})
        CHECK(parse_flow_kind(to_string(k)) == k);
    CHECK(hp::testing::error_of([] { parse_flow_kind("cost"); }) ==
          "DomainError: business_case: flow kind must be \"one_off_cost\", \"running_cost\", \"saving\" or "
          "\"prevention\", got \"cost\"");
}
