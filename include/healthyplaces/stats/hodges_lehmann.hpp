#pragma once
// Hodges–Lehmann estimates with the confidence intervals obtained by inverting the rank tests:
// the shift between two samples (median of all differences x_i − y_j, inverting Mann–Whitney) and the
// pseudo-median of one sample or of paired differences (median of the Walsh averages, inverting the
// signed-rank test). Order statistics are found by selection, without forming all n1·n2 or n(n+1)/2 values.
#include <cstdint>
#include <span>

#include "healthyplaces/stats/test_result.hpp"

namespace hp::stats {

struct HodgesLehmannOptions {
    double confidence_level = 0.95;
    /// exact: the interval between order statistics at the critical value of the exact null distribution
    /// without ties (Bauer 1972; what inverting scipy's method="exact" test gives). asymptotic: where the
    /// tie- and continuity-corrected normal statistic crosses the normal quantile, as R's
    /// wilcox.test(conf.int = TRUE) solves for it. automatic: as R, exact when every sample has fewer than 50
    /// values and there are no ties (and, for one sample, no zeros), else asymptotic.
    TestMethod method = TestMethod::automatic;
    bool continuity = true;  ///< continuity correction of the asymptotic interval (R's default `correct`)
};

/// Two-sample shift x − y: estimate = median of the n1·n2 differences x_i − y_j; the interval holds every
/// shift Δ for which the two-sided Mann–Whitney test of x − Δ against y does not reject at 1 − confidence.
/// A bound is ±infinity when no shift beyond it is rejected (samples too small for the confidence asked).
/// With heavily tied data (or a very low confidence) the interval can shrink to a single value, every other
/// shift being rejected.
/// DataError: empty sample, NaN or infinity; DomainError: confidence outside (0, 1), unknown method.
Estimate hodges_lehmann(std::span<const double> x, std::span<const double> y, const HodgesLehmannOptions& options = {});

/// One sample: estimate = pseudo-median, the median of the n(n+1)/2 Walsh averages (d_i + d_j)/2, i <= j;
/// the interval inverts the two-sided signed-rank test of d − μ.
Estimate hodges_lehmann(std::span<const double> d, const HodgesLehmannOptions& options = {});

/// Paired samples: the one-sample estimate on d = x − y (DataError when the lengths differ).
Estimate hodges_lehmann_paired(std::span<const double> x, std::span<const double> y,
                               const HodgesLehmannOptions& options = {});

/// The k-th smallest (0-based) of the n1·n2 differences x_i − y_j, by selection in O((n1 + n2) log(n1·n2))
/// expected time after sorting. x and y must be finite; DomainError unless 0 <= k < n1·n2.
double kth_pairwise_difference(std::span<const double> x, std::span<const double> y, std::int64_t k);

/// The k-th smallest (0-based) of the n(n+1)/2 Walsh averages (x_i + x_j)/2, i <= j, by selection.
double kth_walsh_average(std::span<const double> x, std::int64_t k);

}  // namespace hp::stats
