// SMAA-2's fixed-size kernels: the AVX2 path (four draws a vector) and the baseline path (two) must give the same
// numbers, bit for bit, and ties must follow the documented rule (the option listed first is ahead) while scores
// that differ in the last bit rank by value, as the weighted sum ranks them.
#include <doctest/doctest.h>

#include "checks.hpp"

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "healthyplaces/appraisal/smaa.hpp"
#include "healthyplaces/appraisal/weights.hpp"

// Whether the kernels take the AVX2 path (src/appraisal/weights.cpp; set once from the CPU): switched off here to
// run the baseline path on the same machine.
namespace hp::appraisal::mcda_detail {
extern bool smaa_avx2;
}

// Test files compile in unity batches: every helper lives in this file's own namespace.
namespace smaa_test {
namespace ha = hp::appraisal;
using P = ha::Performance;

bool same(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

bool same_result(const ha::SmaaResult& a, const ha::SmaaResult& b) {
    bool ok = a.rank_acceptability == b.rank_acceptability && a.first_counts == b.first_counts;
    for (std::size_t i = 0; i < a.central_weights.size(); ++i) {
        ok = ok && same(a.confidence_factors[i], b.confidence_factors[i]);
        for (std::size_t j = 0; j < a.central_weights[i].size(); ++j)
            ok = ok && same(a.central_weights[i][j], b.central_weights[i][j]);
    }
    return ok;
}

/// Runs f with the AVX2 kernels (where the CPU has them) and with the baseline kernels.
template <class F>
void both_paths(F f) {
    bool& avx2 = hp::appraisal::mcda_detail::smaa_avx2;
    const bool had = avx2;
    f();
    avx2 = false;
    f();
    avx2 = had;
}

TEST_CASE("appraisal smaa: the AVX2 and the baseline kernels give the same numbers") {
    INFO("AVX2 on this CPU: " << hp::appraisal::mcda_detail::smaa_avx2);
    // 10 options x 8 criteria of points, 2,051 draws (the last block's 3 draws fill part of a vector).
    std::vector<std::string> options;
    std::vector<ha::Criterion> criteria;
    ha::PerformanceTable points(10);
    for (int j = 0; j < 8; ++j) criteria.push_back({"c" + std::to_string(j), ha::Direction::more_is_better, ""});
    for (int i = 0; i < 10; ++i) {
        options.push_back("o" + std::to_string(i));
        for (int j = 0; j < 8; ++j) points[i].push_back(P::point(std::fmod(i * 7.3 + j * 3.1, 10.0)));
    }
    ha::SmaaOptions o;
    o.n_sims = 2051;
    o.seed = 5;
    o.threads = 1;
    // Uncertain performances: 5 options x 3 criteria of ranges, normals and samples (draws inside the kernel).
    std::vector<ha::Criterion> three(criteria.begin(), criteria.begin() + 3);
    ha::PerformanceTable mixed(5);
    for (int i = 0; i < 5; ++i)
        mixed[i] = {P::range(i, i + 3.0), P::normal(5 - i, 1.5), P::samples({1.0 * i, 4.0 - i, 2.0, 0.5 * i})};
    std::vector<ha::SmaaResult> runs;
    std::vector<std::vector<double>> weights;
    both_paths([&] {
        runs.push_back(ha::smaa(options, criteria, points, {}, o));
        runs.push_back(ha::smaa({options.begin(), options.begin() + 5}, three, mixed, {}, o));
        for (std::size_t n : {2, 8, 16}) {
            std::vector<std::string> names;
            for (std::size_t j = 0; j < n; ++j) names.push_back("c" + std::to_string(j));
            weights.push_back(ha::sample_weights({}, names, 1027, 3, 1));
        }
    });
    REQUIRE(runs.size() == 4);
    CHECK(same_result(runs[0], runs[2]));
    CHECK(same_result(runs[1], runs[3]));
    for (std::size_t k = 0; k < 3; ++k) CHECK(weights[k] == weights[k + 3]);
    // The draws are real ones: every weight vector is on the simplex, and some option is first in each draw.
    std::int64_t off = 0;
    for (const auto& w : weights)
        for (std::size_t s = 0; s < 1027; ++s) {
            const std::size_t n = w.size() / 1027;
            double sum = 0;
            for (std::size_t j = 0; j < n; ++j) {
                off += !(w[s * n + j] >= 0);
                sum += w[s * n + j];
            }
            off += !(std::abs(sum - 1) <= 1e-12);
        }
    CHECK(off == 0);
    std::int64_t firsts = 0;
    for (auto c : runs[0].first_counts) firsts += c;
    CHECK(firsts == 2051);
}

TEST_CASE("appraisal smaa: exact ties go to the option listed first, scores a bit apart rank by value") {
    // One criterion on the scale 0 to 2 with weight 1, so the score is half the performance: A = 1 + 2^-52 (one
    // unit in the last place above 1) scores 1/2 + 2^-53, B = C = 1 + 2^-51 score 1/2 + 2^-52 (an exact tie), D 0.
    // Ranks B, C, A, D, as the weighted sum's. (The kernel before this one ranked keys with their last 4 bits
    // replaced by the option's order, so A, listed first, came ahead of B.)
    const std::vector<std::string> options = {"A", "B", "C", "D"};
    const std::vector<ha::Criterion> crit = {{"q", ha::Direction::more_is_better, "", 0.0, 2.0}};
    const ha::PerformanceTable t = {{P::point(1 + 0x1.0p-52)}, {P::point(1 + 0x1.0p-51)}, {P::point(1 + 0x1.0p-51)},
                                    {P::point(0)}};
    const auto ws = ha::weighted_sum(options, crit, t, {1.0});
    CHECK(ws.ranks == std::vector<int>{3, 1, 2, 4});
    ha::SmaaOptions o;
    o.n_sims = 7;
    both_paths([&] {
        const auto r = ha::smaa(options, crit, t, {}, o);
        for (std::size_t i = 0; i < 4; ++i)
            CHECK(r.rank_acceptability[i][static_cast<std::size_t>(ws.ranks[i] - 1)] == 1.0);
    });
    // Two criteria and uniform weights w = (t, 1 − t): values A (1, 0), B = C (1/2, 1/2), D (0, 1), scores A t,
    // B = C 1/2, D 1 − t: B ties C in every draw and is ahead of it, so B is always second and C third.
    const std::vector<ha::Criterion> two = {{"q", ha::Direction::more_is_better, ""},
                                            {"r", ha::Direction::more_is_better, ""}};
    const ha::PerformanceTable u = {{P::point(3), P::point(1)}, {P::point(2), P::point(2)}, {P::point(2), P::point(2)},
                                    {P::point(1), P::point(3)}};
    o.n_sims = 1000;
    both_paths([&] {
        const auto r = ha::smaa(options, two, u, {}, o);
        CHECK(r.rank_acceptability[1][1] == 1.0);
        CHECK(r.rank_acceptability[2][2] == 1.0);
        CHECK(r.first_counts[0] + r.first_counts[3] == 1000);
    });
}

}  // namespace smaa_test
