#pragma once
// Effect sizes for two independent samples with confidence intervals: Cliff's delta (the rank-biserial
// correlation) and the probability of superiority (the common-language effect size).
#include <cstdint>
#include <span>
#include <string_view>

#include "healthyplaces/stats/brunner_munzel.hpp"
#include "healthyplaces/stats/test_result.hpp"

namespace hp::stats {

/// Which estimate of var(d) Cliff's interval uses (names as R's effsize::cliff.delta).
enum class CliffVariance : std::uint8_t {
    /// Cliff (1993): s² = [ny² Σ(d_i. − d)² + nx² Σ(d_.j − d)² − ΣΣ(d_ij − d)²] / [nx·ny·(nx − 1)(ny − 1)].
    unbiased,
    /// Cliff (1996): s² = [(ny − 1)s²_i. + (nx − 1)s²_.j + s²_ij] / (nx·ny), with s²_i. = Σ(d_i. − d)²/(nx − 1),
    /// s²_.j = Σ(d_.j − d)²/(ny − 1), s²_ij = ΣΣ(d_ij − d)² / ((nx − 1)(ny − 1)).
    consistent,
};
std::string_view to_string(CliffVariance) noexcept;
/// "unbiased" or "consistent"; DomainError otherwise.
CliffVariance parse_cliff_variance(std::string_view name);

/// Defaults are those of R's effsize::cliff.delta (use.unbiased = TRUE, use.normal = FALSE).
struct CliffsDeltaOptions {
    double confidence_level = 0.95;
    CliffVariance variance = CliffVariance::unbiased;
    /// Quantile z of the interval: Student's t with nx + ny − 2 df (Feng & Cliff 2004), or the normal.
    Approximation distribution = Approximation::t;
};

/// Cliff's delta d = P(X > Y) − P(X < Y) over all nx·ny pairs (= the rank-biserial correlation
/// 2U/(nx·ny) − 1 with U Mann–Whitney's U of x), in O((nx + ny) log(nx + ny)) by sorting.
/// With d_ij = sign(x_i − y_j), d_i. = mean_j d_ij, d_.j = mean_i d_ij and s² from `variance` (both computed from
/// the sorted samples, not the nx·ny matrix), the interval is Cliff's asymmetric one:
///     (d − d³ ∓ z·s·sqrt((1 − d²)² + z²s²)) / (1 − d² + z²s²).
/// Two rules keep it defined at the edges: s² is at least (1 − d²)/(nx·ny − 1), the smallest value Cliff (1993)
/// allows (the unbiased estimate can be negative or zero, e.g. when all values are equal); and when the samples do
/// not overlap (|d| = 1) the interval is computed at d·(nx·ny − 1)/(nx·ny) with the bound on d's side set to ±1
/// (effsize's rule for disjoint samples). `standard_error` is s. Each sample needs at least 2 observations.
Estimate cliffs_delta(std::span<const double> x, std::span<const double> y, const CliffsDeltaOptions& options = {});
Estimate cliffs_delta(std::span<const double> x, std::span<const double> y, double confidence_level);

/// The probability of superiority (common-language effect size) P(X > Y) + ½P(X = Y) = U/(nx·ny), with U
/// Mann–Whitney's U of x (scipy.stats.mannwhitneyu(x, y).statistic). Its interval is the Brunner–Munzel one,
/// estimate ± t(df; (1 + confidence)/2) · sqrt(nx·S²x + ny·S²y)/(nx·ny) with the variances and df of
/// brunner_munzel (so brunner_munzel(y, x) studentizes this very estimate), clipped to [0, 1].
/// When that variance is zero (no overlap at all, or all values equal) the interval is Cliff's (defaults above,
/// same confidence) mapped by (1 + d)/2, since P(X > Y) + ½P(X = Y) = (1 + d)/2; the method string says so.
/// Each sample needs at least 2 observations.
Estimate probability_of_superiority(std::span<const double> x, std::span<const double> y, double confidence_level = 0.95);

}  // namespace hp::stats
