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

/// The readers' limits (read_file, parse_csv, and so read_scores, read_counts and read_table). Past them the input
/// is refused with a one-line DataError naming the limit, rather than filling the memory: an endless stream
/// (/dev/zero, /dev/urandom, a pipe) stops at the first limit it reaches.
/// The most bytes a file (or a DataFrame's CSV text) may have: 1 GiB. A line or a field may be as long as that.
inline constexpr std::size_t max_input_bytes = std::size_t{1} << 30;
/// The most fields a line may have: 16,384, as many columns as a spreadsheet has.
inline constexpr std::size_t max_columns = 16'384;
/// The most cells (fields of every line, the header's included) a table may have: 50,000,000; so 10,000,000
/// rows of five columns, 1,000,000 rows of fifty.
inline constexpr std::size_t max_cells = 50'000'000;

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

/// Decode the bytes of a text file. UTF-16 is read with its byte-order mark, or without one when the text is plainly
/// UTF-16 (every other byte of its first characters NUL; a note then says so); bytes that are not valid UTF-8 are
/// read as cp1252 (whose printable characters include all of latin-1's). DataError naming `source` and the line
/// on: a workbook (.xlsx, .xls) instead of CSV, a NUL character (a binary file), broken UTF-16, a file mixing
/// UTF-8 with bytes that are not UTF-8 (two encodings in one file), and more than max_input_bytes.
DecodedText decode_text(std::string_view bytes, std::string_view source);

struct CsvRecord {
    std::size_t line = 0;                 ///< 1-based physical line where the record starts
    std::vector<std::string> fields;
    /// Empty when the record is on one line; else the physical line each field starts on (a quoted field with a
    /// line break inside moves the fields after it to later lines).
    std::vector<std::size_t> field_lines;
    /// 0-based number of the record after the header, blank records included: a DataFrame's row.
    std::size_t row = 0;

    /// The physical line field `column` (0-based) starts on; the record's line for -1 or a column it lacks.
    std::size_t line_of(int column) const noexcept {
        return column >= 0 && static_cast<std::size_t>(column) < field_lines.size()
                   ? field_lines[static_cast<std::size_t>(column)] : line;
    }
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

    /// "scores.csv, line 4, column 7 (financial_standing)": the physical line the field starts on; column is
    /// 0-based, -1 for the whole record. For a DataFrame: "<DataFrame>, row 2, column 7 (...)", rows 0-based.
    std::string where(const CsvRecord& r, int column = -1) const;
    /// For an error about missing columns: "" or "; the file looks '|'-delimited, ..." when a header name holds a
    /// delimiter other than the one the file was split at.
    std::string delimiter_hint() const;
};

/// "comma", "semicolon", "tab", or the character quoted.
std::string delimiter_name(char delimiter);

/// Parse CSV bytes in any encoding decode_text reads; the delimiter is the one of comma, semicolon and tab that the
/// header line holds outside quotes (when it holds several, the one every one of the first rows agrees with).
/// Blank lines are skipped. Throws DataError naming source, physical line and column on an unterminated quote, a
/// stray quote inside an unquoted field, text after a closing quote, an empty or duplicate header name, a record
/// whose number of fields differs from the header's (the first extra field, or the first missing one: a truncated
/// line), a header that splits into columns at two delimiters that the rows fit equally well (the error names both),
/// and past the limits above (max_input_bytes, max_columns, max_cells).
CsvDocument parse_csv(std::string_view bytes, std::string source);
/// The bytes of a file. DataError when there is no such file ("no such file 'x.csv'"), it is a directory ("'x' is a
/// directory, not a file"), it cannot be read, it is a workbook (.xlsx, .xls), it holds a NUL byte outside UTF-16,
/// or it is larger than max_input_bytes (both found block by block as it is read, so /dev/zero, /dev/urandom or an
/// endless pipe stops at once or at the limit instead of filling the memory).
std::string read_file(const std::filesystem::path& path);
/// read_file, then parse_csv.
CsvDocument read_csv(const std::filesystem::path& path);

}  // namespace hp::io
