#pragma once
// Private to the indicators box's sources: the constants and the normal quantile their intervals share (one
// definition, so the box also compiles as unity batches).
#include <boost/math/distributions/normal.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include <cmath>
#include <exception>
#include <limits>
#include <string>
#include <string_view>

namespace hp::indicators::detail {

inline constexpr double nan = std::numeric_limits<double>::quiet_NaN();
inline constexpr double inf = std::numeric_limits<double>::infinity();

/// z for a two-sided level, computed as PHEindicatormethods does: qnorm(confidence + (1 - confidence) / 2).
inline double two_sided_z(double confidence_level) {
    return boost::math::quantile(boost::math::normal_distribution<double>(), confidence_level + (1.0 - confidence_level) / 2.0);
}

/// Counts at most this small have a lower exact limit (gamma or beta quantile of shape x at p <= 0.5) below
/// p^(1/x) <= 0.5^100000: 0 in doubles. Boost's tgamma(x) overflows near the smallest subnormals (5e-324).
inline constexpr double tiny_count = 1e-5;

/// At and above this shape the gamma quantile is the Cornish-Fisher expansion k + z√k + (z² − 1)/3 +
/// (z³ − 7z)/(36√k) (next term O(z⁴/k)). At k = 1e9 it agrees with Boost's and scipy's quantiles to 2e-16
/// relative at levels 0.95 and 0.998, 1e-13 at 1 − 1e-100 and 9e-12 at 1 − 1e-300 (measured), closer above.
/// Boost's own series give up ("Series evaluation exceeded 1000000 iterations") from about 1e11.
inline constexpr double huge_count = 1e9;

/// Exact binomial (Clopper-Pearson, the funnel's exact) limits and the funnel's exact Poisson limits are refused
/// beyond this denominator or expected count: Boost's beta quantile runs for minutes from about 1e25 (measured:
/// 5e150 of 1e151 did not return), and both its beta and Poisson distributions fail on many counts from 1e11.
inline constexpr double max_exact_count = 1e15;

/// The gamma quantile of shape k at lower-tail probability p (lower_tail) or upper-tail probability p.
inline double gamma_quantile(double k, double p, bool lower_tail) {
    if (k >= huge_count) {
        const double q = boost::math::quantile(boost::math::normal_distribution<double>(), p);
        const double z = lower_tail ? q : -q, r = std::sqrt(k);
        return k + z * r + (z * z - 1.0) / 3.0 + (z * z * z - 7.0 * z) / (36.0 * r);
    }
    if (lower_tail && k <= tiny_count) return 0.0;
    return lower_tail ? boost::math::gamma_p_inv(k, p) : boost::math::gamma_q_inv(k, p);
}

/// Exact Poisson limits of a count x (unchecked: x finite in [0, 1e300], level in (0, 1)): qchisq(α/2, 2x)/2 and
/// qchisq(1 − α/2, 2x + 2)/2, the upper from the complement for accuracy near 1.
inline double poisson_lower(double x, double confidence_level) {
    return x <= 0 ? 0.0 : gamma_quantile(x, (1.0 - confidence_level) / 2.0, true);
}
inline double poisson_upper(double x, double confidence_level) {
    return gamma_quantile(x + 1.0, (1.0 - confidence_level) / 2.0, false);
}

/// A Boost error's message without its "Error in function boost::math::...: " prefix, for an hp error's text.
inline std::string boost_reason(const std::exception& e) {
    std::string_view m = e.what();
    if (m.rfind("Error in function", 0) == 0) {
        const auto colon = m.find(": ");
        if (colon != std::string_view::npos) m.remove_prefix(colon + 2);
    }
    while (!m.empty() && (m.back() == '.' || m.back() == ' ')) m.remove_suffix(1);
    return std::string(m);
}

}  // namespace hp::indicators::detail
