#pragma once
// The Kruskal–Wallis H test of k independent samples: asymptotic (chi-square), exact permutation distribution
// (enumerated over distinct assignments of the pooled values) and Monte Carlo.
#include <cstdint>
#include <span>

#include "healthyplaces/stats/test_result.hpp"

namespace hp::stats {

struct KruskalOptions {
    /// automatic = asymptotic, so that results equal scipy.stats.kruskal. exact: the permutation distribution of
    /// H over every assignment of the pooled observations to groups of the given sizes (scipy.stats.
    /// permutation_test with n_resamples=inf); monte_carlo: a seeded sample of it.
    TestMethod method = TestMethod::automatic;
    MonteCarloOptions monte_carlo{};
    /// exact refuses (DomainError) when there are more distinct assignments than this. Ties shrink the count:
    /// only how many of each distinct value go to each group matters, weighted by how many ways it can happen.
    std::int64_t max_arrangements = 2'000'000;
};

/// Kruskal–Wallis H with scipy's tie correction: with mid-ranks, N observations, group sizes n_j and rank sums R_j,
///     H = [12 / (N(N+1)) Σ_j (R_j − n_j(N+1)/2)² / n_j] / (1 − Σ(t³ − t) / (N³ − N)),
/// df = k − 1, p-value from the upper tail of chi-square(k − 1) (asymptotic), or P(H* ≥ H) under permutation
/// (exact: enumerated; monte_carlo: (count + 1) / (n_resamples + 1), as scipy.stats.permutation_test). Values
/// within a relative 100·eps of the observed H count as equal to it. The test is an omnibus test: `alternative`
/// is reported as two-sided (differences in any direction).
/// A Monte Carlo request with n_resamples at least the number of arrangements N!/(n1!…nk!) enumerates them
/// instead (as scipy does). Results do not depend on `threads`.
///
/// Errors: fewer than 2 samples, an empty sample, NaN/inf (naming sample and position), or every value equal
/// (H is 0/0) → DataError; exact beyond max_arrangements, n_resamples < 1 → DomainError.
TestResult kruskal_wallis(std::span<const std::span<const double>> samples, const KruskalOptions& options = {});

}  // namespace hp::stats
