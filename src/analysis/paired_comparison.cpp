#include "healthyplaces/analysis/paired_comparison.hpp"

#include <cmath>
#include <optional>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/hodges_lehmann.hpp"
#include "healthyplaces/stats/ranks.hpp"

namespace hp::analysis {

namespace {
double matched_pairs_rank_biserial(const std::vector<double>& d) {
    std::vector<double> abs_nonzero;
    std::vector<int> sign;
    for (double v : d)
        if (v != 0.0) {
            abs_nonzero.push_back(std::abs(v));
            sign.push_back(v > 0 ? 1 : -1);
        }
    if (abs_nonzero.empty()) return stats::nan;
    const auto r = stats::rank(abs_nonzero);
    double plus = 0, minus = 0;
    for (std::size_t i = 0; i < r.ranks.size(); ++i) (sign[i] > 0 ? plus : minus) += r.ranks[i];
    return (plus - minus) / (plus + minus);
}
}  // namespace

std::vector<PairedCategoryTest> paired_sector_tests(const core::ScoreTable& table, const PairedComparisonOptions& options) {
    if (table.areas().empty())
        throw DomainError("the table pairs no councils with NHS bodies: paired tests need areas (an 'area' "
                          "column naming the place each organisation serves)");
    stats::check_confidence_level(options.confidence_level);
    std::vector<PairedCategoryTest> out;
    std::vector<double> tested_p;
    std::vector<std::size_t> tested_rows;
    const auto& categories = table.framework().categories();
    for (std::size_t j = 0; j < table.n_categories(); ++j) {
        PairedCategoryTest row;
        row.category = categories[j];
        std::vector<double> d;
        for (std::size_t k = 0; k < table.areas().size(); ++k) {
            const auto [council, nhs] = table.area_rows(k);
            const auto c = table.score(council, j);
            const auto n = table.score(nhs, j);
            if (!c || !n) continue;
            const int diff = *c - *n;
            d.push_back(diff);
            if (diff > 0) ++row.council_higher;
            else if (diff < 0) ++row.nhs_higher;
            else ++row.tied;
        }
        row.n_pairs = static_cast<std::int64_t>(d.size());
        if (d.empty()) {
            row.note = "no area has both bodies scored";
        } else {
            double sum = 0;
            for (double v : d) sum += v;
            row.mean_difference = sum / static_cast<double>(d.size());
            if (row.council_higher + row.nhs_higher == 0) {
                row.note = "every area scored its council and NHS body the same";
                row.rank_biserial = 0.0;
            } else {
                stats::WilcoxonOptions w;
                w.alternative = options.alternative;
                w.method = options.method;
                w.zero_method = options.zero_method;
                row.wilcoxon = stats::wilcoxon(d, w);
                row.rank_biserial = matched_pairs_rank_biserial(d);
                stats::HodgesLehmannOptions h;
                h.confidence_level = options.confidence_level;
                row.shift = stats::hodges_lehmann(d, h);
                tested_p.push_back(row.wilcoxon.pvalue);
                tested_rows.push_back(out.size());
            }
        }
        out.push_back(std::move(row));
    }
    if (!tested_p.empty()) {
        const auto adjusted = stats::adjust_pvalues(tested_p, options.adjust);
        for (std::size_t i = 0; i < tested_rows.size(); ++i) out[tested_rows[i]].pvalue_adjusted = adjusted[i];
    }
    return out;
}

}  // namespace hp::analysis
