// Issue 15, readers: the C++ side of tests/python/test_hostile_io.py. Located errors (file, physical line, column),
// the readers' limits, a panel located in its file, and a score table whose lookups stay constant-time.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "error_of.hpp"
#include "healthyplaces/analysis/competency_gaps.hpp"
#include "healthyplaces/evaluation/panel.hpp"
#include "healthyplaces/io/csv.hpp"
#include "healthyplaces/io/read_counts.hpp"
#include "healthyplaces/io/read_scores.hpp"

using hp::testing::error_of;

namespace {
std::string hostile_counts_error(const std::string& text) {
    return error_of([&] { hp::io::read_counts_text(text, "c.csv"); });
}
}  // namespace

TEST_CASE("hostile io: counts errors name the physical line and column") {
    const std::string head = "organisation,numerator,denominator\n";
    CHECK(hostile_counts_error(head + "A,1,10\n\n\n\nB,x,10\n") ==
          "DataError: c.csv, line 6, column 2 (numerator), organisation 'B': 'x' is not a number; counts must be numbers");
    CHECK(hostile_counts_error(head + "\"North\nTrust\",x,10\n") ==
          "DataError: c.csv, line 3, column 2 (numerator), organisation 'North\\nTrust': 'x' is not a number; counts "
          "must be numbers");
    CHECK(hostile_counts_error(head + "A,1,10\nB,20,1,000\n") ==
          "DataError: c.csv, line 3, column 4: an extra field '000': the line has 4 fields but the header (line 1) has "
          "3 (an unquoted comma?)");
    CHECK(hostile_counts_error(head + "A,1\n") ==
          "DataError: c.csv, line 2, column 3 (denominator): missing: the line has 2 fields but the header (line 1) "
          "has 3 (is the line truncated?)");
}

TEST_CASE("hostile io: a DataFrame's rows are counted as records, past line breaks inside names") {
    const auto counts = [] {
        hp::io::read_counts_text("organisation,numerator,denominator\n\"A\nB\",1,10\nC,-1,10\n", "<DataFrame>", {},
                                 true);
    };
    CHECK(error_of(counts) ==
          "DataError: <DataFrame>, row 1, column 2 (numerator), organisation 'C': -1 is negative; counts must be >= 0");
    CHECK(error_of([] { hp::io::read_counts_text("organisation,numerator,denominator\nA,1,10\n,2,10\n", "<DataFrame>",
                                                 {}, true); }) ==
          "DataError: <DataFrame>, row 1, column 1 (organisation): the organisation is missing (empty, NaN, None or "
          "<NA>); every row needs one");
}

TEST_CASE("hostile io: UTF-16 without a byte-order mark is read, with a note") {
    const std::string text = "a,b\n1,2\n";
    std::string le, be;
    for (char c : text) {
        le += c;
        le += '\0';
        be += '\0';
        be += c;
    }
    const auto a = hp::io::parse_csv(le, "le.csv");
    CHECK(a.encoding == hp::io::Encoding::utf16le);
    CHECK(a.records.at(0).fields == std::vector<std::string>{"1", "2"});
    REQUIRE(a.notes.size() == 1);
    CHECK(a.notes[0] == "le.csv: read as UTF-16 (little-endian) without a byte-order mark; save the file as \"CSV "
                        "UTF-8\" to be sure of its letters");
    CHECK(hp::io::parse_csv(be, "be.csv").encoding == hp::io::Encoding::utf16be);
    // NUL bytes on both sides of the pairs are not text
    CHECK(hp::testing::contains(error_of([] { hp::io::parse_csv(std::string(64, '\0'), "z.csv"); }),
                                "z.csv, line 1: holds a NUL byte"));
}

TEST_CASE("hostile io: the limits are refused with one line") {
    const auto dir = std::filesystem::temp_directory_path() / "hp_hostile_io";
    std::filesystem::create_directories(dir);
    CHECK(error_of([&] { hp::io::read_file(dir); }) == "DataError: '" + dir.string() + "' is a directory, not a file");
    const auto huge = dir / "huge.csv";
    {
        std::ofstream f(huge, std::ios::binary);
    }
    std::filesystem::resize_file(huge, hp::io::max_input_bytes + 1);  // sparse: refused from its size alone
    CHECK(error_of([&] { hp::io::read_file(huge); }) ==
          "DataError: " + huge.string() + ": is larger than 1 GiB, the most a CSV reader takes "
          "(hp::io::max_input_bytes): split the file, or keep the rows and columns the analysis needs");
    std::filesystem::remove_all(dir);
    std::string wide = "a";
    for (std::size_t k = 0; k < hp::io::max_columns; ++k) wide += ",a";
    CHECK(error_of([&] { hp::io::parse_csv(wide, "w.csv"); }) ==
          "DataError: w.csv, line 1, column 16385: more than 16384 fields on one line, the most a CSV reader takes "
          "(hp::io::max_columns): is this a CSV file?");
}

TEST_CASE("hostile io: a panel from a file names file, line, column, unit and period") {
    hp::evaluation::PanelRows rows;
    rows.unit = {"Torbay", "Torbay", "Swindon", "Swindon"};
    rows.period = {2019, 2020, 2019, 2019};
    rows.outcome = {1, 2, 3, 4};
    rows.outcome_name = "admissions";
    rows.source = "panel.csv";
    rows.lines = {2, 3, 5, 7};
    rows.columns = {"area", "year", "admissions"};
    rows.unit_name = "area";
    rows.period_name = "year";
    CHECK(error_of([&] { hp::evaluation::make_panel(rows); }) ==
          "DataError: panel.csv, line 7, column 2 (year), unit \"Swindon\", period 2019: duplicates line 5: one row per "
          "unit and period");
    rows.period[3] = 2020;
    rows.outcome[3] = std::numeric_limits<double>::quiet_NaN();
    CHECK(error_of([&] { hp::evaluation::make_panel(rows); }) ==
          "DataError: panel.csv, line 7, column 3 (admissions), unit \"Swindon\", period 2020: admissions is missing "
          "(NaN); drop the row if the unit was not observed in that period");
    rows.lines.pop_back();
    CHECK(error_of([&] { hp::evaluation::make_panel(rows); }) == "DataError: panel.csv: 3 line numbers for 4 rows");
}

TEST_CASE("hostile io: a score table of many areas is read and compared in linear time") {
    // 40,000 organisations in 20,000 areas: quadratic lookups took seconds here, a hash index takes milliseconds.
    std::string text = "area,organisation,sector,authority_type,financial_reporting,financial_management,"
                       "financial_standing,internal_control,value_for_money\n";
    for (int i = 0; i < 40'000; ++i)
        text += "A" + std::to_string(i / 2) + ",O" + std::to_string(i) +
                (i % 2 ? ",nhs,primary_care_trust,1,2,1,2,1\n" : ",council,unitary_authority,3,3,4,3,3\n");
    const auto loaded = hp::io::read_scores_text(text, "big.csv");
    REQUIRE(loaded.table.areas().size() == 20'000);
    const auto gaps = hp::analysis::competency_gaps(loaded.table);
    REQUIRE(gaps.size() == 20'000);
    CHECK(*gaps.front().total_gap == 16 - 7);
    CHECK(loaded.table.index_of("O39999") == 39'999);
    CHECK(loaded.table.area_of("O39999")->name == "A19999");
    CHECK(loaded.table.area_rows(19'999) == std::pair<std::size_t, std::size_t>{39'998, 39'999});
    CHECK_FALSE(loaded.table.find("O40000").has_value());
    CHECK(loaded.table.area_of("nobody") == nullptr);
    // a copy keeps a working index (the index holds rows, not pointers into the original)
    const auto copy = loaded.table;
    CHECK(copy.index_of("O12345") == 12'345);
}
