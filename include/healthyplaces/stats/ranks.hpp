#pragma once
// Mid-ranks (ties get the average of the ranks they span) and the tie statistics rank tests correct by.
#include <cstdint>
#include <span>
#include <vector>

namespace hp::stats {

struct Ranking {
    std::vector<double> ranks;          ///< ranks[i] is the mid-rank of value i, 1-based
    std::vector<std::int64_t> ties;     ///< size of each group of equal values, in ascending order of value
    /// Σ (t³ − t) over tie groups: the term every tie correction uses.
    double tie_term() const noexcept;
    bool has_ties() const noexcept;
};

/// Mid-ranks of `xs` (which must hold no NaN: callers validate first). O(n log n).
Ranking rank(std::span<const double> xs);

/// Mid-ranks of the concatenation of a and b (ranks of a first), without building the concatenation twice.
Ranking rank(std::span<const double> a, std::span<const double> b);

/// Throws DataError naming `what` and the position of the first NaN or infinity in xs.
void check_finite(std::span<const double> xs, const char* what);

/// x[i] − y[i] for paired samples of equal length (checked by the caller). Throws DataError naming `who`, the
/// position and both values when a difference of finite values overflows (|x − y| > 1.8e308).
std::vector<double> paired_differences(std::span<const double> x, std::span<const double> y, const char* who);

}  // namespace hp::stats
