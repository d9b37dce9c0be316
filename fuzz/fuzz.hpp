#pragma once
// Shared pieces of the fuzz harnesses (fuzz/fuzz_*.cpp). Each harness is written once, as
//   HP_FUZZ_TARGET(name) { ... use data, size ... }
// and built two ways:
//  - HP_FUZZ_LIBFUZZER (make fuzz, clang): one binary per harness whose LLVMFuzzerTestOneInput runs it;
//  - otherwise (make test, g++ in the ASan+UBSan tree): every harness registered in one table, driven by
//    replay.cpp, which replays the committed corpus and mutates it for a moment.
// The contract a harness checks: a library call either returns or throws an hp::Error (a clear error: one line,
// valid UTF-8, since Python shows it as a ValueError). Anything else is a finding and aborts the process: another
// exception type (std::bad_alloc, std::out_of_range, ...), a crash, a sanitizer report (the build's job) or a
// hang (libFuzzer's -timeout, replay.cpp's alarm).
// With HP_FUZZ_STRICT=1 in the environment the harnesses also check the answers they get (p-values in [0, 1],
// intervals ordered, finite results from finite inputs, decoded text valid UTF-8, ...): the "silent wrong answer"
// class of issue 15. Off by default, so the campaign's figures count crashes, as libFuzzer does.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <limits>
#include <string>
#include <string_view>
#include <typeinfo>
#include <vector>

#include "healthyplaces/base/error.hpp"

namespace hp::fuzz {

using Body = void (*)(const std::uint8_t* data, std::size_t size);

[[noreturn]] inline void finding(const char* what, std::string_view detail) {
    std::fprintf(stderr, "\n== hp fuzz finding: %s: %.*s\n", what, static_cast<int>(detail.size()), detail.data());
    std::fflush(stderr);
    std::abort();  // libFuzzer and replay.cpp both catch the signal and save the input
}

inline bool strict() {
    static const bool on = [] {
        const char* v = std::getenv("HP_FUZZ_STRICT");
        return v != nullptr && v[0] == '1';
    }();
    return on;
}

/// A finding already reported and not yet fixed (listed in docs/fuzzing.md): `known(condition, what)` is true when
/// the input would only find it again, so the harness skips that call and the campaign looks for new ones.
/// HP_FUZZ_ALL=1 turns the skips off (to check a fix: the finding's input in fuzz/findings/ must then pass).
inline bool known(bool condition, std::string_view /*what*/) {
    static const bool all = [] {
        const char* v = std::getenv("HP_FUZZ_ALL");
        return v != nullptr && v[0] == '1';
    }();
    return condition && !all;
}

/// Strict mode: a wrong answer is a finding.
inline void require(bool ok, std::string_view what) {
    if (strict() && !ok) finding("wrong answer", what);
}

inline bool valid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (len == 0 || i + len > s.size()) return false;
        std::uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1Fu) : len == 3 ? (c & 0x0Fu) : (c & 0x07u);
        for (std::size_t k = 1; k < len; ++k) {
            const auto d = static_cast<unsigned char>(s[i + k]);
            if ((d & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (d & 0x3Fu);
        }
        static constexpr std::uint32_t min_of[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < min_of[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += len;
    }
    return true;
}

/// An hp::Error is the clear error the contract asks for; strict mode checks it is one line of valid UTF-8.
inline void check_message(const hp::Error& e) {
    const std::string_view m = e.what();
    if (m.empty()) finding("empty error message", typeid(e).name());
    require(m.find('\n') == std::string_view::npos, std::string("error message of more than one line: ").append(m));
    require(valid_utf8(m), "error message is not valid UTF-8 (Python cannot show it)");
}

/// Run one library call: an hp::Error is fine (its message is checked); anything else escapes to run_one.
template <class F>
void expect_clear(F&& f) {
    try {
        f();
    } catch (const hp::Error& e) {
        check_message(e);
    }
}

inline void run_one(Body body, const std::uint8_t* data, std::size_t size) {
    try {
        body(data, size);
    } catch (const hp::Error& e) {
        check_message(e);
    } catch (const std::exception& e) {
        finding("exception that is not an hp::Error", std::string(typeid(e).name()) + ": " + e.what());
    } catch (...) {
        finding("exception that is not an hp::Error", "unknown type");
    }
}

/// Reads structured values off the fuzzer's bytes; past the end every read gives zeros.
class Input {
public:
    Input(const std::uint8_t* data, std::size_t size) : p_(data), n_(size) {}

    std::size_t remaining() const noexcept { return n_ - i_; }
    std::uint8_t byte() noexcept { return i_ < n_ ? p_[i_++] : 0; }
    bool flag() noexcept { return (byte() & 1) != 0; }
    std::uint64_t u64() noexcept {
        std::uint64_t v = 0;
        for (int k = 0; k < 8; ++k) v = (v << 8) | byte();
        return v;
    }
    /// 0..max (inclusive).
    std::size_t below(std::size_t max) noexcept {
        const std::uint16_t v = static_cast<std::uint16_t>((byte() << 8) | byte());
        return max == 0 ? 0 : v % (max + 1);
    }
    template <class E>
    E choice(int n_choices) noexcept {
        return static_cast<E>(byte() % n_choices);
    }

    /// A double, mostly the hostile ones: NaN, ±inf, subnormals, the ends of the range, zeros, small integers
    /// (ties), ordinary decimals, or any 64-bit pattern.
    double number() noexcept {
        static constexpr double special[] = {
            std::numeric_limits<double>::quiet_NaN(),
            std::numeric_limits<double>::infinity(),
            -std::numeric_limits<double>::infinity(),
            std::numeric_limits<double>::denorm_min(),
            -std::numeric_limits<double>::denorm_min(),
            std::numeric_limits<double>::min(),
            std::numeric_limits<double>::max(),
            -std::numeric_limits<double>::max(),
            1e308, -1e308, 1e300, 1e154, 1e19, 9.3e18, 1e-300, 0.0, -0.0, 1.0, -1.0, 0.5, 0.95, 0.998, 1e-12, 2.0,
            100.0, 1e6, 4503599627370497.0, 9007199254740993.0, 0.1, 3.0};
        const std::uint8_t sel = byte();
        if (sel < 64) return special[sel % std::size(special)];
        if (sel < 128) return static_cast<double>(static_cast<int>(byte() % 11) - 2);   // small integers, ties
        if (sel < 192) return static_cast<double>(static_cast<std::int16_t>(byte() << 8 | byte())) / 64.0;
        const std::uint64_t bits = u64();
        double v;
        std::memcpy(&v, &bits, sizeof v);
        return v;
    }
    /// A number that is finite (for arguments the fuzzing is not about).
    double finite() noexcept {
        const double v = number();
        return std::isfinite(v) ? v : 1.0;
    }
    /// A length: mostly 0..max, with the odd lengths 0, 1, 2 likely.
    std::size_t length(std::size_t max) noexcept {
        const std::uint8_t sel = byte();
        if (sel < 32) return sel % 3;
        return below(max);
    }
    std::vector<double> numbers(std::size_t max_length) {
        std::vector<double> v(length(max_length));
        for (auto& x : v) x = number();
        return v;
    }
    /// A confidence level: mostly valid, sometimes the hostile 95, 0, 1, NaN.
    double level() noexcept {
        static constexpr double levels[] = {0.95, 0.998, 0.8, 0.5, 0.99, 0.999999};
        const std::uint8_t sel = byte();
        return sel < 200 ? levels[sel % std::size(levels)] : number();
    }
    std::string_view rest() noexcept {
        std::string_view s(reinterpret_cast<const char*>(p_ + i_), n_ - i_);
        i_ = n_;
        return s;
    }

private:
    const std::uint8_t* p_;
    std::size_t n_;
    std::size_t i_ = 0;
};

inline bool all_finite(const std::vector<double>& v) {
    for (double x : v)
        if (!std::isfinite(x)) return false;
    return true;
}
/// p in [0, 1], or NaN (a test that could not be done says so elsewhere).
inline bool pvalue_ok(double p) { return std::isnan(p) || (p >= 0.0 && p <= 1.0); }

#ifndef HP_FUZZ_LIBFUZZER
/// replay.cpp's table of harnesses.
struct Target {
    const char* name;
    Body body;
};
std::vector<Target>& targets();
inline bool register_target(const char* name, Body body) {
    targets().push_back({name, body});
    return true;
}
#endif

}  // namespace hp::fuzz

#ifdef HP_FUZZ_LIBFUZZER
#define HP_FUZZ_ENTRY(name)                                                                   \
    extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {       \
        hp::fuzz::run_one(&hp_fuzz_body_##name, data, size);                                       \
        return 0;                                                                             \
    }
#else
#define HP_FUZZ_ENTRY(name) \
    [[maybe_unused]] static const bool hp_fuzz_registered_##name = hp::fuzz::register_target(#name, &hp_fuzz_body_##name);
#endif

#define HP_FUZZ_TARGET(name)                                                      \
    static void hp_fuzz_body_##name(const std::uint8_t* data, std::size_t size);       \
    HP_FUZZ_ENTRY(name)                                                           \
    static void hp_fuzz_body_##name(const std::uint8_t* data, std::size_t size)
