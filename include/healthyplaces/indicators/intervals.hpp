#pragma once
// What every public-health indicator returns: a value per group with confidence limits at one or more
// levels at once (95% and 99.8% are the pair OHID publishes). No domain words beyond "indicator".
#include <span>
#include <string>
#include <vector>

namespace hp::indicators {

struct Intervals {
    std::vector<double> confidence_level;         ///< the levels asked for, e.g. {0.95, 0.998}
    std::vector<double> value;                    ///< one per group
    std::vector<std::vector<double>> lower;       ///< lower[level][group]
    std::vector<std::vector<double>> upper;       ///< upper[level][group]
    std::string method;                           ///< in words, e.g. "Wilson score interval"

    std::size_t size() const noexcept { return value.size(); }
    /// Allocates n groups at the given levels (values and limits NaN until filled).
    void resize(std::size_t n, std::span<const double> levels);
};

/// Throws DomainError unless there is at least one level and every level is strictly between 0 and 1.
void check_levels(std::span<const double> confidence_level);

}  // namespace hp::indicators
