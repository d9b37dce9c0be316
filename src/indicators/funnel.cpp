#include "healthyplaces/indicators/funnel.hpp"

#include "common.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>
#include <string_view>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/test_result.hpp"

namespace hp::indicators {
namespace {

using stats::format_number;
using detail::nan;
constexpr double half_pi = 1.5707963267948966;

// Φ⁻¹(p).
double qnorm(double p) { return boost::math::quantile(boost::math::normal_distribution<double>(), p); }

// The two-sided normal quantile for a confidence level, as qnorm(confidence + (1 − confidence)/2).
double z_of(double confidence_level) { return qnorm(confidence_level + (1.0 - confidence_level) / 2.0); }

using detail::inf;

std::string_view kind_name(FunnelKind k) {
    switch (k) {
        case FunnelKind::proportion: return "proportion";
        case FunnelKind::ratio: return "ratio";
        case FunnelKind::rate: return "rate";
    }
    return "?";
}

// What the denominator is called for a kind.
std::string_view denominator_name(FunnelKind k) { return k == FunnelKind::ratio ? "expected" : "denominator"; }

FunnelMethod resolve(const FunnelOptions& o) {
    const bool prop = o.kind == FunnelKind::proportion;
    switch (o.method) {
        case FunnelMethod::automatic: return prop ? FunnelMethod::wilson : FunnelMethod::exact;
        case FunnelMethod::wilson:
            if (!prop)
                throw DomainError("funnel: method \"wilson\" is for proportions; a " + std::string(kind_name(o.kind)) +
                                  " takes \"exact\" (Poisson) or \"chisq\"");
            return FunnelMethod::wilson;
        case FunnelMethod::chisq:
            if (prop) throw DomainError("funnel: method \"chisq\" is for ratios and rates; a proportion takes \"wilson\" or \"exact\"");
            return FunnelMethod::chisq;
        case FunnelMethod::exact: return FunnelMethod::exact;
    }
    return o.method;
}

void check_options(const FunnelOptions& o) {
    check_levels(o.confidence_level);
    if (!(o.multiplier > 0) || !std::isfinite(o.multiplier))
        throw DomainError("funnel: multiplier must be a positive finite number, got " + format_number(o.multiplier));
    if (!(o.winsorise >= 0 && o.winsorise < 0.5))
        throw DomainError("funnel: winsorise must be in [0, 0.5) (the fraction pulled in at each tail), got " +
                          format_number(o.winsorise));
    if (!(o.truncate >= 0 && o.truncate < 0.5))
        throw DomainError("funnel: truncate must be in [0, 0.5) (the fraction dropped at each tail), got " +
                          format_number(o.truncate));
    resolve(o);
}

// The target on the unit scale (proportion 0..1, ratio, rate per person), checked.
double unit_target(const FunnelOptions& o, double target) {
    const double t = target / o.multiplier;
    if (o.kind == FunnelKind::proportion) {
        if (!(t > 0 && t < 1))
            throw DomainError("funnel: a proportion's target must be strictly between 0 and the multiplier (" +
                              format_number(o.multiplier) + "), got " + format_number(target) +
                              (target == 0 ? " (the data have no events: give target=)" : ""));
    } else if (!(t > 0) || !std::isfinite(t)) {
        throw DomainError("funnel: a " + std::string(kind_name(o.kind)) + "'s target must be a positive finite number, got " +
                          format_number(target) + (target == 0 ? " (the data have no events: give target=)" : ""));
    }
    return t;
}

void check_denominator(std::string_view fn, FunnelKind kind, std::size_t i, double n) {
    if (!(n > 0) || !std::isfinite(n))
        throw DataError(std::string(fn) + ": organisation " + std::to_string(i) + " has " +
                        std::string(denominator_name(kind)) + " " + format_number(n) + "; it must be a finite number > 0");
}

// ---- exact limits: Spiegelhalter (2005) appendix, interpolated discrete quantiles --------------------------

// The interpolated p-quantile of a count distribution with cdf F on 0, 1, 2, ...: r the smallest count with
// F(r) >= p, then r − α with α = (F(r) − p) / (F(r) − F(r − 1)), so the limit moves smoothly with the
// denominator. `start` is a guess (the normal approximation): a search galloping from it (steps 1, 2, 4, ...)
// brackets r, then bisection finds it, O(log distance) cdf calls (stepping one count at a time from a poor guess
// ran for minutes). F is non-decreasing, so r is the one the stepping found; F(top) >= p is assumed.
template <class Cdf>
double interpolated_quantile(Cdf&& F, double p, double start, double top) {
    const double r0 = std::isnan(start) ? 0.0 : std::clamp(std::floor(start), 0.0, top);
    double lo, hi;  // F(lo) < p (lo = −1: below every count) and F(hi) >= p
    if (F(r0) >= p) {
        hi = r0, lo = r0 - 1;
        for (double step = 1; lo >= 0 && F(lo) >= p; step *= 2) hi = lo, lo = hi - 2 * step;
        lo = std::max(lo, -1.0);
    } else {
        lo = r0, hi = std::min(top, r0 + 1);
        for (double step = 1; hi < top && F(hi) < p; step *= 2) lo = hi, hi = std::min(top, lo + 2 * step);
    }
    while (hi - lo > 1) {
        const double mid = std::floor(lo + (hi - lo) / 2);
        if (!(mid > lo && mid < hi)) break;  // whole numbers past 2^53: no count between
        (F(mid) >= p ? hi : lo) = mid;
    }
    const double r = hi, fr = F(r);
    const double below = r > 0 ? F(r - 1) : 0.0;
    const double gap = fr - below;
    const double alpha = gap > 0 ? (fr - p) / gap : 0.0;
    return std::max(0.0, r - alpha);
}

// P(R <= r) for R ~ Binomial(n, θ); n need not be an integer (the regularised incomplete beta).
double binomial_cdf(double r, double n, double theta) {
    if (r < 0) return 0.0;
    if (r >= n) return 1.0;
    return boost::math::ibetac(r + 1.0, n - r, theta);
}

// P(R <= r) for R ~ Poisson(μ).
double poisson_cdf(double r, double mu) { return r < 0 ? 0.0 : boost::math::gamma_q(r + 1.0, mu); }

double exact_binomial(double n, double theta, double p) {
    const double start = n * theta + qnorm(p) * std::sqrt(n * theta * (1 - theta));
    return interpolated_quantile([&](double r) { return binomial_cdf(r, n, theta); }, p, start, std::ceil(n)) / n;
}

double exact_poisson(double mu, double p) {
    const double start = mu + qnorm(p) * std::sqrt(mu);
    return interpolated_quantile([&](double r) { return poisson_cdf(r, mu); }, p, start,
                                 std::numeric_limits<double>::max());
}

// ---- the transformed scale -------------------------------------------------------------------------------

// Y = g(value), its standard error s under the target, and back again (unit scale).
double forward(FunnelKind k, double unit) { return k == FunnelKind::proportion ? std::asin(std::sqrt(unit)) : std::log(unit); }
double backward(FunnelKind k, double y) {
    if (k == FunnelKind::proportion) {
        const double c = std::sin(std::clamp(y, 0.0, half_pi));
        return c * c;
    }
    return std::exp(y);
}
// Standard error on the transformed scale at denominator n: 1/(2√n) for arcsine-√; 1/√(θ·n) for log counts
// (the expected count θ·n under the target; FunnelPlotR's 1/√E at θ = 1).
double s_of(FunnelKind k, double n, double theta) {
    return k == FunnelKind::proportion ? 0.5 / std::sqrt(n) : 1.0 / std::sqrt(theta * n);
}

struct LimitPlan {
    FunnelKind kind;
    FunnelMethod method;
    Overdispersion od;
    double theta, mult, phi, tau2;
};

// Lower and upper limit (reported scale) at denominator n and confidence c.
std::pair<double, double> limits_at(const LimitPlan& p, double n, double c) {
    const double a = (1.0 - c) / 2.0;
    double lo = nan, hi = nan;
    if (p.od != Overdispersion::none) {
        const double s = s_of(p.kind, n, p.theta), z = z_of(c);
        const double var = (p.od == Overdispersion::multiplicative ? std::max(1.0, p.phi) : 1.0) * s * s +
                           (p.od == Overdispersion::additive ? p.tau2 : 0.0);
        const double centre = forward(p.kind, p.theta), half = z * std::sqrt(var);
        lo = backward(p.kind, centre - half), hi = backward(p.kind, centre + half);
    } else if (p.method == FunnelMethod::wilson) {
        const double half = z_of(c) * std::sqrt(p.theta * (1 - p.theta) / n);
        lo = std::max(0.0, p.theta - half), hi = std::min(1.0, p.theta + half);
    } else if (p.method == FunnelMethod::exact) {
        if (p.kind == FunnelKind::proportion) {
            if (n > detail::max_exact_count) throw std::domain_error("exact binomial limits stop at denominators of 1e15");
            lo = exact_binomial(n, p.theta, a), hi = exact_binomial(n, p.theta, 1 - a);
        } else {
            const double mu = p.theta * n;
            if (!(mu <= detail::max_exact_count))
                throw std::domain_error("exact Poisson limits stop at expected counts of 1e15");
            lo = exact_poisson(mu, a) / n, hi = exact_poisson(mu, 1 - a) / n;
        }
    } else {  // chisq, FunnelPlotR: the chi-square limits of a count equal to the expected one
        const double e = p.kind == FunnelKind::ratio ? n : p.theta * n;
        const double scale = p.kind == FunnelKind::ratio ? p.theta / n : 1.0 / n;
        if (!std::isfinite(e)) throw std::overflow_error("the expected count overflows the double range");
        lo = detail::poisson_lower(e, c) * scale, hi = detail::poisson_upper(e, c) * scale;
    }
    return {lo * p.mult, hi * p.mult};
}

// limits_at with Boost's failures (its series give up on counts of about 1e11 and more) turned into a DataError
// naming the organisation (or grid point) and what to use instead.
std::pair<double, double> checked_limits(std::string_view fn, std::string_view who, std::size_t i,
                                         const LimitPlan& p, double n, double c) {
    try {
        return limits_at(p, n, c);
    } catch (const std::exception& e) {
        if (dynamic_cast<const Error*>(&e) != nullptr) throw;
        const bool prop = p.kind == FunnelKind::proportion;
        throw DataError(std::string(fn) + ": " + std::string(who) + " " + std::to_string(i) + " has " +
                        std::string(denominator_name(p.kind)) + " " + format_number(n) + ": its " +
                        (prop ? "exact binomial" : "exact Poisson") + " limits at level " + format_number(c) +
                        " cannot be computed (" + detail::boost_reason(e) + "); for counts this large use method \"" +
                        (prop ? "wilson" : "chisq") + "\"");
    }
}

std::string method_words(const LimitPlan& p) {
    std::string base;
    switch (p.method) {
        case FunnelMethod::wilson: base = "Wilson score"; break;
        case FunnelMethod::exact: base = p.kind == FunnelKind::proportion ? "exact binomial" : "exact Poisson"; break;
        case FunnelMethod::chisq: base = "chi-square Poisson"; break;
        case FunnelMethod::automatic: break;
    }
    if (p.od == Overdispersion::multiplicative) return "multiplicative overdispersion (phi)";
    if (p.od == Overdispersion::additive) return "additive overdispersion (random effects, tau2)";
    return base;
}

std::string percent(double level) {
    std::string t = format_number(level * 100.0);
    return t + "%";
}

}  // namespace

std::string significance_label(int direction, double level) {
    if (direction == 0 || std::isnan(level)) return "within";
    return (direction > 0 ? "high " : "low ") + percent(level);
}

Dispersion dispersion(std::span<const double> z, std::span<const double> s, double winsorise, double truncate) {
    if (z.size() != s.size())
        throw DataError("funnel: " + std::to_string(z.size()) + " z-scores but " + std::to_string(s.size()) +
                        " standard errors; give one of each per organisation");
    if (!(winsorise >= 0 && winsorise < 0.5))
        throw DomainError("funnel: winsorise must be in [0, 0.5), got " + format_number(winsorise));
    if (!(truncate >= 0 && truncate < 0.5))
        throw DomainError("funnel: truncate must be in [0, 0.5), got " + format_number(truncate));
    const std::size_t n = z.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::isfinite(z[i]))
            throw DataError("funnel: organisation " + std::to_string(i) + " has z-score " + format_number(z[i]) +
                            "; z-scores must be finite");
        if (!(s[i] > 0) || !std::isfinite(s[i]))
            throw DataError("funnel: organisation " + std::to_string(i) + " has standard error " + format_number(s[i]) +
                            "; it must be a finite number > 0");
    }
    Dispersion d;
    std::vector<double> kept_z, kept_s;
    if (truncate > 0) {
        // Average ranks (ties share), rank groups floor(rank·k/(n + 1)); keep neither end group.
        std::vector<std::size_t> order(n);
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return z[a] < z[b]; });
        std::vector<double> rank(n);
        for (std::size_t i = 0; i < n;) {
            std::size_t j = i;
            while (j + 1 < n && z[order[j + 1]] == z[order[i]]) ++j;
            const double r = (static_cast<double>(i) + static_cast<double>(j)) / 2.0 + 1.0;
            for (std::size_t t = i; t <= j; ++t) rank[order[t]] = r;
            i = j + 1;
        }
        const double k = 1.0 / truncate;
        for (std::size_t i = 0; i < n; ++i) {
            const double group = std::floor(rank[i] * k / (static_cast<double>(n) + 1.0));
            if (group > 0 && group < k - 1) kept_z.push_back(z[i]), kept_s.push_back(s[i]);
        }
    } else {
        std::vector<double> sorted(z.begin(), z.end());
        std::sort(sorted.begin(), sorted.end());
        // R's default (type 7) quantile.
        auto quantile = [&](double p) {
            const double h = (static_cast<double>(n) - 1.0) * p;
            const auto lo = static_cast<std::size_t>(std::floor(h));
            const std::size_t hi = std::min(lo + 1, n - 1);
            return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
        };
        if (n > 0) {
            const double lz = quantile(winsorise), uz = quantile(1.0 - winsorise);
            for (std::size_t i = 0; i < n; ++i) kept_z.push_back(std::clamp(z[i], lz, uz)), kept_s.push_back(s[i]);
        }
    }
    d.n_used = kept_z.size();
    if (d.n_used == 0) {
        d.phi = nan, d.tau2 = nan;
        return d;
    }
    double sum_z2 = 0, sum_w = 0, sum_w2 = 0;
    for (std::size_t i = 0; i < d.n_used; ++i) {
        const double w = 1.0 / (kept_s[i] * kept_s[i]);
        sum_z2 += kept_z[i] * kept_z[i], sum_w += w, sum_w2 += w * w;
    }
    const double m = static_cast<double>(d.n_used);
    d.phi = sum_z2 / m;
    const double denom = sum_w - sum_w2 / sum_w;
    d.tau2 = (m * d.phi < m - 1 || !(denom > 0)) ? 0.0 : std::max(0.0, (m * d.phi - (m - 1)) / denom);
    return d;
}

Intervals funnel_limits(std::span<const double> denominator, double target, const FunnelOptions& options, double phi,
                        double tau2) {
    check_options(options);
    const LimitPlan plan{options.kind, resolve(options), options.overdispersion, unit_target(options, target),
                         options.multiplier, phi, tau2};
    if (options.overdispersion != Overdispersion::none) {
        if (!(phi > 0) || !std::isfinite(phi))
            throw DomainError("funnel_limits: phi must be a positive finite number, got " + format_number(phi));
        if (!(tau2 >= 0) || !std::isfinite(tau2))
            throw DomainError("funnel_limits: tau2 must be a finite number >= 0, got " + format_number(tau2));
    }
    Intervals out;
    out.resize(denominator.size(), options.confidence_level);
    out.method = method_words(plan);
    for (std::size_t i = 0; i < denominator.size(); ++i) {
        check_denominator("funnel_limits", options.kind, i, denominator[i]);
        out.value[i] = target;
        for (std::size_t l = 0; l < options.confidence_level.size(); ++l) {
            const auto [lo, hi] =
                checked_limits("funnel_limits", "point", i, plan, denominator[i], options.confidence_level[l]);
            out.lower[l][i] = lo, out.upper[l][i] = hi;
        }
    }
    return out;
}

Funnel funnel(std::span<const double> numerator, std::span<const double> denominator, const FunnelOptions& options,
              std::optional<double> target) {
    constexpr std::string_view fn = "funnel";
    check_options(options);
    if (numerator.size() != denominator.size())
        throw DataError("funnel: numerator has " + std::to_string(numerator.size()) + " values but " +
                        std::string(denominator_name(options.kind)) + " has " + std::to_string(denominator.size()) +
                        "; give one of each per organisation");
    const std::size_t n = numerator.size();
    if (n == 0) throw DataError("funnel: no organisations; give at least one numerator and denominator");
    for (std::size_t i = 0; i < n; ++i) {
        const double x = numerator[i], d = denominator[i];
        if (!(x >= 0) || !std::isfinite(x))
            throw DataError("funnel: organisation " + std::to_string(i) + " has numerator " + format_number(x) +
                            "; it must be a finite number >= 0");
        check_denominator(fn, options.kind, i, d);
        if (options.kind == FunnelKind::proportion && x > d)
            throw DataError("funnel: organisation " + std::to_string(i) + " has numerator " + format_number(x) +
                            " above its denominator " + format_number(d) + "; a proportion needs numerator <= denominator");
    }
    const double t = target ? *target : default_target(options, numerator, denominator);
    const double theta = unit_target(options, t);

    Funnel f;
    f.kind = options.kind;
    f.target = t;
    f.confidence_level = options.confidence_level;
    f.value.resize(n), f.z.resize(n), f.s.resize(n), f.z_adjusted.resize(n);
    const double centre = forward(options.kind, theta);
    for (std::size_t i = 0; i < n; ++i) {
        const double x = numerator[i], d = denominator[i];
        f.value[i] = x / d * options.multiplier;
        // A zero count has no logarithm: its z-score uses half an event (the value and the limits do not).
        const double unit = options.kind == FunnelKind::proportion ? x / d : std::max(x, 0.5) / d;
        f.s[i] = s_of(options.kind, d, theta);
        f.z[i] = (forward(options.kind, unit) - centre) / f.s[i];
    }
    const Dispersion disp = dispersion(f.z, f.s, options.winsorise, options.truncate);
    f.phi = disp.phi, f.tau2 = disp.tau2, f.n_used = disp.n_used;
    if (options.overdispersion != Overdispersion::none && disp.n_used == 0)
        throw DomainError("funnel: truncate=" + format_number(options.truncate) + " keeps none of the " +
                          std::to_string(n) + " organisations; give more organisations or a smaller truncate");
    const LimitPlan plan{options.kind, resolve(options), options.overdispersion, theta, options.multiplier, f.phi, f.tau2};
    f.method = method_words(plan);
    for (std::size_t i = 0; i < n; ++i) {
        if (options.overdispersion == Overdispersion::multiplicative)
            f.z_adjusted[i] = f.z[i] / std::sqrt(std::max(1.0, f.phi));
        else if (options.overdispersion == Overdispersion::additive)
            f.z_adjusted[i] = f.z[i] * f.s[i] / std::sqrt(f.s[i] * f.s[i] + f.tau2);
        else
            f.z_adjusted[i] = f.z[i];
    }
    const std::size_t nl = options.confidence_level.size();
    f.lower.assign(nl, std::vector<double>(n));
    f.upper.assign(nl, std::vector<double>(n));
    f.direction.assign(n, 0);
    f.beyond.assign(n, nan);
    f.significance.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t l = 0; l < nl; ++l) {
            const double c = options.confidence_level[l];
            const auto [lo, hi] = checked_limits(fn, "organisation", i, plan, denominator[i], c);
            f.lower[l][i] = lo, f.upper[l][i] = hi;
            const int dir = f.value[i] > hi ? 1 : (f.value[i] < lo ? -1 : 0);
            if (dir != 0 && (std::isnan(f.beyond[i]) || c > f.beyond[i])) f.beyond[i] = c, f.direction[i] = static_cast<std::int8_t>(dir);
        }
        f.significance[i] = significance_label(f.direction[i], f.beyond[i]);
    }
    return f;
}

// ---- the target and the grid for funnel_limits -----------------------------------------------------------

double default_target(const FunnelOptions& options, std::span<const double> numerator,
                      std::span<const double> denominator) {
    if (options.kind == FunnelKind::ratio) return 1.0 * options.multiplier;
    if (numerator.empty())
        throw DomainError("funnel_limits: give target= (on the reported scale) or numerator= for a " +
                          std::string(kind_name(options.kind)));
    if (numerator.size() != denominator.size())
        throw DataError("funnel_limits: numerator has " + std::to_string(numerator.size()) + " values but " +
                        std::string(denominator_name(options.kind)) + " has " + std::to_string(denominator.size()));
    double sum_x = 0, sum_n = 0;
    for (std::size_t i = 0; i < numerator.size(); ++i) sum_x += numerator[i], sum_n += denominator[i];
    return sum_x / sum_n * options.multiplier;
}

std::vector<double> funnel_grid(std::span<const double> denominator, std::int64_t n_points) {
    if (n_points < 2) throw DomainError("funnel_limits: n_points must be at least 2, got " + std::to_string(n_points));
    double lo = inf, hi = -inf;
    for (double d : denominator)
        if (std::isfinite(d) && d > 0) lo = std::min(lo, d), hi = std::max(hi, d);
    if (!(lo <= hi))
        throw DataError("funnel_limits: no positive denominators to span; give denominator= values > 0");
    const double start = lo * 0.5, stop = hi * 1.1;
    const double a = std::log10(start), b = std::log10(stop);
    const auto n = static_cast<std::size_t>(n_points);
    const double step = (b - a) / static_cast<double>(n - 1);
    std::vector<double> grid(n);
    for (std::size_t k = 0; k < n; ++k) grid[k] = std::pow(10.0, static_cast<double>(k) * step + a);
    grid.front() = start, grid.back() = stop;
    return grid;
}

// ---- names ------------------------------------------------------------------------------------------------

FunnelKind parse_funnel_kind(std::string_view name) {
    if (name == "proportion") return FunnelKind::proportion;
    if (name == "ratio") return FunnelKind::ratio;
    if (name == "rate") return FunnelKind::rate;
    throw DomainError("funnel: kind must be \"proportion\", \"ratio\" or \"rate\", got \"" + std::string(name) + "\"");
}

FunnelMethod parse_funnel_method(std::string_view name) {
    if (name == "auto") return FunnelMethod::automatic;
    if (name == "wilson") return FunnelMethod::wilson;
    if (name == "exact") return FunnelMethod::exact;
    if (name == "chisq") return FunnelMethod::chisq;
    throw DomainError("funnel: method must be \"auto\", \"wilson\", \"exact\" or \"chisq\", got \"" +
                      std::string(name) + "\"");
}

Overdispersion parse_overdispersion(std::string_view name) {
    if (name == "none") return Overdispersion::none;
    if (name == "multiplicative") return Overdispersion::multiplicative;
    if (name == "additive") return Overdispersion::additive;
    throw DomainError("funnel: overdispersion must be None, \"multiplicative\" or \"additive\", got \"" +
                      std::string(name) + "\"");
}

std::string to_string(FunnelKind kind) { return std::string(kind_name(kind)); }

std::string to_string(FunnelMethod method) {
    switch (method) {
        case FunnelMethod::wilson: return "wilson";
        case FunnelMethod::exact: return "exact";
        case FunnelMethod::chisq: return "chisq";
        case FunnelMethod::automatic: break;
    }
    return "auto";
}

std::string to_string(Overdispersion overdispersion) {
    switch (overdispersion) {
        case Overdispersion::multiplicative: return "multiplicative";
        case Overdispersion::additive: return "additive";
        case Overdispersion::none: break;
    }
    return "none";
}

}  // namespace hp::indicators
