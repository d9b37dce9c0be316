#pragma once
// Tables written as CSV for spreadsheets (the full results beside a summarised page): RFC 4180 quoting, text that a
// spreadsheet would run as a formula kept as text, numbers as printf's %g writes them. In C++ because a million rows
// of a dozen columns take about a second to format in Python and a tenth of that here.
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace hp::io {

/// Counts: a whole number below 2^53 is written as an integer, any other value with 10 significant digits.
struct CsvCounts {
    std::vector<double> values;
};
/// Real numbers with `significant` digits (printf's %.Ng: 0.000123457, 1.23457e+06, nan, inf).
struct CsvReals {
    std::vector<double> values;
    int significant = 6;
};
/// One column: its name and its values (text, counts or reals); every column of a table has as many values.
struct CsvColumn {
    std::string name;
    std::variant<std::vector<std::string>, CsvCounts, CsvReals> values;
};

/// A text field as written: quoted (inner quotes doubled) when it holds a comma, quote, CR or LF; a field starting
/// with '=', '+', '-', '@', tab or CR gets a leading "'" first, so that a spreadsheet shows it rather than running
/// it as a formula (OWASP's advice on CSV injection).
std::string csv_text_field(std::string_view text);

/// The table as CSV text (LF line ends, UTF-8 as given): the header line of the columns' names when `header`, then
/// one line per row. DomainError when the columns differ in length or `significant` is outside 1..17. Checks for
/// cancellation every few thousand rows.
std::string format_csv(std::span<const CsvColumn> columns, bool header = true);

}  // namespace hp::io
