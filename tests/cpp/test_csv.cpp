#include <doctest/doctest.h>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/io/csv.hpp"

using namespace hp::io;

TEST_CASE("csv: BOM, CRLF, quoted fields with commas, doubled quotes and newlines") {
    const auto doc = parse_csv("\xEF\xBB\xBF" "a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",z\r\n", "t.csv");
    REQUIRE(doc.header == std::vector<std::string>{"a", "b", "c"});
    REQUIRE(doc.records.size() == 2);
    CHECK(doc.records[0].fields[1] == "x, y");
    CHECK(doc.records[0].fields[2] == "say \"hi\"");
    CHECK(doc.records[1].fields[1] == "two\nlines");
    CHECK(doc.records[0].line == 2);
    CHECK(doc.records[1].line == 3);
    CHECK(doc.where(doc.records[1], 2) == "t.csv, line 3, column 3 (c)");
}

TEST_CASE("csv: line numbers count the newlines inside quoted fields") {
    const auto doc = parse_csv("a,b\n\"1\n2\n3\",x\n4,y\n", "t.csv");
    CHECK(doc.records[1].line == 5);
}

TEST_CASE("csv: blank lines and rows of empty cells are skipped, and no final newline is fine") {
    const auto doc = parse_csv("a,b\n\n1,2\n,\n3,4", "t.csv");
    REQUIRE(doc.records.size() == 2);
    CHECK(doc.records[1].fields[0] == "3");
    CHECK(doc.records[1].line == 5);
}

TEST_CASE("csv: located errors") {
    CHECK_THROWS_WITH_AS(parse_csv("a,b,c\n1,2,3\n4,5\n", "s.csv"),
                         doctest::Contains("s.csv, line 3: has 2 fields but the header has 3 (is the line truncated?)"),
                         hp::DataError);
    CHECK_THROWS_WITH_AS(parse_csv("a,b\n1,\"open\n", "s.csv"), doctest::Contains("line 2: a quoted field"),
                         hp::DataError);
    CHECK_THROWS_WITH_AS(parse_csv("a,b\n1,\"x\"y\n", "s.csv"), doctest::Contains("after a closing quote"),
                         hp::DataError);
    CHECK_THROWS_WITH_AS(parse_csv("a,b\n1,x\"y\n", "s.csv"), doctest::Contains("unquoted field"), hp::DataError);
    CHECK_THROWS_WITH_AS(parse_csv("", "s.csv"), doctest::Contains("empty"), hp::DataError);
    CHECK_THROWS_WITH_AS(parse_csv("a,,c\n", "s.csv"), doctest::Contains("column 2 of the header has no name"),
                         hp::DataError);
    CHECK_THROWS_WITH_AS(parse_csv("a,a\n", "s.csv"), doctest::Contains("'a' appears twice"), hp::DataError);
    CHECK_THROWS_WITH_AS(read_csv("/nonexistent/x.csv"), doctest::Contains("cannot open"), hp::DataError);
}

TEST_CASE("csv: tables that were never files give rows, not lines") {
    auto doc = parse_csv("a,b\n1,2\n", "<DataFrame>");
    doc.rows_not_lines = true;
    CHECK(doc.where(doc.records[0], 1) == "<DataFrame>, row 0, column 2 (b)");
}
