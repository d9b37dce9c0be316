#pragma once
// Internals shared by the rank tests (mann_whitney.cpp, wilcoxon.cpp, hodges_lehmann.cpp); not installed.
#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/mann_whitney.hpp"
#include "healthyplaces/stats/test_result.hpp"

namespace hp::stats::detail {

/// The p-value for an alternative from the two one-sided tails P(S <= s) and P(S >= s): two-sided is twice
/// the smaller, at most 1 (scipy's rule for exact and permutation tests).
inline double tail_pvalue(Alternative alternative, double p_le, double p_ge) noexcept {
    switch (alternative) {
        case Alternative::less: return std::clamp(p_le, 0.0, 1.0);
        case Alternative::greater: return std::clamp(p_ge, 0.0, 1.0);
        case Alternative::two_sided: break;
    }
    return std::clamp(2.0 * std::min(p_le, p_ge), 0.0, 1.0);
}

/// Monte Carlo tail p-values as scipy.stats.permutation_test forms them: the observed arrangement counts as
/// one of the resamples, so p = (hits + 1) / (B + 1) and is never zero.
inline double monte_carlo_pvalue(Alternative alternative, std::int64_t n_le, std::int64_t n_ge, std::int64_t b) noexcept {
    const double d = static_cast<double>(b) + 1.0;
    return tail_pvalue(alternative, (static_cast<double>(n_le) + 1.0) / d, (static_cast<double>(n_ge) + 1.0) / d);
}

inline void check_monte_carlo(const MonteCarloOptions& mc, const char* test) {
    if (mc.n_resamples < 1)
        throw DomainError(std::string(test) + ": n_resamples must be at least 1, got " + std::to_string(mc.n_resamples));
    if (mc.threads < 0)
        throw DomainError(std::string(test) + ": threads must be 0 (all cores) or positive, got " + std::to_string(mc.threads));
}

inline double normal_cdf(double z) {
    return boost::math::cdf(boost::math::normal_distribution<double>(), z);
}
inline double normal_sf(double z) {
    return boost::math::cdf(boost::math::complement(boost::math::normal_distribution<double>(), z));
}
/// z with P(Z > z) = p.
inline double normal_isf(double p) {
    return boost::math::quantile(boost::math::complement(boost::math::normal_distribution<double>(), p));
}

/// Mid-ranks are multiples of 1/2: twice a mid-rank as an exact integer.
inline std::int64_t doubled(double mid_rank) noexcept { return std::llround(2.0 * mid_rank); }

/// log C(n, k) from lgamma (relative error of exp() about 1e-14 for n in the thousands).
inline double log_choose(double n, double k) noexcept {
    return std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0);
}

/// Exact tables refuse beyond this many inner-loop steps (seconds of work) so a mistaken method="exact"
/// on a big sample says so instead of hanging.
inline constexpr double max_exact_work = 5e9;
/// ... or beyond this many table entries (doubles).
inline constexpr double max_exact_cells = 6e7;

}  // namespace hp::stats::detail
