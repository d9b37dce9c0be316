#pragma once
// Slope and relative index of inequality (SII, RII) across quantiles (e.g. deprivation deciles), by the method of
// OHID's PHEindicatormethods (phe_sii; Low & Low, J Public Health 2004;26:388-95).
//
// Per group, the quantiles are ordered (1 = most deprived first), each quantile's population share a_q gives its
// relative rank b_q, the midpoint of its band of the cumulative population (b_1 = a_1 / 2, b_q = a_1 + ... +
// a_{q-1} + a_q / 2), and the values are regressed on b by least squares weighted by a (R: lm(y sqrt(a) ~ sqrt(a)
// + b sqrt(a) - 1)). The SII is the slope (the fitted difference between x = 1 and x = 0) times the multiplier;
// the RII is fitted(1) / fitted(0) = (intercept + slope) / intercept (inverted for a negative multiplier).
//
// Confidence limits by simulation: every replicate draws each quantile's value from a normal distribution with its
// standard error (on the log scale for rates, logit for proportions: value_type 1 and 2), refits, and the limits
// are order statistics of the replicates at positions round(R (1 - c) / 2) and round(R (1 + c) / 2) (1-based, R's
// round-half-even), as the R package takes them. Replicates are drawn in blocks of 4096 from
// stats::RandomStream(seed, group << 32 | block), so the numbers are the same for every thread count.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "healthyplaces/indicators/intervals.hpp"

namespace hp::indicators {

enum class SiiValueType : int {
    other = 0,       ///< any indicator with a symmetric interval: drawn as normal(value, se)
    rate = 1,        ///< drawn as normal(log value, se of the log), back-transformed with exp
    proportion = 2,  ///< drawn as normal(logit value, se of the logit), back-transformed with the inverse logit
};

struct SiiOptions {
    std::vector<double> confidence_level{0.95};
    SiiValueType value_type = SiiValueType::other;
    double multiplier = 1.0;             ///< scales the SII (and its limits); negative flips polarity (RII inverted)
    std::int64_t n_resamples = 100000;   ///< simulated replicates, >= 1000 as in the R package
    bool rii = false;                    ///< also simulate the RII's limits
    bool transform = false;              ///< fit on the log (rate) / logit (proportion) scale; needs lower/upper
    bool reliability_stat = false;       ///< run the simulation 10 times and report the mean absolute difference
    std::uint64_t seed = 0;
    int threads = 0;                     ///< 0 = all cores; results do not depend on it
};

struct SiiResult {
    Intervals sii;                        ///< value = SII per group, limits at each level
    Intervals rii;                        ///< value = RII per group; limits only when options.rii
    std::vector<double> intercept;        ///< fitted value at x = 0 (x |multiplier|), per group
    std::vector<std::vector<double>> sii_mad;  ///< [level][group], only with reliability_stat
    std::vector<std::vector<double>> rii_mad;  ///< [level][group], only with reliability_stat and rii
    std::vector<std::int64_t> n_quantiles;     ///< quantiles in each group
};

/// SII per group from rows (group, quantile, population, value) with either `se` (one per row) or the 95% `lower`
/// and `upper` limits of each value (se = (upper - lower) / (2 x 1.959964), on the transformed scale for rates and
/// proportions). Give `se` empty to use the limits, `lower`/`upper` empty to use the se. Rows may come in any
/// order; quantiles are sorted ascending within each group.
///
/// DataError naming the group and quantile for: fewer than 2 quantiles in a group, a quantile twice in a group,
/// population <= 0 or missing, a missing value, se < 0 or missing, missing limits, upper < lower, a rate <= 0 or
/// a proportion outside (0, 1) where the scale is log or logit. DomainError for bad levels, n_resamples < 1000, a
/// level too high for n_resamples, transform with value_type other or without limits, and spans of the wrong
/// length.
SiiResult sii(std::span<const std::int64_t> group, std::span<const double> quantile, std::span<const double> population,
              std::span<const double> value, std::span<const double> se, std::span<const double> lower,
              std::span<const double> upper, std::size_t n_groups, const SiiOptions& options = {});

}  // namespace hp::indicators
