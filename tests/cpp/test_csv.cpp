#include <doctest/doctest.h>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/io/csv.hpp"
#include "healthyplaces/io/write_csv.hpp"

#include "error_of.hpp"

#include <cmath>

#include <filesystem>
#include <string>
#include <vector>

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
    // column 3 starts on line 4, after the line break inside the quoted field of column 2
    CHECK(doc.where(doc.records[1], 1) == "t.csv, line 3, column 2 (b)");
    CHECK(doc.where(doc.records[1], 2) == "t.csv, line 4, column 3 (c)");
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
                         doctest::Contains("s.csv, line 3, column 3 (c): missing: the line has 2 fields but the header (line 1) "
                                          "has 3 (is the line truncated?)"),
                         hp::DataError);
    CHECK_THROWS_WITH_AS(parse_csv("a,b\n1,\"open\n", "s.csv"), doctest::Contains("line 2, column 2 (b): a quoted field"),
                         hp::DataError);
    CHECK_THROWS_WITH_AS(parse_csv("a,b\n1,\"x\"y\n", "s.csv"), doctest::Contains("after a closing quote"),
                         hp::DataError);
    CHECK_THROWS_WITH_AS(parse_csv("a,b\n1,x\"y\n", "s.csv"), doctest::Contains("unquoted field"), hp::DataError);
    CHECK_THROWS_WITH_AS(parse_csv("", "s.csv"), doctest::Contains("empty"), hp::DataError);
    CHECK_THROWS_WITH_AS(parse_csv("a,,c\n", "s.csv"), doctest::Contains("s.csv, line 1, column 2: this column of the header has no name"),
                         hp::DataError);
    CHECK_THROWS_WITH_AS(parse_csv("a,a\n", "s.csv"), doctest::Contains("'a' appears twice"), hp::DataError);
    CHECK_THROWS_WITH_AS(read_csv("/nonexistent/x.csv"), doctest::Contains("no such file '/nonexistent/x.csv'"),
                         hp::DataError);
    CHECK_THROWS_WITH_AS(read_csv(std::filesystem::temp_directory_path()),
                         doctest::Contains("is a directory, not a file"), hp::DataError);
    // An endless stream of NUL bytes stops at the first block read, not when the memory is full.
    if (std::filesystem::exists("/dev/zero"))
        CHECK_THROWS_WITH_AS(read_csv("/dev/zero"), doctest::Contains("/dev/zero, line 1: holds a NUL byte"),
                             hp::DataError);
}

TEST_CASE("csv decoding: UTF-8 with and without BOM is read as it is") {
    auto plain = decode_text("name\nCaf\xC3\xA9\n", "t.csv");
    CHECK(plain.encoding == Encoding::utf8);
    CHECK(plain.text == "name\nCaf\xC3\xA9\n");
    CHECK(plain.note.empty());
    auto bom = decode_text("\xEF\xBB\xBFname\n", "t.csv");
    CHECK(bom.encoding == Encoding::utf8_bom);
    CHECK(bom.text == "name\n");
    CHECK(to_string(Encoding::utf8_bom) == "utf-8-sig");
}

TEST_CASE("csv decoding: cp1252 when the bytes are not UTF-8 (Excel's CSV on Windows), with a note naming the line") {
    // "org,n\r\nCaf\xE9 \x96 Bar,3\r\n": e acute is 0xE9 and the en dash 0x96 in cp1252; the euro sign 0x80.
    const auto d = decode_text("org,n\r\nCaf\xE9 \x96 Bar \x80,3\r\n", "w.csv");
    CHECK(d.encoding == Encoding::cp1252);
    CHECK(d.text == "org,n\r\nCaf\xC3\xA9 \xE2\x80\x93 Bar \xE2\x82\xAC,3\r\n");
    CHECK(d.note == "w.csv: read as cp1252 (Windows), not UTF-8: line 2 has byte 0xE9 ('\xC3\xA9'), which is not "
                    "UTF-8; save the file as \"CSV UTF-8\" to be sure of its letters");
    CHECK(to_string(d.encoding) == "cp1252");
    // Latin-1's letters are cp1252's: 0xFC is u umlaut either way.
    CHECK(decode_text("M\xFCnchen", "t.csv").text == "M\xC3\xBCnchen");
    // The document keeps the encoding and the note; error locations are unchanged.
    const auto doc = parse_csv("org,n\nCaf\xE9,3\n", "w.csv");
    CHECK(doc.encoding == Encoding::cp1252);
    REQUIRE(doc.notes.size() == 1);
    CHECK(doc.records[0].fields[0] == "Caf\xC3\xA9");
    CHECK_THROWS_WITH_AS(parse_csv("org,n\nCaf\xE9,3\nB,x,y\n", "w.csv"),
                         doctest::Contains("w.csv, line 3, column 3: an extra field 'y': the line has 3 fields"), hp::DataError);
}

TEST_CASE("csv decoding: UTF-16 with a byte-order mark, little- and big-endian, with a surrogate pair") {
    // "a,b\n\u00e9,\U0001F600\n" by hand: BOM, then one 16-bit unit per character (two for the emoji).
    const std::string le("\xFF\xFE" "a\0,\0b\0\n\0" "\xE9\0,\0" "\x3D\xD8\x00\xDE" "\n\0", 20);
    const auto d = decode_text(le, "u.csv");
    CHECK(d.encoding == Encoding::utf16le);
    CHECK(d.text == "a,b\n\xC3\xA9,\xF0\x9F\x98\x80\n");
    CHECK(d.note.empty());
    const std::string be("\xFE\xFF" "\0a\0,\0b\0\n" "\0\xE9\0," "\xD8\x3D\xDE\x00" "\0\n", 20);
    const auto e = decode_text(be, "u.csv");
    CHECK(e.encoding == Encoding::utf16be);
    CHECK(e.text == d.text);
    const auto doc = parse_csv(le, "u.csv");
    CHECK(doc.header == std::vector<std::string>{"a", "b"});
    CHECK(doc.records[0].fields[0] == "\xC3\xA9");
    CHECK(to_string(doc.encoding) == "utf-16-le");
}

TEST_CASE("csv decoding: what cannot be read is named, with the line") {
    CHECK_THROWS_WITH_AS(decode_text(std::string("\xFF\xFE" "a\0\n\0" "\x3D\xD8" "b\0", 10), "u.csv"),
                         doctest::Contains("u.csv, line 2: broken UTF-16"), hp::DataError);
    CHECK_THROWS_WITH_AS(decode_text(std::string("\xFF\xFE" "a\0b", 5), "u.csv"),
                         doctest::Contains("ends in the middle of a UTF-16 character"), hp::DataError);
    CHECK_THROWS_WITH_AS(decode_text(std::string("a,b\n1,\0\n", 8), "z.csv"),
                         doctest::Contains("z.csv, line 2: holds a NUL byte"), hp::DataError);
    CHECK_THROWS_WITH_AS(decode_text("PK\x03\x04rest", "book.csv"), doctest::Contains("an Excel .xlsx workbook?"),
                         hp::DataError);
    // UTF-8 on line 2 and a cp1252 byte on line 3: two encodings in one file, which no reading gets right.
    CHECK_THROWS_WITH_AS(decode_text("org\nCaf\xC3\xA9\nB\xE9\n", "m.csv"),
                         doctest::Contains("m.csv, line 3: byte 0xE9 ('\xC3\xA9' in cp1252) is not UTF-8, but line 2 "
                                           "is UTF-8 ('\xC3\xA9'): the file mixes two encodings"),
                         hp::DataError);
    // A UTF-8 byte-order mark and then a byte that is not UTF-8: damaged, not guessed at.
    CHECK_THROWS_WITH_AS(decode_text("\xEF\xBB\xBF" "B\xE9\n", "m.csv"),
                         doctest::Contains("though the file starts with UTF-8's byte-order mark"), hp::DataError);
    // Overlong forms and surrogates are not UTF-8: read as cp1252.
    CHECK(decode_text("\xC0\xAF", "t.csv").encoding == Encoding::cp1252);
    CHECK(decode_text("\xED\xA0\x80", "t.csv").encoding == Encoding::cp1252);
}

TEST_CASE("csv delimiters: comma, semicolon and tab from the header line, quotes respected") {
    const auto semi = parse_csv("org;x;n\nA;1,5;10\n\"B;C\";2;20\n", "s.csv");
    CHECK(semi.delimiter == ';');
    CHECK(semi.header == std::vector<std::string>{"org", "x", "n"});
    CHECK(semi.records[0].fields[1] == "1,5");
    CHECK(semi.records[1].fields[0] == "B;C");
    const auto tab = parse_csv("org\tx\tn\n\"A\"\t1\t10\nB, Ltd\t2\t20\n", "t.tsv");
    CHECK(tab.delimiter == '\t');
    CHECK(tab.records[0].fields == std::vector<std::string>{"A", "1", "10"});
    CHECK(tab.records[1].fields[0] == "B, Ltd");
    // A quoted name holding a semicolon does not make a comma file semicolon-delimited.
    CHECK(parse_csv("\"a;b\",c\n1,2\n", "c.csv").delimiter == ',');
    // Both in the header: the rows decide (commas inside a column name, tabs between columns).
    CHECK(parse_csv("rate, per 100k\torg\n1\tA\n2\tB\n", "t.tsv").delimiter == '\t');
    // One column: comma.
    CHECK(parse_csv("org\nA\n", "o.csv").delimiter == ',');
    // A line with a field too many names the delimiter.
    CHECK_THROWS_WITH_AS(parse_csv("a;b\n1;2;3\n", "s.csv"),
                         doctest::Contains("s.csv, line 2, column 3: an extra field '3': the line has 3 fields but the header "
                                          "(line 1) has 2 (an unquoted semicolon?)"),
                         hp::DataError);
}

TEST_CASE("csv delimiters: a header that splits equally well at two is an error naming both") {
    CHECK_THROWS_WITH_AS(parse_csv("a;b,c;d\n1;2,3;4\n", "amb.csv"),
                         doctest::Contains("amb.csv: cannot tell the delimiter: the header line splits into 2 columns "
                                           "at commas and 3 columns at semicolons, and the rows fit both; the file "
                                           "looks comma-delimited or semicolon-delimited"),
                         hp::DataError);
    auto doc = parse_csv("org|x|n\nA|1|2\n", "p.csv");
    CHECK(doc.delimiter_hint() == "; the file looks pipe-delimited (its header holds 2 pipes), but only comma, "
                                  "semicolon and tab are read: save it with one of those");
    CHECK(parse_csv("a,b\n1,2\n", "c.csv").delimiter_hint().empty());
}

TEST_CASE("format_csv: quoting, formula-like text, counts and printf's %g, written out by hand") {
    // What a spreadsheet must read back: RFC 4180 quotes only where needed, doubled inner quotes; a leading '=',
    // '+', '-', '@' made text by a "'"; counts whole below 2^53, else %.10g; reals %.6g as printf writes them.
    const std::vector<CsvColumn> cols{
        {"name, quoted", std::vector<std::string>{"plain", "a,b", "say \"hi\"", "=1+1", "-x", "two\nlines"}},
        {"n", CsvCounts{{3, 1e15, 2.5, 9007199254740992.0, -0.0, std::nan("")}}},
        {"v", CsvReals{{0.000123456789, 1234567.0, 15.0, 1.0 / 3.0, -1e-300, INFINITY}, 6}},
    };
    CHECK(format_csv(cols) ==
          "\"name, quoted\",n,v\n"
          "plain,3,0.000123457\n"
          "\"a,b\",1000000000000000,1.23457e+06\n"
          "\"say \"\"hi\"\"\",2.5,15\n"
          "'=1+1,9.007199255e+15,0.333333\n"
          "'-x,0,-1e-300\n"
          "\"two\nlines\",nan,inf\n");
    CHECK(format_csv(cols, false).substr(0, 6) == "plain,");
    CHECK(csv_text_field("@SUM(A1)") == "'@SUM(A1)");
    CHECK(csv_text_field("\"=x\"") == "\"\"\"=x\"\"\"");  // starts with a quote, not a formula
    CHECK(csv_text_field("=a,b") == "\"'=a,b\"");
}

TEST_CASE("format_csv: columns of different lengths and bad digits are refused") {
    const std::vector<CsvColumn> ragged{{"a", std::vector<std::string>{"x", "y"}}, {"b", CsvCounts{{1}}}};
    CHECK(hp::testing::error_of([&] { (void)format_csv(ragged); }) ==
          "DomainError: format_csv: column 'b' has 1 values, the first column 'a' 2");
    const std::vector<CsvColumn> digits{{"a", CsvReals{{1.0}, 0}}};
    CHECK(hp::testing::contains(hp::testing::error_of([&] { (void)format_csv(digits); }), "outside 1..17"));
    CHECK(format_csv(std::vector<CsvColumn>{}) == "\n");
}
