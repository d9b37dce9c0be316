#pragma once
// Adjusted p-values for multiple testing: family-wise error (Bonferroni, Holm, Hochberg) and false discovery
// rate (Benjamini–Hochberg, Benjamini–Yekutieli).
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace hp::stats {

enum class AdjustMethod : std::uint8_t { bonferroni, holm, hochberg, bh, by };
std::string_view to_string(AdjustMethod) noexcept;
/// "bonferroni", "holm", "hochberg", "bh", "by"; also statsmodels' names ("simes-hochberg", "fdr_bh", "fdr_by")
/// and R's p.adjust names ("BH", "BY", "fdr"). DomainError listing them otherwise.
AdjustMethod parse_adjust_method(std::string_view name);

/// Adjusted p-values in the input order, each capped at 1. With m p-values and p(1) ≤ … ≤ p(m) sorted:
///   bonferroni  m·p(i);
///   holm        max over j ≤ i of (m − j + 1)·p(j)           (step-down, non-decreasing in i);
///   hochberg    min over j ≥ i of (m − j + 1)·p(j)           (step-up);
///   bh          min over j ≥ i of m·p(j)/j                   (step-up);
///   by          min over j ≥ i of m·c(m)·p(j)/j, c(m) = Σ_{k≤m} 1/k.
/// Equal to statsmodels.stats.multitest.multipletests and scipy.stats.false_discovery_control. Tied p-values get
/// equal adjusted values whatever their order. Errors: empty input, or a value that is NaN or outside [0, 1] →
/// DataError naming its position.
std::vector<double> adjust_pvalues(std::span<const double> p, AdjustMethod method);
/// Same, writing into `out` (same length as p; may not alias p).
void adjust_pvalues(std::span<const double> p, std::span<double> out, AdjustMethod method);

}  // namespace hp::stats
