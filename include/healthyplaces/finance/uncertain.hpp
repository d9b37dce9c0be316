#pragma once
// Uncertain inputs of a business case: a value known only as a distribution, given the way an analyst states
// it (a mean and standard deviation, or a low/most-likely/high range). Draws are by inversion,
// x = F⁻¹(u) with u from a RandomStream, so a draw depends only on its uniform and the quantile of any
// percentile (the tornado's low and high) is the same function. Bad parameters are a DomainError naming the
// distribution and what is allowed.
#include <cstdint>
#include <string>

#include "healthyplaces/stats/random.hpp"

namespace hp::finance {

enum class UncertainKind : std::uint8_t {
    fixed,       ///< always `a`
    normal,      ///< mean a, sd b
    lognormal,   ///< mean a > 0, sd b (of the value, not its log)
    gamma,       ///< mean a > 0, sd b > 0
    beta,        ///< mean a in (0, 1), sd b with b² < a(1 − a)
    uniform,     ///< on [a, b]
    triangular,  ///< low a, mode b, high c
};

/// One uncertain input. Build with the named constructors, which check the parameters.
struct Uncertain {
    UncertainKind kind = UncertainKind::fixed;
    double a = 0, b = 0, c = 0;  ///< as given (see UncertainKind)

    static Uncertain fixed(double value);
    static Uncertain normal(double mean, double sd);
    static Uncertain lognormal(double mean, double sd);
    static Uncertain gamma(double mean, double sd);
    static Uncertain beta(double mean, double sd);
    static Uncertain uniform(double low, double high);
    static Uncertain triangular(double low, double mode, double high);
};

std::string to_string(const Uncertain& u);

/// The distribution's mean (its value when fixed).
double mean(const Uncertain& u);
/// Its standard deviation (0 when fixed).
double sd(const Uncertain& u);
/// The p-quantile, 0 < p < 1 (0 and 1 give the support's ends where finite).
double quantile(const Uncertain& u, double p);
/// One draw, F⁻¹(u) for one uniform from `rng` (a fixed input draws nothing).
double draw(const Uncertain& u, stats::RandomStream& rng);

}  // namespace hp::finance
