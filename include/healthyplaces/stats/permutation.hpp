#pragma once
// Permutation tests for the named statistics of statistic.hpp, with p-values formed exactly as
// scipy.stats.permutation_test 1.17 forms them:
//  - independent samples (permutation_type 'independent'): the statistic is stat(x) - stat(y) and the null
//    distribution comes from relabelling the pooled observations into groups of the original sizes;
//  - paired samples / one sample (permutation_type 'samples'): the statistic is stat(d) for the differences
//    d = x - y (or the one sample d), and the null distribution comes from flipping the signs of d (for pairs,
//    swapping x and y within a pair).
// The test enumerates every arrangement when there are at most n_resamples of them (scipy's rule: C(nx+ny, nx)
// relabellings, 2^n sign patterns) and samples n_resamples arrangements otherwise. p-values: the share of the
// null distribution at least as extreme as the observed statistic, values within 100 machine epsilons
// (relative) of it counting as equal; a sampled null adds one to both counts (it then includes the observed
// arrangement); two-sided is twice the smaller one-sided p-value, capped at 1.
//
// Speed: arrangement b draws only from RandomStream(seed, b). A sign-flip arrangement takes one random bit
// per non-zero difference (64 per draw), the differences ordered by |d|: with few distinct |d| values the
// number of positive copies of each is a popcount (a Binomial(m, 1/2) draw) and the statistic follows from
// counts in O(distinct |d|); the mean of many distinct values uses byte-wise lookup tables.
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "healthyplaces/stats/statistic.hpp"
#include "healthyplaces/stats/test_result.hpp"

namespace hp::stats {

/// scipy's permutation_type: `independent` relabels two groups; `samples` swaps within pairs (flips the signs of
/// the paired differences, or of one sample).
enum class PermutationType : std::uint8_t { independent, samples };
std::string_view to_string(PermutationType) noexcept;
/// "independent", "samples"; DomainError saying what each does otherwise.
PermutationType parse_permutation_type(std::string_view name);

struct PermutationOptions {
    Statistic statistic{StatisticKind::mean};
    Alternative alternative = Alternative::two_sided;
    /// automatic: exact when the arrangements number at most n_resamples, else Monte Carlo (scipy's rule).
    /// exact: enumerate (DomainError when there are more than max_exact). monte_carlo: always sample.
    TestMethod method = TestMethod::automatic;
    std::int64_t n_resamples = 9999;
    std::uint64_t seed = 0;
    int threads = 0;  ///< 0 = all cores; the numbers do not depend on it
    std::int64_t max_exact = std::int64_t{1} << 24;
};

struct PermutationResult : TestResult {
    /// The statistic under each arrangement: all of them (exact; sign flips of the non-zero differences only,
    /// since flipping a zero changes nothing) or the sampled ones, in arrangement order.
    std::vector<double> null_distribution;
    bool exact = false;
};

/// Two independent samples (at least 2 values each, finite): stat(x) - stat(y) against relabellings.
PermutationResult permutation_test(std::span<const double> x, std::span<const double> y,
                                   const PermutationOptions& options = {});
/// Paired samples: stat(x - y) against sign flips of the differences (swaps within pairs).
PermutationResult paired_permutation_test(std::span<const double> x, std::span<const double> y,
                                          const PermutationOptions& options = {});
/// One sample d (differences, or values centred on the null): stat(d) against sign flips.
PermutationResult sign_flip_test(std::span<const double> d, const PermutationOptions& options = {});

/// The samples as a list, by permutation type: independent takes (x, y); samples takes (x, y) paired or (d,).
/// DomainError for any other number of samples.
PermutationResult permutation_test_samples(std::span<const std::span<const double>> samples, PermutationType type,
                                           const PermutationOptions& options = {});

// ---- pieces for statistics computed elsewhere (a Python callable): same arrangements, same p-values ----

/// Arrangements of an independent design with nx + ny observations: C(nx + ny, nx), saturating.
std::int64_t count_relabellings(std::int64_t nx, std::int64_t ny) noexcept;
/// Rows [begin, end) of arrangements, each a permutation of 0..nx+ny-1 whose first nx entries are x's members
/// (row-major into `out`). exact: the begin-th.. lexicographic combinations (x's then y's members, ascending);
/// otherwise the random relabellings RandomStream(seed, b) gives, as the named statistics use them.
void relabellings(std::int64_t nx, std::int64_t ny, bool exact, std::uint64_t seed, std::int64_t begin,
                  std::int64_t end, std::int64_t* out, int threads = 0);
/// Rows [begin, end) of sign patterns (+1/-1) for the differences `d`, in d's order (zeros get +1): exact
/// enumerates patterns of the non-zero differences; otherwise RandomStream(seed, b)'s bits, as the named
/// statistics use them. The number of exact patterns is 2^(non-zero differences).
void sign_flips(std::span<const double> d, bool exact, std::uint64_t seed, std::int64_t begin, std::int64_t end,
                double* out, int threads = 0);

/// What a permutation test of a statistic computed elsewhere (a callable) is to do, after the checks the named
/// statistics get (options; the number of samples; at least 2 finite values each; paired samples of one length):
/// enumerate (`exact`, by the same rule and max_exact as permutation_test) and how many arrangements: all of them
/// (C(nx+ny, nx) relabellings, or 2^(non-zero differences) sign patterns) or n_resamples.
struct PermutationPlan {
    bool exact = false;
    std::int64_t arrangements = 0;
};
PermutationPlan plan_permutation(std::span<const std::span<const double>> samples, PermutationType type,
                                 const PermutationOptions& options);

/// scipy's p-value of `observed` against a null distribution (exact: no +1 adjustment).
double permutation_pvalue(std::span<const double> null_distribution, double observed, Alternative alternative,
                          bool exact);

}  // namespace hp::stats
