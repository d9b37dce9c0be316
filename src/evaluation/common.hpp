#pragma once
// Private to the evaluation box's sources: the constants and the number formatting their messages share (one
// definition, so the box also compiles as unity batches).
#include <limits>
#include <sstream>
#include <string>

namespace hp::evaluation::detail {

inline constexpr double nan = std::numeric_limits<double>::quiet_NaN();
inline constexpr double inf = std::numeric_limits<double>::infinity();

/// A number in an error message: 6 significant digits, as the messages have always printed them.
inline std::string num(double v) {
    std::ostringstream os;
    os.precision(6);
    os << v;
    return os.str();
}

}  // namespace hp::evaluation::detail
