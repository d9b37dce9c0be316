#pragma once
// Unit-cost distributions of demand-led services (the cost of one admission, one care package), parameterised
// by mean and standard deviation as finance teams quote them, and the cost of N events drawn in aggregate:
// the sum of N Gamma(k, θ) costs is exactly one Gamma(N·k, θ) draw, so a year's cost takes the same time for
// ten events as for ten thousand. A lognormal sum has no closed form: it is summed exactly up to
// lognormal_exact_limit events and beyond that drawn as one lognormal with the sum's exact mean and variance
// (Fenton–Wilkinson moment matching; docs/finance-simulation.md).
#include <cstdint>
#include <string_view>

#include "healthyplaces/stats/random.hpp"

namespace hp::finance {

enum class CostFamily : std::uint8_t { gamma, lognormal };

/// A unit-cost distribution: mean > 0, sd >= 0 (sd = 0 is a fixed price).
struct UnitCost {
    CostFamily family = CostFamily::gamma;
    double mean = 1.0;
    double sd = 0.0;
};

std::string_view to_string(CostFamily) noexcept;

/// Validated constructors: DataError naming `what` (e.g. "service \"home care\": unit cost") when the mean is
/// not positive and finite or the sd is negative or not finite.
UnitCost gamma_cost(double mean, double sd, std::string_view what = "unit cost");
UnitCost lognormal_cost(double mean, double sd, std::string_view what = "unit cost");
void validate(const UnitCost& cost, std::string_view what = "unit cost");

/// Lognormal sums of more events than this are drawn moment-matched rather than summed one by one.
inline constexpr std::int64_t lognormal_exact_limit = 32;

/// One Gamma(shape, scale) variate, shape > 0: Marsaglia and Tsang (2000) with Boost's ziggurat normal;
/// shape < 1 via Gamma(shape + 1)·U^(1/shape).
double draw_gamma(double shape, double scale, stats::RandomStream& rs);

/// The total cost of n >= 0 events, each costing an independent draw from `cost`: exact for gamma (one
/// Gamma(n·k, θ) draw, k = mean²/sd², θ = sd²/mean), exact for lognormal up to lognormal_exact_limit events and
/// a moment-matched lognormal (mean n·mean, variance n·sd²) beyond. 0 for n = 0.
double total_cost(const UnitCost& cost, std::int64_t n, stats::RandomStream& rs);

}  // namespace hp::finance
