#pragma once
// Private to the indicators box's sources: the constants and the normal quantile their intervals share (one
// definition, so the box also compiles as unity batches).
#include <boost/math/distributions/normal.hpp>

#include <limits>

namespace hp::indicators::detail {

inline constexpr double nan = std::numeric_limits<double>::quiet_NaN();
inline constexpr double inf = std::numeric_limits<double>::infinity();

/// z for a two-sided level, computed as PHEindicatormethods does: qnorm(confidence + (1 - confidence) / 2).
inline double two_sided_z(double confidence_level) {
    return boost::math::quantile(boost::math::normal_distribution<double>(), confidence_level + (1.0 - confidence_level) / 2.0);
}

}  // namespace hp::indicators::detail
