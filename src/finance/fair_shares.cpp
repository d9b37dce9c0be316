#include "healthyplaces/finance/fair_shares.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/test_result.hpp"

namespace hp::finance {
FairShares fair_shares(const std::vector<std::vector<double>>& populations, std::span<const double> weights,
                       double budget, std::span<const double> actual) {
    if (populations.empty()) throw DataError("fair_shares: no areas given");
    if (weights.empty()) throw DataError("fair_shares: no age-cost weights given");
    if (!(std::isfinite(budget) && budget >= 0))
        throw DataError("fair_shares: budget must be finite and >= 0, got " + stats::format_number(budget));
    for (std::size_t b = 0; b < weights.size(); ++b)
        if (!(std::isfinite(weights[b]) && weights[b] >= 0))
            throw DataError("fair_shares: weight for band " + std::to_string(b) + " must be finite and >= 0, got " +
                            stats::format_number(weights[b]));
    if (!actual.empty() && actual.size() != populations.size())
        throw DataError("fair_shares: actual has " + std::to_string(actual.size()) + " values for " +
                        std::to_string(populations.size()) + " areas");
    const std::size_t n = populations.size();
    FairShares out;
    out.budget = budget;
    out.population.assign(n, 0.0);
    out.weighted.assign(n, 0.0);
    double total = 0;
    for (std::size_t a = 0; a < n; ++a) {
        const auto& row = populations[a];
        if (row.size() != weights.size())
            throw DataError("fair_shares: area " + std::to_string(a) + " has " + std::to_string(row.size()) +
                            " age bands but there are " + std::to_string(weights.size()) + " weights");
        for (std::size_t b = 0; b < row.size(); ++b) {
            if (!(std::isfinite(row[b]) && row[b] >= 0))
                throw DataError("fair_shares: population of area " + std::to_string(a) + ", band " + std::to_string(b) +
                                " must be finite and >= 0, got " + stats::format_number(row[b]));
            out.population[a] += row[b];
            out.weighted[a] += row[b] * weights[b];
        }
        total += out.weighted[a];
    }
    if (!(total > 0))
        throw DataError("fair_shares: the total weighted population is 0; give some people and positive weights");
    out.share.resize(n);
    out.target.resize(n);
    for (std::size_t a = 0; a < n; ++a) {
        out.share[a] = out.weighted[a] / total;
        out.target[a] = out.share[a] * budget;
    }
    if (!actual.empty()) {
        out.actual.assign(actual.begin(), actual.end());
        out.distance.resize(n);
        for (std::size_t a = 0; a < n; ++a) {
            if (!(std::isfinite(actual[a]) && actual[a] >= 0))
                throw DataError("fair_shares: actual allocation of area " + std::to_string(a) +
                                " must be finite and >= 0, got " +
                                stats::format_number(actual[a]));
            out.distance[a] = out.target[a] > 0 ? (actual[a] - out.target[a]) / out.target[a]
                                                : std::numeric_limits<double>::quiet_NaN();
        }
    }
    return out;
}

}  // namespace hp::finance
