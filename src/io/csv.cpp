#include "healthyplaces/io/csv.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/io/text.hpp"

namespace hp::io {

std::string CsvDocument::where(const CsvRecord& r, int column) const {
    std::string s = source + ", ";
    s += rows_not_lines ? "row " + std::to_string(r.line - 2) : "line " + std::to_string(r.line);
    if (column >= 0) {
        s += ", column " + std::to_string(column + 1);
        if (static_cast<std::size_t>(column) < header.size()) s += " (" + header[static_cast<std::size_t>(column)] + ")";
    }
    return s;
}

CsvDocument parse_csv(std::string_view text, std::string source) {
    CsvDocument doc;
    doc.source = std::move(source);
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // UTF-8 byte-order mark from Excel

    std::vector<std::vector<std::string>> rows;
    std::vector<std::size_t> starts;
    std::vector<std::string> fields;
    std::string field;
    std::size_t line = 1, record_line = 1, i = 0;
    const std::size_t n = text.size();
    auto fail = [&](std::size_t at_line, const std::string& what) {
        throw DataError(doc.source + ", line " + std::to_string(at_line) + ": " + what);
    };
    auto end_record = [&] {
        fields.push_back(std::move(field));
        field.clear();
        const bool blank = fields.size() == 1 && detail::trim(fields[0]).empty();
        if (!blank) {
            rows.push_back(std::move(fields));
            starts.push_back(record_line);
        }
        fields.clear();
    };
    bool at_field_start = true;
    while (i < n) {
        const char c = text[i];
        if (at_field_start && c == '"') {
            // Quoted field: runs to the next lone quote; "" is a literal quote; newlines are data.
            const std::size_t open_line = line;
            ++i;
            for (;;) {
                if (i >= n) fail(open_line, "a quoted field opened here is never closed (is the file truncated?)");
                const char q = text[i];
                if (q == '"') {
                    if (i + 1 < n && text[i + 1] == '"') { field += '"'; i += 2; continue; }
                    ++i;
                    break;
                }
                if (q == '\n') ++line;
                field += q;
                ++i;
            }
            // After the closing quote only a separator, a line end or the end of the text may follow.
            std::size_t j = i;
            while (j < n && (text[j] == ' ' || text[j] == '\t')) ++j;
            if (j < n && text[j] != ',' && text[j] != '\n' && text[j] != '\r')
                fail(line, "unexpected text after a closing quote: fields with quotes must be quoted whole, "
                           "with inner quotes doubled (\"\")");
            i = j;
            at_field_start = false;
            continue;
        }
        if (c == ',') {
            fields.push_back(std::move(field));
            field.clear();
            at_field_start = true;
            ++i;
        } else if (c == '\r' || c == '\n') {
            end_record();
            if (c == '\r' && i + 1 < n && text[i + 1] == '\n') ++i;
            ++i;
            ++line;
            record_line = line;
            at_field_start = true;
        } else {
            if (c == '"')
                fail(line, "a quote inside an unquoted field: quote the whole field and double inner quotes (\"\")");
            field += c;
            at_field_start = false;
            ++i;
        }
    }
    if (!at_field_start || !field.empty() || !fields.empty()) end_record();

    if (rows.empty()) throw DataError(doc.source + ": the file is empty (no header line)");
    std::set<std::string> seen;
    for (std::size_t k = 0; k < rows[0].size(); ++k) {
        auto name = std::string(detail::trim(rows[0][k]));
        if (name.empty())
            throw DataError(doc.source + ", line " + std::to_string(starts[0]) + ": column " + std::to_string(k + 1) +
                            " of the header has no name");
        if (!seen.insert(name).second)
            throw DataError(doc.source + ", line " + std::to_string(starts[0]) + ": column '" + name +
                            "' appears twice in the header");
        doc.header.push_back(std::move(name));
    }
    for (std::size_t r = 1; r < rows.size(); ++r) {
        auto& f = rows[r];
        // A row of empty cells is what spreadsheets export for a blank row inside a range: skip it.
        if (std::all_of(f.begin(), f.end(), [](const std::string& s) { return detail::trim(s).empty(); })) continue;
        if (f.size() != doc.header.size())
            fail(starts[r], "has " + std::to_string(f.size()) + (f.size() == 1 ? " field" : " fields") +
                                " but the header has " + std::to_string(doc.header.size()) +
                                (f.size() < doc.header.size() ? " (is the line truncated?)" : " (an unquoted comma?)"));
        doc.records.push_back({starts[r], std::move(f)});
    }
    return doc;
}

CsvDocument read_csv(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw DataError(path.string() + ": cannot open the file (does it exist, and is it readable?)");
    std::ostringstream ss;
    ss << in.rdbuf();
    return parse_csv(ss.str(), path.string());
}

}  // namespace hp::io
