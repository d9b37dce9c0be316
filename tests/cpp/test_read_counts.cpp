#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "error_of.hpp"
#include "healthyplaces/base/error.hpp"
#include "healthyplaces/io/read_counts.hpp"

using namespace hp;
using hp::io::CountKind;
using hp::io::CountsOptions;
using hp::io::read_counts_text;
using hp::testing::error_of;

namespace {
CountsOptions org_x_n(CountKind kind = CountKind::proportion) {
    CountsOptions o;
    o.by = "org";
    o.numerator = "x";
    o.denominator = "n";
    o.kind = kind;
    return o;
}
std::string error_reading(const std::string& text, CountKind kind = CountKind::proportion) {
    return error_of([&] { read_counts_text(text, "counts.csv", org_x_n(kind)); });
}
}  // namespace

TEST_CASE("read_counts: counts in file order, thousands separators, periods and other columns kept as text") {
    CountsOptions o;
    o.by = "org";
    o.numerator = "deaths";
    o.denominator = "pop";
    o.period = "year";
    const auto c = read_counts_text("\xEF\xBB\xBF" "org,year,deaths,pop,region\r\n"
                                    " A ,2020,12,\"1,000\",N\r\n"
                                    "B,2020, 0 ,250,S\r\n"
                                    "A,2021,3.5,1e3,N\r\n",
                                    "deaths.csv", o);
    REQUIRE(c.size() == 3);
    CHECK(c.source == "deaths.csv");
    CHECK(c.columns == std::vector<std::string>{"org", "year", "deaths", "pop", "region"});
    CHECK(c.organisations == std::vector<std::string>{"A", "B", "A"});  // duplicates kept, in file order
    CHECK(c.numerators == std::vector<double>{12, 0, 3.5});
    CHECK(c.denominators == std::vector<double>{1000, 250, 1000});
    CHECK(c.periods == std::vector<std::string>{"2020", "2020", "2021"});
    CHECK(c.other_columns == std::vector<std::string>{"region"});
    CHECK(c.other_column("region") == std::vector<std::string>{"N", "S", "N"});
    CHECK(error_of([&] { c.other_column("type"); }) ==
          "DataError: deaths.csv: no column 'type' besides the counts' own; the other columns are 'region'");
}

TEST_CASE("read_counts: without a period column there are no periods, and rates and ratios may exceed one") {
    const auto c = read_counts_text("org,x,n\nA,30,20\n", "r.csv", org_x_n(CountKind::rate));
    CHECK(c.periods.empty());
    CHECK(c.numerators == std::vector<double>{30});
    CHECK(read_counts_text("org,x,n\nA,30,20\n", "r.csv", org_x_n(CountKind::ratio)).size() == 1);
    CHECK(error_reading("org,x,n\nA,30,20\n") ==
          "DataError: counts.csv, line 2, column 2 (x), organisation 'A': 30 is more than the denominator 20; "
          "a proportion's numerator cannot exceed it");
}

TEST_CASE("read_counts: every bad count names file, line, column and organisation") {
    CHECK(error_reading("org,x,n\nA,3,10\nB,abc,10\n") ==
          "DataError: counts.csv, line 3, column 2 (x), organisation 'B': 'abc' is not a number; counts must be numbers");
    CHECK(error_reading("org,x,n\nA,3,10\nB,,10\n") ==
          "DataError: counts.csv, line 3, column 2 (x), organisation 'B': is empty; counts must be numbers");
    CHECK(error_reading("org,x,n\nA,inf,10\n") ==
          "DataError: counts.csv, line 2, column 2 (x), organisation 'A': 'inf' is not a number; counts must be numbers");
    CHECK(error_reading("org,x,n\nA,-1,10\n") ==
          "DataError: counts.csv, line 2, column 2 (x), organisation 'A': -1 is negative; counts must be >= 0");
    CHECK(error_reading("org,x,n\nA,1,-2.5\n") ==
          "DataError: counts.csv, line 2, column 3 (n), organisation 'A': -2.5 is negative; counts must be >= 0");
    CHECK(error_reading("org,x,n\nA,0,0\n") ==
          "DataError: counts.csv, line 2, column 3 (n), organisation 'A': the denominator is 0; it must be > 0");
    CHECK(error_reading("org,x,n\nA,11,10\n").find("11 is more than the denominator 10") != std::string::npos);
    // The first bad row wins, and a quoted field spanning lines does not shift the line numbers after it.
    CHECK(error_reading("org,x,n\n\"A\nplc\",1,2\nB,x,2\nC,y,2\n").find("line 4, column 2 (x), organisation 'B'") !=
          std::string::npos);
}

TEST_CASE("read_counts: a missing organisation is an error, not an organisation called nan") {
    CHECK(error_reading("org,x,n\n,1,10\n") == "DataError: counts.csv, line 2, column 1 (org): the organisation is empty");
    CHECK(error_reading("org,x,n\nA,1,10\n  ,1,10\n") ==
          "DataError: counts.csv, line 3, column 1 (org): the organisation is empty");
    CHECK(error_reading("org,x,n\nnan,1,10\n") ==
          "DataError: counts.csv, line 2, column 1 (org): the organisation is 'nan', which marks a missing name");
}

TEST_CASE("read_counts: missing columns, no rows, an empty file, a malformed file") {
    CHECK(error_reading("org,x\nA,1\n") == "DataError: counts.csv: no column 'n'; the columns are 'org', 'x'");
    CountsOptions o = org_x_n();
    o.period = "month";
    CHECK(error_of([&] { read_counts_text("org,y\nA,1\n", "c.csv", o); }) ==
          "DataError: c.csv: no column 'x', 'n', 'month'; the columns are 'org', 'y'");
    CHECK(error_reading("org,x,n\n") == "DataError: counts.csv: no data rows after the header");
    CHECK(error_reading("").find("counts.csv: the file is empty") != std::string::npos);
    CHECK(error_reading("org,x,n\nA,1\n").find("counts.csv, line 2, column 3 (n): missing: the line has 2 fields") !=
          std::string::npos);
}

TEST_CASE("read_counts: a DataFrame written by to_csv names rows, 0-based") {
    const auto e = error_of([] { read_counts_text("org,x,n\nA,1,2\nB,3,x\n", "<DataFrame>", org_x_n(), true); });
    CHECK(e == "DataError: <DataFrame>, row 1, column 3 (n), organisation 'B': 'x' is not a number; counts must be "
               "numbers");
}

TEST_CASE("read_counts: kinds by name, and a file from disk") {
    CHECK(io::parse_count_kind("rate") == CountKind::rate);
    CHECK(io::to_string(CountKind::ratio) == "ratio");
    CHECK(error_of([] { io::parse_count_kind("odds"); }) ==
          "DomainError: read_counts: kind 'odds' is not one of proportion, rate, ratio");

    // A name of its own: other test runs may share the temporary directory.
    const auto path = std::filesystem::temp_directory_path() /
                      ("hp_test_read_counts_" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) +
                       ".csv");
    {
        std::ofstream f(path, std::ios::binary);
        f << "organisation,numerator,denominator\nA,1,4\nB,2,8\n";
    }
    const auto c = io::read_counts(path);
    std::filesystem::remove(path);
    CHECK(c.organisations == std::vector<std::string>{"A", "B"});
    CHECK(c.denominators == std::vector<double>{4, 8});
    CHECK(error_of([&] { io::read_counts(path); }) == "DataError: no such file '" + path.string() + "'");
}

TEST_CASE("read_counts: the published A&E file reads in full and the broken copy fails where make test says") {
    io::CountsOptions o;
    o.by = "org_code";
    o.numerator = "breaches";
    o.denominator = "attendances";
    o.period = "period";
    const auto ae = io::read_counts(std::filesystem::path(HP_TEST_DATA_DIR) / ".." / ".." / "data" / "real" /
                                    "ae_attendances.csv", o);
    CHECK(ae.size() > 10000);
    CHECK(ae.other_columns == std::vector<std::string>{"type", "admissions"});
    const auto bad = error_of([&] { io::read_counts(std::filesystem::path(HP_TEST_DATA_DIR) / "bad_ae.csv", o); });
    CHECK(bad.find("bad_ae.csv, line 3, column 4 (attendances), organisation 'RF4': '12x' is not a number") !=
          std::string::npos);
}

TEST_CASE("read_counts: a semicolon file from a European spreadsheet in cp1252, and a decimal comma is not a count") {
    const auto c = read_counts_text("org;x;n\r\nH\xF4pital \x96 Nord;3;\"1,000\"\r\n", "eu.csv", org_x_n());
    CHECK(c.organisations == std::vector<std::string>{"H\xC3\xB4pital \xE2\x80\x93 Nord"});
    CHECK(c.denominators == std::vector<double>{1000.0});
    CHECK(c.encoding == hp::io::Encoding::cp1252);
    REQUIRE(c.notes.size() == 1);
    CHECK(hp::testing::contains(c.notes[0], "eu.csv: read as cp1252 (Windows), not UTF-8: line 2"));
    CHECK(error_reading("org;x;n\nA;1,5;10\n") ==
          "DataError: counts.csv, line 2, column 2 (x), organisation 'A': '1,5' is not a number; counts must be "
          "numbers (a comma only separates thousands, as in 1,000; a decimal takes a point, 1.5)");
    CHECK(error_reading("org,x,n\nA,\"12,34\",100\n").find("'12,34' is not a number") != std::string::npos);
    CHECK(read_counts_text("org,x,n\nA,\"1,234.5\",\"12,345,678\"\n", "c.csv", org_x_n(CountKind::rate))
              .denominators == std::vector<double>{12345678.0});
}

TEST_CASE("read_counts: missing columns of a pipe-delimited file say so") {
    CHECK(error_reading("org|x|n\nA|1|2\n") ==
          "DataError: counts.csv: no column 'org', 'x', 'n'; the columns are 'org|x|n'; the file looks pipe-delimited "
          "(its header holds 2 pipes), but only comma, semicolon and tab are read: save it with one of those");
}
