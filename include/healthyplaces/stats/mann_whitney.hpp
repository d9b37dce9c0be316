#pragma once
// Mann–Whitney U test for two independent samples, and the exact null distribution of U that the
// Hodges–Lehmann interval (and anything else that inverts the test) reads its quantiles from.
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "healthyplaces/stats/test_result.hpp"

namespace hp::stats {

/// An integer-valued null distribution on 0..max, symmetric about max/2: the exact distributions of the
/// Mann–Whitney U and the Wilcoxon signed-rank T without ties. Only the lower half is stored; every tail is
/// summed from its own small side, so p-values far out in either tail keep their relative accuracy.
/// Copies are cheap (the table is shared and immutable, so a copy may be read from any thread).
class SymmetricNull {
public:
    SymmetricNull() = default;
    /// From the probabilities of 0..floor(max/2); used by the factories below.
    SymmetricNull(std::int64_t max, std::vector<double> lower_pmf);

    std::int64_t max() const noexcept { return max_; }
    double mean() const noexcept { return 0.5 * static_cast<double>(max_); }
    double pmf(std::int64_t k) const noexcept;  ///< P(X = k); 0 outside 0..max
    double cdf(std::int64_t k) const noexcept;  ///< P(X <= k)
    double sf(std::int64_t k) const noexcept;   ///< P(X > k), as scipy.stats and Boost.Math define it
    /// Smallest k with cdf(k) >= p (the lower quantile); DomainError unless 0 <= p <= 1.
    std::int64_t quantile(double p) const;
    /// Largest c with cdf(c) <= alpha, or -1 when even P(X = 0) exceeds alpha: a one-sided test at level
    /// alpha rejects for X <= c. This is where a confidence interval is read off by inverting the test.
    std::int64_t lower_critical(double alpha) const;

private:
    double lower_cdf(std::int64_t k) const noexcept;  // k in 0..half
    std::int64_t max_ = 0;
    std::shared_ptr<const std::vector<double>> pmf_;  // P(X = k), k = 0..floor(max/2)
    std::shared_ptr<const std::vector<double>> cdf_;  // P(X <= k), same range
};

/// Exact null distribution of U (pairs x_i > y_j) for samples of n1 and n2 values without ties: each of the
/// C(n1+n2, n1) labellings equally likely. Counted exactly in 128-bit integers while C(n1+n2, n1) < 2^127,
/// in normalised doubles while min(n1, n2) <= 150 (up to 250 when max is 4-10 times min; cost O(min·n1·n2/2)), in
/// double-double arithmetic up to min = 700 (checked; ~0.8 s at 700 x 700). Recently used
/// tables are kept per thread.
/// DataError for an empty sample; DomainError naming the asymptotic and monte_carlo methods beyond min = 700 or
/// min²·max = 8e8, or when the double-double table's estimated error exceeds 2.5e-13 of its largest probability.
SymmetricNull mann_whitney_null(std::int64_t n1, std::int64_t n2);

struct MannWhitneyOptions {
    Alternative alternative = Alternative::two_sided;
    /// automatic: scipy 1.17's rule (exact if min(n1, n2) <= 8 and there are no ties, else asymptotic).
    /// exact: without ties the distribution above; with ties the exact permutation distribution of the
    /// mid-rank sum given the tie pattern (scipy's exact ignores ties; this is its PermutationMethod with
    /// every arrangement). asymptotic: normal with tie correction. monte_carlo: random relabellings, or
    /// every arrangement when there are no more of them than n_resamples (as scipy.stats.permutation_test).
    TestMethod method = TestMethod::automatic;
    bool continuity = true;  ///< continuity correction of the asymptotic test (scipy's use_continuity)
    MonteCarloOptions monte_carlo{};
};

/// Mann–Whitney U test of x against y. statistic = U of x = R_x − n_x(n_x+1)/2 with mid-ranks (scipy's);
/// `less`: x tends to be smaller. Two-sided p-values are twice the smaller one-sided tail, at most 1.
/// zstatistic (asymptotic): (U − n_x·n_y/2 − c)/σ with c the continuity correction towards the mean.
/// DataError: an empty sample, NaN or infinity; DomainError: bad options.
TestResult mann_whitney(std::span<const double> x, std::span<const double> y, const MannWhitneyOptions& options = {});

namespace detail {
/// A distribution on the consecutive integers lo, lo+1, ... (a rank statistic counted in half-ranks).
struct Lattice {
    std::int64_t lo = 0;
    std::vector<double> prob;
    double le(std::int64_t s) const noexcept;  ///< P(S <= s), summed from the bottom (small tails stay accurate)
    double ge(std::int64_t s) const noexcept;  ///< P(S >= s), summed from the top
};

/// P(U = k) for k = 0..floor(n1·n2/2) without ties, by exact 128-bit counts (exact_integers; needs
/// C(n1+n2, n1) < 2^127) or by normalised doubles. Exposed so the tests can check one path against the other.
std::vector<double> mann_whitney_lower_pmf(std::int64_t n1, std::int64_t n2, bool exact_integers);
/// The same by a recursion of positive terms only (one ranked item at a time), accurate at any size but costing
/// about mann_whitney_stable_work(n1, n2) steps (≈ m²n²/8 for m = min, n = max, pruned): the reference the
/// tests check the two fast recursions against (it validated the double-double one at 300, 500 and 600 per sample).
std::vector<double> mann_whitney_lower_pmf_stable(std::int64_t n1, std::int64_t n2);
/// The fast recursion in double-double arithmetic (~106 bits), about ten times its cost.
std::vector<double> mann_whitney_lower_pmf_double_double(std::int64_t n1, std::int64_t n2);
double mann_whitney_stable_work(std::int64_t n1, std::int64_t n2, double* peak_cells = nullptr);
/// The normalised-double recursion is used up to this smaller-sample size m, and a little beyond when the
/// larger n is several times m (its error shrinks as n/m grows): there its error is at most ~2.5e-13 of the
/// largest probability (measured against 80-bit arithmetic at the corners: 150x150, 175x700, 200x1200,
/// 250x2500); the stable recursion elsewhere.
inline constexpr std::int64_t max_fast_recursion_m = 150;
constexpr bool fast_recursion_accurate(std::int64_t m, std::int64_t n) noexcept {
    return m <= max_fast_recursion_m || (m <= 175 && n >= 4 * m) || (m <= 200 && n >= 6 * m) ||
           (m <= 250 && n >= 10 * m);
}
/// The double-double recursion is used up to this smaller-sample size: its error is the double one times
/// 2^-53 (matched the stable recursion to 6e-15 at 300, 500 and 600 per sample), about 6e-15 of the largest
/// probability at 700 x 700 (the double one is 52 there) and 5e-10 at 800 x 800 (not used).
inline constexpr std::int64_t max_double_double_m = 700;
/// ... and while min · (min·max/2) is at most this many cell updates (a few seconds), and only when its error,
/// estimated from the double recursion's (scaled by 2^-53), is at most this (relative to the largest
/// probability): e.g. 700 x 1,630 fails (the double recursion is off by 1.5e12 there).
inline constexpr double max_double_double_work = 4e8;
inline constexpr double max_exact_relative_error = 2.5e-13;  // the double path's measured worst

enum class TiedAlgorithm : std::uint8_t { automatic, dynamic_programming, enumeration };
/// Exact permutation distribution of twice the mid-rank sum of a sample of n1 drawn from a pool whose tie
/// groups (ascending values) have the sizes in `ties`. dynamic_programming: one item at a time over
/// (items chosen, sum); enumeration: over how many of each tie group are drawn (fast for few groups, e.g.
/// ordinal scales); automatic: the cheaper. DomainError when the chosen way is too costly.
Lattice rank_sum_permutation_null(std::span<const std::int64_t> ties, std::int64_t n1,
                                  TiedAlgorithm algorithm = TiedAlgorithm::automatic);
}  // namespace detail

}  // namespace hp::stats
