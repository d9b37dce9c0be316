// Fuzz findings 3 and 4 and the strict-mode findings of docs/fuzzing.md outside the indicators, once fixed: each
// replays the input and checks the answer or the clear error. (The fuzz inputs are also in fuzz/corpus/.)
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "error_of.hpp"
#include "healthyplaces/finance/simulate.hpp"
#include "healthyplaces/stats/fast_variates.hpp"
#include "healthyplaces/stats/hodges_lehmann.hpp"

namespace {
hp::finance::Service findings_service(hp::finance::Counts counts, double dispersion) {
    hp::finance::Service s;
    s.name = "home care";
    s.owner = "council";
    s.rates = {0.01};
    s.unit_cost = {hp::finance::CostFamily::gamma, 1000, 300};
    s.budget = 1e6;
    s.counts = counts;
    s.dispersion = dispersion;
    return s;
}
}  // namespace

TEST_CASE("fuzz finding 3: a Poisson mean past 2^62 is refused before the cast to int64") {
    hp::stats::FastStream g(3, 62);
    // 2^62 itself is accepted: the count is within a few spreads (2^31) of the mean, and never negative.
    for (int i = 0; i < 50; ++i) {
        const auto k = hp::stats::poisson(0x1.0p62, g);
        CHECK(std::fabs(static_cast<double>(k) - 0x1.0p62) < 10 * 0x1.0p31);
    }
    const std::string rule = "DomainError: poisson: the mean must be at most 2^62 (4.6e18) and not NaN, got ";
    for (const auto& [lambda, shown] :
         std::vector<std::pair<double, std::string>>{{std::nextafter(0x1.0p62, 1e300), "4.61169e+18"},
                                                     {1e19, "1e+19"},
                                                     {std::numeric_limits<double>::infinity(), "inf"},
                                                     {std::numeric_limits<double>::quiet_NaN(), "nan"}})
        CHECK(hp::testing::error_of([&, l = lambda] { (void)hp::stats::poisson(l, g); }) == rule + shown);
    CHECK(hp::stats::poisson(-std::numeric_limits<double>::infinity(), g) == 0);  // λ <= 0: no events
}

TEST_CASE("fuzz finding 4: first_block times block_size past int64 is refused, not wrapped") {
    const std::vector<hp::finance::Service> sv{findings_service(hp::finance::Counts::poisson, 0)};
    hp::finance::SimulationOptions o;
    o.n_sims = 1;
    o.threads = 1;
    o.block_size = 13;
    o.first_block = 2'400'000'000'000'000'000;  // the fuzz input: 3.1e19 wrapped to a negative int64
    CHECK(hp::testing::error_of([&] { (void)hp::finance::simulate_spend(sv, {{1000}}, o); }) ==
          "DomainError: simulate: first_block must be in [0, 2^40) (the stream id's blocks), got 2400000000000000000");
    // The last block with the largest block size: first_block · block_size is 1.1e21, past int64, yet valid.
    o.first_block = (std::int64_t{1} << 40) - 1;
    o.block_size = 1'000'000'000;
    const auto d = hp::finance::simulate_spend(sv, {{1000}}, o);
    REQUIRE(d.events.size() == 1);
    CHECK(d.events[0] >= 0);
    const std::vector<std::vector<double>> seven_years(7, std::vector<double>{1000});  // 7 divides neither factor
    CHECK(hp::testing::error_of([&] { (void)hp::finance::simulate_spend(sv, seven_years, o); }) ==
          "DomainError: simulate: first_block · block_size (1099511627775 · 1000000000) must be a multiple of the "
          "horizon (7 years)");
    o.n_sims = 2;  // a second block would be block 2^40
    o.block_size = 1;
    CHECK(hp::testing::error_of([&] { (void)hp::finance::simulate_spend(sv, {{1000}}, o); }) ==
          "DomainError: simulate: n_sims too large for the stream id's 2^40 blocks");
}

TEST_CASE("strict finding: a negative binomial of subnormal dispersion is refused, 1e-30 is a Poisson") {
    hp::finance::SimulationOptions o;
    o.n_sims = 2000;
    o.threads = 1;
    const std::vector<hp::finance::Service> subnormal{findings_service(hp::finance::Counts::negative_binomial, 5e-324)},
        at_limit{findings_service(hp::finance::Counts::negative_binomial, 1e-30)};
    CHECK(hp::testing::error_of([&] { (void)hp::finance::simulate_spend(subnormal, {{1000}}, o); }) ==
          "DataError: service \"home care\": a negative binomial's dispersion must be at least 1e-30 (smaller "
          "is a Poisson to 18 digits: use counts=\"poisson\"), got 4.940656458e-324");
    // At the limit: finite events with the Poisson's mean 10 and variance 10 (4 standard errors; the variance's SE
    // is about sqrt(2/n)·10 for a Poisson of this size).
    const auto d = hp::finance::simulate_spend(at_limit, {{1000}}, o);
    double sum = 0, sq = 0;
    for (double e : d.events) {
        REQUIRE(std::isfinite(e));
        sum += e;
        sq += e * e;
    }
    const double n = static_cast<double>(d.events.size()), mean = sum / n, var = (sq - n * mean * mean) / (n - 1);
    CHECK(std::fabs(mean - 10) < 4 * std::sqrt(10 / n));
    CHECK(std::fabs(var - 10) < 4 * std::sqrt(2 / n) * 10.5);
}

TEST_CASE("strict finding: the Hodges-Lehmann shift of [1, 2] against [1e308] lies in its interval") {
    // The two differences are both -1e308 in double; their midpoint was once (a + b) / 2 = -inf.
    const std::vector<double> x{1, 2}, y{1e308};
    hp::stats::HodgesLehmannOptions o;
    o.confidence_level = 0.01;
    const auto e = hp::stats::hodges_lehmann(x, y, o);
    CHECK(e.estimate == -1e308);
    CHECK(e.ci_low == -1e308);
    CHECK(e.ci_high == -1e308);
}
