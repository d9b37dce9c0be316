#pragma once
// Bootstrap confidence intervals (percentile, basic, BCa) defined exactly as scipy.stats.bootstrap 1.17
// defines them, for the named statistics of statistic.hpp: one sample, two independent samples (the
// difference stat(x) - stat(y)) and paired samples (stat(x - y)).
//
// How the bootstrap distribution is obtained (`Resampling`):
//  - indices: each resample draws n indices with replacement, O(n) per resample (what scipy does);
//  - multinomial: the counts at each distinct value are sufficient for every named statistic, so a resample
//    is one multinomial draw of n over the k distinct values (sequential binomials), O(k) per resample;
//  - exact: every count vector (composition of n into k parts, C(n+k-1, k-1) of them; the product over
//    samples for two) with its multinomial probability gives the exact ("ideal") bootstrap distribution.
// `automatic` enumerates exactly when the number of distinct resamples is at most n_resamples (Monte Carlo
// could only approximate a distribution that is cheaper to compute exactly, as in scipy's rule for permutation
// tests), and otherwise draws multinomially when the data have few distinct values (n at least 10 times their
// number, as ordinal data on a small scale have: a binomial draw costs about ten index draws), by indices
// otherwise.
//
// Resample b draws only from RandomStream(seed, b) (for two samples: x's draws, then y's), so the results are
// identical for any thread count. The jackknife for BCa has one leave-one-out value per distinct value,
// weighted by its count.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "healthyplaces/stats/statistic.hpp"
#include "healthyplaces/stats/test_result.hpp"

namespace hp::stats {

/// How the interval is read off the bootstrap distribution (scipy's names).
enum class IntervalMethod : std::uint8_t { percentile, basic, bca };
std::string_view to_string(IntervalMethod) noexcept;
/// "percentile", "basic", "BCa" (any case); DomainError listing them otherwise.
IntervalMethod parse_interval_method(std::string_view name);

enum class Resampling : std::uint8_t { automatic, exact, multinomial, indices };
std::string_view to_string(Resampling) noexcept;
/// "auto", "exact", "multinomial", "indices"; DomainError listing them otherwise.
Resampling parse_resampling(std::string_view name);

/// A declared ordinal scale lo..hi: every value must be an integer on it (DataError otherwise).
struct Scale {
    int lo = 1;
    int hi = 4;
};

struct BootstrapOptions {
    Statistic statistic{};
    IntervalMethod method = IntervalMethod::bca;
    double confidence_level = 0.95;
    Alternative alternative = Alternative::two_sided;  ///< less: (-inf, high]; greater: [low, inf)
    std::int64_t n_resamples = 9999;
    Resampling resampling = Resampling::automatic;
    std::optional<Scale> scale;  ///< declare the scale to validate the data against it
    std::uint64_t seed = 0;
    int threads = 0;  ///< 0 = all cores; the numbers do not depend on it
    /// Largest number of distinct resamples (count vectors, per sample) that exact enumeration will visit.
    std::int64_t max_exact = 10'000'000;
};

struct BootstrapResult {
    /// The observed statistic (estimate), the interval, standard error, confidence, n, and `method` in words.
    Estimate estimate;
    /// Monte Carlo: the statistic of each resample, in resample order. Exact: the distinct values, ascending.
    std::vector<double> distribution;
    /// Exact: the probability of each value in `distribution`. Empty for Monte Carlo.
    std::vector<double> probabilities;
    Resampling resampling = Resampling::indices;  ///< what was done: exact, multinomial or indices
    std::int64_t n_resamples = 0;  ///< resamples drawn, or distinct resamples enumerated (exact)
    IntervalMethod method = IntervalMethod::bca;
    Alternative alternative = Alternative::two_sided;
    double bias_correction = nan;  ///< BCa's z0
    double acceleration = nan;     ///< BCa's a, from the jackknife
    /// Non-empty when an end of the interval could not be computed (it is then NaN) and why, as scipy warns.
    std::string warning;
};

/// One sample. DataError: fewer than 2 values, NaN/inf, a value off the declared scale. DomainError: bad
/// options (zero resamples, confidence outside (0, 1), bad statistic parameters, infeasible exact).
BootstrapResult bootstrap(std::span<const double> x, const BootstrapOptions& options = {});
/// Two independent samples: the statistic is stat(x) - stat(y); each is resampled on its own.
BootstrapResult bootstrap(std::span<const double> x, std::span<const double> y, const BootstrapOptions& options = {});
/// Paired samples: the statistic of the differences x - y (pairs are resampled together).
BootstrapResult bootstrap_paired(std::span<const double> x, std::span<const double> y,
                                 const BootstrapOptions& options = {});

/// One sample, two (the difference) or two paired, as a list: the dispatch the bindings need. DomainError for
/// any other number of samples (paired needs exactly two).
BootstrapResult bootstrap_samples(std::span<const std::span<const double>> samples, bool paired,
                                  const BootstrapOptions& options = {});

/// C(n+k-1, k-1): how many distinct resamples (count vectors) a sample of n with k distinct values has;
/// saturates at INT64_MAX.
std::int64_t distinct_resamples(std::int64_t n, std::int64_t k) noexcept;

/// A distribution given as distinct values (ascending) with their probabilities.
struct ExactDistribution {
    std::vector<double> values;
    std::vector<double> probabilities;
    std::int64_t n_resamples = 0;  ///< distinct resamples enumerated (product over samples)
};
/// The exact bootstrap distribution of `statistic` on x (DomainError when it has more than `max_exact`
/// distinct resamples).
ExactDistribution exact_bootstrap_distribution(std::span<const double> x, const Statistic& statistic,
                                               std::int64_t max_exact = 10'000'000, int threads = 0);
/// ... of stat(x) - stat(y) for two independent samples.
ExactDistribution exact_bootstrap_distribution(std::span<const double> x, std::span<const double> y,
                                               const Statistic& statistic, std::int64_t max_exact = 10'000'000,
                                               int threads = 0);

// ---- pieces for statistics computed elsewhere (a Python callable): same draws, same interval code ----

/// Fills `out` (row-major, (end - begin) rows of sum(sizes) columns) with the resample indices of resamples
/// [begin, end): for each sample in turn, sizes[j] indices in [0, sizes[j]) drawn from RandomStream(seed, b).
/// These are the draws Resampling::indices uses, so a callable sees the very resamples a named statistic sees.
void bootstrap_indices(std::span<const std::int64_t> sizes, std::uint64_t seed, std::int64_t begin, std::int64_t end,
                       std::int64_t* out, int threads = 0);

/// The checks a bootstrap makes before resampling, for a statistic computed elsewhere (a callable), and the
/// sizes to pass to bootstrap_indices: each sample's, or for paired samples their common length (pairs are
/// resampled together). Samples are named x, y, sample 2, ...; each needs at least 2 finite values, on the declared
/// scale if any; paired needs at least two samples of one length. DomainError for bad options (as bootstrap()),
/// and for resampling other than automatic or indices: only a named statistic can be resampled otherwise.
std::vector<std::int64_t> plan_bootstrap(std::span<const std::span<const double>> samples, bool paired,
                                         const BootstrapOptions& options);

struct BootstrapInterval {
    double low = nan;
    double high = nan;
    double bias_correction = nan;
    double acceleration = nan;
    std::string warning;
};

/// The interval from a bootstrap distribution (Monte Carlo when `probabilities` is empty, else exact),
/// the observed statistic and, for BCa, the jackknife of each sample (unused otherwise). Monte Carlo: scipy's
/// definitions (linear quantiles of the resampled values, mid-rank percentile of the observed value). Exact:
/// their limits as the number of resamples grows (the inverse CDF; the mid-probability of the observed value).
/// One deliberate difference: for BCa's bias correction, values within 100 machine epsilons (relative) of the
/// observed value count as equal to it, as scipy.stats.permutation_test does, so that resamples equal to it in
/// theory are not split by rounding; scipy compares exactly (same result whenever the statistic is exact).
BootstrapInterval bootstrap_interval(std::span<const double> distribution, std::span<const double> probabilities,
                                     double observed, std::span<const Jackknife> jackknife, IntervalMethod method,
                                     double confidence_level, Alternative alternative);

/// Standard error: the sample standard deviation (ddof = 1, as scipy) of a Monte Carlo distribution, or the
/// standard deviation of an exact one.
double bootstrap_standard_error(std::span<const double> distribution, std::span<const double> probabilities);

}  // namespace hp::stats
