// SMAA-2 and weights against closed forms worked by hand. Two criteria with Dirichlet(1) weights means w1 = t,
// w2 = 1 − t with t uniform on [0, 1], so an option's first-rank acceptability is the length of the t-interval
// where its line v1·t + v2·(1 − t) is highest, and its central weight is that interval's midpoint. Sorted
// Dirichlet(1) has the order statistics' means of the uniform spacings; a truncated Beta(1, 2) is the marginal
// of one weight of three under w1 <= 0.5. Monte Carlo checks are within about 4 standard errors.
#include <doctest/doctest.h>

#include "checks.hpp"

#include <cmath>
#include <string>
#include <vector>

#include "error_of.hpp"
#include "healthyplaces/appraisal/smaa.hpp"
#include "healthyplaces/appraisal/weights.hpp"

// Test files compile in unity batches: every helper lives in this file's own namespace.
namespace mcda_test {
namespace ha = hp::appraisal;
using hp::testing::close;
using hp::testing::contains;
using hp::testing::error_of;
using P = ha::Performance;

std::vector<ha::Criterion> two_criteria() {
    return {{"quality", ha::Direction::more_is_better, "score"}, {"reach", ha::Direction::more_is_better, "score"}};
}

// A (10, 2), B (4, 8), C (9, 4), D (5, 3). Scales: quality 4..10, reach 2..8, so values A (1, 0), B (0, 1),
// C (5/6, 1/3), D (1/6, 1/6). Scores with w = (t, 1 − t): A t, B 1 − t, C 1/3 + t/2, D 1/6.
// A first on (2/3, 1]: 1/3; C on (4/9, 2/3): 2/9; B on [0, 4/9): 4/9; D (dominated by C) never.
ha::PerformanceTable four_options() {
    return {{P::point(10), P::point(2)}, {P::point(4), P::point(8)}, {P::point(9), P::point(4)},
            {P::point(5), P::point(3)}};
}
const std::vector<std::string> ABCD = {"A", "B", "C", "D"};

TEST_CASE("appraisal mcda: two criteria, uniform weights, first-rank acceptability is the interval length") {
    ha::SmaaOptions o;
    o.n_sims = 20000;
    o.seed = 3;
    const auto r = ha::smaa(ABCD, two_criteria(), four_options(), {}, o);
    const double se = std::sqrt(0.25 / 20000.0);
    close(r.rank_acceptability[0][0], 1.0 / 3, 4 * se);
    close(r.rank_acceptability[1][0], 4.0 / 9, 4 * se);
    close(r.rank_acceptability[2][0], 2.0 / 9, 4 * se);
    CHECK(r.rank_acceptability[3][0] == 0.0);
    // A is last (below B and D... ) where t < 1/6 (A < D) : D = 1/6 beats A for t < 1/6, and A < B, C there.
    close(r.rank_acceptability[0][3], 1.0 / 6, 4 * se);
    // Central weights: the midpoints of the intervals (sd of a uniform on a third / √(n/3) ≈ 0.0012).
    close(r.central_weights[0][0], 5.0 / 6, 0.006);
    close(r.central_weights[0][1], 1.0 / 6, 0.006);
    close(r.central_weights[1][0], 2.0 / 9, 0.006);
    close(r.central_weights[2][0], 5.0 / 9, 0.006);
    CHECK(std::isnan(r.central_weights[3][0]));
    CHECK(std::isnan(r.confidence_factors[3]));
    // Point performances: each central weight lies inside its own (convex) region, so confidence is 1.
    for (int i = 0; i < 3; ++i) CHECK(r.confidence_factors[static_cast<std::size_t>(i)] == 1.0);
    for (std::size_t k = 0; k < 4; ++k) {  // a doubly stochastic matrix
        double row = 0, col = 0;
        for (std::size_t l = 0; l < 4; ++l) {
            row += r.rank_acceptability[k][l];
            col += r.rank_acceptability[l][k];
        }
        close(row, 1, 1e-12);
        close(col, 1, 1e-12);
    }
    // Holistic acceptability with meta-weights (1, 2/3, 1/3, 0).
    double h = 0;
    for (std::size_t l = 0; l < 4; ++l) h += (3.0 - static_cast<double>(l)) / 3.0 * r.rank_acceptability[1][l];
    close(r.holistic_acceptability[1], h, 1e-12);
}

TEST_CASE("appraisal mcda: exact weights reduce SMAA to the weighted sum") {
    ha::WeightSpec exact;
    exact.exact = {0.3, 0.7};
    ha::SmaaOptions o;
    o.n_sims = 500;
    const auto r = ha::smaa(ABCD, two_criteria(), four_options(), exact, o);
    const auto ws = ha::weighted_sum(ABCD, two_criteria(), four_options(), {0.3, 0.7});
    // By hand: A 0.3, B 0.7, C 0.25 + 0.7/3 = 0.48333, D 1/6: ranks B, C, A, D.
    close(ws.scores[2], 0.25 + 0.7 / 3, 1e-12);
    CHECK(ws.ranks == std::vector<int>{3, 1, 2, 4});
    for (std::size_t i = 0; i < 4; ++i) CHECK(r.rank_acceptability[i][static_cast<std::size_t>(ws.ranks[i] - 1)] == 1.0);
    close(r.central_weights[1][0], 0.3, 1e-9);
}

TEST_CASE("appraisal mcda: a ranking gives ordered weights with the sorted-Dirichlet means") {
    ha::WeightSpec spec;
    spec.ranking = {2, 1, 3};  // criterion b first, a second, c third
    const std::vector<std::string> names = {"a", "b", "c"};
    const std::int64_t n = 20000;
    const auto w = ha::sample_weights(spec, names, n, 7, 1);
    double mean[3] = {0, 0, 0};
    std::int64_t out_of_order = 0;  // counted, one check: per-sample checks are slow under the sanitizers
    for (std::int64_t s = 0; s < n; ++s) {
        const double* x = w.data() + 3 * s;
        out_of_order += !(x[1] >= x[0] && x[0] >= x[2]);
        for (int j = 0; j < 3; ++j) mean[j] += x[j] / static_cast<double>(n);
    }
    CHECK(out_of_order == 0);
    // E of the order statistics of Dirichlet(1, 1, 1): (1/3)(1 + 1/2 + 1/3), (1/3)(1/2 + 1/3), (1/3)(1/3).
    close(mean[1], 11.0 / 18, 0.004);
    close(mean[0], 5.0 / 18, 0.003);
    close(mean[2], 1.0 / 9, 0.002);
    spec.ranking = {1, 1, 2};  // a tie: a and b exchangeable, both above c
    const auto t = ha::sample_weights(spec, names, n, 7, 1);
    double m0 = 0, m1 = 0;
    out_of_order = 0;
    for (std::int64_t s = 0; s < n; ++s) {
        out_of_order += !(t[3 * s] >= t[3 * s + 2] && t[3 * s + 1] >= t[3 * s + 2]);
        m0 += t[3 * s] / static_cast<double>(n);
        m1 += t[3 * s + 1] / static_cast<double>(n);
    }
    CHECK(out_of_order == 0);
    close(m0, 4.0 / 9, 0.006);
    close(m1, 4.0 / 9, 0.006);
}

TEST_CASE("appraisal mcda: hit-and-run honours intervals in every sample and is uniform") {
    const std::vector<std::string> names = {"a", "b", "c"};
    ha::WeightSpec spec;
    spec.lower = {0.1, 0.0, 0.2};
    spec.upper = {0.5, 0.6, 0.7};
    const std::int64_t n = 4000;
    const auto w = ha::sample_weights(spec, names, n, 11, 1);
    std::int64_t outside = 0;
    for (std::int64_t s = 0; s < n; ++s)
        for (std::size_t j = 0; j < 3; ++j) {
            const double x = w[static_cast<std::size_t>(s) * 3 + j];
            outside += !(x >= spec.lower[j] - 1e-12 && x <= spec.upper[j] + 1e-12);
        }
    CHECK(outside == 0);
    // One constraint w_a <= 0.5 of three: w_a's marginal is Beta(1, 2) truncated to [0, 0.5], density
    // 2(1 − x)/0.75, mean ∫ 2x(1 − x) / 0.75 = (1/4 − 1/12) / (3/4) = 2/9.
    ha::WeightSpec half;
    half.constraints = {{{1, 0, 0}, 0.5, false, "a at most half"}};
    const std::int64_t m = 20000;
    const auto h = ha::sample_weights(half, names, m, 5, 1);
    double mean = 0, below = 0;
    for (std::int64_t s = 0; s < m; ++s) {
        mean += h[3 * static_cast<std::size_t>(s)] / static_cast<double>(m);
        below += h[3 * static_cast<std::size_t>(s)] <= 0.25 ? 1.0 / static_cast<double>(m) : 0.0;
        outside += !(h[3 * static_cast<std::size_t>(s)] <= 0.5 + 1e-12);
    }
    CHECK(outside == 0);
    close(mean, 2.0 / 9, 0.006);
    // P(w_a <= 1/4) = (1 − (3/4)²) / 0.75 = 0.58333.
    close(below, (1 - 0.5625) / 0.75, 0.02);
}

TEST_CASE("appraisal mcda: the same numbers for any thread count, and samples resampled jointly") {
    const std::vector<std::string> names = {"x", "y", "z"};
    std::vector<ha::Criterion> cs = {{"x", ha::Direction::more_is_better, ""},
                                     {"y", ha::Direction::less_is_better, ""},
                                     {"z", ha::Direction::more_is_better, ""}};
    ha::PerformanceTable t = {{P::range(1, 3), P::normal(5, 1), P::point(2)},
                              {P::point(2), P::range(3, 7), P::normal(1, 2)},
                              {P::normal(2, 0.5), P::point(4), P::range(0, 4)}};
    ha::WeightSpec spec;
    spec.lower = {0.1, 0.1, 0.1};
    spec.upper = {0.6, 0.6, 0.6};
    ha::SmaaOptions o;
    o.n_sims = 5000;
    o.seed = 9;
    o.threads = 1;
    const auto one = ha::smaa({"p", "q", "r"}, cs, t, spec, o);
    o.threads = 2;
    const auto two = ha::smaa({"p", "q", "r"}, cs, t, spec, o);
    CHECK(one.rank_acceptability == two.rank_acceptability);
    CHECK(one.confidence_factors == two.confidence_factors);
    for (std::size_t i = 0; i < 3; ++i)
        for (std::size_t j = 0; j < 3; ++j)
            CHECK((one.central_weights[i][j] == two.central_weights[i][j] ||
                   (std::isnan(one.central_weights[i][j]) && std::isnan(two.central_weights[i][j]))));

    // Samples: in every row A's draw is B's plus 1, though their marginals overlap; drawn jointly A is always first.
    std::vector<double> a, b;
    for (int k = 0; k < 50; ++k) {
        b.push_back(k % 10);
        a.push_back(k % 10 + 1);
    }
    const auto s = ha::smaa({"A", "B"}, {{"benefit", ha::Direction::more_is_better, ""}},
                            {{P::samples(a)}, {P::samples(b)}}, {}, o);
    CHECK(s.rank_acceptability[0][0] == 1.0);
    CHECK(s.confidence_factors[0] == 1.0);
}

TEST_CASE("appraisal mcda: SMAA in slices of whole blocks merged equals smaa") {
    // 5,000 draws in blocks of 1,024: 5 blocks, the last of 904. Pass 1 sliced 2 + 3 blocks (different thread
    // counts), pass 2 on the merged central weights sliced 1 + 4: every output equals smaa's, exactly.
    std::vector<ha::Criterion> cs = {{"x", ha::Direction::more_is_better, ""},
                                     {"y", ha::Direction::less_is_better, ""},
                                     {"z", ha::Direction::more_is_better, ""}};
    ha::PerformanceTable t = {{P::range(1, 3), P::normal(5, 1), P::point(2)},
                              {P::point(2), P::range(3, 7), P::normal(1, 2)},
                              {P::normal(2, 0.5), P::point(4), P::range(0, 4)},
                              {P::point(1), P::point(7), P::point(0)}};  // dominated: never first (a NaN row)
    const std::vector<std::string> opts = {"p", "q", "r", "s"};
    ha::WeightSpec spec;
    spec.ranking = {1, 2, 3};
    ha::SmaaOptions o;
    o.n_sims = 5000;
    o.seed = 4;
    o.threads = 2;
    const auto whole = ha::smaa(opts, cs, t, spec, o);
    CHECK(ha::smaa_blocks(o.n_sims) == 5);
    const auto a = ha::smaa_partial(opts, cs, t, spec, o, 0, 2);
    o.threads = 1;
    const auto b = ha::smaa_partial(opts, cs, t, spec, o, 2, 3);
    // Every draw gives every option one rank: each option's counts over a slice add up to its draws.
    std::int64_t in_b = 0;
    for (std::size_t r = 0; r < 4; ++r) in_b += b.rank_counts[r];
    CHECK(in_b == 5000 - 2048);
    auto merged = ha::smaa_merge(opts, cs, t, spec, o, {a, b});
    CHECK(std::isnan(merged.confidence_factors[0]));  // until pass 2
    CHECK(merged.rank_acceptability == whole.rank_acceptability);
    CHECK(merged.first_counts == whole.first_counts);
    CHECK(merged.holistic_acceptability == whole.holistic_acceptability);
    CHECK(merged.first_counts[3] == 0);
    for (std::size_t i = 0; i < 4; ++i)
        for (std::size_t j = 0; j < 3; ++j)
            CHECK((merged.central_weights[i][j] == whole.central_weights[i][j] ||
                   (i == 3 && std::isnan(merged.central_weights[i][j]) && std::isnan(whole.central_weights[i][j]))));
    CHECK(ha::smaa_confidence_blocks(merged) == 5);
    const auto c1 = ha::smaa_confidence_partial(opts, cs, t, merged.central_weights, o, 0, 1);
    const auto c2 = ha::smaa_confidence_partial(opts, cs, t, merged.central_weights, o, 1, 4);
    ha::smaa_confidence_merge(merged, {c1, c2});
    CHECK(merged.confidence_factors[0] == whole.confidence_factors[0]);
    CHECK(merged.confidence_factors[1] == whole.confidence_factors[1]);
    CHECK(merged.confidence_factors[2] == whole.confidence_factors[2]);
    CHECK(std::isnan(merged.confidence_factors[3]));

    CHECK(contains(error_of([&] { ha::smaa_partial(opts, cs, t, spec, o, 4, 2); }), "not within its 5 blocks"));
    CHECK(contains(error_of([&] { ha::smaa_merge(opts, cs, t, spec, o, {b, a}); }),
                   "slice 0 starts at block 2, expected 0"));
    CHECK(contains(error_of([&] { ha::smaa_merge(opts, cs, t, spec, o, {a}); }), "cover 2 of its 5 blocks"));
    auto pass1 = ha::smaa_merge(opts, cs, t, spec, o, {a, b});
    CHECK(contains(error_of([&] { ha::smaa_confidence_merge(pass1, {c1}); }), "cover 1 of its 5 blocks"));
    // Point performances: pass 2 is one evaluation, one block.
    const auto fixed = ha::smaa_merge(ABCD, two_criteria(), four_options(), {}, o,
                                      {ha::smaa_partial(ABCD, two_criteria(), four_options(), {}, o, 0, 5)});
    CHECK(ha::smaa_confidence_blocks(fixed) == 1);
}

TEST_CASE("appraisal mcda: swing weights and the messages for bad input") {
    const auto w = ha::swing_weights({100, 50, 25, 25}, {"a", "b", "c", "d"});
    close(w[0], 0.5, 1e-15);
    close(w[3], 0.125, 1e-15);
    CHECK(contains(error_of([] { ha::swing_weights({80, 50}, {"a", "b"}); }), "most important swing must have 100"));
    CHECK(contains(error_of([] { ha::swing_weights({100, 150}, {"a", "b"}); }), "criterion 'b'"));
    const std::vector<std::string> names = {"a", "b", "c"};
    ha::WeightSpec bad;
    bad.lower = {0.5, 0.4, 0.3};
    const std::string e = error_of([&] { ha::sample_weights(bad, names, 10); });
    INFO(e);
    CHECK(contains(e, "the interval of criterion 'c' [0.3, 1] cannot hold together"));
    ha::WeightSpec c;
    c.constraints = {{{1, -1, 0}, 0.2, true, "a well above b"}, {{0, 1, 0}, 0.9, true, "b dominant"}};
    CHECK(contains(error_of([&] { ha::sample_weights(c, names, 10); }), "constraint 'b dominant' cannot hold"));
    CHECK(contains(error_of([] {
                       ha::smaa({"A"}, {{"q", ha::Direction::more_is_better, ""}}, {{P::range(3, 1)}}, {}, {});
                   }),
                   "option 'A', criterion 'q': a range needs finite low <= high"));
    CHECK(contains(error_of([] { ha::weighted_sum(ABCD, two_criteria(), {{P::range(1, 2), P::point(1)}, {P::point(1), P::point(1)}, {P::point(1), P::point(1)}, {P::point(1), P::point(1)}}, {0.5, 0.5}); }),
                   "use smaa"));
    ha::WeightSpec flat;
    flat.lower = {0.2, 0, 0};
    flat.upper = {0.2, 1, 1};
    CHECK(contains(error_of([&] { ha::sample_weights(flat, names, 10); }), "no interior"));
}

}  // namespace mcda_test
