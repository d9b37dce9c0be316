#include "healthyplaces/indicators/intervals.hpp"

#include <limits>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/test_result.hpp"

namespace hp::indicators {

void Intervals::resize(std::size_t n, std::span<const double> levels) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    confidence_level.assign(levels.begin(), levels.end());
    value.assign(n, nan);
    lower.assign(levels.size(), std::vector<double>(n, nan));
    upper.assign(levels.size(), std::vector<double>(n, nan));
}

void check_levels(std::span<const double> confidence_level) {
    if (confidence_level.empty()) throw DomainError("confidence_level: give at least one level, e.g. 0.95 or [0.95, 0.998]");
    for (double c : confidence_level) stats::check_confidence_level(c);
}

}  // namespace hp::indicators
