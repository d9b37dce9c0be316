#include "healthyplaces/stats/multiple_testing.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/test_result.hpp"

namespace hp::stats {

std::string_view to_string(AdjustMethod m) noexcept {
    switch (m) {
        case AdjustMethod::bonferroni: return "bonferroni";
        case AdjustMethod::holm: return "holm";
        case AdjustMethod::hochberg: return "hochberg";
        case AdjustMethod::bh: return "bh";
        case AdjustMethod::by: return "by";
    }
    return "?";
}

AdjustMethod parse_adjust_method(std::string_view name) {
    if (name == "bonferroni") return AdjustMethod::bonferroni;
    if (name == "holm") return AdjustMethod::holm;
    if (name == "hochberg" || name == "simes-hochberg") return AdjustMethod::hochberg;
    if (name == "bh" || name == "BH" || name == "fdr_bh" || name == "fdr") return AdjustMethod::bh;
    if (name == "by" || name == "BY" || name == "fdr_by") return AdjustMethod::by;
    throw DomainError("unknown p-value adjustment '" + std::string(name) +
                      "': use 'bonferroni', 'holm', 'hochberg' (or 'simes-hochberg'), 'bh' (or 'fdr_bh', 'BH', "
                      "'fdr') or 'by' (or 'fdr_by', 'BY')");
}

void adjust_pvalues(std::span<const double> p, std::span<double> out, AdjustMethod method) {
    if (p.empty()) throw DataError("p-values: empty; there is nothing to adjust");
    if (out.size() != p.size())
        throw DomainError("adjust_pvalues: output has " + std::to_string(out.size()) + " places for " +
                          std::to_string(p.size()) + " p-values");
    for (std::size_t i = 0; i < p.size(); ++i)
        if (!(p[i] >= 0.0 && p[i] <= 1.0))
            throw DataError("p-values: " + (std::isnan(p[i]) ? std::string("missing value (NaN)")
                                                             : "value " + format_number(p[i])) +
                            " at position " + std::to_string(i) + "; p-values must lie in [0, 1]");
    const std::size_t m = p.size();
    const auto md = static_cast<double>(m);
    if (method == AdjustMethod::bonferroni) {
        for (std::size_t i = 0; i < m; ++i) out[i] = std::min(1.0, md * p[i]);
        return;
    }
    std::vector<std::size_t> order(m);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) { return p[i] < p[j]; });
    if (method == AdjustMethod::holm) {
        double running = 0;  // step-down: running maximum from the smallest p up
        for (std::size_t r = 0; r < m; ++r) {
            running = std::max(running, static_cast<double>(m - r) * p[order[r]]);
            out[order[r]] = std::min(1.0, running);
        }
        return;
    }
    double factor = md;  // bh; by multiplies by c(m) = Σ 1/k
    if (method == AdjustMethod::by) {
        double c = 0;
        for (std::size_t k = m; k >= 1; --k) c += 1.0 / static_cast<double>(k);  // small terms first
        factor = md * c;
    }
    double running = 1.0;  // step-up: running minimum from the largest p down
    for (std::size_t r = m; r-- > 0;) {
        const double v = method == AdjustMethod::hochberg ? static_cast<double>(m - r) * p[order[r]]
                                                          : factor * p[order[r]] / static_cast<double>(r + 1);
        running = std::min(running, v);
        out[order[r]] = running;
    }
}

std::vector<double> adjust_pvalues(std::span<const double> p, AdjustMethod method) {
    std::vector<double> out(p.size());
    adjust_pvalues(p, out, method);
    return out;
}

}  // namespace hp::stats
