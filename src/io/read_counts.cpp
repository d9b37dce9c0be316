#include "healthyplaces/io/read_counts.hpp"

#include <cmath>
#include <cstdio>
#include <optional>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/io/text.hpp"

namespace hp::io {

std::string_view to_string(CountKind k) noexcept {
    switch (k) {
        case CountKind::proportion: return "proportion";
        case CountKind::rate: return "rate";
        case CountKind::ratio: return "ratio";
    }
    return "?";
}

CountKind parse_count_kind(std::string_view name) {
    for (auto k : {CountKind::proportion, CountKind::rate, CountKind::ratio})
        if (name == to_string(k)) return k;
    throw DomainError("read_counts: kind '" + std::string(name) + "' is not one of proportion, rate, ratio");
}

const std::vector<std::string>& Counts::other_column(std::string_view name) const {
    for (std::size_t k = 0; k < other_columns.size(); ++k)
        if (other_columns[k] == name) return other[k];
    std::string have;
    for (const auto& c : other_columns) have += (have.empty() ? "" : ", ") + detail::quoted(c);
    throw DataError(source + ": no column " + detail::quoted(name) + " besides the counts' own; the other columns are " +
                    (have.empty() ? "none" : have));
}

namespace {

/// A count as Python's "{:g}" writes it: 12, 0.5, 1e+06.
std::string g(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

/// Text a program writes for a missing value: never an organisation's name.
bool missing_text(std::string_view s) {
    return s == "nan" || s == "NaN" || s == "None" || s == "<NA>";
}

/// A count: spaces around allowed, and commas only as thousands separators ("12,345.5"): "1,5" is a decimal comma
/// (a semicolon-delimited file from a European spreadsheet), and dropping the comma would read it as 15.
std::optional<double> parse_count(std::string_view field) {
    const auto t = detail::trim(field);
    if (t.find(',') == std::string_view::npos) {
        const auto v = detail::parse_number(t);
        return v && std::isfinite(*v) ? v : std::nullopt;
    }
    const auto dot = t.find('.');
    const auto whole = t.substr(0, dot);
    if (dot != std::string_view::npos && t.find(',', dot) != std::string_view::npos) return std::nullopt;
    const std::size_t start = !whole.empty() && (whole[0] == '+' || whole[0] == '-') ? 1 : 0;
    std::size_t end = whole.size();  // each comma must be followed by exactly three digits up to the next one
    for (std::size_t p = whole.rfind(','); p != std::string_view::npos && p >= start;
         p = p == 0 ? std::string_view::npos : whole.rfind(',', p - 1)) {
        if (end - p != 4) return std::nullopt;
        for (std::size_t k = p + 1; k < end; ++k)
            if (whole[k] < '0' || whole[k] > '9') return std::nullopt;
        end = p;
    }
    if (end - start < 1 || end - start > 3) return std::nullopt;
    for (std::size_t k = start; k < end; ++k)
        if (whole[k] < '0' || whole[k] > '9') return std::nullopt;
    std::string digits;
    for (char c : t)
        if (c != ',') digits += c;
    const auto v = detail::parse_number(digits);
    if (!v || !std::isfinite(*v)) return std::nullopt;
    return v;
}

}  // namespace

Counts read_counts(const CsvDocument& doc, const CountsOptions& o) {
    const auto index_of = [&](const std::string& name) -> int {
        for (std::size_t j = 0; j < doc.header.size(); ++j)
            if (doc.header[j] == name) return static_cast<int>(j);
        return -1;
    };
    std::vector<const std::string*> wanted{&o.by, &o.numerator, &o.denominator};
    if (!o.period.empty()) wanted.push_back(&o.period);
    std::string missing;
    for (const auto* name : wanted)
        if (index_of(*name) < 0) missing += (missing.empty() ? "" : ", ") + detail::quoted(*name);
    if (!missing.empty()) {
        // Quoted and escaped: a header name holding a line break must not split the message over lines.
        std::string have;
        for (const auto& h : doc.header) have += (have.empty() ? "" : ", ") + detail::quoted(h);
        throw DataError(doc.source + ": no column " + missing + "; the columns are " + have + doc.delimiter_hint());
    }
    if (doc.records.empty()) throw DataError(doc.source + ": no data rows after the header");

    const int c_org = index_of(o.by), c_num = index_of(o.numerator), c_den = index_of(o.denominator);
    const int c_period = o.period.empty() ? -1 : index_of(o.period);
    Counts out;
    out.source = doc.source;
    out.columns = doc.header;
    out.encoding = doc.encoding;
    out.notes = doc.notes;
    std::vector<std::size_t> other_index;
    for (std::size_t j = 0; j < doc.header.size(); ++j) {
        const auto c = static_cast<int>(j);
        if (c == c_org || c == c_num || c == c_den || c == c_period) continue;
        other_index.push_back(j);
        out.other_columns.push_back(doc.header[j]);
    }
    const auto n = doc.records.size();
    out.organisations.reserve(n);
    out.numerators.reserve(n);
    out.denominators.reserve(n);
    if (c_period >= 0) out.periods.reserve(n);
    out.other.assign(other_index.size(), {});
    for (auto& column : out.other) column.reserve(n);

    for (const auto& r : doc.records) {
        const auto field = [&](int c) { return detail::trim(r.fields[static_cast<std::size_t>(c)]); };
        const auto org = field(c_org);
        // A DataFrame writes a missing value (NaN, None, pd.NA) as an empty cell: say "missing", which is what it was.
        if (org.empty())
            throw DataError(doc.where(r, c_org) + (doc.rows_not_lines ? ": the organisation is missing (empty, NaN, "
                                                                        "None or <NA>); every row needs one"
                                                                      : ": the organisation is empty"));
        if (missing_text(org))
            throw DataError(doc.where(r, c_org) + ": the organisation is " + detail::quoted(org) +
                            ", which marks a missing name");
        const auto where = [&](int c) { return doc.where(r, c) + ", organisation " + detail::quoted(org); };
        const auto count = [&](int c) {
            const auto text = field(c);
            if (text.empty())
                throw DataError(where(c) + (doc.rows_not_lines ? ": is missing (NaN, None or <NA>); counts must be numbers"
                                                               : ": is empty; counts must be numbers"));
            const auto v = parse_count(text);
            if (!v)
                throw DataError(where(c) + ": " + detail::quoted(text) + " is not a number; counts must be numbers" +
                                (text.find(',') != std::string_view::npos
                                     ? " (a comma only separates thousands, as in 1,000; a decimal takes a point, 1.5)"
                                     : ""));
            if (*v < 0) throw DataError(where(c) + ": " + g(*v) + " is negative; counts must be >= 0");
            return *v;
        };
        const double x = count(c_num), m = count(c_den);
        if (!(m > 0)) throw DataError(where(c_den) + ": the denominator is " + g(m) + "; it must be > 0");
        if (o.kind == CountKind::proportion && x > m)
            throw DataError(where(c_num) + ": " + g(x) + " is more than the denominator " + g(m) +
                            "; a proportion's numerator cannot exceed it");
        out.organisations.emplace_back(org);
        out.numerators.push_back(x);
        out.denominators.push_back(m);
        if (c_period >= 0) out.periods.emplace_back(field(c_period));
        for (std::size_t k = 0; k < other_index.size(); ++k) out.other[k].emplace_back(detail::trim(r.fields[other_index[k]]));
    }
    return out;
}

Counts read_counts(const std::filesystem::path& path, const CountsOptions& options) {
    return read_counts(read_csv(path), options);
}

Counts read_counts_text(std::string_view text, std::string source, const CountsOptions& options, bool rows_not_lines) {
    auto doc = parse_csv(text, std::move(source));
    doc.rows_not_lines = rows_not_lines;
    return read_counts(doc, options);
}

}  // namespace hp::io
