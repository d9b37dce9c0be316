#pragma once
// A small RFC 4180 reader that accepts what spreadsheets write: UTF-8 with or without BOM, CRLF or LF,
// quoted fields with doubled quotes and embedded newlines. It remembers where each record started so
// that every later error can name the line and column.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace hp::io {

struct CsvRecord {
    std::size_t line = 0;                 ///< 1-based physical line where the record starts
    std::vector<std::string> fields;
};

struct CsvDocument {
    std::string source;                   ///< file name or "<DataFrame>"; starts every error message
    std::vector<std::string> header;
    std::vector<CsvRecord> records;
    /// True for tables that never were files (a DataFrame): locations are then given as rows, 0-based.
    bool rows_not_lines = false;

    /// "scores.csv, line 4, column 7 (financial_standing)"; column is 0-based, -1 for the whole record.
    std::string where(const CsvRecord& r, int column = -1) const;
};

/// Parse CSV text. Blank lines are skipped. Throws DataError naming source and line on an unterminated
/// quote, a stray quote inside an unquoted field, text after a closing quote, an empty or duplicate
/// header, or a record whose number of fields differs from the header's (e.g. a truncated line).
CsvDocument parse_csv(std::string_view text, std::string source);
/// Read and parse a file; DataError when it cannot be opened.
CsvDocument read_csv(const std::filesystem::path& path);

}  // namespace hp::io
