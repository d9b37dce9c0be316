#pragma once
// Counter-based random streams (Random123's Philox4x64-10). A stream is keyed by (seed, stream id), so the
// b-th resample can draw from stream b wherever it runs: one thread, many threads, or another process
// give the same numbers. Distributions come from Boost.Random, whose algorithms (unlike the standard
// library's) are the same on every platform.
#include <Random123/philox.h>

#include <array>
#include <cstdint>
#include <limits>

namespace hp::stats {

__extension__ typedef unsigned __int128 uint128_t;  // GCC/Clang; __extension__ keeps -Wpedantic quiet

/// A uniform random bit generator (std::uniform_random_bit_generator) over one Philox stream.
class RandomStream {
public:
    using result_type = std::uint64_t;

    RandomStream(std::uint64_t seed, std::uint64_t stream) noexcept {
        key_ = {{seed, 0x9E3779B97F4A7C15ULL}};
        ctr_ = {{0, 0, stream, 0}};
    }

    static constexpr result_type min() noexcept { return 0; }
    static constexpr result_type max() noexcept { return std::numeric_limits<result_type>::max(); }

    result_type operator()() noexcept {
        if (used_ == 4) {
            block_ = philox_(ctr_, key_);
            ++ctr_.v[0];
            used_ = 0;
        }
        return block_.v[used_++];
    }

    /// Uniform on [0, 1) with 53 random bits.
    double uniform() noexcept { return static_cast<double>((*this)() >> 11) * 0x1.0p-53; }

    /// Uniform integer on [0, n), unbiased (Lemire's multiply-and-reject). n > 0.
    std::uint64_t below(std::uint64_t n) noexcept {
        uint128_t m = static_cast<uint128_t>((*this)()) * n;
        auto low = static_cast<std::uint64_t>(m);
        if (low < n) {
            const std::uint64_t threshold = (0 - n) % n;
            while (low < threshold) {
                m = static_cast<uint128_t>((*this)()) * n;
                low = static_cast<std::uint64_t>(m);
            }
        }
        return static_cast<std::uint64_t>(m >> 64);
    }

private:
    using Philox = r123::Philox4x64;
    Philox philox_;
    Philox::key_type key_;
    Philox::ctr_type ctr_;
    Philox::ctr_type block_{};
    unsigned used_ = 4;
};

}  // namespace hp::stats
