#include "healthyplaces/io/write_csv.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>

#include "healthyplaces/base/cancel.hpp"
#include "healthyplaces/base/error.hpp"

namespace hp::io {

std::string csv_text_field(std::string_view text) {
    const bool formula = !text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
    const bool quote = text.find_first_of(",\"\r\n") != std::string_view::npos;
    std::string out;
    out.reserve(text.size() + (formula ? 1 : 0) + (quote ? 2 : 0));
    if (quote) out += '"';
    if (formula) out += '\'';
    for (const char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    if (quote) out += '"';
    return out;
}

namespace {

std::size_t length_of(const CsvColumn& c) {
    return std::visit(
        [](const auto& v) -> std::size_t {
            if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::vector<std::string>>) {
                return v.size();
            } else {
                return v.values.size();
            }
        },
        c.values);
}

// printf's %.Ng (std::to_chars with a precision is specified as printf with the matching conversion).
void put_real(std::string& out, double v, int significant) {
    std::array<char, 64> buf{};
    const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::general, significant);
    out.append(buf.data(), r.ptr);
}

void put_count(std::string& out, double v) {
    if (std::isfinite(v) && v == std::trunc(v) && std::fabs(v) < 9007199254740992.0) {
        std::array<char, 32> buf{};
        const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), static_cast<std::int64_t>(v));
        out.append(buf.data(), r.ptr);
    } else {
        put_real(out, v, 10);
    }
}

}  // namespace

std::string format_csv(std::span<const CsvColumn> columns, bool header) {
    const std::size_t rows = columns.empty() ? 0 : length_of(columns.front());
    for (const auto& c : columns) {
        if (length_of(c) != rows)
            throw DomainError("format_csv: column '" + c.name + "' has " + std::to_string(length_of(c)) +
                              " values, the first column '" + columns.front().name + "' " + std::to_string(rows));
        if (const auto* r = std::get_if<CsvReals>(&c.values); r && (r->significant < 1 || r->significant > 17))
            throw DomainError("format_csv: column '" + c.name + "': significant digits " +
                              std::to_string(r->significant) + " is outside 1..17");
    }
    std::string out;
    out.reserve(64 + rows * columns.size() * 10);
    if (header) {
        for (std::size_t k = 0; k < columns.size(); ++k) {
            if (k) out += ',';
            out += csv_text_field(columns[k].name);
        }
        out += '\n';
    }
    for (std::size_t i = 0; i < rows; ++i) {
        if (i % 8192 == 0) check_cancelled();
        for (std::size_t k = 0; k < columns.size(); ++k) {
            if (k) out += ',';
            std::visit(
                [&](const auto& v) {
                    using T = std::decay_t<decltype(v)>;
                    if constexpr (std::is_same_v<T, std::vector<std::string>>) {
                        out += csv_text_field(v[i]);
                    } else if constexpr (std::is_same_v<T, CsvCounts>) {
                        put_count(out, v.values[i]);
                    } else {
                        put_real(out, v.values[i], v.significant);
                    }
                },
                columns[k].values);
        }
        out += '\n';
    }
    return out;
}

}  // namespace hp::io
