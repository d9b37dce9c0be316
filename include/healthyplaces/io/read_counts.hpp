#pragma once
// Load counts for indicators and funnel plots: one row per organisation (and period), a numerator (events:
// deaths, breaches, admissions; observed for a ratio) and a denominator (out of how many: attendances,
// population; expected for a ratio). Columns are named by the caller; every other column is kept as text.
// Every error names the file (or "<DataFrame>"), the line (or row), the column and the organisation:
//   "ae.csv, line 3, column 4 (attendances), organisation 'RF4': '12x' is not a number; counts must be numbers"
// The line is the physical line the value is on; the limits of parse_csv apply (1 GiB, 16,384 fields, 50,000,000
// cells).
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "healthyplaces/io/csv.hpp"

namespace hp::io {

/// What the counts measure, which decides the checks: a proportion's numerator may not exceed its denominator;
/// a rate (events per population) and a ratio (observed over expected) may exceed 1.
enum class CountKind : std::uint8_t { proportion, rate, ratio };
std::string_view to_string(CountKind) noexcept;
/// "proportion", "rate", "ratio"; DomainError listing them otherwise.
CountKind parse_count_kind(std::string_view name);

struct CountsOptions {
    std::string by = "organisation";            ///< column names, matched exactly (the header is trimmed): who,
    std::string numerator = "numerator";        ///< how many events,
    std::string denominator = "denominator";    ///< out of how many
    std::string period;                         ///< optional column of dates or period labels; empty: none
    CountKind kind = CountKind::proportion;
};

/// The counts in file order (rows of the same organisation are kept apart: summing them is the caller's choice).
struct Counts {
    std::string source;                        ///< file name or "<DataFrame>"
    std::vector<std::string> columns;          ///< the header, in file order
    std::vector<std::string> organisations;    ///< trimmed, never empty
    std::vector<double> numerators;            ///< finite, >= 0
    std::vector<double> denominators;          ///< finite, > 0 (and >= the numerator for a proportion)
    std::vector<std::string> periods;          ///< trimmed text; empty without a period column
    std::vector<std::string> other_columns;    ///< the columns not named in the options, in file order
    std::vector<std::vector<std::string>> other;  ///< other[k][i]: row i of other_columns[k], trimmed text
    Encoding encoding = Encoding::utf8;        ///< what the file's bytes were read as
    std::vector<std::string> notes;            ///< what was accepted but worth knowing (an encoding guessed)

    std::size_t size() const noexcept { return organisations.size(); }
    /// The text of one of the other columns; DataError naming the other columns when there is no such column.
    const std::vector<std::string>& other_column(std::string_view name) const;
};

/// DataError, located: a missing column (all of them listed with the columns there are), no data rows, an empty
/// organisation (or one written as nan/None/<NA>), an empty or non-numeric count, a negative count, a zero
/// denominator, a proportion's numerator above its denominator. Counts may carry thousands separators ("1,000");
/// a decimal comma ("1,5") is not a number.
Counts read_counts(const CsvDocument& doc, const CountsOptions& options = {});
/// Read and parse a file; DataError also when it cannot be opened or is not well-formed CSV.
Counts read_counts(const std::filesystem::path& path, const CountsOptions& options = {});
/// Parse CSV text; `rows_not_lines` names rows (0-based, as a DataFrame written by to_csv) instead of lines.
Counts read_counts_text(std::string_view text, std::string source, const CountsOptions& options = {},
                        bool rows_not_lines = false);

}  // namespace hp::io
