#include "healthyplaces/io/csv.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <set>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/io/text.hpp"

namespace hp::io {

std::string_view to_string(Encoding e) noexcept {
    switch (e) {
        case Encoding::utf8: return "utf-8";
        case Encoding::utf8_bom: return "utf-8-sig";
        case Encoding::utf16le: return "utf-16-le";
        case Encoding::utf16be: return "utf-16-be";
        case Encoding::cp1252: return "cp1252";
    }
    return "?";
}

std::string delimiter_name(char d) {
    switch (d) {
        case ',': return "comma";
        case ';': return "semicolon";
        case '\t': return "tab";
        case '|': return "pipe";
        default: return std::string("'") + d + "'";
    }
}

namespace {

void put_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

/// Length of the well-formed UTF-8 sequence starting at s[i] (1-4), or 0: overlong forms, surrogates and code
/// points past U+10FFFF are not UTF-8, so cp1252 text is hardly ever mistaken for it.
std::size_t utf8_length(std::string_view s, std::size_t i) noexcept {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) return 1;
    std::size_t n = 0;
    char32_t cp = 0, least = 0;
    if ((c & 0xE0) == 0xC0) { n = 2; cp = c & 0x1F; least = 0x80; }
    else if ((c & 0xF0) == 0xE0) { n = 3; cp = c & 0x0F; least = 0x800; }
    else if ((c & 0xF8) == 0xF0) { n = 4; cp = c & 0x07; least = 0x10000; }
    else return 0;
    if (i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < least || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}

/// cp1252's 0x80-0x9F (the rest is latin-1). The five bytes cp1252 leaves undefined read as latin-1's controls.
constexpr std::array<char16_t, 32> kCp1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D,
    0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
    0x0153, 0x009D, 0x017E, 0x0178};

char32_t cp1252(unsigned char b) noexcept { return b >= 0x80 && b < 0xA0 ? kCp1252High[b - 0x80] : b; }

/// 1-based line of byte `pos`, counting LF, CRLF and a lone CR as line ends (as the parser does).
std::size_t line_at(std::string_view s, std::size_t pos) noexcept {
    std::size_t line = 1;
    for (std::size_t i = 0; i < pos && i < s.size(); ++i)
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= s.size() || s[i + 1] != '\n'))) ++line;
    return line;
}

std::string hex_byte(unsigned char b) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02X", b);
    return buf;
}

[[noreturn]] void nul_error(std::string_view source, std::size_t line) {
    throw DataError(std::string(source) + ", line " + std::to_string(line) +
                    ": holds a NUL byte, which CSV text never does: is it a binary file, or UTF-16 without a "
                    "byte-order mark? Save it as \"CSV UTF-8\"");
}

/// The first bytes of a spreadsheet's own format: an error that says what to do instead of garbled columns.
void reject_workbook(std::string_view head, std::string_view source) {
    if (head.starts_with("PK\x03\x04"))
        throw DataError(std::string(source) + ": is a zip file (an Excel .xlsx workbook?), not CSV text: save it "
                        "from the spreadsheet as \"CSV UTF-8\"");
    if (head.starts_with("\xD0\xCF\x11\xE0"))
        throw DataError(std::string(source) + ": is an Excel .xls workbook, not CSV text: save it from the "
                        "spreadsheet as \"CSV UTF-8\"");
}

bool utf16_bom(std::string_view b) noexcept { return b.starts_with("\xFF\xFE") || b.starts_with("\xFE\xFF"); }

/// UTF-16 without a byte-order mark (as some exporters write it): +1 little-endian, -1 big-endian, 0 not. Text is
/// mostly ASCII, so its first characters have a NUL byte on one side of every pair and none on the other; a binary
/// file (or /dev/zero) has NUL bytes on both sides or neither.
int utf16_without_bom(std::string_view head) noexcept {
    const std::size_t n = std::min<std::size_t>(head.size(), 4096) / 2 * 2;
    if (n < 4) return 0;
    std::size_t nul_even = 0, nul_odd = 0;
    for (std::size_t i = 0; i < n; i += 2) {
        nul_even += head[i] == '\0';
        nul_odd += head[i + 1] == '\0';
    }
    const std::size_t pairs = n / 2;
    if (nul_odd * 10 >= pairs * 9 && nul_even == 0) return 1;   // 'a' '\0': little-endian
    if (nul_even * 10 >= pairs * 9 && nul_odd == 0) return -1;  // '\0' 'a': big-endian
    return 0;
}

[[noreturn]] void too_large(std::string_view source) {
    throw DataError(std::string(source) + ": is larger than 1 GiB, the most a CSV reader takes (hp::io::max_input_bytes)"
                    ": split the file, or keep the rows and columns the analysis needs");
}

DecodedText decode_utf16(std::string_view body, bool little, std::string_view source) {
    DecodedText out;
    out.encoding = little ? Encoding::utf16le : Encoding::utf16be;
    if (body.size() % 2)
        throw DataError(std::string(source) + ": ends in the middle of a UTF-16 character (is the file truncated?)");
    out.text.reserve(body.size() / 2);
    const auto unit = [&](std::size_t i) -> char16_t {
        const auto a = static_cast<unsigned char>(body[i]), b = static_cast<unsigned char>(body[i + 1]);
        return static_cast<char16_t>(little ? (b << 8 | a) : (a << 8 | b));
    };
    std::size_t line = 1;
    for (std::size_t i = 0; i < body.size(); i += 2) {
        const char16_t u = unit(i);
        char32_t cp = u;
        bool broken = u >= 0xDC00 && u <= 0xDFFF;  // a low surrogate with no high one before it
        if (u >= 0xD800 && u <= 0xDBFF) {
            const char16_t next = i + 3 < body.size() ? unit(i + 2) : 0;
            if (next >= 0xDC00 && next <= 0xDFFF) {
                cp = 0x10000 + ((static_cast<char32_t>(u) - 0xD800) << 10) + (next - 0xDC00);
                i += 2;
            } else {
                broken = true;
            }
        }
        if (broken)
            throw DataError(std::string(source) + ", line " + std::to_string(line) +
                            ": broken UTF-16 (half of a surrogate pair): is the file damaged?");
        if (cp == 0) nul_error(source, line);
        if (cp == '\n') ++line;
        put_utf8(out.text, cp);
    }
    return out;
}

/// Fields of each non-blank record (up to max_records) when split at `delim` outside quotes: enough to tell a
/// delimiter from a character inside names. A record of blank cells counts as blank, as in the parser.
std::vector<std::size_t> fields_per_record(std::string_view t, char delim, std::size_t max_records) {
    std::vector<std::size_t> out;
    bool quoted = false, content = false;
    std::size_t fields = 1;
    for (std::size_t i = 0; i < t.size() && out.size() < max_records; ++i) {
        const char c = t[i];
        if (c == '"') {
            quoted = !quoted;  // a doubled quote toggles twice: still inside
            content = true;
        } else if (quoted) {
            continue;
        } else if (c == delim) {
            ++fields;
        } else if (c == '\n' || c == '\r') {
            if (content) out.push_back(fields);
            fields = 1;
            content = false;
            if (c == '\r' && i + 1 < t.size() && t[i + 1] == '\n') ++i;
        } else if (c != ' ' && c != '\t') {
            content = true;
        }
    }
    if (content && out.size() < max_records) out.push_back(fields);
    return out;
}

/// Comma, semicolon or tab: the one the header line splits at; when it splits at several, the one every one of
/// the first 200 rows agrees with. Comma when it splits at none (a one-column file).
char detect_delimiter(std::string_view t, const std::string& source) {
    constexpr std::array<char, 3> kCandidates{',', ';', '\t'};
    std::vector<char> present;
    for (char d : kCandidates) {
        const auto h = fields_per_record(t, d, 1);
        if (!h.empty() && h[0] > 1) present.push_back(d);
    }
    if (present.empty()) return ',';
    if (present.size() == 1) return present[0];
    std::vector<char> fit;
    char most = present[0];
    std::size_t most_agree = 0;
    for (char d : present) {
        const auto f = fields_per_record(t, d, 201);
        const auto agree = static_cast<std::size_t>(std::count(f.begin() + 1, f.end(), f[0]));
        if (agree + 1 == f.size()) fit.push_back(d);
        if (agree > most_agree) { most_agree = agree; most = d; }
    }
    if (fit.size() == 1) return fit[0];
    if (fit.empty()) return most;  // the parser names the first row that does not fit, and the delimiter
    std::string splits;
    for (std::size_t k = 0; k < fit.size(); ++k)
        splits += std::string(k == 0 ? "" : k + 1 == fit.size() ? " and " : ", ") +
                  std::to_string(fields_per_record(t, fit[k], 1)[0]) + " columns at " + delimiter_name(fit[k]) + "s";
    throw DataError(source + ": cannot tell the delimiter: the header line splits into " + splits +
                    ", and the rows fit " + (fit.size() == 2 ? "both" : "each") + "; the file looks " +
                    delimiter_name(fit[0]) + "-delimited or " + delimiter_name(fit[1]) +
                    "-delimited: save it with one delimiter, or quote the names that hold the other");
}

/// A file saved twice with a byte-order mark (or converted by a tool that adds one) starts with U+FEFF after its
/// own mark: dropped, so that the first column's name does not start with an invisible character.
void drop_repeated_byte_order_marks(std::string& utf8) {
    std::size_t n = 0;
    while (std::string_view(utf8).substr(n).starts_with("\xEF\xBB\xBF")) n += 3;
    utf8.erase(0, n);
}

}  // namespace

DecodedText decode_text(std::string_view bytes, std::string_view source) {
    if (bytes.size() > max_input_bytes) too_large(source);
    reject_workbook(bytes, source);
    if (utf16_bom(bytes)) {
        auto out = decode_utf16(bytes.substr(2), bytes[0] == '\xFF', source);
        drop_repeated_byte_order_marks(out.text);
        return out;
    }
    if (const int u16 = utf16_without_bom(bytes)) {
        auto out = decode_utf16(bytes, u16 > 0, source);
        out.note = std::string(source) + ": read as UTF-16 (" + (u16 > 0 ? "little" : "big") +
                   "-endian) without a byte-order mark; save the file as \"CSV UTF-8\" to be sure of its letters";
        return out;
    }
    DecodedText out;
    const bool bom = bytes.starts_with("\xEF\xBB\xBF");
    while (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);  // Excel's "CSV UTF-8" starts with one (or two)
    if (const auto nul = bytes.find('\0'); nul != std::string_view::npos) nul_error(source, line_at(bytes, nul));
    std::size_t first_bad = std::string_view::npos, first_multi = std::string_view::npos;
    for (std::size_t i = 0; i < bytes.size();) {
        // Eight bytes of ASCII at a time: most of a CSV file.
        if (i + 8 <= bytes.size()) {
            std::uint64_t word;
            std::memcpy(&word, bytes.data() + i, 8);
            if ((word & 0x8080808080808080ULL) == 0) {
                i += 8;
                continue;
            }
        }
        const auto n = utf8_length(bytes, i);
        if (n == 0) {
            if (first_bad == std::string_view::npos) first_bad = i;
            ++i;
            continue;
        }
        if (n > 1 && first_multi == std::string_view::npos) first_multi = i;
        i += n;
        if (first_bad != std::string_view::npos && first_multi != std::string_view::npos) break;
    }
    if (first_bad == std::string_view::npos) {
        out.encoding = bom ? Encoding::utf8_bom : Encoding::utf8;
        out.text.assign(bytes);
        return out;
    }
    const auto bad = static_cast<unsigned char>(bytes[first_bad]);
    std::string as_cp1252;
    put_utf8(as_cp1252, cp1252(bad));
    const std::string at = std::string(source) + ", line " + std::to_string(line_at(bytes, first_bad)) + ": byte " +
                           hex_byte(bad) + " ('" + as_cp1252 + "' in cp1252) is not UTF-8";
    if (bom)
        throw DataError(at + ", though the file starts with UTF-8's byte-order mark: is it damaged? Save it again "
                             "as \"CSV UTF-8\"");
    if (first_multi != std::string_view::npos)
        throw DataError(at + ", but line " + std::to_string(line_at(bytes, first_multi)) + " is UTF-8 ('" +
                        std::string(bytes.substr(first_multi, utf8_length(bytes, first_multi))) +
                        "'): the file mixes two encodings; save it again as \"CSV UTF-8\"");
    // Not UTF-8 anywhere: a spreadsheet's "CSV" on Windows writes cp1252 (latin-1 is the same printable letters).
    out.encoding = Encoding::cp1252;
    out.text.reserve(bytes.size() + bytes.size() / 8);
    for (char c : bytes) put_utf8(out.text, cp1252(static_cast<unsigned char>(c)));
    out.note = std::string(source) + ": read as cp1252 (Windows), not UTF-8: line " +
               std::to_string(line_at(bytes, first_bad)) + " has byte " + hex_byte(bad) + " ('" + as_cp1252 +
               "'), which is not UTF-8; save the file as \"CSV UTF-8\" to be sure of its letters";
    return out;
}

std::string CsvDocument::where(const CsvRecord& r, int column) const {
    std::string s = source + ", ";
    s += rows_not_lines ? "row " + std::to_string(r.row) : "line " + std::to_string(r.line_of(column));
    if (column >= 0) {
        s += ", column " + std::to_string(column + 1);
        if (static_cast<std::size_t>(column) < header.size())
            s += " (" + detail::shown(header[static_cast<std::size_t>(column)]) + ")";
    }
    return s;
}

std::string CsvDocument::delimiter_hint() const {
    char best = 0;
    std::size_t most = 0;
    for (char d : {';', ',', '\t', '|'}) {
        if (d == delimiter) continue;
        std::size_t n = 0;
        for (const auto& h : header) n += static_cast<std::size_t>(std::count(h.begin(), h.end(), d));
        if (n > most) { most = n; best = d; }
    }
    if (most == 0) return {};
    std::string s = "; the file looks " + delimiter_name(best) + "-delimited (its header holds " +
                    std::to_string(most) + " " + delimiter_name(best) + (most > 1 ? "s" : "") + ")";
    if (best == '|') return s + ", but only comma, semicolon and tab are read: save it with one of those";
    return s + ", but the rows were split at " + delimiter_name(delimiter) +
           "s: save it with one delimiter, or quote the names that hold the other";
}

CsvDocument parse_csv(std::string_view bytes, std::string source) {
    CsvDocument doc;
    doc.source = std::move(source);
    auto decoded = decode_text(bytes, doc.source);
    doc.encoding = decoded.encoding;
    if (!decoded.note.empty()) doc.notes.push_back(std::move(decoded.note));
    const std::string_view text = decoded.text;
    const char delim = doc.delimiter = detect_delimiter(text, doc.source);

    // One pass, record by record: the header is the first record that is not blank, and every later record is
    // checked against it as soon as it ends, so a malformed file stops at its first bad line, and memory stays
    // bounded by the limits (max_columns, max_cells) whatever the input.
    bool have_header = false;
    std::size_t header_line = 0, cells = 0, row = 0;
    std::vector<std::string> fields;
    std::vector<std::size_t> field_lines;  // the physical line each field of the record starts on
    std::string field;
    std::size_t line = 1, record_line = 1, i = 0;
    const std::size_t n = text.size();
    // "t.csv, line 4, column 3 (numerator)": `column` 0-based; its name once the header is known.
    const auto at = [&](std::size_t at_line, std::size_t column) {
        std::string s = doc.source + ", line " + std::to_string(at_line) + ", column " + std::to_string(column + 1);
        if (have_header && column < doc.header.size()) s += " (" + detail::shown(doc.header[column]) + ")";
        return s;
    };
    auto fail = [&](std::size_t at_line, std::size_t column, const std::string& what) {
        throw DataError(at(at_line, column) + ": " + what);
    };
    const auto start_field = [&] {
        if (fields.size() >= max_columns)
            fail(line, fields.size(), "more than " + std::to_string(max_columns) + " fields on one line, the most "
                                      "a CSV reader takes (hp::io::max_columns): is this a CSV file?");
        field_lines.push_back(line);
    };
    static_assert(max_cells == 50'000'000, "the message below names the limit");
    const auto count_cells = [&] {
        cells += fields.size();
        if (cells > max_cells)
            fail(record_line, 0, "more than 50,000,000 cells, the most a CSV reader takes (hp::io::max_cells): "
                                 "split the file, or keep the rows and columns the analysis needs");
    };
    const auto header_from = [&] {
        std::set<std::string> seen;
        for (std::size_t k = 0; k < fields.size(); ++k) {
            auto name = std::string(detail::trim(fields[k]));
            if (name.empty()) fail(field_lines[k], k, "this column of the header has no name");
            if (!seen.insert(name).second)
                fail(field_lines[k], k, "column " + detail::quoted(name) + " appears twice in the header");
            doc.header.push_back(std::move(name));
        }
        header_line = record_line;
        have_header = true;
    };
    const auto end_record = [&] {
        if (field_lines.size() == fields.size()) start_field();  // a last field that is empty, at the end of the text
        fields.push_back(std::move(field));
        field.clear();
        const bool all_blank =
            std::all_of(fields.begin(), fields.end(), [](const std::string& f) { return detail::trim(f).empty(); });
        if (!have_header) {
            // A blank line before the header is skipped; a header of empty cells is an error (names are needed).
            if (fields.size() > 1 || !all_blank) {
                count_cells();
                header_from();
            }
        } else if (!all_blank) {
            // A row of empty cells is what spreadsheets export for a blank row inside a range: skip it.
            const std::size_t want = doc.header.size();
            if (fields.size() > want)
                fail(field_lines[want], want, "an extra field " + detail::quoted(detail::trim(fields[want])) +
                                                  ": the line has " + std::to_string(fields.size()) +
                                                  " fields but the header (line " + std::to_string(header_line) +
                                                  ") has " + std::to_string(want) + " (an unquoted " +
                                                  delimiter_name(delim) + "?)");
            if (fields.size() < want)
                fail(field_lines.back(), fields.size(),
                     "missing: the line has " + std::to_string(fields.size()) +
                         (fields.size() == 1 ? " field" : " fields") + " but the header (line " +
                         std::to_string(header_line) + ") has " + std::to_string(want) + " (is the line truncated?)");
            count_cells();
            CsvRecord rec{record_line, std::move(fields), {}, row};
            if (field_lines.back() != record_line) rec.field_lines = field_lines;  // a line break inside quotes
            doc.records.push_back(std::move(rec));
        }
        if (have_header && header_line != record_line) ++row;
        fields.clear();
        field_lines.clear();
    };
    bool at_field_start = true;
    while (i < n) {
        if (at_field_start && field_lines.size() == fields.size()) start_field();
        const char c = text[i];
        if (at_field_start && c == '"') {
            // Quoted field: runs to the next lone quote; "" is a literal quote; line breaks are data (and count
            // as lines: LF, CRLF or a lone CR, as outside quotes).
            const std::size_t open_line = line;
            ++i;
            for (;;) {
                if (i >= n)
                    fail(open_line, fields.size(), "a quoted field opened here is never closed (is the file truncated?)");
                const char q = text[i];
                if (q == '"') {
                    if (i + 1 < n && text[i + 1] == '"') { field += '"'; i += 2; continue; }
                    ++i;
                    break;
                }
                if (q == '\n' || (q == '\r' && (i + 1 >= n || text[i + 1] != '\n'))) ++line;
                field += q;
                ++i;
            }
            // After the closing quote only spaces, a delimiter, a line end or the end of the text may follow
            // (a tab is the delimiter of a tab-delimited file, not a space).
            std::size_t j = i;
            while (j < n && (text[j] == ' ' || (text[j] == '\t' && delim != '\t'))) ++j;
            if (j < n && text[j] != delim && text[j] != '\n' && text[j] != '\r')
                fail(line, fields.size(), "unexpected text after a closing quote: fields with quotes must be quoted "
                                          "whole, with inner quotes doubled (\"\")");
            i = j;
            at_field_start = false;
            continue;
        }
        if (c == delim) {
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
                fail(line, fields.size(), "a quote inside an unquoted field: quote the whole field and double inner "
                                          "quotes (\"\")");
            // The run of ordinary characters up to the next delimiter, quote or line end, appended at once.
            std::size_t j = i + 1;
            while (j < n && text[j] != delim && text[j] != '"' && text[j] != '\r' && text[j] != '\n') ++j;
            field.append(text.substr(i, j - i));
            at_field_start = false;
            i = j;
        }
    }
    if (!at_field_start || !field.empty() || !fields.empty()) end_record();
    if (!have_header) throw DataError(doc.source + ": the file is empty (no header line)");
    return doc;
}

std::string read_file(const std::filesystem::path& path) {
    const std::string name = path.string();
    std::error_code ec;
    const auto type = std::filesystem::status(path, ec).type();
    if (type == std::filesystem::file_type::not_found) throw DataError("no such file '" + name + "'");
    if (type == std::filesystem::file_type::directory) throw DataError("'" + name + "' is a directory, not a file");
    errno = 0;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        const int err = errno;
        throw DataError("cannot open '" + name + "'" + (err ? " (" + std::string(std::strerror(err)) + ")" : ""));
    }
    // Read in blocks and look for NUL bytes as they come: /dev/zero or a binary file stops at the first block
    // rather than filling the memory, and an endless stream of text stops at max_input_bytes. UTF-16 has NUL bytes
    // in every ASCII character, so it is checked when decoded.
    std::string bytes;
    if (type == std::filesystem::file_type::regular) {
        const auto size = std::filesystem::file_size(path, ec);
        if (!ec && size > max_input_bytes) too_large(name);
        if (!ec) bytes.reserve(static_cast<std::size_t>(size));
    }
    std::array<char, 1 << 16> block{};
    bool first = true, utf16 = false;
    while (in.read(block.data(), block.size()) || in.gcount() > 0) {
        const std::string_view got(block.data(), static_cast<std::size_t>(in.gcount()));
        if (first) {
            reject_workbook(got, name);
            utf16 = utf16_bom(got) || utf16_without_bom(got) != 0;
            first = false;
        }
        if (!utf16)
            if (const auto nul = got.find('\0'); nul != std::string_view::npos) {
                bytes.append(got.substr(0, nul));
                nul_error(name, line_at(bytes, bytes.size()));
            }
        if (bytes.size() + got.size() > max_input_bytes) too_large(name);
        bytes.append(got);
    }
    if (in.bad()) throw DataError("cannot read '" + name + "' (a read error)");
    return bytes;
}

CsvDocument read_csv(const std::filesystem::path& path) { return parse_csv(read_file(path), path.string()); }

}  // namespace hp::io
