#include "healthyplaces/finance/cost.hpp"

#include <boost/random/normal_distribution.hpp>
#include <cmath>
#include <string>

#include "healthyplaces/error.hpp"

namespace hp::finance {

std::string_view to_string(CostFamily f) noexcept {
    switch (f) {
        case CostFamily::gamma: return "gamma";
        case CostFamily::lognormal: return "lognormal";
    }
    return "?";
}

void validate(const UnitCost& c, std::string_view what) {
    if (!(std::isfinite(c.mean) && c.mean > 0))
        throw DataError(std::string(what) + ": mean must be positive and finite, got " + std::to_string(c.mean));
    if (!(std::isfinite(c.sd) && c.sd >= 0))
        throw DataError(std::string(what) + ": sd must be zero or positive and finite, got " + std::to_string(c.sd));
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

double draw_gamma(double shape, double scale, stats::RandomStream& rs) {
    // Marsaglia & Tsang (2000), "A simple method for generating gamma variables", ACM TOMS 26(3): d = a − 1/3,
    // c = 1/√(9d); accept d·v, v = (1 + c·x)³, when log U < x²/2 + d − d·v + d·log v (with the cheap squeeze first).
    if (shape < 1.0) {
        const double u = rs.uniform();
        return draw_gamma(shape + 1.0, scale, rs) * std::pow(1.0 - u, 1.0 / shape);
    }
    const double d = shape - 1.0 / 3.0, c = 1.0 / std::sqrt(9.0 * d);
    boost::random::normal_distribution<double> normal;
    for (;;) {
        double x, v;
        do {
            x = normal(rs);
            v = 1.0 + c * x;
        } while (v <= 0.0);
        v = v * v * v;
        const double u = rs.uniform();
        const double x2 = x * x;
        if (u < 1.0 - 0.0331 * x2 * x2) return d * v * scale;
        if (std::log(u) < 0.5 * x2 + d * (1.0 - v + std::log(v))) return d * v * scale;
    }
}

double total_cost(const UnitCost& c, std::int64_t n, stats::RandomStream& rs) {
    if (n <= 0) return 0.0;
    const double dn = static_cast<double>(n);
    if (c.sd == 0.0) return dn * c.mean;
    if (c.family == CostFamily::gamma) {
        const double k = c.mean * c.mean / (c.sd * c.sd), theta = c.sd * c.sd / c.mean;
        return draw_gamma(dn * k, theta, rs);
    }
    boost::random::normal_distribution<double> normal;
    if (n <= lognormal_exact_limit) {
        const double s2 = std::log1p(c.sd * c.sd / (c.mean * c.mean)), mu = std::log(c.mean) - 0.5 * s2, s = std::sqrt(s2);
        double total = 0.0;
        for (std::int64_t i = 0; i < n; ++i) total += std::exp(mu + s * normal(rs));
        return total;
    }
    // Fenton–Wilkinson: a lognormal with the sum's mean n·m and variance n·sd², i.e. cv² = sd²/(n·m²).
    const double s2 = std::log1p(c.sd * c.sd / (dn * c.mean * c.mean));
    const double mu = std::log(dn * c.mean) - 0.5 * s2;
    return std::exp(mu + std::sqrt(s2) * normal(rs));
}

}  // namespace hp::finance
