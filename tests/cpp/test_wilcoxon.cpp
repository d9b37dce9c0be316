// Wilcoxon signed-rank and sign tests: hand-worked statistics, distributions and p-values for every zero
// method, brute force over all sign flips, Monte Carlo, bad input. (The scipy battery is in tests/python.)
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/random.hpp"
#include "healthyplaces/stats/ranks.hpp"
#include "healthyplaces/stats/wilcoxon.hpp"

using namespace hp::stats;

namespace {

WilcoxonOptions wopt(TestMethod m, ZeroMethod z = ZeroMethod::wilcox, Alternative a = Alternative::two_sided) {
    WilcoxonOptions o;
    o.method = m;
    o.zero_method = z;
    o.alternative = a;
    return o;
}

double phi_upper(double z) { return 0.5 * std::erfc(z / std::sqrt(2.0)); }

}  // namespace

TEST_CASE("wilcoxon: the signed-rank distribution for n = 5, counted by hand") {
    // subsets of {1..5} by sum t = 0..15: 1 1 1 2 2 3 3 3 3 3 3 2 2 1 1 1 (32 in all)
    const double counts[] = {1, 1, 1, 2, 2, 3, 3, 3, 3, 3, 3, 2, 2, 1, 1, 1};
    const SymmetricNull null = signed_rank_null(5);
    CHECK(null.max() == 15);
    double cum = 0;
    for (int t = 0; t <= 15; ++t) {
        cum += counts[t];
        CHECK(null.pmf(t) == doctest::Approx(counts[t] / 32).epsilon(1e-15));
        CHECK(null.cdf(t) == doctest::Approx(cum / 32).epsilon(1e-15));
    }
    CHECK(null.lower_critical(0.05) == 0);  // P(T <= 0) = 1/32 = 0.031; P(T <= 1) = 0.0625
    CHECK_THROWS_AS(signed_rank_null(0), hp::DataError);
}

TEST_CASE("wilcoxon: exact test without ties, by hand") {
    // d = 1.5 2 3 4 −0.5: |d| ranks 2 3 4 5 1; T+ = 14, T− = 1. P(T >= 14) = P(T <= 1) = 2/32.
    const std::vector<double> d{1.5, 2, 3, 4, -0.5};
    auto r = wilcoxon(d, wopt(TestMethod::exact));
    CHECK(r.statistic == 1.0);  // min(T+, T−) for two-sided, as scipy
    CHECK(r.pvalue == doctest::Approx(4.0 / 32).epsilon(1e-15));
    CHECK(r.n == 5);
    r = wilcoxon(d, wopt(TestMethod::exact, ZeroMethod::wilcox, Alternative::greater));
    CHECK(r.statistic == 14.0);  // T+ for one-sided
    CHECK(r.pvalue == doctest::Approx(2.0 / 32).epsilon(1e-15));
    r = wilcoxon(d, wopt(TestMethod::exact, ZeroMethod::wilcox, Alternative::less));
    CHECK(r.pvalue == doctest::Approx(31.0 / 32).epsilon(1e-15));
    CHECK(wilcoxon(d).method == "exact");  // auto: n <= 50, no ties, no zeros
    // paired form: x − y gives the same differences
    const std::vector<double> x{2.5, 3, 4, 5, 0.5}, y{1, 1, 1, 1, 1};
    CHECK(wilcoxon(x, y, wopt(TestMethod::exact)).pvalue == doctest::Approx(4.0 / 32).epsilon(1e-15));
}

TEST_CASE("wilcoxon: zero methods, worked by hand") {
    // d = 0 1 −2 3 3
    const std::vector<double> d{0, 1, -2, 3, 3};
    // wilcox: rank 1 −2 3 3 -> 1 2 3.5 3.5: T+ = 8, T− = 2, n = 4
    auto r = wilcoxon(d, wopt(TestMethod::asymptotic, ZeroMethod::wilcox, Alternative::greater));
    CHECK(r.statistic == 8.0);
    CHECK(r.n == 4);
    // mean 4·5/4 = 5; 24·var = 4·5·9 − (2³ − 2)/2 = 180 − 3 = 177; z = 3 / sqrt(177/24)
    CHECK(r.zstatistic == doctest::Approx(3 / std::sqrt(177.0 / 24)).epsilon(1e-14));
    CHECK(r.pvalue == doctest::Approx(phi_upper(3 / std::sqrt(177.0 / 24))).epsilon(1e-13));
    // pratt: rank 0 1 −2 3 3 -> 1 2 3 4.5 4.5: T+ = 11, T− = 3, n = 5. Mean 5·6/4 − 1·2/4 = 7;
    // 24·var = 5·6·11 − 1·2·3 − (2³ − 2)/2 = 330 − 6 − 3 = 321; z = 4 / sqrt(321/24)
    r = wilcoxon(d, wopt(TestMethod::asymptotic, ZeroMethod::pratt, Alternative::greater));
    CHECK(r.statistic == 11.0);
    CHECK(r.n == 5);
    CHECK(r.zstatistic == doctest::Approx(4 / std::sqrt(321.0 / 24)).epsilon(1e-14));
    // zsplit: the zero's rank 1 splits: T+ = 11.5, T− = 3.5; mean 7.5; 24·var = 330 − 3; z = 4 / sqrt(327/24)
    r = wilcoxon(d, wopt(TestMethod::asymptotic, ZeroMethod::zsplit, Alternative::greater));
    CHECK(r.statistic == 11.5);
    CHECK(r.zstatistic == doctest::Approx(4 / std::sqrt(327.0 / 24)).epsilon(1e-14));
    r = wilcoxon(d, wopt(TestMethod::asymptotic, ZeroMethod::zsplit));
    CHECK(r.statistic == 3.5);
    CHECK(r.zstatistic == doctest::Approx(-4 / std::sqrt(327.0 / 24)).epsilon(1e-14));  // −|z| as scipy
    CHECK(r.pvalue == doctest::Approx(2 * phi_upper(4 / std::sqrt(327.0 / 24))).epsilon(1e-13));
    // continuity correction: z − 0.5/σ
    WilcoxonOptions o = wopt(TestMethod::asymptotic, ZeroMethod::pratt, Alternative::greater);
    o.correction = true;
    CHECK(wilcoxon(d, o).zstatistic == doctest::Approx(3.5 / std::sqrt(321.0 / 24)).epsilon(1e-14));
    o.alternative = Alternative::less;
    CHECK(wilcoxon(d, o).zstatistic == doctest::Approx(4.5 / std::sqrt(321.0 / 24)).epsilon(1e-14));

    // exact, pratt: the non-zero differences have doubled ranks 4 6 9 9; the 16 flips give doubled T+
    // 0 4 6 9 9 10 13 13 15 15 18 19 19 22 24 28; observed 22 -> P(>=) = 3/16, P(<=) = 14/16, two-sided 6/16
    r = wilcoxon(d, wopt(TestMethod::exact, ZeroMethod::pratt));
    CHECK(r.pvalue == doctest::Approx(6.0 / 16).epsilon(1e-15));
    CHECK(r.method == "exact (permutation distribution given the ties and zeros)");
    // zsplit adds the constant 1 (doubled) to every flip: the same p-values
    CHECK(wilcoxon(d, wopt(TestMethod::exact, ZeroMethod::zsplit)).pvalue == doctest::Approx(6.0 / 16).epsilon(1e-15));
    // wilcox: doubled ranks 2 4 7 7, observed 16: subsets >= 16: {2,7,7} 16, {4,7,7} 18, all 20 -> 3/16
    CHECK(wilcoxon(d, wopt(TestMethod::exact, ZeroMethod::wilcox, Alternative::greater)).pvalue ==
          doctest::Approx(3.0 / 16).epsilon(1e-15));
    // auto with zeros and n <= 13: the exact permutation distribution, as scipy's PermutationMethod
    CHECK(wilcoxon(d).method == "exact (permutation distribution given the ties and zeros)");
}

TEST_CASE("wilcoxon: exact with ties agrees with brute force over all sign flips") {
    RandomStream rs(8, 0);
    for (int trial = 0; trial < 80; ++trial) {
        const auto n = static_cast<std::size_t>(1 + rs.below(12));
        std::vector<double> d(n);
        for (auto& v : d) v = static_cast<double>(rs.below(7)) - 3.0;
        if (std::all_of(d.begin(), d.end(), [](double v) { return v == 0; })) d[0] = 1;
        for (auto zm : {ZeroMethod::wilcox, ZeroMethod::pratt, ZeroMethod::zsplit}) {
            // brute force: rank as the zero method says, flip the signs of the non-zero ones
            std::vector<double> a, s;
            for (double v : d)
                if (!(zm == ZeroMethod::wilcox && v == 0)) a.push_back(std::fabs(v)), s.push_back(v);
            const auto r = rank(a);
            auto tplus = [&](std::uint32_t mask) {  // mask bit i: flip item i
                double t = 0;
                for (std::size_t i = 0; i < a.size(); ++i) {
                    const double sign = (mask >> i & 1u) ? -s[i] : s[i];
                    if (sign > 0) t += r.ranks[i];
                    if (sign == 0 && zm == ZeroMethod::zsplit) t += r.ranks[i] / 2;
                }
                return t;
            };
            const double obs = tplus(0);
            double le = 0, ge = 0;
            const std::uint32_t total = 1u << a.size();
            for (std::uint32_t m = 0; m < total; ++m) {
                le += tplus(m) <= obs;
                ge += tplus(m) >= obs;
            }
            for (auto alt : {Alternative::two_sided, Alternative::less, Alternative::greater}) {
                const double want = alt == Alternative::less      ? le / total
                                    : alt == Alternative::greater ? ge / total
                                                                  : std::min(1.0, 2 * std::min(le, ge) / total);
                CHECK(wilcoxon(d, wopt(TestMethod::exact, zm, alt)).pvalue == doctest::Approx(want).epsilon(1e-13));
            }
        }
    }
}

TEST_CASE("wilcoxon: Monte Carlo is thread-invariant and near the exact value") {
    RandomStream rs(2, 2);
    std::vector<double> d(40);
    for (auto& v : d) v = static_cast<double>(rs.below(5)) - 1.6;
    WilcoxonOptions o = wopt(TestMethod::monte_carlo);
    o.monte_carlo.n_resamples = 20000;
    o.monte_carlo.seed = 9;
    const double one = wilcoxon(d, o).pvalue;
    o.monte_carlo.threads = 2;
    CHECK(wilcoxon(d, o).pvalue == one);
    o.monte_carlo.threads = 0;
    CHECK(wilcoxon(d, o).pvalue == one);
    for (auto alt : {Alternative::two_sided, Alternative::less, Alternative::greater}) {
        o.alternative = alt;
        const double exact = wilcoxon(d, wopt(TestMethod::exact, ZeroMethod::wilcox, alt)).pvalue;
        const double se = std::sqrt(std::max(exact * (1 - exact), 1e-4) / 20000.0) * (alt == Alternative::two_sided ? 2 : 1);
        CHECK(std::fabs(wilcoxon(d, o).pvalue - exact) < 4 * se);
    }
    // 2^5 = 32 flips <= 9999 resamples: enumerated
    const std::vector<double> small{1, -2, 3, 4, 5};
    CHECK(wilcoxon(small, wopt(TestMethod::monte_carlo)).method == "exact (all 32 sign flips, no more than n_resamples)");
}

TEST_CASE("wilcoxon: bad input") {
    const std::vector<double> empty, zeros{0, 0, 0}, nan{1, 2, std::nan("")}, a{1, 2}, b{1, 2, 3};
    CHECK_THROWS_WITH_AS(wilcoxon(empty), "wilcoxon: no differences given; the test needs at least one non-zero difference",
                         hp::DataError);
    for (auto zm : {ZeroMethod::wilcox, ZeroMethod::pratt, ZeroMethod::zsplit})
        CHECK_THROWS_WITH_AS(wilcoxon(zeros, wopt(TestMethod::automatic, zm)),
                             "wilcoxon: all 3 differences are zero; the test needs at least one non-zero difference",
                             hp::DataError);
    CHECK_THROWS_WITH_AS(wilcoxon(nan), "wilcoxon: differences: missing value (NaN) at position 2; remove it before testing",
                         hp::DataError);
    CHECK_THROWS_WITH_AS(wilcoxon(a, b), "wilcoxon: paired samples must have the same length, got x of 2 and y of 3",
                         hp::DataError);
    CHECK_THROWS_WITH_AS(wilcoxon(b, nan), "wilcoxon: sample y: missing value (NaN) at position 2; remove it before testing",
                         hp::DataError);
    WilcoxonOptions o = wopt(TestMethod::monte_carlo);
    o.monte_carlo.n_resamples = 0;
    CHECK_THROWS_AS(wilcoxon(b, o), hp::DomainError);
    CHECK_THROWS_WITH_AS(parse_zero_method("drop"), "unknown zero_method 'drop': use 'wilcox', 'pratt' or 'zsplit'",
                         hp::DomainError);
    CHECK(parse_zero_method("pratt") == ZeroMethod::pratt);
    CHECK(to_string(ZeroMethod::zsplit) == "zsplit");
}

TEST_CASE("sign_test: binomial p-values by hand") {
    // 8 of 10 non-zero differences positive (two zeros dropped):
    // P(K >= 8) = (C(10,8) + C(10,9) + C(10,10)) / 1024 = (45 + 10 + 1)/1024 = 56/1024
    // two-sided (binomtest: outcomes no more likely than 8, i.e. 0 1 2 8 9 10): 112/1024
    // less: P(K <= 8) = 1 − (10 + 1)/1024
    const std::vector<double> d{1, 2, 3, 0.5, 4, 5, 6, 7, -1, -2, 0, 0};
    SignTestOptions o;
    auto r = sign_test(d, o);
    CHECK(r.statistic == 8.0);
    CHECK(r.n == 10);
    CHECK(r.pvalue == doctest::Approx(112.0 / 1024).epsilon(1e-14));
    o.alternative = Alternative::greater;
    CHECK(sign_test(d, o).pvalue == doctest::Approx(56.0 / 1024).epsilon(1e-14));
    o.alternative = Alternative::less;
    CHECK(sign_test(d, o).pvalue == doctest::Approx(1 - 11.0 / 1024).epsilon(1e-14));
    // asymptotic: z = (8 − 0.5 − 5) / (sqrt(10)/2) = 1.5811; P(Z > z)
    o.alternative = Alternative::greater;
    o.method = TestMethod::asymptotic;
    r = sign_test(d, o);
    CHECK(r.zstatistic == doctest::Approx(2.5 / (std::sqrt(10.0) / 2)).epsilon(1e-14));
    CHECK(r.pvalue == doctest::Approx(phi_upper(2.5 / (std::sqrt(10.0) / 2))).epsilon(1e-13));
    o.alternative = Alternative::two_sided;
    CHECK(sign_test(d, o).pvalue == doctest::Approx(2 * phi_upper(2.5 / (std::sqrt(10.0) / 2))).epsilon(1e-13));
    // mu shifts the differences: against mu = 1.5, 6 above (2 3 4 5 6 7), 6 below -> k = n/2, p = 1
    o = {};
    o.mu = 1.5;
    r = sign_test(d, o);
    CHECK(r.statistic == 6.0);
    CHECK(r.pvalue == 1.0);
    // paired form
    const std::vector<double> x{3, 4, 5}, y{1, 1, 1};
    o = {};
    o.alternative = Alternative::greater;
    CHECK(sign_test(x, y, o).pvalue == doctest::Approx(1.0 / 8).epsilon(1e-15));
}

TEST_CASE("sign_test: bad input") {
    const std::vector<double> same{2, 2}, empty;
    SignTestOptions o;
    o.mu = 2;
    CHECK_THROWS_WITH_AS(sign_test(same, o),
                         "sign_test: all 2 differences equal mu (2); the test needs at least one that does not",
                         hp::DataError);
    CHECK_THROWS_AS(sign_test(empty), hp::DataError);
    o.mu = std::nan("");
    CHECK_THROWS_AS(sign_test(same, o), hp::DomainError);
    o = {};
    o.method = TestMethod::monte_carlo;
    CHECK_THROWS_AS(sign_test(same, o), hp::DomainError);
    const std::vector<double> a{1}, b{1, 2};
    CHECK_THROWS_AS(sign_test(a, b), hp::DataError);
}
