#pragma once
// Deprivation quantile assignment by OHID's method (PHEindicatormethods' phe_quantile; OHID Technical Guide,
// "Assigning Deprivation Categories"): within each higher geography, small areas are ranked by value (ties get
// the lowest rank, as R's rank(ties.method = "min")) and rank r of n areas goes to quantile
//     floor((q + 1) - ceil(((n + 1) - r) / (n / q))),   0 raised to 1,
// q the number of quantiles. With `invert` (the default, as in the R package) the highest value is ranked first,
// so quantile 1 holds the highest values. Missing values (NaN) get no quantile and do not count in n; a group with
// fewer than q values gets no quantiles at all (NaN), and is listed in `too_few`.
#include <cstdint>
#include <span>
#include <vector>

namespace hp::indicators {

struct QuantileOptions {
    int nquantiles = 10;  ///< number of quantiles per group, >= 1
    bool invert = true;   ///< true: the highest value is in quantile 1 (phe_quantile's default)
};

struct QuantileAssignment {
    std::vector<double> quantile;      ///< one per row: 1..nquantiles, or NaN (missing value, or group too small)
    std::vector<std::size_t> too_few;  ///< groups with at least one value but fewer values than nquantiles
};

/// Quantiles of `values` within groups (group[i] in [0, n_groups)). `invert_by_group`, when not empty, gives the
/// direction per group (one entry per group, non-zero = invert) instead of options.invert. DataError naming the row
/// and group for an infinite value or a group index out of range; DomainError for nquantiles < 1 or spans of
/// different lengths.
QuantileAssignment quantiles(std::span<const double> values, std::span<const std::int64_t> group, std::size_t n_groups,
                             const QuantileOptions& options = {}, std::span<const std::uint8_t> invert_by_group = {});

}  // namespace hp::indicators
