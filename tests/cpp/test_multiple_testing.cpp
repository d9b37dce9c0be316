// Adjusted p-values, worked by hand.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/multiple_testing.hpp"

using hp::stats::AdjustMethod;

namespace {
void check_all(const std::vector<double>& got, const std::vector<double>& want) {
    REQUIRE(got.size() == want.size());
    for (std::size_t i = 0; i < got.size(); ++i) CHECK(got[i] == doctest::Approx(want[i]).epsilon(1e-14));
}
}  // namespace

TEST_CASE("adjust_pvalues: worked by hand") {
    // p = .01 .04 .03 .5 (m = 4); sorted .01 .03 .04 .5 at positions 0 2 1 3.
    const std::vector<double> p{0.01, 0.04, 0.03, 0.5};
    // Bonferroni: 4p capped at 1
    check_all(hp::stats::adjust_pvalues(p, AdjustMethod::bonferroni), {0.04, 0.16, 0.12, 1.0});
    // Holm: 4·.01 = .04; 3·.03 = .09; 2·.04 = .08 → running max .09; 1·.5 = .5
    check_all(hp::stats::adjust_pvalues(p, AdjustMethod::holm), {0.04, 0.09, 0.09, 0.5});
    // Hochberg, from the top: 1·.5 = .5; 2·.04 = .08; 3·.03 = .09 → running min .08; 4·.01 = .04
    check_all(hp::stats::adjust_pvalues(p, AdjustMethod::hochberg), {0.04, 0.08, 0.08, 0.5});
    // BH: .5·4/4 = .5; .04·4/3 = .0533…; .03·4/2 = .06 → .0533…; .01·4/1 = .04
    check_all(hp::stats::adjust_pvalues(p, AdjustMethod::bh), {0.04, 0.16 / 3, 0.16 / 3, 0.5});
    // BY: BH values before the running minimum times c(4) = 25/12: 1.0417 → capped 1; .1111; .125 → .1111; .0833
    check_all(hp::stats::adjust_pvalues(p, AdjustMethod::by), {0.01 * 4 * 25.0 / 12, 0.04 * 4 / 3 * 25.0 / 12,
                                                               0.04 * 4 / 3 * 25.0 / 12, 1.0});
}

TEST_CASE("adjust_pvalues: ties, zeros and ones, and method names") {
    // tied p-values get equal adjusted values; 0 stays 0; 1 stays 1
    const std::vector<double> p{0.02, 0.0, 0.02, 1.0, 0.02};
    for (auto m : {AdjustMethod::holm, AdjustMethod::hochberg, AdjustMethod::bh, AdjustMethod::by}) {
        const auto a = hp::stats::adjust_pvalues(p, m);
        CHECK(a[0] == a[2]);
        CHECK(a[2] == a[4]);
        CHECK(a[1] == 0);
        CHECK(a[3] == 1);
    }
    // Holm with ties: sorted 0 .02 .02 .02 1 → 5·0, 4·.02 = .08, 3·.02 → .08, 2·.02 → .08, 1
    check_all(hp::stats::adjust_pvalues(p, AdjustMethod::holm), {0.08, 0.0, 0.08, 1.0, 0.08});
    CHECK(hp::stats::parse_adjust_method("fdr_bh") == AdjustMethod::bh);
    CHECK(hp::stats::parse_adjust_method("BY") == AdjustMethod::by);
    CHECK(hp::stats::parse_adjust_method("simes-hochberg") == AdjustMethod::hochberg);
    CHECK(hp::stats::to_string(AdjustMethod::holm) == "holm");
}

TEST_CASE("adjust_pvalues: bad input") {
    CHECK_THROWS_WITH_AS(hp::stats::adjust_pvalues(std::vector<double>{}, AdjustMethod::holm),
                         "p-values: empty; there is nothing to adjust", hp::DataError);
    CHECK_THROWS_WITH_AS(hp::stats::adjust_pvalues(std::vector<double>{0.1, std::nan("")}, AdjustMethod::bh),
                         "p-values: missing value (NaN) at position 1; p-values must lie in [0, 1]", hp::DataError);
    CHECK_THROWS_WITH_AS(hp::stats::adjust_pvalues(std::vector<double>{0.1, 0.2, 1.5}, AdjustMethod::bonferroni),
                         doctest::Contains("value 1.5 at position 2"), hp::DataError);
    CHECK_THROWS_AS(hp::stats::adjust_pvalues(std::vector<double>{-0.1}, AdjustMethod::holm), hp::DataError);
    CHECK_THROWS_WITH_AS(hp::stats::parse_adjust_method("sidak"), doctest::Contains("unknown p-value adjustment 'sidak'"),
                         hp::DomainError);
    std::vector<double> out(1);
    CHECK_THROWS_AS(hp::stats::adjust_pvalues(std::vector<double>{0.1, 0.2}, out, AdjustMethod::holm), hp::DomainError);
}
