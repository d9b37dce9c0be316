#pragma once
// Tests for paired data (or one sample against zero): Wilcoxon's signed-rank test and the sign test.
#include <cstdint>
#include <span>
#include <string_view>

#include "healthyplaces/stats/mann_whitney.hpp"
#include "healthyplaces/stats/test_result.hpp"

namespace hp::stats {

/// Exact null distribution of the signed-rank sum T+ of n non-zero differences without ties (each of the
/// 2^n sign patterns equally likely), 0..n(n+1)/2. Cost O(n · n²/4); recently used tables kept per thread.
/// DataError for n < 1; DomainError when too large to build.
SymmetricNull signed_rank_null(std::int64_t n);

/// What the signed-rank test does with zero differences, as scipy.stats.wilcoxon:
/// wilcox: drop them before ranking; pratt: rank them with the rest, then drop them (Pratt 1959);
/// zsplit: rank them with the rest and split their ranks equally between the positive and negative sums.
enum class ZeroMethod : std::uint8_t { wilcox, pratt, zsplit };
std::string_view to_string(ZeroMethod) noexcept;
/// "wilcox", "pratt", "zsplit"; DomainError otherwise.
ZeroMethod parse_zero_method(std::string_view name);

struct WilcoxonOptions {
    Alternative alternative = Alternative::two_sided;
    /// automatic: scipy 1.17's rule: asymptotic when there are more than 50 differences (zeros included);
    /// otherwise exact when there are neither ties nor zeros, the exact permutation distribution when there
    /// are and n <= 13, asymptotic beyond. exact: the distribution above without ties or zeros; with them
    /// the exact distribution of T+ over all sign flips given the ranks (scipy's "exact" rounds T+ and uses
    /// the untied table instead; this is its PermutationMethod with every flip). asymptotic: normal with tie
    /// correction and scipy's treatment of zeros in mean and variance. monte_carlo: random sign flips, or
    /// all 2^n of them when that is no more than n_resamples.
    TestMethod method = TestMethod::automatic;
    ZeroMethod zero_method = ZeroMethod::wilcox;
    bool correction = false;  ///< continuity correction of the asymptotic test (scipy's default: off)
    MonteCarloOptions monte_carlo{};
};

/// Wilcoxon signed-rank test that the differences d are symmetric about zero. statistic as scipy 1.17:
/// min(T+, T−) for two-sided, T+ otherwise (zsplit adds half the zero ranks to both); `greater`: the
/// differences tend to be positive. n = differences ranked (zeros excluded by wilcox only).
/// zstatistic (asymptotic): (T+ − mean)/σ after the correction, −|z| for two-sided as scipy reports it.
/// DataError: empty, NaN or infinity, no non-zero difference; DomainError: bad options.
TestResult wilcoxon(std::span<const double> d, const WilcoxonOptions& options = {});
/// Paired form: d = x − y (DataError when the lengths differ).
TestResult wilcoxon(std::span<const double> x, std::span<const double> y, const WilcoxonOptions& options = {});

struct SignTestOptions {
    Alternative alternative = Alternative::two_sided;
    /// exact (and automatic): binomial(n, 1/2) with scipy.stats.binomtest's two-sided rule (sum the
    /// probabilities of outcomes no more likely than the one observed). asymptotic: normal approximation with
    /// continuity correction. monte_carlo is not offered (the exact test is always cheap).
    TestMethod method = TestMethod::automatic;
    double mu = 0.0;  ///< the hypothesised median of the differences
};

/// Sign test that the median of d is mu: differences equal to mu are dropped; statistic = number of
/// differences above mu; n = differences kept. `greater`: the median exceeds mu.
/// DataError: empty, NaN or infinity, every difference equal to mu; DomainError: bad options.
TestResult sign_test(std::span<const double> d, const SignTestOptions& options = {});
/// Paired form: d = x − y.
TestResult sign_test(std::span<const double> x, std::span<const double> y, const SignTestOptions& options = {});

}  // namespace hp::stats
