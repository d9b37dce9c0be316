// Hodges–Lehmann estimates and intervals: hand-worked examples, selection against sorting, inversion
// consistency with the tests themselves, bad input. (Inversion against scipy is in tests/python.)
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/hodges_lehmann.hpp"
#include "healthyplaces/stats/mann_whitney.hpp"
#include "healthyplaces/stats/random.hpp"
#include "healthyplaces/stats/wilcoxon.hpp"

using namespace hp::stats;

namespace {

HodgesLehmannOptions hl(TestMethod m, double confidence = 0.95) {
    HodgesLehmannOptions o;
    o.method = m;
    o.confidence_level = confidence;
    return o;
}

std::vector<double> sample(RandomStream& rs, std::size_t n, int levels) {
    std::vector<double> v(n);
    for (auto& x : v) x = levels > 0 ? static_cast<double>(rs.below(static_cast<std::uint64_t>(levels))) : rs.uniform() * 10 - 5;
    return v;
}

}  // namespace

TEST_CASE("hodges_lehmann: two samples 1..5 and 6..10, by hand") {
    // x − y = −5 + (i − j): −9 ×1, −8 ×2, −7 ×3, −6 ×4, −5 ×5, −4 ×4, −3 ×3, −2 ×2, −1 ×1; median −5.
    // Exact 95%: counts of U for 5 and 5 (of 252) start 1 1 2 3 5: P(U <= 2) = 4/252 = 0.016 <= 0.025 <
    // P(U <= 3) = 7/252, so c = 2 and the interval is [d_(3), d_(23)] = [−8, −2].
    const std::vector<double> x{1, 2, 3, 4, 5}, y{6, 7, 8, 9, 10};
    const Estimate e = hodges_lehmann(x, y, hl(TestMethod::exact));
    CHECK(e.estimate == -5.0);
    CHECK(e.ci_low == -8.0);
    CHECK(e.ci_high == -2.0);
    CHECK(e.n == 10);
    CHECK(e.confidence_level == 0.95);
    CHECK(e.method == "exact (Mann–Whitney order statistics of the differences)");
    // auto: no ties, both below 50 -> exact
    CHECK(hodges_lehmann(x, y).ci_low == -8.0);
}

TEST_CASE("hodges_lehmann: too small for the confidence asked gives an unbounded interval") {
    // 3 and 1: P(U = 0) = 1/4 > 0.025, so no shift is ever rejected
    const std::vector<double> x{1, 2, 3}, y{0};
    const Estimate e = hodges_lehmann(x, y, hl(TestMethod::exact));
    CHECK(e.estimate == 2.0);
    CHECK(e.ci_low == -std::numeric_limits<double>::infinity());
    CHECK(e.ci_high == std::numeric_limits<double>::infinity());
    CHECK(e.method.find("unbounded") != std::string::npos);
}

TEST_CASE("hodges_lehmann: one-sample pseudo-median, by hand") {
    // d = 1..5: the 15 Walsh averages run 1, 1.5, 2, 2, 2.5, 2.5, 3, 3, 3, 3.5, 3.5, 4, 4, 4.5, 5; median 3.
    // Exact 90%: P(T <= 0) = 1/32 = 0.031 <= 0.05 < P(T <= 1) = 2/32, so c = 0 and the interval is [w_(1), w_(15)].
    const std::vector<double> d{1, 2, 3, 4, 5};
    Estimate e = hodges_lehmann(d, hl(TestMethod::exact, 0.90));
    CHECK(e.estimate == 3.0);
    CHECK(e.ci_low == 1.0);
    CHECK(e.ci_high == 5.0);
    CHECK(e.n == 5);
    // 95%: P(T <= 0) = 0.031 > 0.025 -> unbounded
    e = hodges_lehmann(d, hl(TestMethod::exact, 0.95));
    CHECK(std::isinf(e.ci_low));
    // paired: x − y = d
    const std::vector<double> x{2, 4, 6, 8, 10}, y{1, 2, 3, 4, 5};
    e = hodges_lehmann_paired(x, y, hl(TestMethod::exact, 0.90));
    CHECK(e.estimate == 3.0);
    CHECK(e.ci_low == 1.0);
}

TEST_CASE("hodges_lehmann: asymptotic interval by hand") {
    // d = 1..10 (n = 10, 55 Walsh averages, T+ = number above the shift). σ = sqrt(10·11·21/24) = 9.8107;
    // 95%: reject where |27.5 − j| − 0.5 >= 1.959964·9.8107 = 19.229, i.e. j <= 7 (27.5 − 7 − 0.5 = 20),
    // accept from j = 8 (19 < 19.229): the interval is [w_(8), w_(48)].
    std::vector<double> d(10);
    for (int i = 0; i < 10; ++i) d[static_cast<std::size_t>(i)] = i + 1;
    std::vector<double> w;
    for (std::size_t i = 0; i < d.size(); ++i)
        for (std::size_t j = i; j < d.size(); ++j) w.push_back((d[i] + d[j]) / 2);
    std::sort(w.begin(), w.end());
    const Estimate e = hodges_lehmann(d, hl(TestMethod::asymptotic));
    CHECK(e.estimate == 5.5);
    CHECK(e.ci_low == w[7]);
    CHECK(e.ci_high == w[47]);
    CHECK(e.method == "asymptotic (signed-rank inversion, continuity corrected)");
}

TEST_CASE("hodges_lehmann: the interval is where the test stops rejecting") {
    // shift the sample by the bounds ± a little and run our own test: rejects just outside, not just inside
    // (ties within a sample stay tied at every shift; ties between samples occur only at the differences)
    RandomStream rs(17, 0);
    for (int trial = 0; trial < 40; ++trial) {
        const int levels = trial % 2 ? 5 : 0;
        auto x = sample(rs, 4 + rs.below(20), levels), y = sample(rs, 4 + rs.below(20), levels);
        for (auto m : {TestMethod::exact, TestMethod::asymptotic}) {
            // our exact test with ties uses the tied permutation distribution; the exact interval inverts the
            // untied one (as scipy's exact test does), so check it on continuous data only
            if (m == TestMethod::exact && levels > 0) continue;
            const Estimate e = hodges_lehmann(x, y, hl(m, 0.9));
            if (!std::isfinite(e.ci_low)) continue;
            MannWhitneyOptions o;
            o.method = m;
            o.continuity = true;
            auto p = [&](double delta) {
                std::vector<double> shifted = x;
                for (auto& v : shifted) v -= delta;
                return mann_whitney(shifted, y, o).pvalue;
            };
            CHECK(p(e.ci_low - 1e-7) <= 0.1);
            CHECK(p(e.ci_low + 1e-7) > 0.1);
            CHECK(p(e.ci_high + 1e-7) <= 0.1);
            CHECK(p(e.ci_high - 1e-7) > 0.1);
        }
    }
}

TEST_CASE("hodges_lehmann: selection agrees with sorting every value") {
    RandomStream rs(23, 0);
    for (int trial = 0; trial < 60; ++trial) {
        const int levels = trial % 3 == 0 ? 3 : (trial % 3 == 1 ? 40 : 0);
        const auto x = sample(rs, 1 + rs.below(60), levels), y = sample(rs, 1 + rs.below(60), levels);
        std::vector<double> diffs, walsh;
        for (double a : x)
            for (double b : y) diffs.push_back(a - b);
        for (std::size_t i = 0; i < x.size(); ++i)
            for (std::size_t j = i; j < x.size(); ++j) walsh.push_back((x[i] + x[j]) / 2);
        std::sort(diffs.begin(), diffs.end());
        std::sort(walsh.begin(), walsh.end());
        for (int q = 0; q < 12; ++q) {
            const auto k = static_cast<std::int64_t>(rs.below(diffs.size()));
            CHECK(kth_pairwise_difference(x, y, k) == diffs[static_cast<std::size_t>(k)]);
            const auto kw = static_cast<std::int64_t>(rs.below(walsh.size()));
            CHECK(kth_walsh_average(x, kw) == walsh[static_cast<std::size_t>(kw)]);
        }
        CHECK(kth_pairwise_difference(x, y, 0) == diffs.front());
        CHECK(kth_pairwise_difference(x, y, static_cast<std::int64_t>(diffs.size()) - 1) == diffs.back());
        CHECK(kth_walsh_average(x, static_cast<std::int64_t>(walsh.size()) - 1) == walsh.back());
    }
    // large enough that the estimator itself selects rather than sorts (more than 20,000 values)
    const auto x = sample(rs, 300, 0), y = sample(rs, 250, 4);
    std::vector<double> diffs;
    for (double a : x)
        for (double b : y) diffs.push_back(a - b);
    std::sort(diffs.begin(), diffs.end());
    const Estimate e = hodges_lehmann(x, y, hl(TestMethod::asymptotic));
    CHECK(e.estimate == (diffs[diffs.size() / 2 - 1] + diffs[diffs.size() / 2]) / 2);
}

TEST_CASE("hodges_lehmann: bad input") {
    const std::vector<double> x{1, 2, 3}, empty, nan{1, std::nan("")}, two{1, 2};
    CHECK_THROWS_WITH_AS(hodges_lehmann(empty, x), "hodges_lehmann: sample x is empty; it needs at least one value",
                         hp::DataError);
    CHECK_THROWS_WITH_AS(hodges_lehmann(x, nan),
                         "hodges_lehmann: sample y: missing value (NaN) at position 1; remove it before testing", hp::DataError);
    CHECK_THROWS_AS(hodges_lehmann(empty), hp::DataError);
    CHECK_THROWS_WITH_AS(hodges_lehmann_paired(x, two),
                         "hodges_lehmann: paired samples must have the same length, got x of 3 and y of 2", hp::DataError);
    for (double c : {0.0, 1.0, -0.5, 1.5, std::nan("")})
        CHECK_THROWS_AS(hodges_lehmann(x, x, hl(TestMethod::automatic, c)), hp::DomainError);
    CHECK_THROWS_WITH_AS(hodges_lehmann(x, hl(TestMethod::automatic, 1.0)),
                         "hodges_lehmann: confidence_level must be strictly between 0 and 1, got 1", hp::DomainError);
    CHECK_THROWS_AS(hodges_lehmann(x, x, hl(TestMethod::monte_carlo)), hp::DomainError);
    CHECK_THROWS_AS(kth_pairwise_difference(x, x, 9), hp::DomainError);
    CHECK_THROWS_AS(kth_walsh_average(x, -1), hp::DomainError);
}
