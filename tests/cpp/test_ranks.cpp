#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/ranks.hpp"

TEST_CASE("mid-ranks and tie groups, worked by hand") {
    // values 3 1 4 1 5 -> sorted 1 1 3 4 5; the two 1s share ranks 1 and 2 -> 1.5
    const std::vector<double> xs{3, 1, 4, 1, 5};
    const auto r = hp::stats::rank(xs);
    CHECK(r.ranks == std::vector<double>{3, 1.5, 4, 1.5, 5});
    CHECK(r.ties == std::vector<std::int64_t>{2, 1, 1, 1});
    CHECK(r.tie_term() == doctest::Approx(6.0));  // 2^3 - 2
    CHECK(r.has_ties());
    const std::vector<double> a{2, 2}, b{1, 2};
    const auto rb = hp::stats::rank(a, b);  // 1 | 2 2 2 -> ranks 3 3 | 1 3
    CHECK(rb.ranks == std::vector<double>{3, 3, 1, 3});
    CHECK(rb.tie_term() == doctest::Approx(24.0));
}

TEST_CASE("check_finite names the position") {
    const std::vector<double> xs{1, 2, std::nan("")};
    CHECK_THROWS_WITH_AS(hp::stats::check_finite(xs, "x"),
                         "x: missing value (NaN) at position 2; remove it before testing", hp::DataError);
}
