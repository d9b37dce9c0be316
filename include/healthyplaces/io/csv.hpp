#pragma once
// A small RFC 4180 reader that accepts what spreadsheets write: UTF-8 with or without BOM, UTF-16 with BOM,
// cp1252 (Excel's "CSV" on Windows) when the bytes are not UTF-8; comma, semicolon or tab delimiters (detected
// from the header line); CRLF or LF; quoted fields with doubled quotes and embedded newlines. It remembers where
// each record started so that every later error can name the line and column.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace hp::io {

/// The character encoding a file was written in. Text is UTF-8 once read, whatever the file's encoding.
enum class Encoding : std::uint8_t { utf8, utf8_bom, utf16le, utf16be, cp1252 };
/// Python's codec name: "utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "cp1252".
std::string_view to_string(Encoding) noexcept;

/// Text decoded to UTF-8 (without a byte-order mark), the encoding it was read in, and, when that encoding was a
/// guess (cp1252), a note saying so and where the first byte that is not UTF-8 is.
struct DecodedText {
    std::string text;
    Encoding encoding = Encoding::utf8;
    std::string note;
};

/// Decode the bytes of a text file. UTF-16 needs its byte-order mark; bytes that are not valid UTF-8 are read as
/// cp1252 (whose printable characters include all of latin-1's). DataError naming `source` and the line on: a
/// workbook (.xlsx, .xls) instead of CSV, a NUL character (a binary file, or UTF-16 without a byte-order mark),
/// broken UTF-16, and a file mixing UTF-8 with bytes that are not UTF-8 (two encodings in one file).
DecodedText decode_text(std::string_view bytes, std::string_view source);

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
    Encoding encoding = Encoding::utf8;   ///< what the bytes were read as
    char delimiter = ',';                 ///< ',', ';' or '\t', as detected from the header line
    /// What was accepted but worth knowing while reading (an encoding that was guessed): each starts with source.
    std::vector<std::string> notes;

    /// "scores.csv, line 4, column 7 (financial_standing)"; column is 0-based, -1 for the whole record.
    std::string where(const CsvRecord& r, int column = -1) const;
    /// For an error about missing columns: "" or "; the file looks '|'-delimited, ..." when a header name holds a
    /// delimiter other than the one the file was split at.
    std::string delimiter_hint() const;
};

/// "comma", "semicolon", "tab", or the character quoted.
std::string delimiter_name(char delimiter);

/// Parse CSV bytes in any encoding decode_text reads; the delimiter is the one of comma, semicolon and tab that the
/// header line holds outside quotes (when it holds several, the one every one of the first rows agrees with).
/// Blank lines are skipped. Throws DataError naming source and line on an unterminated quote, a stray quote inside
/// an unquoted field, text after a closing quote, an empty or duplicate header, a record whose number of fields
/// differs from the header's (e.g. a truncated line), or a header that splits into columns at two delimiters that
/// the rows fit equally well (the error names both).
CsvDocument parse_csv(std::string_view bytes, std::string source);
/// The bytes of a file. DataError when there is no such file ("no such file 'x.csv'"), it is a directory, it cannot
/// be read, it is a workbook (.xlsx, .xls), or it holds a NUL byte outside UTF-16 (found block by block as it is
/// read, so /dev/zero or a binary file stops at once instead of filling the memory).
std::string read_file(const std::filesystem::path& path);
/// read_file, then parse_csv.
CsvDocument read_csv(const std::filesystem::path& path);

}  // namespace hp::io
