#pragma once
// Internal string helpers shared by the parsers (not installed).
#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace hp::io::detail {

inline std::string_view trim(std::string_view s) noexcept {
    const auto ws = " \t\r\n\v\f";
    const auto b = s.find_first_not_of(ws);
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(ws);
    return s.substr(b, e - b + 1);
}

/// Parse a whole-field decimal number (leading/trailing spaces allowed); nullopt on anything else.
inline std::optional<double> parse_number(std::string_view s) noexcept {
    s = trim(s);
    if (s.empty()) return std::nullopt;
    if (s.front() == '+') s.remove_prefix(1);
    double v = 0;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || p != s.data() + s.size()) return std::nullopt;
    return v;
}

/// "nan", "NaN", "-nan": text a program wrote where a number failed, never a score.
inline bool is_nan_text(std::string_view s) noexcept {
    const auto v = parse_number(s);
    return v && std::isnan(*v);
}

/// A share as a message shows it: 0.75, 1, 0.333333 (%g).
inline std::string format_share(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

/// Text from a file as a message shows it, on one line: line breaks as \n and \r, other control characters (form
/// feed, vertical tab, ...) as \xNN, so that no name or value can split an error over lines.
inline std::string shown(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (u < 0x20 && c != '\t') {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02X", u);
            out += buf;
        } else out += c;
    }
    return out;
}

/// Quote a value for a message: 'abc', with control characters shown.
inline std::string quoted(std::string_view s) {
    std::string out = "'";  // appended, not "'" + ...: GCC 12 warns (-Wrestrict) falsely on that form
    out += shown(s);
    out += '\'';
    return out;
}

}  // namespace hp::io::detail
