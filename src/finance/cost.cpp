#include "healthyplaces/finance/cost.hpp"

#include <cmath>
#include <string>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/test_result.hpp"

namespace hp::finance {

std::string_view to_string(CostFamily f) noexcept {
    switch (f) {
        case CostFamily::gamma: return "gamma";
        case CostFamily::lognormal: return "lognormal";
    }
    return "?";
}

CostFamily parse_cost_family(std::string_view name, std::string_view what) {
    for (auto f : {CostFamily::gamma, CostFamily::lognormal})
        if (name == to_string(f)) return f;
    throw DomainError(std::string(what) + " must be \"gamma\" or \"lognormal\", got \"" + std::string(name) + "\"");
}

void validate(const UnitCost& c, std::string_view what) {
    using stats::format_number;
    if (!(std::isfinite(c.mean) && c.mean > 0 && c.mean <= max_unit_cost))
        throw DataError(std::string(what) + ": mean must be positive and at most 1e12 (£ per event), got " +
                        format_number(c.mean));
    if (!(std::isfinite(c.sd) && c.sd >= 0 && c.sd <= max_unit_cost))
        throw DataError(std::string(what) + ": sd must be from 0 to 1e12 (£ per event), got " + format_number(c.sd));
    if (c.sd > max_cost_cv * c.mean)
        throw DataError(std::string(what) + ": sd must be at most 1000 times the mean (coefficient of variation), "
                        "got sd " + format_number(c.sd) + " for mean " + format_number(c.mean));
}

UnitCost gamma_cost(double mean, double sd, std::string_view what) {
    UnitCost c{CostFamily::gamma, mean, sd};
    validate(c, what);
    return c;
}

UnitCost lognormal_cost(double mean, double sd, std::string_view what) {
    UnitCost c{CostFamily::lognormal, mean, sd};
    validate(c, what);
    return c;
}

double draw_gamma(double shape, double scale, stats::RandomStream& rs) { return stats::standard_gamma(shape, rs) * scale; }
double draw_gamma(double shape, double scale, stats::FastStream& rs) { return stats::standard_gamma(shape, rs) * scale; }

double total_cost(const UnitCost& c, std::int64_t n, stats::RandomStream& rs) { return CostSampler(c)(n, rs); }
double total_cost(const UnitCost& c, std::int64_t n, stats::FastStream& rs) { return CostSampler(c)(n, rs); }

}  // namespace hp::finance
