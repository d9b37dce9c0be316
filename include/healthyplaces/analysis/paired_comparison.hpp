#pragma once
// Is the gap between councils and their NHS bodies real? For each category, the council's score and its
// coterminous NHS body's score form a pair per area; the paired Wilcoxon signed-rank test asks whether the
// differences are centred on zero, Holm's method adjusts for testing every category of the framework, and
// the Hodges–Lehmann pseudo-median of the differences (with the interval from inverting the test) says by
// how much, on the framework's own scale.
#include <cstdint>
#include <string>
#include <vector>

#include "healthyplaces/core/score_table.hpp"
#include "healthyplaces/stats/multiple_testing.hpp"
#include "healthyplaces/stats/test_result.hpp"
#include "healthyplaces/stats/wilcoxon.hpp"

namespace hp::analysis {

struct PairedComparisonOptions {
    stats::Alternative alternative = stats::Alternative::two_sided;
    /// Exact by default: with nine areas and scores on 1–4 the normal approximation is poor, and the exact
    /// distribution of the signed-rank sum given the tied ranks is cheap.
    stats::TestMethod method = stats::TestMethod::exact;
    stats::ZeroMethod zero_method = stats::ZeroMethod::wilcox;
    stats::AdjustMethod adjust = stats::AdjustMethod::holm;
    double confidence_level = 0.95;
};

/// One category: council minus NHS body across the areas where both are scored.
struct PairedCategoryTest {
    core::Category category;
    std::int64_t n_pairs = 0;          ///< areas with both scores
    std::int64_t council_higher = 0;
    std::int64_t tied = 0;
    std::int64_t nhs_higher = 0;
    double mean_difference = stats::nan;
    stats::TestResult wilcoxon;        ///< pvalue NaN when no test was possible (see note)
    double pvalue_adjusted = stats::nan;
    stats::Estimate shift;             ///< Hodges–Lehmann pseudo-median of the differences, with its interval
    /// Matched-pairs rank-biserial correlation (R+ − R−)/(R+ + R−) over the non-zero differences: +1 when
    /// every council that differs from its NHS body scores higher.
    double rank_biserial = stats::nan;
    std::string note;                  ///< why no test was run, e.g. "every area scored the same"
    bool tested() const noexcept { return note.empty(); }
};

/// One row per category of the framework, in its order. Categories with no usable pair, or where every
/// pair is tied, carry a note instead of a test and are left out of the multiplicity adjustment.
/// Throws DomainError when the table has no areas, or on bad options.
std::vector<PairedCategoryTest> paired_sector_tests(const core::ScoreTable& table,
                                                    const PairedComparisonOptions& options = {});

}  // namespace hp::analysis
