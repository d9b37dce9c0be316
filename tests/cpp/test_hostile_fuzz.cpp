// Reproducers of what the fuzz harnesses (fuzz/, docs/fuzzing.md) found, once fixed: each replays the input and
// checks the clear error. (The inputs are also in fuzz/corpus/, which make test replays under ASan+UBSan.)
#include <doctest/doctest.h>

#include <string>

#include "error_of.hpp"
#include "healthyplaces/io/read_scores.hpp"

TEST_CASE("fuzz finding: a score of 1e308 is refused before it is cast to int") {
    // fuzz_scores: static_cast<int>(1e308) was undefined behaviour (clang's UBSan: outside the range of int); the
    // answer happened to be right. The score is now compared with the scale as a double first.
    const std::string header = "area,organisation,sector,authority_type,star_rating,financial_reporting,"
                               "financial_management,financial_standing,internal_control,value_for_money\n";
    for (const std::string score : {"1e308", "-1e308", "3e9", "99999999999999999999"}) {
        const auto text = header + "Bexley,Bexley PCT,pct,primary_care_trust,1," + score + ",1,1,2,1\n";
        CHECK(hp::testing::error_of([&] { (void)hp::io::read_scores_text(text, "s.csv"); }) ==
              "DataError: s.csv, line 2, column 6 (financial_reporting), organisation 'Bexley PCT', category "
              "'financial_reporting': score " + score + " is outside the scale: expected a level " +
                  hp::core::Framework::use_of_resources().describe_scale());
    }
}
