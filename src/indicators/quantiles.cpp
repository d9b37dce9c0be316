#include "healthyplaces/indicators/quantiles.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/test_result.hpp"

namespace hp::indicators {

QuantileAssignment quantiles(std::span<const double> values, std::span<const std::int64_t> group, std::size_t n_groups,
                             const QuantileOptions& options, std::span<const std::uint8_t> invert_by_group) {
    const std::size_t n = values.size();
    if (group.size() != n)
        throw DomainError("quantiles: group has " + std::to_string(group.size()) + " rows, values has " +
                          std::to_string(n));
    if (options.nquantiles < 1)
        throw DomainError("quantiles: nquantiles must be a whole number >= 1, got " + std::to_string(options.nquantiles));
    if (!invert_by_group.empty() && invert_by_group.size() != n_groups)
        throw DomainError("quantiles: invert has " + std::to_string(invert_by_group.size()) +
                          " entries; give one per group (" + std::to_string(n_groups) + ")");

    // Rows of each group (counting sort by group index), checked on the way.
    std::vector<std::size_t> start(n_groups + 1, 0);
    for (std::size_t i = 0; i < n; ++i) {
        const std::int64_t g = group[i];
        if (g < 0 || static_cast<std::uint64_t>(g) >= n_groups)
            throw DataError("quantiles: row " + std::to_string(i) + " has group index " + std::to_string(g) +
                            ", outside 0.." + std::to_string(n_groups == 0 ? 0 : n_groups - 1));
        if (std::isinf(values[i]))
            throw DataError("quantiles: row " + std::to_string(i) + " (group " + std::to_string(g) + ") has value " +
                            stats::format_number(values[i]) + "; values must be finite numbers or missing (NaN)");
        ++start[static_cast<std::size_t>(g) + 1];
    }
    std::partial_sum(start.begin(), start.end(), start.begin());
    std::vector<std::size_t> rows(n), fill(start.begin(), start.end() - 1);
    for (std::size_t i = 0; i < n; ++i) rows[fill[static_cast<std::size_t>(group[i])]++] = i;

    QuantileAssignment out;
    out.quantile.assign(n, std::numeric_limits<double>::quiet_NaN());
    const double q = options.nquantiles;
    std::vector<std::pair<double, std::size_t>> keyed;  // (adjusted value, row) of the group's non-missing rows
    for (std::size_t g = 0; g < n_groups; ++g) {
        keyed.clear();
        double max = -std::numeric_limits<double>::infinity();
        for (std::size_t k = start[g]; k < start[g + 1]; ++k) {
            const double v = values[rows[k]];
            if (std::isnan(v)) continue;
            keyed.emplace_back(v, rows[k]);
            max = std::max(max, v);
        }
        const std::size_t m = keyed.size();
        if (m == 0) continue;
        if (m < static_cast<std::size_t>(options.nquantiles)) {
            out.too_few.push_back(g);
            continue;
        }
        const bool invert = invert_by_group.empty() ? options.invert : invert_by_group[g] != 0;
        // As the R package: the inverted key is max - value (so equal values stay tied), ranked ascending.
        if (invert)
            for (auto& kv : keyed) kv.first = max - kv.first;
        std::sort(keyed.begin(), keyed.end());
        const double count = static_cast<double>(m);
        const double width = count / q;  // the same double arithmetic as the R expression, boundaries included
        std::size_t rank = 1;
        for (std::size_t k = 0; k < m; ++k) {
            if (k > 0 && keyed[k].first != keyed[k - 1].first) rank = k + 1;  // ties: the lowest rank
            double quantile = std::floor((q + 1.0) - std::ceil(((count + 1.0) - static_cast<double>(rank)) / width));
            if (quantile == 0.0) quantile = 1.0;
            out.quantile[keyed[k].second] = quantile;
        }
    }
    return out;
}

}  // namespace hp::indicators
