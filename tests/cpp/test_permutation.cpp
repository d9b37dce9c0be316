// Permutation tests: hand-enumerated nulls, the arrangements the callable pieces report, the binomial law of
// the sign-flip bits, Monte Carlo against exact within 4 standard errors, thread invariance, bad input.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/permutation.hpp"
#include "healthyplaces/stats/random.hpp"

using namespace hp::stats;

namespace {

PermutationOptions with(StatisticKind kind, Alternative alt = Alternative::two_sided) {
    PermutationOptions o;
    o.statistic.kind = kind;
    o.alternative = alt;
    return o;
}

std::vector<double> ordinal(std::size_t n, std::uint64_t seed, int levels = 4) {
    RandomStream rs(seed, 777);
    std::vector<double> x(n);
    for (auto& v : x) v = 1.0 + static_cast<double>(rs.below(static_cast<std::uint64_t>(levels)));
    return x;
}

}  // namespace

TEST_CASE("independent samples: the six relabellings of {1, 2} vs {3, 4} by hand") {
    // x's members and mean(x) - mean(y): {1,2}: -2, {1,3}: -1, {1,4}: 0, {2,3}: 0, {2,4}: 1, {3,4}: 2.
    const std::vector<double> x{1, 2}, y{3, 4};
    auto r = permutation_test(x, y, with(StatisticKind::mean, Alternative::less));
    CHECK(r.exact);
    CHECK(r.statistic == -2.0);
    CHECK(r.null_distribution == std::vector<double>{-2, -1, 0, 0, 1, 2});
    CHECK(r.pvalue == doctest::Approx(1.0 / 6).epsilon(1e-15));  // only {1,2} is <= -2
    CHECK(permutation_test(x, y, with(StatisticKind::mean, Alternative::greater)).pvalue == 1.0);
    CHECK(permutation_test(x, y, with(StatisticKind::mean)).pvalue == doctest::Approx(2.0 / 6).epsilon(1e-15));
    CHECK(r.n == 4);
    CHECK(r.method.find("exact") != std::string::npos);
}

TEST_CASE("sign flips by hand, zeros included") {
    // d = {1, 2, 3}: 8 sign patterns with sums -6, -4, -2, 0, 0, 2, 4, 6; the observed sum 6 is the largest.
    auto r = sign_flip_test(std::vector<double>{1, 2, 3}, with(StatisticKind::mean, Alternative::greater));
    CHECK(r.exact);
    CHECK(r.null_distribution.size() == 8);
    CHECK(r.statistic == 2.0);
    CHECK(r.pvalue == doctest::Approx(1.0 / 8).epsilon(1e-15));
    auto sorted = r.null_distribution;
    std::sort(sorted.begin(), sorted.end());
    const std::vector<double> sums{-6, -4, -2, 0, 0, 2, 4, 6};
    for (std::size_t i = 0; i < 8; ++i) CHECK(sorted[i] == doctest::Approx(sums[i] / 3).epsilon(1e-15));
    // A zero difference does not change under a flip: 2^2 patterns of {1, 2}, p(greater) = 1/4 (scipy lists 8
    // patterns with each repeated: 2/8).
    r = sign_flip_test(std::vector<double>{0, 1, 2}, with(StatisticKind::mean, Alternative::greater));
    CHECK(r.null_distribution.size() == 4);
    CHECK(r.pvalue == doctest::Approx(0.25).epsilon(1e-15));
    // two-sided: 2 min(less, greater), capped at 1
    r = sign_flip_test(std::vector<double>{0, 1, 2}, with(StatisticKind::mean));
    CHECK(r.pvalue == doctest::Approx(0.5).epsilon(1e-15));
    r = sign_flip_test(std::vector<double>{-1, 1, 2, -2}, with(StatisticKind::mean));
    CHECK(r.pvalue == 1.0);
}

TEST_CASE("paired test is the sign-flip test of the differences") {
    const auto x = ordinal(13, 1), y = ordinal(13, 2);
    std::vector<double> d(13);
    for (std::size_t i = 0; i < 13; ++i) d[i] = x[i] - y[i];
    for (auto kind : {StatisticKind::mean, StatisticKind::median}) {
        const auto a = paired_permutation_test(x, y, with(kind));
        const auto b = sign_flip_test(d, with(kind));
        CHECK(a.pvalue == b.pvalue);
        CHECK(a.null_distribution == b.null_distribution);
        CHECK(a.exact);  // scipy's rule: 2^13 = 8,192 sign patterns <= 9,999 resamples
    }
}

TEST_CASE("every sign-flip path computes the statistic of the arrangement sign_flips reports") {
    // few distinct |d| (popcount of bits per group), many (byte tables), very many (bit by bit); the mean and
    // a median; Monte Carlo and exact.
    std::vector<std::vector<double>> samples;
    samples.push_back(ordinal(200, 3, 7));
    for (auto& v : samples.back()) v -= 4;  // -3..3 with zeros
    std::vector<double> many(120), huge(9000);
    for (std::size_t i = 0; i < many.size(); ++i) many[i] = std::sin(static_cast<double>(i) * 1.3) + (i % 5 == 0 ? 0 : 0.2);
    for (std::size_t i = 0; i < huge.size(); ++i) huge[i] = std::cos(static_cast<double>(i) * 0.37);
    samples.push_back(many);
    samples.push_back(huge);
    samples.push_back({0.5, -1.5, 2, 0, 3.25, -0.75, 1, 1, -1, 2.5});  // small: exact
    for (const auto& d : samples) {
        for (auto kind : {StatisticKind::mean, StatisticKind::median}) {
            auto o = with(kind);
            o.n_resamples = 50;
            o.seed = 17;
            const auto r = sign_flip_test(d, o);
            const auto n = d.size();
            const auto rows = static_cast<std::int64_t>(r.null_distribution.size());
            std::vector<double> signs(static_cast<std::size_t>(rows) * n);
            sign_flips(d, r.exact, 17, 0, rows, signs.data(), 3);
            for (std::int64_t b = 0; b < rows; ++b) {
                std::vector<double> flipped(n);
                for (std::size_t i = 0; i < n; ++i) flipped[i] = signs[static_cast<std::size_t>(b) * n + i] * d[i];
                CAPTURE(n);
                CAPTURE(b);
                CHECK(r.null_distribution[static_cast<std::size_t>(b)] ==
                      doctest::Approx(evaluate(o.statistic, flipped)).epsilon(1e-12));
            }
            CHECK(r.statistic == doctest::Approx(evaluate(o.statistic, d)).epsilon(1e-12));
        }
    }
}

TEST_CASE("relabellings report the arrangements the named statistics use") {
    const auto x = ordinal(6, 4), y = ordinal(5, 5);
    for (bool mc : {false, true}) {
        auto o = with(StatisticKind::median);
        o.method = mc ? TestMethod::monte_carlo : TestMethod::automatic;
        o.n_resamples = 500;
        o.seed = 3;
        const auto r = permutation_test(x, y, o);
        CHECK(r.exact == !mc);  // C(11, 6) = 462 <= 500
        const auto rows = static_cast<std::int64_t>(r.null_distribution.size());
        std::vector<std::int64_t> idx(static_cast<std::size_t>(rows) * 11);
        relabellings(6, 5, r.exact, 3, 0, rows, idx.data(), 2);
        std::vector<double> pooled(x);
        pooled.insert(pooled.end(), y.begin(), y.end());
        for (std::int64_t b = 0; b < rows; ++b) {
            std::vector<double> rx, ry;
            for (std::size_t i = 0; i < 11; ++i)
                (i < 6 ? rx : ry).push_back(pooled[static_cast<std::size_t>(idx[static_cast<std::size_t>(b) * 11 + i])]);
            CHECK(r.null_distribution[static_cast<std::size_t>(b)] == evaluate(o.statistic, rx) - evaluate(o.statistic, ry));
        }
    }
    CHECK(count_relabellings(6, 5) == 462);
    // an exact enumeration visits each subset once
    std::vector<std::int64_t> idx(462 * 11);
    relabellings(6, 5, true, 0, 0, 462, idx.data(), 4);
    std::vector<std::vector<std::int64_t>> subsets;
    for (std::size_t b = 0; b < 462; ++b) subsets.emplace_back(idx.begin() + static_cast<std::ptrdiff_t>(b * 11),
                                                               idx.begin() + static_cast<std::ptrdiff_t>(b * 11 + 6));
    std::sort(subsets.begin(), subsets.end());
    CHECK(std::unique(subsets.begin(), subsets.end()) == subsets.end());
}

TEST_CASE("sign-flip bits: each group's positive count is Binomial(m, 1/2)") {
    // 200 copies of d = 1: the sum of signs is 2K - 200 with K ~ Binomial(200, 1/2): mean 0, variance 200.
    // Over 100,000 arrangements the sample mean of the sum has sd sqrt(200 / 1e5) = 0.0447 (check within 4 sd)
    // and the sample variance has sd about 200 sqrt(2 / 1e5) = 0.894 (within 4 sd).
    const std::vector<double> d(200, 1.0);
    auto o = with(StatisticKind::mean);
    o.n_resamples = 100000;
    const auto r = sign_flip_test(d, o);
    double mean = 0, var = 0;
    for (double v : r.null_distribution) mean += v * 200;
    mean /= 1e5;
    for (double v : r.null_distribution) var += (v * 200 - mean) * (v * 200 - mean);
    var /= (1e5 - 1);
    CHECK(std::abs(mean) < 4 * 0.0447);
    CHECK(std::abs(var - 200) < 4 * 0.894);
}

TEST_CASE("Monte Carlo p-values lie within 4 standard errors of the exact ones") {
    // sd of a sampled p-value ~ sqrt(p (1 - p) / B) (two-sided: twice a one-sided share, so twice the sd).
    const auto x = ordinal(9, 6), y = ordinal(9, 7);
    for (auto alt : {Alternative::two_sided, Alternative::less, Alternative::greater}) {
        for (auto kind : {StatisticKind::mean, StatisticKind::median}) {
            auto o = with(kind, alt);
            o.method = TestMethod::exact;
            const auto ex = permutation_test(x, y, o);
            CHECK(ex.null_distribution.size() == 48620);  // C(18, 9)
            o.method = TestMethod::monte_carlo;
            o.n_resamples = 40000;
            const auto mc = permutation_test(x, y, o);
            const double p = alt == Alternative::two_sided ? ex.pvalue / 2 : ex.pvalue;
            const double se = (alt == Alternative::two_sided ? 2 : 1) * std::sqrt(p * (1 - p) / 40000) + 1.0 / 40000;
            CHECK(std::abs(mc.pvalue - ex.pvalue) < 4 * se);

            auto po = o;
            const auto d = ordinal(18, 8);  // 2^18 sign patterns
            po.method = TestMethod::exact;
            std::vector<double> dd(d);
            for (auto& v : dd) v -= 2.2;
            const auto pex = sign_flip_test(dd, po);
            po.method = TestMethod::monte_carlo;
            const auto pmc = sign_flip_test(dd, po);
            const double q = alt == Alternative::two_sided ? pex.pvalue / 2 : pex.pvalue;
            const double qse = (alt == Alternative::two_sided ? 2 : 1) * std::sqrt(q * (1 - q) / 40000) + 1.0 / 40000;
            CHECK(std::abs(pmc.pvalue - pex.pvalue) < 4 * qse);
        }
    }
}

TEST_CASE("permutation tests: the same numbers for 1, 2 and 7 threads and on repeat") {
    const auto x = ordinal(40, 9), y = ordinal(45, 10);
    std::vector<double> d(300);
    for (std::size_t i = 0; i < d.size(); ++i) d[i] = std::sin(static_cast<double>(i));
    for (auto method : {TestMethod::monte_carlo, TestMethod::exact}) {
        auto o = with(StatisticKind::mean);
        o.method = method;
        o.n_resamples = 3000;
        std::vector<PermutationResult> runs;
        for (int t : {1, 2, 7, 1}) {
            o.threads = t;
            if (method == TestMethod::exact) runs.push_back(permutation_test(ordinal(8, 1), ordinal(7, 2), o));
            else runs.push_back(permutation_test(x, y, o));
            runs.push_back(method == TestMethod::exact ? sign_flip_test(ordinal(12, 3), o) : sign_flip_test(d, o));
        }
        for (std::size_t i = 2; i < runs.size(); ++i) {
            CHECK(runs[i].null_distribution == runs[i % 2].null_distribution);
            CHECK(runs[i].pvalue == runs[i % 2].pvalue);
        }
    }
}

TEST_CASE("permutation p-value: scipy's tolerance and +1 adjustment") {
    const std::vector<double> null{0.1, 0.2, 0.30000000000000004, 0.4};
    // 0.30000000000000004 is within 100 eps of 0.3, so it counts as equal: less = 3/4 exact
    CHECK(permutation_pvalue(null, 0.3, Alternative::less, true) == 0.75);
    CHECK(permutation_pvalue(null, 0.3, Alternative::greater, true) == 0.5);
    // sampled: (count + 1) / (B + 1)
    CHECK(permutation_pvalue(null, 0.3, Alternative::greater, false) == doctest::Approx(3.0 / 5).epsilon(1e-15));
    CHECK(permutation_pvalue(null, 0.3, Alternative::two_sided, true) == 1.0);
}

TEST_CASE("permutation tests: every bad input is a clear error") {
    const std::vector<double> ok{1, 2, 3}, one{1};
    auto o = with(StatisticKind::mean);
    CHECK_THROWS_WITH_AS(permutation_test(ok, one, o), doctest::Contains("y: the permutation test needs at least 2"),
                         hp::DataError);
    CHECK_THROWS_WITH_AS(permutation_test(std::vector<double>{}, ok, o), doctest::Contains("x:"), hp::DataError);
    CHECK_THROWS_WITH_AS(permutation_test(ok, std::vector<double>{1, std::nan("")}, o), doctest::Contains("position 1"),
                         hp::DataError);
    CHECK_THROWS_WITH_AS(paired_permutation_test(ok, std::vector<double>{1, 2}, o), doctest::Contains("same length"),
                         hp::DataError);
    CHECK_THROWS_AS(sign_flip_test(one, o), hp::DataError);
    auto bad = o;
    bad.n_resamples = 0;
    CHECK_THROWS_WITH_AS(permutation_test(ok, ok, bad), doctest::Contains("n_resamples"), hp::DomainError);
    bad = o;
    bad.method = TestMethod::asymptotic;
    CHECK_THROWS_AS(permutation_test(ok, ok, bad), hp::DomainError);
    bad = o;
    bad.method = TestMethod::exact;
    bad.max_exact = 100;
    std::vector<double> big(40, 1.0);
    big[0] = 2;
    CHECK_THROWS_WITH_AS(permutation_test(big, big, bad), doctest::Contains("max_exact"), hp::DomainError);
    CHECK_THROWS_WITH_AS(sign_flip_test(big, bad), doctest::Contains("max_exact"), hp::DomainError);
    bad = o;
    bad.statistic.kind = StatisticKind::quantile;
    bad.statistic.p = 2;
    CHECK_THROWS_AS(permutation_test(ok, ok, bad), hp::DomainError);
    CHECK_THROWS_AS(permutation_pvalue(std::vector<double>{}, 0.0, Alternative::less, true), hp::DomainError);
    std::vector<std::int64_t> out(10);
    CHECK_THROWS_AS(relabellings(2, 2, true, 0, 0, 7, out.data()), hp::DomainError);  // only 6 exist
}

TEST_CASE("permutation tests from a list of samples: the type by name, the count checked, plans for callables") {
    CHECK(parse_permutation_type("samples") == PermutationType::samples);
    CHECK(to_string(PermutationType::independent) == "independent");
    CHECK_THROWS_WITH_AS(parse_permutation_type("pairs"), doctest::Contains("'independent' (relabel two groups)"),
                         hp::DomainError);

    const std::vector<double> x{3, 4, 4, 3, 2}, y{1, 2, 2, 1, 3};
    const std::vector<std::span<const double>> both{x, y}, one{x};
    const auto o = with(StatisticKind::mean);
    CHECK(permutation_test_samples(both, PermutationType::independent, o).pvalue ==
          permutation_test(x, y, o).pvalue);
    CHECK(permutation_test_samples(both, PermutationType::samples, o).pvalue ==
          paired_permutation_test(x, y, o).pvalue);
    CHECK(permutation_test_samples(one, PermutationType::samples, o).pvalue == sign_flip_test(x, o).pvalue);
    CHECK_THROWS_WITH_AS(permutation_test_samples(one, PermutationType::independent, o),
                         "an independent-samples permutation test takes 2 samples, got 1", hp::DomainError);

    // A callable's plan: the arrangements the named statistic's test enumerates or samples.
    const auto relabel = plan_permutation(both, PermutationType::independent, o);
    CHECK(relabel.exact);
    CHECK(relabel.arrangements == 252);
    CHECK(static_cast<std::int64_t>(permutation_test(x, y, o).null_distribution.size()) == relabel.arrangements);
    const auto flips = plan_permutation(both, PermutationType::samples, o);  // differences 2 2 2 2 -1: none zero
    CHECK(flips.exact);
    CHECK(flips.arrangements == 32);
    auto sampled = o;
    sampled.method = TestMethod::monte_carlo;
    sampled.n_resamples = 99;
    CHECK_FALSE(plan_permutation(both, PermutationType::independent, sampled).exact);
    CHECK(plan_permutation(both, PermutationType::independent, sampled).arrangements == 99);
    auto tight = o;
    tight.method = TestMethod::exact;
    tight.max_exact = 2;
    CHECK_THROWS_WITH_AS(plan_permutation(both, PermutationType::independent, tight),
                         doctest::Contains("252 relabellings exceed max_exact = 2"), hp::DomainError);
    const std::vector<double> short_y{1};
    const std::vector<std::span<const double>> uneven{x, short_y};
    CHECK_THROWS_WITH_AS(plan_permutation(uneven, PermutationType::independent, o),
                         "y: the permutation test needs at least 2 observations, got 1", hp::DataError);
    CHECK_THROWS_WITH_AS(plan_permutation(uneven, PermutationType::samples, o),
                         "paired samples must have the same length: x has 5 values, y has 1", hp::DataError);
    auto none = o;
    none.n_resamples = 0;
    CHECK_THROWS_WITH_AS(plan_permutation(both, PermutationType::samples, none),
                         "n_resamples must be a positive integer, got 0", hp::DomainError);
}
