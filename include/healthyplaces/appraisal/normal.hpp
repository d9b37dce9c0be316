#pragma once
// The value of information when the incremental net benefit is normal: the closed forms that the Monte Carlo and
// regression estimators of value_of_information.hpp and staging.hpp are tested against.
#include <cmath>
#include <numbers>

namespace hp::appraisal {

/// E[max(Y, 0)] − max(E[Y], 0) for Y ~ N(mu, sigma²): σφ(μ/σ) − |μ|Φ(−|μ|/σ); 0 when sigma is 0. The expected
/// value of perfect information about Y when adopting is worth Y and not adopting 0 (and the EVPPI or EVSI of any
/// information that leaves the expected Y normal with that spread).
inline double normal_evpi(double mu, double sigma) {
    if (!(sigma > 0)) return 0.0;
    const double z = std::fabs(mu) / sigma;
    const double phi = std::exp(-0.5 * z * z) / std::sqrt(2.0 * std::numbers::pi);
    const double tail = 0.5 * std::erfc(z / std::numbers::sqrt2);  // Φ(−z)
    return sigma * phi - std::fabs(mu) * tail;
}

}  // namespace hp::appraisal
