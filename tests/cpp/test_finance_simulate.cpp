// Demand-led spend simulation and budget arrangements. References: the closed-form moments of compound
// Poisson sums (cumulants κ_j = λ·E[X^j], so E = λ·μ, Var = λ·E[X²]) and of the negative binomial as a
// Poisson-gamma mixture (Var = λ + α·λ²), each checked within 4 Monte Carlo standard errors (SE written out);
// risk shares, caps and collars and the VaR/ES order statistics by hand.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "error_of.hpp"
#include "healthyplaces/base/error.hpp"
#include "healthyplaces/finance/arrangement_risk.hpp"
#include "healthyplaces/finance/simulate.hpp"

namespace hf = hp::finance;

namespace {
using V = std::vector<double>;
using hp::testing::error_of;

double mean_of(const V& x) { return std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size()); }
double var_of(const V& x) {
    const double m = mean_of(x);
    double s = 0;
    for (double v : x) s += (v - m) * (v - m);
    return s / static_cast<double>(x.size() - 1);
}
double cov_of(const V& x, const V& y) {
    const double mx = mean_of(x), my = mean_of(y);
    double s = 0;
    for (std::size_t i = 0; i < x.size(); ++i) s += (x[i] - mx) * (y[i] - my);
    return s / static_cast<double>(x.size() - 1);
}
/// Column s of a draws matrix (spend or events).
V column(const V& m, std::size_t services, std::size_t s) {
    V out(m.size() / services);
    for (std::size_t g = 0; g < out.size(); ++g) out[g] = m[g * services + s];
    return out;
}

hf::Service service(std::string name, std::string owner, V rates, double mean, double sd, double budget) {
    hf::Service s;
    s.name = std::move(name);
    s.owner = std::move(owner);
    s.rates = std::move(rates);
    s.unit_cost = hf::gamma_cost(mean, sd);
    s.budget = budget;
    return s;
}

hf::SimulationOptions options(std::int64_t n_sims, std::uint64_t seed = 7) {
    hf::SimulationOptions o;
    o.n_sims = n_sims;
    o.seed = seed;
    return o;
}
}  // namespace

TEST_CASE("finance simulate: compound Poisson-gamma spend has mean lambda mu and variance lambda E X2") {
    // One service, two bands: λ = 0.01·3000 + 0.1·200 = 50 events; unit cost Gamma(mean 100, sd 50), so
    // k = 4, θ = 25, E[X²] = sd² + mean² = 12,500, E[X³] = k(k+1)(k+2)θ³, E[X⁴] = k(k+1)(k+2)(k+3)θ⁴.
    // Spend: E = λ·100 = 5,000, Var = λ·12,500 = 625,000; fourth central moment μ4 = κ4 + 3κ2², κ4 = λ·E[X⁴].
    const std::vector<hf::Service> sv{service("admissions", "nhs", {0.01, 0.1}, 100, 50, 5000)};
    const std::int64_t n = 200000;
    const auto d = hf::simulate_spend(sv, {{3000, 200}}, options(n));
    const V spend = column(d.spend, 1, 0);
    const double lambda = 50, mean = 5000, var = lambda * 12500;
    const double ex4 = 4.0 * 5 * 6 * 7 * std::pow(25.0, 4), mu4 = lambda * ex4 + 3 * var * var;
    const double se_mean = std::sqrt(var / n), se_var = std::sqrt((mu4 - var * var) / n);
    INFO("mean " << mean_of(spend) << " var " << var_of(spend));
    CHECK(std::abs(mean_of(spend) - mean) < 4 * se_mean);
    CHECK(std::abs(var_of(spend) - var) < 4 * se_var);
    // Events: Poisson(50), mean and variance 50 (Var of s² for a Poisson: (μ4 − σ⁴)/n, μ4 = λ + 3λ²).
    const V events = column(d.events, 1, 0);
    CHECK(std::abs(mean_of(events) - lambda) < 4 * std::sqrt(lambda / n));
    CHECK(std::abs(var_of(events) - lambda) < 4 * std::sqrt((lambda + 2 * lambda * lambda) / n));
}

TEST_CASE("finance simulate: negative binomial counts have mean lambda and variance lambda plus alpha lambda2") {
    auto s = service("residential care", "council", {0.002}, 30000, 5000, 1.2e6);
    s.counts = hf::Counts::negative_binomial;
    s.dispersion = 0.05;
    const std::int64_t n = 200000;
    const auto d = hf::simulate_spend(std::vector{s}, {{20000}}, options(n, 11));
    const V k = column(d.events, 1, 0);
    const double lambda = 40, var = lambda + 0.05 * lambda * lambda;  // 120
    // SE of the sample variance from the sample's own fourth central moment.
    const double m = mean_of(k);
    double m4 = 0;
    for (double v : k) m4 += std::pow(v - m, 4);
    m4 /= static_cast<double>(n);
    INFO("mean " << m << " var " << var_of(k));
    CHECK(std::abs(m - lambda) < 4 * std::sqrt(var / n));
    CHECK(std::abs(var_of(k) - var) < 4 * std::sqrt((m4 - var * var) / n));
}

TEST_CASE("finance simulate: the population by year drives the rates year by year") {
    // Horizon of two years, the second with twice the people: mean events 20 then 40.
    const std::vector<hf::Service> sv{service("home care", "council", {0.01}, 100, 10, 0)};
    auto o = options(50000);
    const auto d = hf::simulate_spend(sv, {{2000}, {4000}}, o);
    V y0, y1;
    for (std::int64_t g = 0; g < d.size(); ++g) (g % 2 == 0 ? y0 : y1).push_back(d.events[static_cast<std::size_t>(g)]);
    CHECK(std::abs(mean_of(y0) - 20) < 4 * std::sqrt(20.0 / 50000));
    CHECK(std::abs(mean_of(y1) - 40) < 4 * std::sqrt(40.0 / 50000));
}

TEST_CASE("finance simulate: the same numbers for any thread count and any split into blocks") {
    const std::vector<hf::Service> sv{service("admissions", "nhs", {0.01, 0.2}, 2000, 800, 1e6),
                                      service("home care", "council", {0.001, 0.05}, 5000, 3000, 1e6)};
    auto o = options(10000, 3);
    o.shock_sd = 0.1;
    o.shock_correlation = 0.5;
    o.block_size = 256;
    o.threads = 1;
    const auto one = hf::simulate_spend(sv, {{10000, 2000}}, o);
    for (int t : {2, 3, 0}) {
        o.threads = t;
        const auto many = hf::simulate_spend(sv, {{10000, 2000}}, o);
        CHECK(many.spend == one.spend);
        CHECK(many.events == one.events);
    }
    // A slice starting at block 10 (simulated year 2560) is the tail of the whole run, bit for bit.
    o.first_block = 10;
    o.n_sims = 10000 - 2560;
    const auto tail = hf::simulate_spend(sv, {{10000, 2000}}, o);
    CHECK(std::equal(tail.spend.begin(), tail.spend.end(), one.spend.begin() + 2560 * 2));
    // Another area or seed gives other numbers.
    o.first_block = 0;
    o.n_sims = 10000;
    o.area = 1;
    CHECK(hf::simulate_spend(sv, {{10000, 2000}}, o).spend != one.spend);
}

TEST_CASE("finance simulate: the shared shock correlates the partners' spend as shock_correlation rises") {
    const std::vector<hf::Service> sv{service("admissions", "nhs", {0.05}, 2000, 500, 1e7),
                                      service("social care", "council", {0.02}, 4000, 1000, 1e7)};
    const std::vector<std::vector<double>> pop{{100000}};
    auto o = options(40000, 5);
    // No shock, ρ = 0: independent services, covariance 0 within 4 SE (SE of a covariance of independent
    // variables ≈ sd_x·sd_y/√n).
    auto d = hf::simulate_spend(sv, pop, o);
    V a = column(d.spend, 2, 0), b = column(d.spend, 2, 1);
    CHECK(std::abs(cov_of(a, b)) < 4 * std::sqrt(var_of(a) * var_of(b) / 40000.0));
    double last = -1;
    for (double rho : {0.0, 0.5, 1.0}) {
        o.shock_sd = 0.1;
        o.shock_correlation = rho;
        d = hf::simulate_spend(sv, pop, o);
        a = column(d.spend, 2, 0);
        b = column(d.spend, 2, 1);
        const double r = cov_of(a, b) / std::sqrt(var_of(a) * var_of(b));
        INFO("rho " << rho << " correlation " << r);
        CHECK(r > last + 0.2);
        last = r;
    }
    // The multiplier has mean 1: mean events stay λ = 5,000 with the shock (SE from the sample).
    a = column(d.events, 2, 0);
    CHECK(std::abs(mean_of(a) - 5000) < 4 * std::sqrt(var_of(a) / 40000.0));
}

TEST_CASE("finance arrangements: pooled outturns sum to the total draw by draw and pool the risk") {
    const std::vector<hf::Service> sv{service("admissions", "nhs", {0.05}, 2000, 500, 1e7),
                                      service("social care", "council", {0.02}, 4000, 1000, 8e6)};
    const auto d = hf::simulate_spend(sv, {{100000}}, options(20000, 9));
    const auto sep = hf::outturns(d, sv, hp::integration::Budgets::separate);
    const auto pooled = hf::outturns(d, sv, hp::integration::Budgets::pooled);
    REQUIRE(sep.partners == std::vector<std::string>{"nhs", "council"});
    CHECK(sep.budgets == V{1e7, 8e6});
    double worst = 0;
    V total(sep.overspend[0].size());
    for (std::size_t g = 0; g < total.size(); ++g) {
        total[g] = sep.overspend[0][g] + sep.overspend[1][g];
        CHECK(sep.overspend[0][g] == d.spend[g * 2] - 1e7);
        worst = std::max(worst, std::abs(pooled.overspend[0][g] + pooled.overspend[1][g] - total[g]));
        // Proportional to contributions: 10/18 and 8/18 of the pooled overspend.
        CHECK(pooled.overspend[0][g] == doctest::Approx(total[g] * 10 / 18).epsilon(1e-12));
    }
    CHECK(worst <= 1e-6);
    // Independent services (no shock): VaR of the pooled sum below the sum of the separate VaRs.
    const double var_total = hf::risk_measures(total, 0.95).var;
    CHECK(var_total < hf::risk_measures(sep.overspend[0], 0.95).var + hf::risk_measures(sep.overspend[1], 0.95).var);
    // Aligned budgets leave each partner its own overspend; friction under separate costs share·cost per event.
    const auto aligned = hf::outturns(d, sv, hp::integration::Budgets::aligned, {}, {0.1, 50});
    const auto shunted = hf::outturns(d, sv, hp::integration::Budgets::separate, {}, {0.1, 50});
    CHECK(aligned.overspend == sep.overspend);
    CHECK(shunted.overspend[1][0] == doctest::Approx(sep.overspend[1][0] + 0.1 * 50 * d.events[1]).epsilon(1e-12));
}

TEST_CASE("finance arrangements: risk-share rules by hand") {
    const std::vector<std::string> partners{"council", "nhs"};
    const V budgets{40, 60}, own{30, -10};  // pooled overspend D = 20
    V out(2);
    hf::RiskShare r;
    auto shares = hf::resolve_shares(r, partners, budgets);
    hf::share_pooled(r, shares, own, 100, out);
    CHECK(out == V{8, 12});
    r.rule = hf::RiskShareRule::lead_partner;
    r.lead = "nhs";
    shares = hf::resolve_shares(r, partners, budgets);
    hf::share_pooled(r, shares, own, 100, out);
    CHECK(out == V{0, 20});
    r.rule = hf::RiskShareRule::fixed;
    r.shares = {{"nhs", 0.25}, {"council", 0.75}};
    shares = hf::resolve_shares(r, partners, budgets);
    hf::share_pooled(r, shares, own, 100, out);
    CHECK(out == V{15, 5});
    // Capped at 5% of the pooled budget of 100: 5 shared 75/25 (3.75, 1.25); the excess 15 falls to the
    // partners by their own overspend, 30/20 and −10/20 of it (22.5, −7.5): council 26.25, nhs −6.25.
    r.rule = hf::RiskShareRule::capped;
    r.cap = 0.05;
    r.collar = -0.05;
    hf::share_pooled(r, shares, own, 100, out);
    CHECK(out[0] == doctest::Approx(26.25));
    CHECK(out[1] == doctest::Approx(-6.25));
    // Within the corridor the agreed shares apply: D = 4 → 3, 1. Below the collar: D = −20 → −5 shared
    // (−3.75, −1.25), excess −15 by own (−10/−20, −10/−20 → −7.5 each).
    hf::share_pooled(r, shares, V{2, 2}, 100, out);
    CHECK(out == V{3, 1});
    hf::share_pooled(r, shares, V{-10, -10}, 100, out);
    CHECK(out[0] == doctest::Approx(-11.25));
    CHECK(out[1] == doctest::Approx(-8.75));
}

TEST_CASE("finance arrangements: value at risk and expected shortfall as order statistics") {
    // 1..20 at var_level 0.9: VaR = the 18th smallest (18), ES = the mean of the 2 largest (19.5); P(> 0) = 1.
    V x(20);
    std::iota(x.begin(), x.end(), 1.0);
    std::reverse(x.begin(), x.end());
    auto m = hf::risk_measures(x, 0.9);
    CHECK(m.var == 18);
    CHECK(m.es == 19.5);
    CHECK(m.mean == 10.5);
    CHECK(m.sd == doctest::Approx(std::sqrt(35.0)));
    CHECK(m.p_overspend == 1);
    // Level 0.93: ⌈18.6⌉ = 19th smallest; ES the mean of the 20 − 18 = 2 largest.
    m = hf::risk_measures(x, 0.93);
    CHECK(m.var == 19);
    CHECK(m.es == 19.5);
}

TEST_CASE("finance simulate: bad input names the field") {
    const std::vector<hf::Service> ok{service("admissions", "nhs", {0.01, 0.1}, 100, 50, 5000)};
    auto o = options(10);
    CHECK(error_of([&] { hf::simulate_spend(ok, {{3000}}, o); }) ==
          "DataError: service \"admissions\": rates has 2 age bands but the population has 1; give one rate per "
          "population band");
    CHECK(error_of([&] { hf::simulate_spend(ok, {{3000, -1}}, o); }) ==
          "DataError: simulate: population counts must be zero or positive, got -1.000000 in year 0, band 1");
    auto bad = ok;
    bad[0].rates[1] = -0.1;
    CHECK(error_of([&] { hf::simulate_spend(bad, {{3000, 1}}, o); }) ==
          "DataError: service \"admissions\": rates[1] must be zero or positive, got -0.100000");
    CHECK(error_of([&] { hf::simulate_spend(ok, {}, o); }) ==
          "DomainError: simulate: years must be at least 1 (the population has no years)");
    o.shock_correlation = 1.5;
    CHECK(error_of([&] { hf::simulate_spend(ok, {{1, 1}}, o); }) ==
          "DomainError: simulate: shock_correlation must be in [0, 1], got 1.500000");
    CHECK(error_of([] { hf::gamma_cost(-1, 2, "service \"x\": unit cost"); }) ==
          "DataError: service \"x\": unit cost: mean must be positive and at most 1e12 (£ per event), got -1");
    const std::vector<std::string> partners{"council", "nhs"};
    hf::RiskShare r;
    r.rule = hf::RiskShareRule::fixed;
    r.shares = {{"council", 0.5}, {"nhs", 0.4}};
    CHECK(error_of([&] { hf::validate(r, partners); }) == "DataError: risk share: shares must sum to 1, got 0.9");
    r.shares = {{"council", 1}};
    CHECK(error_of([&] { hf::validate(r, partners); }) ==
          "DataError: risk share: shares has no share for partner \"nhs\"; give one for each of \"council\", \"nhs\"");
    r.rule = hf::RiskShareRule::capped;
    r.shares = {{"council", 0.5}, {"nhs", 0.5}};
    r.cap = -0.02;
    r.collar = 0.01;
    CHECK(error_of([&] { hf::validate(r, partners); }) ==
          "DataError: risk share: the cap (-0.02) is below the collar (0.01); the shared corridor is [collar, cap] "
          "as fractions of the pooled budget");
    r.rule = hf::RiskShareRule::lead_partner;
    r.lead = "ccg";
    CHECK(error_of([&] { hf::validate(r, partners); }) ==
          "DataError: risk share: lead partner \"ccg\" is not one of the partners \"council\", \"nhs\"");
}

TEST_CASE("finance enums by name: one parser each, beside to_string, listing the names") {
    using namespace hp::finance;
    for (auto f : {CostFamily::gamma, CostFamily::lognormal}) CHECK(parse_cost_family(to_string(f)) == f);
    for (auto c : {Counts::poisson, Counts::negative_binomial}) CHECK(parse_counts(to_string(c)) == c);
    for (auto r : {RiskShareRule::proportional, RiskShareRule::fixed, RiskShareRule::lead_partner, RiskShareRule::capped})
        CHECK(parse_risk_share_rule(to_string(r)) == r);
    CHECK(error_of([] { parse_cost_family("weibull"); }) ==
          "DomainError: unit cost: family must be \"gamma\" or \"lognormal\", got \"weibull\"");
    CHECK(error_of([] { parse_counts("binomial", "service \"home care\": counts"); }) ==
          "DomainError: service \"home care\": counts must be \"poisson\" or \"negative_binomial\", got \"binomial\"");
    CHECK(error_of([] { parse_risk_share_rule("equal"); }) ==
          "DomainError: risk share: rule must be \"proportional\", \"fixed\", \"lead_partner\" or \"capped\", got \"equal\"");
}
