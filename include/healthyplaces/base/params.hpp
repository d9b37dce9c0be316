#pragma once
// The rules for the integer options every box shares: seeds, worker threads and counts (resamples,
// simulations, arrangements, block sizes). One rule, one message, used by the C++ functions and by the Python
// bindings (whose argument converters call these before the function runs), so `seed=-1`, `threads=-1`,
// `n_resamples=10.5` or `n_sims=2**70` give one line naming the parameter and its allowed range.
#include <climits>
#include <cstdint>
#include <string>
#include <string_view>

#include "healthyplaces/base/error.hpp"

namespace hp {

/// The largest count of resamples, simulations or enumerated arrangements accepted anywhere (10^9): most of
/// them keep one double per draw (8 GB at this limit), and a larger request is a typing error, not a plan.
inline constexpr std::int64_t max_count = 1'000'000'000;

/// The largest `threads` accepted (an int); more than four per core are not started (stats::resolve_threads).
inline constexpr std::int64_t max_threads = INT_MAX;

namespace params_detail {
/// 1000000000 -> "1,000,000,000".
inline std::string commas(std::int64_t v) {
    std::string digits = std::to_string(v < 0 ? -v : v), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return v < 0 ? "-" + out : out;
}
}  // namespace params_detail

/// "seed must be a whole number from 0 to 2**64 - 1" (every 64-bit unsigned value is a seed).
inline std::string seed_rule(std::string_view name = "seed") {
    return std::string(name) + " must be a whole number from 0 to 2**64 - 1";
}

/// "threads must be 0 (all cores) or a positive number up to 2,147,483,647".
inline std::string threads_rule(std::string_view name = "threads") {
    return std::string(name) + " must be 0 (all cores) or a positive number up to " + params_detail::commas(max_threads);
}

/// "n_resamples must be a whole number from 1 to 1,000,000,000".
inline std::string count_rule(std::string_view name, std::int64_t lo, std::int64_t hi = max_count) {
    return std::string(name) + " must be a whole number from " + params_detail::commas(lo) + " to " +
           params_detail::commas(hi);
}

/// DomainError unless 0 <= threads <= max_threads (0 = all cores).
inline void check_threads(std::int64_t threads, std::string_view name = "threads") {
    if (threads < 0 || threads > max_threads)
        throw DomainError(threads_rule(name) + ", got " + std::to_string(threads));
}

/// DomainError unless lo <= n <= hi.
inline void check_count(std::int64_t n, std::string_view name, std::int64_t lo, std::int64_t hi = max_count) {
    if (n < lo || n > hi) throw DomainError(count_rule(name, lo, hi) + ", got " + params_detail::commas(n));
}

}  // namespace hp
