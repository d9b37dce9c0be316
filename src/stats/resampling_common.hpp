#pragma once
// Helpers shared by bootstrap.cpp and permutation.cpp (not installed: private to the library).
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <string>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/random.hpp"
#include "healthyplaces/stats/ranks.hpp"

namespace hp::stats::detail {

/// 12345678 -> "12,345,678": counts of resamples read better with separators.
inline std::string with_commas(std::int64_t v) {
    std::string digits = std::to_string(v < 0 ? -v : v), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return v < 0 ? "-" + out : out;
}

/// a * b, saturating at INT64_MAX (both non-negative).
inline std::int64_t mul_sat(std::int64_t a, std::int64_t b) noexcept {
    constexpr auto top = std::numeric_limits<std::int64_t>::max();
    if (a == 0 || b == 0) return 0;
    return a > top / b ? top : a * b;
}

/// C(n, k), saturating at INT64_MAX.
inline std::int64_t binomial_sat(std::int64_t n, std::int64_t k) noexcept {
    constexpr auto top = std::numeric_limits<std::int64_t>::max();
    if (k < 0 || k > n) return 0;
    k = std::min(k, n - k);
    uint128_t c = 1;
    for (std::int64_t i = 1; i <= k; ++i) {
        c = c * static_cast<uint128_t>(n - k + i) / static_cast<uint128_t>(i);  // exact at every step
        if (c > static_cast<uint128_t>(top)) return top;
    }
    return static_cast<std::int64_t>(c);
}

/// Checks a sample for resampling: at least `min_n` values, all finite; names the sample in the message.
inline void check_sample(std::span<const double> xs, const char* name, std::size_t min_n, const char* routine) {
    if (xs.size() < min_n)
        throw DataError(std::string(name) + ": " + routine + " needs at least " + std::to_string(min_n) +
                        " observations, got " + std::to_string(xs.size()));
    check_finite(xs, name);
}

}  // namespace hp::stats::detail
