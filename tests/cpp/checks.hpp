#pragma once
// Numeric checks the doctest files share: absolute and relative closeness, with the numbers in the message.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

namespace hp::testing {

inline constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

/// |got - want| <= tol.
inline void close(double got, double want, double tol) {
    INFO("got " << got << " want " << want << " tol " << tol);
    CHECK(std::abs(got - want) <= tol);
}

/// |got - want| <= rel |want|: references printed to about 9 significant digits.
inline void check_rel(double got, double want, double rel = 1.5e-8) {
    INFO("got " << got << " want " << want);
    CHECK(std::abs(got - want) <= rel * std::abs(want));
}

}  // namespace hp::testing
