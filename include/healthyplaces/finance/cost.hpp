#pragma once
// Unit-cost distributions of demand-led services (the cost of one admission, one care package), parameterised
// by mean and standard deviation as finance teams quote them, and the cost of N events drawn in aggregate:
// the sum of N Gamma(k, θ) costs is exactly one Gamma(N·k, θ) draw, so a year's cost takes the same time for
// ten events as for ten thousand. A lognormal sum has no closed form: it is summed exactly up to
// lognormal_exact_limit events and beyond that drawn as one lognormal with the sum's exact mean and variance
// (Fenton–Wilkinson moment matching; docs/finance-simulation.md).
#include <cmath>
#include <cstdint>
#include <string_view>

#include "healthyplaces/stats/fast_variates.hpp"
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
/// "gamma" or "lognormal"; DomainError naming `what` and listing them otherwise.
CostFamily parse_cost_family(std::string_view name, std::string_view what = "unit cost: family");

/// The largest unit-cost mean or sd accepted, £10^12 per event, and the largest coefficient of variation
/// (sd / mean), 1000: within them a year's cost of up to max_events_per_year events (simulate.hpp) stays far
/// inside a double and the gamma shape (mean/sd)² neither overflows nor underflows. Beyond them costs overflowed
/// to NaN spend (issue 15: Gamma(1e308, 1e308)); they are refused instead.
inline constexpr double max_unit_cost = 1e12;
inline constexpr double max_cost_cv = 1e3;

/// Validated constructors: DataError naming `what` (e.g. "service \"home care\": unit cost") when the mean is
/// not positive and finite or the sd is negative or not finite, or either is above max_unit_cost, or sd / mean
/// above max_cost_cv.
UnitCost gamma_cost(double mean, double sd, std::string_view what = "unit cost");
UnitCost lognormal_cost(double mean, double sd, std::string_view what = "unit cost");
void validate(const UnitCost& cost, std::string_view what = "unit cost");

/// Lognormal sums of more events than this are drawn moment-matched rather than summed one by one.
inline constexpr std::int64_t lognormal_exact_limit = 32;

/// A unit cost made ready for drawing many totals: the gamma shape and scale, or the lognormal μ and σ, computed
/// once. sampler(n, g) is total_cost(cost, n, g) for any 64-bit generator g (stats::FastStream in simulations).
class CostSampler {
public:
    explicit CostSampler(const UnitCost& cost) noexcept
        : family_(cost.family), mean_(cost.mean), sd_(cost.sd),
          shape_(cost.sd > 0 ? cost.mean * cost.mean / (cost.sd * cost.sd) : 0.0),
          scale_(cost.sd * cost.sd / cost.mean),
          sigma2_(std::log1p(cost.sd * cost.sd / (cost.mean * cost.mean))),
          mu_(std::log(cost.mean) - 0.5 * sigma2_), sigma_(std::sqrt(sigma2_)) {}

    template <class G>
    double operator()(std::int64_t n, G& g) const noexcept {
        if (n <= 0) return 0.0;
        const double dn = static_cast<double>(n);
        if (sd_ == 0.0) return dn * mean_;
        if (family_ == CostFamily::gamma) return stats::standard_gamma(dn * shape_, g) * scale_;
        return lognormal_total(n, g);
    }

private:
    template <class G>
    double lognormal_total(std::int64_t n, G& g) const noexcept {
        if (n <= lognormal_exact_limit) {
            double total = 0.0;
            for (std::int64_t i = 0; i < n; ++i) total += std::exp(mu_ + sigma_ * stats::standard_normal(g));
            return total;
        }
        // Fenton–Wilkinson: a lognormal with the sum's mean n·m and variance n·sd², i.e. cv² = sd²/(n·m²).
        const double dn = static_cast<double>(n);
        const double s2 = std::log1p(sd_ * sd_ / (dn * mean_ * mean_)), mu = std::log(dn * mean_) - 0.5 * s2;
        return std::exp(mu + std::sqrt(s2) * stats::standard_normal(g));
    }

    CostFamily family_;
    double mean_, sd_, shape_, scale_, sigma2_, mu_, sigma_;
};

/// One Gamma(shape, scale) variate, shape > 0: Marsaglia and Tsang (2000) with a ziggurat normal
/// (stats/fast_variates.hpp); shape < 1 via Gamma(shape + 1)·U^(1/shape).
double draw_gamma(double shape, double scale, stats::RandomStream& rs);
double draw_gamma(double shape, double scale, stats::FastStream& rs);

/// The total cost of n >= 0 events, each costing an independent draw from `cost`: exact for gamma (one
/// Gamma(n·k, θ) draw, k = mean²/sd², θ = sd²/mean), exact for lognormal up to lognormal_exact_limit events and
/// a moment-matched lognormal (mean n·mean, variance n·sd²) beyond. 0 for n = 0.
double total_cost(const UnitCost& cost, std::int64_t n, stats::RandomStream& rs);
double total_cost(const UnitCost& cost, std::int64_t n, stats::FastStream& rs);

}  // namespace hp::finance
