#pragma once
// A demand-led service (emergency admissions, residential care, home care, reablement): annual events per
// person by age band, a unit-cost distribution, the partner that owns its budget, and how its yearly event
// count varies (Poisson, or negative binomial as Poisson with a gamma-distributed rate).
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "healthyplaces/finance/cost.hpp"

namespace hp::finance {

enum class Counts : std::uint8_t {
    poisson,            ///< events ~ Poisson(λ)
    negative_binomial,  ///< events ~ Poisson(λ·G), G ~ Gamma(1/α, α): mean λ, variance λ + α·λ²
};

std::string_view to_string(Counts) noexcept;
/// "poisson" or "negative_binomial"; DomainError naming `what` (e.g. "service \"home care\": counts") otherwise.
Counts parse_counts(std::string_view name, std::string_view what = "counts");

struct Service {
    std::string name;
    std::string owner;          ///< the partner whose budget it is ("council", "nhs", ...)
    std::vector<double> rates;  ///< annual events per person, one per age band of the population
    UnitCost unit_cost;
    double budget = 0.0;        ///< the year's budget for the service
    Counts counts = Counts::poisson;
    double dispersion = 0.0;    ///< α of the negative binomial (variance λ + α·λ²); >= min_dispersion for it, 0 for Poisson
};

/// The smallest dispersion a negative binomial accepts (1e-30). Its gamma multiplier has shape 1/α, which is
/// infinite for a subnormal α (5e-324 passed "> 0" and gave infinite or NaN events); and below 1e-30 the extra
/// variance α·λ² is under 1e-18·λ for every λ the simulation accepts (1e12 a year): a Poisson to 18 digits.
inline constexpr double min_dispersion = 1e-30;

/// The largest budget accepted (£10^15): budgets are summed over services and partners without overflow.
inline constexpr double max_budget = 1e15;

/// DataError naming the service and the field: empty name or owner, rates not `bands` long (mismatched age
/// bands), a negative or non-finite rate, budget, unit cost or dispersion, a budget above max_budget, a unit cost
/// beyond cost.hpp's limits, a negative binomial without dispersion or with one below min_dispersion.
void validate(const Service& service, std::size_t bands);

/// Expected events in a year: Σ_b rates[b] · population[b].
double expected_events(const Service& service, std::span<const double> population) noexcept;

/// The services' owners, each once, in order of first appearance: the partners of the arrangement.
std::vector<std::string> partners_of(std::span<const Service> services);

}  // namespace hp::finance
