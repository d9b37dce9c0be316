#include "healthyplaces/finance/uncertain.hpp"

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>

#include <cmath>
#include <limits>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/test_result.hpp"

namespace hp::finance {
namespace {


void finite(const char* who, const char* what, double x) {
    if (!std::isfinite(x)) throw DomainError(std::string("Uncertain.") + who + ": " + what +
                                             " must be finite, got " + stats::format_number(x));
}

void sd_ok(const char* who, double sd) {
    finite(who, "sd", sd);
    if (sd < 0) throw DomainError(std::string("Uncertain.") + who + ": sd must be >= 0, got " + stats::format_number(sd));
}

// Lognormal's log-scale parameters from the value's mean and sd: σ² = ln(1 + sd²/mean²), μ = ln mean − σ²/2.
void log_params(const Uncertain& u, double& mu, double& sigma) {
    const double s2 = std::log1p((u.b / u.a) * (u.b / u.a));
    sigma = std::sqrt(s2);
    mu = std::log(u.a) - s2 / 2;
}

}  // namespace

Uncertain Uncertain::fixed(double value) {
    finite("fixed", "value", value);
    return {UncertainKind::fixed, value, 0, 0};
}

Uncertain Uncertain::normal(double mean, double sd) {
    finite("normal", "mean", mean);
    sd_ok("normal", sd);
    return {UncertainKind::normal, mean, sd, 0};
}

Uncertain Uncertain::lognormal(double mean, double sd) {
    finite("lognormal", "mean", mean);
    sd_ok("lognormal", sd);
    if (mean <= 0) throw DomainError("Uncertain.lognormal: mean must be > 0, got " + stats::format_number(mean));
    return {UncertainKind::lognormal, mean, sd, 0};
}

Uncertain Uncertain::gamma(double mean, double sd) {
    finite("gamma", "mean", mean);
    sd_ok("gamma", sd);
    if (mean <= 0) throw DomainError("Uncertain.gamma: mean must be > 0, got " + stats::format_number(mean));
    return {UncertainKind::gamma, mean, sd, 0};
}

Uncertain Uncertain::beta(double mean, double sd) {
    finite("beta", "mean", mean);
    sd_ok("beta", sd);
    if (!(mean > 0 && mean < 1)) throw DomainError("Uncertain.beta: mean must be in (0, 1), got " + stats::format_number(mean));
    if (sd * sd >= mean * (1 - mean))
        throw DomainError("Uncertain.beta: sd must be below sqrt(mean(1 - mean)) = " +
                          stats::format_number(std::sqrt(mean * (1 - mean))) +
                          ", got " + stats::format_number(sd));
    return {UncertainKind::beta, mean, sd, 0};
}

Uncertain Uncertain::uniform(double low, double high) {
    finite("uniform", "low", low);
    finite("uniform", "high", high);
    if (low > high) throw DomainError("Uncertain.uniform: low must be <= high, got " + stats::format_number(low) + " > " + stats::format_number(high));
    return {UncertainKind::uniform, low, high, 0};
}

Uncertain Uncertain::triangular(double low, double mode, double high) {
    finite("triangular", "low", low);
    finite("triangular", "mode", mode);
    finite("triangular", "high", high);
    if (!(low <= mode && mode <= high))
        throw DomainError("Uncertain.triangular: need low <= mode <= high, got " + stats::format_number(low) + ", " + stats::format_number(mode) + ", " +
                          stats::format_number(high));
    return {UncertainKind::triangular, low, mode, high};
}

std::string to_string(const Uncertain& u) {
    switch (u.kind) {
        case UncertainKind::fixed: return "fixed(" + stats::format_number(u.a) + ")";
        case UncertainKind::normal: return "normal(mean=" + stats::format_number(u.a) + ", sd=" + stats::format_number(u.b) + ")";
        case UncertainKind::lognormal: return "lognormal(mean=" + stats::format_number(u.a) + ", sd=" + stats::format_number(u.b) + ")";
        case UncertainKind::gamma: return "gamma(mean=" + stats::format_number(u.a) + ", sd=" + stats::format_number(u.b) + ")";
        case UncertainKind::beta: return "beta(mean=" + stats::format_number(u.a) + ", sd=" + stats::format_number(u.b) + ")";
        case UncertainKind::uniform: return "uniform(low=" + stats::format_number(u.a) + ", high=" + stats::format_number(u.b) + ")";
        case UncertainKind::triangular:
            return "triangular(low=" + stats::format_number(u.a) + ", mode=" + stats::format_number(u.b) + ", high=" + stats::format_number(u.c) + ")";
    }
    return "?";
}

double mean(const Uncertain& u) {
    switch (u.kind) {
        case UncertainKind::uniform: return (u.a + u.b) / 2;
        case UncertainKind::triangular: return (u.a + u.b + u.c) / 3;
        default: return u.a;  // fixed, and the mean-sd families
    }
}

double sd(const Uncertain& u) {
    switch (u.kind) {
        case UncertainKind::fixed: return 0;
        case UncertainKind::uniform: return (u.b - u.a) / std::sqrt(12.0);
        case UncertainKind::triangular: {
            const double a = u.a, m = u.b, c = u.c;
            return std::sqrt((a * a + m * m + c * c - a * m - a * c - m * c) / 18);
        }
        default: return u.b;
    }
}

double quantile(const Uncertain& u, double p) {
    if (!(p >= 0 && p <= 1)) throw DomainError("Uncertain quantile: p must be in [0, 1], got " + stats::format_number(p));
    namespace bm = boost::math;
    switch (u.kind) {
        case UncertainKind::fixed: return u.a;
        case UncertainKind::uniform: return u.a + p * (u.b - u.a);
        case UncertainKind::triangular:
            if (u.a == u.c) return u.a;
            return bm::quantile(bm::triangular_distribution<>(u.a, u.b, u.c), p);
        default: break;
    }
    if (u.b == 0) return u.a;  // sd 0: the mean-sd families are a point mass
    if (p == 0 || p == 1) {
        const double inf = std::numeric_limits<double>::infinity();
        switch (u.kind) {
            case UncertainKind::normal: return p == 0 ? -inf : inf;
            case UncertainKind::beta: return p;
            default: return p == 0 ? 0.0 : inf;
        }
    }
    switch (u.kind) {
        case UncertainKind::normal: return u.a + u.b * bm::quantile(bm::normal_distribution<>(0, 1), p);
        case UncertainKind::lognormal: {
            double mu = 0, sigma = 0;
            log_params(u, mu, sigma);
            return std::exp(mu + sigma * bm::quantile(bm::normal_distribution<>(0, 1), p));
        }
        case UncertainKind::gamma: {
            const double shape = (u.a / u.b) * (u.a / u.b), scale = u.b * u.b / u.a;
            return bm::quantile(bm::gamma_distribution<>(shape, scale), p);
        }
        case UncertainKind::beta: {
            const double nu = u.a * (1 - u.a) / (u.b * u.b) - 1;
            return bm::quantile(bm::beta_distribution<>(u.a * nu, (1 - u.a) * nu), p);
        }
        default: return u.a;
    }
}

double draw(const Uncertain& u, stats::RandomStream& rng) {
    if (u.kind == UncertainKind::fixed) return u.a;
    // (k + ½)·2⁻⁵³ for 53 random bits k: strictly inside (0, 1), so the tails are finite.
    const double p = (static_cast<double>(rng() >> 11) + 0.5) * 0x1.0p-53;
    return quantile(u, p);
}

}  // namespace hp::finance
