#include "healthyplaces/stats/effect_size.hpp"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <cstdio>
#include <string>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/ranks.hpp"

namespace hp::stats {

std::string_view to_string(CliffVariance v) noexcept {
    return v == CliffVariance::unbiased ? "unbiased" : "consistent";
}

CliffVariance parse_cliff_variance(std::string_view name) {
    if (name == "unbiased") return CliffVariance::unbiased;
    if (name == "consistent") return CliffVariance::consistent;
    throw DomainError("unknown variance '" + std::string(name) + "': use 'unbiased' or 'consistent'");
}

namespace {

detail::Placements checked_placements(std::span<const double> x, std::span<const double> y, const char* what) {
    check_finite(x, "x");
    check_finite(y, "y");
    for (auto [s, name] : {std::pair{x, "x"}, std::pair{y, "y"}})
        if (s.size() < 2)
            throw DataError(std::string(name) + ": " + what + " needs at least 2 observations in each sample (its "
                            "variance divides by n - 1), got " + std::to_string(s.size()));
    const auto lv = detail::two_sample_levels(x, y);
    return detail::placements(lv.a, lv.b);
}

std::string fixed(double v, int digits) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

Estimate cliff_from_placements(const detail::Placements& p, const CliffsDeltaOptions& o) {
    const double nx = p.nx, ny = p.ny, pairs = nx * ny;
    const double gt = p.sum_x - 0.5 * p.ties, lt = p.sum_y - 0.5 * p.ties;  // #(x > y), #(x < y): exact
    const double d = (gt - lt) / pairs;
    // disjoint samples: effsize evaluates the interval at d·(nm − 1)/(nm), where 1 − d² is not 0
    const double dd = std::abs(d) == 1.0 ? d * (pairs - 1) / pairs : d;
    // Σ_i (d_i. − dd)² and Σ_j (d_.j − dd)²: d_i. = (2·placement_i − ny)/ny is linear in x_i's placement among y
    const double shift = (d - dd) * (d - dd);
    const double ss_i = 4 * p.ss_x / (ny * ny) + nx * shift;
    const double ss_j = 4 * p.ss_y / (nx * nx) + ny * shift;
    // ΣΣ (d_ij − dd)² over the pairs: d_ij is 1, 0 or −1
    const double ss_ij = gt * (1 - dd) * (1 - dd) + p.ties * dd * dd + lt * (1 + dd) * (1 + dd);
    double s2 = 0;
    if (o.variance == CliffVariance::unbiased)
        s2 = (ny * ny * ss_i + nx * nx * ss_j - ss_ij) / (pairs * (nx - 1) * (ny - 1));
    else
        s2 = ((ny - 1) * ss_i / (nx - 1) + (nx - 1) * ss_j / (ny - 1) + ss_ij / ((nx - 1) * (ny - 1))) / pairs;
    s2 = std::max(s2, (1 - dd * dd) / (pairs - 1));  // Cliff's (1993) smallest allowable variance

    const double level = (1 + o.confidence_level) / 2;
    double z = 0;
    if (o.distribution == Approximation::t) z = quantile(boost::math::students_t(nx + ny - 2), level);
    else z = quantile(boost::math::normal(), level);
    const double one = 1 - dd * dd, z2s2 = z * z * s2;
    const double half = z * std::sqrt(s2) * std::sqrt(one * one + z2s2);
    Estimate e;
    e.estimate = d;
    e.ci_low = d == -1.0 ? -1.0 : (dd - dd * dd * dd - half) / (one + z2s2);
    e.ci_high = d == 1.0 ? 1.0 : (dd - dd * dd * dd + half) / (one + z2s2);
    e.confidence_level = o.confidence_level;
    e.n = static_cast<std::int64_t>(nx + ny);
    e.standard_error = std::sqrt(s2);
    e.method = "Cliff's asymmetric interval, " + std::string(to_string(o.variance)) + " variance, " +
               (o.distribution == Approximation::t ? "t quantile (df " + std::to_string(e.n - 2) + ")"
                                                   : std::string("normal quantile"));
    if (std::abs(d) == 1.0) e.method += "; samples do not overlap: interval at d(nm - 1)/nm, outer bound +-1";
    return e;
}

}  // namespace

Estimate cliffs_delta(std::span<const double> x, std::span<const double> y, const CliffsDeltaOptions& options) {
    check_confidence_level(options.confidence_level);
    return cliff_from_placements(checked_placements(x, y, "Cliff's delta"), options);
}

Estimate cliffs_delta(std::span<const double> x, std::span<const double> y, double confidence_level) {
    CliffsDeltaOptions o;
    o.confidence_level = confidence_level;
    return cliffs_delta(x, y, o);
}

Estimate probability_of_superiority(std::span<const double> x, std::span<const double> y, double confidence_level) {
    check_confidence_level(confidence_level);
    const auto p = checked_placements(x, y, "the probability of superiority");
    const double pairs = p.nx * p.ny;
    const double v = p.nx * p.ss_x / (p.nx - 1) + p.ny * p.ss_y / (p.ny - 1);
    Estimate e;
    if (v == 0) {
        // no overlap, or every value equal: no Brunner-Munzel interval; Cliff's handles both edges
        CliffsDeltaOptions o;
        o.confidence_level = confidence_level;
        const Estimate c = cliff_from_placements(p, o);
        e.ci_low = (1 + c.ci_low) / 2;
        e.ci_high = (1 + c.ci_high) / 2;
        e.standard_error = c.standard_error / 2;
        e.method = "Brunner-Munzel variance is zero (the samples do not overlap, or all values are equal): "
                   "interval from Cliff's delta mapped by (1 + d)/2 (" + c.method + ")";
    } else {
        const double se = std::sqrt(v) / pairs;
        const double df = detail::brunner_munzel_df(p);
        const double q = quantile(boost::math::students_t(df), (1 + confidence_level) / 2);
        e.ci_low = std::max(0.0, p.sum_x / pairs - q * se);
        e.ci_high = std::min(1.0, p.sum_x / pairs + q * se);
        e.standard_error = se;
        e.method = "Brunner-Munzel variance, t interval (df " + fixed(df, 2) + "), clipped to [0, 1]";
    }
    e.estimate = p.sum_x / pairs;
    e.confidence_level = confidence_level;
    e.n = static_cast<std::int64_t>(p.nx + p.ny);
    return e;
}

}  // namespace hp::stats
