#include <doctest/doctest.h>

#include <string>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/io/read_scores.hpp"

using namespace hp;
using namespace hp::core;
using hp::io::read_scores_text;

namespace {
const std::string header =
    "area,organisation,sector,authority_type,star_rating,financial_reporting,financial_management,"
    "financial_standing,internal_control,value_for_money\n";
const std::string good =
    "Bexley,Bexley PCT,pct,primary_care_trust,1,1,1,1,2,1\n"
    "Bexley,LB Bexley,local_authority,london_borough,4,3,3,4,3,3\n";
std::string with_row(const std::string& row) { return header + good + row; }
}  // namespace

TEST_CASE("read_scores builds organisations, areas and scores") {
    const auto loaded = read_scores_text(header + good, "s.csv");
    const auto& t = loaded.table;
    CHECK(t.n_organisations() == 2);
    CHECK(t.organisation("LB Bexley").kind == OrganisationKind::london_borough);
    CHECK(t.organisation("LB Bexley").star_rating == 4);
    REQUIRE(t.areas().size() == 1);
    CHECK(t.areas()[0].council == "LB Bexley");
    CHECK(t.areas()[0].nhs_body == "Bexley PCT");
    CHECK(t.areas()[0].coterminosity == 1.0);
    CHECK(loaded.notes.empty());
}

TEST_CASE("read_scores accepts spreadsheet output: BOM, CRLF, quotes, labels, 3.0, extra columns") {
    const std::string text =
        "\xEF\xBB\xBF" "Area,Organisation,Sector,Authority type,Star rating,Financial reporting,"
        "Financial management,Financial standing,Internal control,Value for money,Comment\r\n"
        "\"Bexley\",\"Bexley PCT\",PCT,PCT,1,1,inadequate,1.0,2,,\"weak, improving\"\r\n"
        "Bexley,LB Bexley,Local authority,London borough,4,3,3,\"performing strongly\",3,3,\r\n";
    const auto loaded = read_scores_text(text, "excel.csv");
    CHECK(loaded.table.score("Bexley PCT", "financial_management") == 1);
    CHECK(loaded.table.score("Bexley PCT", "financial_standing") == 1);
    CHECK_FALSE(loaded.table.score("Bexley PCT", "value_for_money").has_value());
    CHECK(loaded.table.score("LB Bexley", "financial_standing") == 4);
    REQUIRE(loaded.notes.size() == 1);
    CHECK(loaded.notes[0].find("'Comment'") != std::string::npos);
}

TEST_CASE("read_scores: every kind of bad input gets a located DataError") {
    // A score of 5 on a 1–4 scale.
    CHECK_THROWS_WITH_AS(read_scores_text(with_row("Kent,Kent CC,local_authority,county_council,4,3,5,3,3,3\n"), "s.csv"),
                         doctest::Contains("s.csv, line 4, column 7 (financial_management), organisation 'Kent CC', "
                                           "category 'financial_management': score 5 is outside the scale"),
                         DataError);
    // A non-number.
    CHECK_THROWS_WITH_AS(read_scores_text(with_row("Kent,Kent CC,local_authority,county_council,4,3,three,3,3,3\n"), "s.csv"),
                         doctest::Contains("'three' is not a number or a level label"), DataError);
    // NaN written by a program.
    CHECK_THROWS_WITH_AS(read_scores_text(with_row("Kent,Kent CC,local_authority,county_council,4,3,NaN,3,3,3\n"), "s.csv"),
                         doctest::Contains("'NaN' is not a score: leave the cell empty"), DataError);
    // A missing score where scores are required.
    io::ReadOptions strict;
    strict.allow_missing = false;
    CHECK_THROWS_WITH_AS(read_scores_text(with_row("Kent,Kent CC,local_authority,county_council,4,3,,3,3,3\n"), "s.csv",
                                          Framework::use_of_resources(), strict),
                         doctest::Contains("line 4, column 7 (financial_management), organisation 'Kent CC'"), DataError);
    // A missing column.
    CHECK_THROWS_WITH_AS(read_scores_text("area,organisation,sector,authority_type,financial_reporting\nX,Y,pct,pct,1\n", "s.csv"),
                         doctest::Contains("missing columns 'financial_management'"), DataError);
    // A duplicate organisation.
    CHECK_THROWS_WITH_AS(read_scores_text(with_row("Bexley,Bexley PCT,pct,primary_care_trust,1,1,1,1,2,1\n"), "s.csv"),
                         doctest::Contains("line 4, column 2 (organisation), organisation 'Bexley PCT': organisation code 'Bexley PCT' "
                                           "already used on line 2"),
                         DataError);
    // An empty table.
    CHECK_THROWS_WITH_AS(read_scores_text(header, "s.csv"), doctest::Contains("the table is empty"), DataError);
    // A truncated line.
    CHECK_THROWS_WITH_AS(read_scores_text(with_row("Kent,Kent CC,local_authority,county_council,4,3\n"), "s.csv"),
                         doctest::Contains("line 4, column 7 (financial_management): missing: the line has 6 fields but the "
                                           "header (line 1) has 10"), DataError);
    // Sector and kind that contradict each other.
    CHECK_THROWS_WITH_AS(read_scores_text(with_row("Kent,Kent CC,pct,county_council,4,3,3,3,3,3\n"), "s.csv"),
                         doctest::Contains("a county council is a local authority, but the sector column says NHS"),
                         DataError);
    CHECK_THROWS_WITH_AS(read_scores_text(with_row("Kent,Kent CC,police,county_council,4,3,3,3,3,3\n"), "s.csv"),
                         doctest::Contains("unknown sector 'police'"), DataError);
    CHECK_THROWS_AS(read_scores_text(with_row("Kent,Kent CC,local_authority,county_council,6,3,3,3,3,3\n"), "s.csv"),
                    DataError);
    // Two councils in one area.
    CHECK_THROWS_WITH_AS(read_scores_text(with_row("Bexley,Kent CC,local_authority,county_council,4,3,3,3,3,3\n"), "s.csv"),
                         doctest::Contains("s.csv, line 4, column 1 (area), organisation 'Kent CC': area 'Bexley' already has a "
                                           "council (line 3)"), DataError);
}

TEST_CASE("read_scores notes an unpaired area and reads coterminosity") {
    const std::string text =
        "area,organisation,sector,authority_type,coterminosity,financial_reporting,financial_management,"
        "financial_standing,internal_control,value_for_money\n"
        "Kent,Kent CC,la,cc,0.6,3,3,3,3,3\nKent,Eastern and Coastal Kent PCT,pct,pct,,2,2,2,2,2\n"
        "Medway,Medway UA,la,ua,,3,3,3,3,3\n";
    const auto loaded = read_scores_text(text, "k.csv");
    REQUIRE(loaded.table.areas().size() == 1);
    CHECK(loaded.table.areas()[0].coterminosity == doctest::Approx(0.6));
    REQUIRE(loaded.notes.size() == 1);
    CHECK(loaded.notes[0].find("'Medway' has only a council") != std::string::npos);
}

TEST_CASE("read_scores with a user framework reads level labels") {
    const Framework fw("social_care", {{"leadership", "Leadership"}}, {{1, "weak"}, {2, "fair"}, {3, "good"}, {4, "excellent"}});
    const auto loaded = read_scores_text("organisation,sector,authority_type,leadership\nTorbay,la,ua,Good\n", "u.csv", fw);
    CHECK(loaded.table.score("Torbay", "leadership") == 3);
    CHECK_THROWS_WITH_AS(read_scores_text("organisation,sector,authority_type,leadership\nTorbay,la,ua,superb\n", "u.csv", fw),
                         doctest::Contains("1–4 (1 = weak, 2 = fair, 3 = good, 4 = excellent)"), DataError);
}

TEST_CASE("read_scores: tab-delimited UTF-16 and cp1252 files read as UTF-8 ones, the guess in the notes") {
    std::string tabbed;
    for (char c : header + good) tabbed += c == ',' ? '\t' : c;
    std::string utf16("\xFF\xFE", 2);
    for (char c : tabbed) { utf16 += c; utf16 += '\0'; }
    const auto a = read_scores_text(utf16, "u.tsv");
    CHECK(a.encoding == hp::io::Encoding::utf16le);
    CHECK(a.table.n_organisations() == 2);
    CHECK(a.notes.empty());
    const auto b = read_scores_text(header + "Bexley,Bexley PCT \x96 \xE9,pct,primary_care_trust,1,1,1,1,2,1\n", "w.csv");
    CHECK(b.encoding == hp::io::Encoding::cp1252);
    CHECK(b.table.organisations()[0].name == "Bexley PCT \xE2\x80\x93 \xC3\xA9");
    REQUIRE(!b.notes.empty());
    CHECK(b.notes[0].rfind("w.csv: read as cp1252 (Windows), not UTF-8: line 2 has byte 0x96", 0) == 0);
}
