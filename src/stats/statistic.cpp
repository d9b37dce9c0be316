#include "healthyplaces/stats/statistic.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/test_result.hpp"

namespace hp::stats {

std::string_view to_string(StatisticKind k) noexcept {
    switch (k) {
        case StatisticKind::mean: return "mean";
        case StatisticKind::median: return "median";
        case StatisticKind::mode: return "mode";
        case StatisticKind::quantile: return "quantile";
        case StatisticKind::share_at_or_above: return "share_at_or_above";
    }
    return "?";
}

std::string_view to_string(TiePolicy t) noexcept {
    switch (t) {
        case TiePolicy::lowest: return "lowest";
        case TiePolicy::highest: return "highest";
        case TiePolicy::mean: return "mean";
        case TiePolicy::error: return "error";
    }
    return "?";
}

TiePolicy parse_tie_policy(std::string_view name) {
    for (auto t : {TiePolicy::lowest, TiePolicy::highest, TiePolicy::mean, TiePolicy::error})
        if (name == to_string(t)) return t;
    throw DomainError("unknown tie policy '" + std::string(name) +
                      "' for the mode: use 'lowest' (scipy.stats.mode's choice), 'highest', 'mean' or 'error'");
}

void validate(const Statistic& s) {
    if (s.kind == StatisticKind::quantile && !(s.p >= 0.0 && s.p <= 1.0))
        throw DomainError("quantile statistic: p must be in [0, 1], got " + format_number(s.p));
    if (s.kind == StatisticKind::share_at_or_above && !std::isfinite(s.threshold))
        throw DomainError("share_at_or_above statistic: the threshold must be a finite number");
}

bool names_difference(std::string_view name) noexcept {
    constexpr std::string_view suffix = "_difference";
    return name.size() > suffix.size() && name.substr(name.size() - suffix.size()) == suffix;
}

Statistic parse_statistic(std::string_view name, const Statistic& base) {
    std::string_view stem = names_difference(name) ? name.substr(0, name.size() - 11) : name;
    Statistic s = base;
    for (auto k : {StatisticKind::mean, StatisticKind::median, StatisticKind::mode, StatisticKind::quantile,
                   StatisticKind::share_at_or_above})
        if (stem == to_string(k)) {
            s.kind = k;
            validate(s);
            return s;
        }
    throw DomainError("unknown statistic '" + std::string(name) +
                      "': use 'mean', 'median', 'mode', 'quantile' or 'share_at_or_above' (optionally with the "
                      "suffix '_difference'), or pass a callable");
}

std::string describe(const Statistic& s) {
    std::ostringstream out;
    switch (s.kind) {
        case StatisticKind::quantile:
            out << "quantile(p=" << s.p << ", " << to_string(s.quantile_method) << ")";
            break;
        case StatisticKind::mode: out << "mode (ties: " << to_string(s.tie_policy) << ")"; break;
        case StatisticKind::share_at_or_above: out << "share at or above " << s.threshold; break;
        default: out << to_string(s.kind);
    }
    return out.str();
}

CountedSample tally(std::span<const double> xs, bool with_codes) {
    CountedSample c;
    c.n = static_cast<std::int64_t>(xs.size());
    std::vector<double> sorted(xs.begin(), xs.end());
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t i = 0; i < sorted.size();) {
        std::size_t j = i + 1;
        while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
        c.values.push_back(sorted[i]);
        c.counts.push_back(static_cast<std::int64_t>(j - i));
        i = j;
    }
    if (!with_codes) return c;
    c.codes.resize(xs.size());
    for (std::size_t i = 0; i < xs.size(); ++i)
        c.codes[i] = static_cast<std::int32_t>(std::lower_bound(c.values.begin(), c.values.end(), xs[i]) - c.values.begin());
    return c;
}

namespace {

// numpy's _lerp: exact at both ends, and the form it takes on each side of t = 0.5.
inline double lerp(double a, double b, double t) {
    const double d = b - a;
    if (!std::isfinite(d)) return a * (1 - t) + b * t;  // a and b near ±1.8e308: their gap overflows, they do not
    return t >= 0.5 ? b - d * (1 - t) : a + d * t;
}

// The quantile of a sorted sample of size m whose j-th smallest value is at(j), by numpy.quantile's
// definitions of each method (virtual index, gamma, interpolation).
template <class At>
double quantile_at(std::int64_t m, double p, QuantileMethod method, At&& at) {
    const auto last = m - 1;
    const auto clip = [&](std::int64_t j) { return std::clamp<std::int64_t>(j, 0, last); };
    switch (method) {
        case QuantileMethod::inverted_cdf: {
            const double idx = static_cast<double>(m) * p - 1;
            const double prev = std::floor(idx);
            const double j = (idx - prev == 0) ? prev : prev + 1;
            return at(clip(static_cast<std::int64_t>(j)));
        }
        case QuantileMethod::lower: return at(clip(static_cast<std::int64_t>(std::floor(static_cast<double>(last) * p))));
        case QuantileMethod::higher: return at(clip(static_cast<std::int64_t>(std::ceil(static_cast<double>(last) * p))));
        case QuantileMethod::nearest:
            // np.around rounds half to even, as nearbyint does in the default rounding mode
            return at(clip(static_cast<std::int64_t>(std::nearbyint(static_cast<double>(last) * p))));
        case QuantileMethod::midpoint: {
            const double h = static_cast<double>(last) * p;
            const double v = 0.5 * (std::floor(h) + std::ceil(h));
            if (v >= static_cast<double>(last)) return at(last);
            const auto lo = static_cast<std::int64_t>(std::floor(v));
            const double g = (std::fmod(v, 1.0) == 0) ? 0.0 : 0.5;
            return lerp(at(lo), at(lo + 1), g);
        }
        case QuantileMethod::linear:
        default: {
            const double h = static_cast<double>(last) * p;
            if (h >= static_cast<double>(last)) return at(last);
            const auto lo = static_cast<std::int64_t>(std::floor(h));
            return lerp(at(lo), at(lo + 1), h - static_cast<double>(lo));
        }
    }
}

// j-th smallest value (0-based) of the counted sample: the sorted sample without sorting. O(values).
inline double order_statistic(std::span<const double> values, const std::int64_t* counts, std::int64_t j) {
    std::int64_t cum = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        cum += counts[i];
        if (j < cum) return values[i];
    }
    return values.back();
}

inline double median_of(std::int64_t n, auto&& at) {
    // np.median: the middle value, or the mean of the two middle values (their sum halved; halved first when
    // the sum would overflow, e.g. 1e308 and 1.7e308)
    if (n % 2 == 1) return at(n / 2);
    const double a = at(n / 2 - 1), b = at(n / 2), sum = a + b;
    return std::isfinite(sum) ? sum / 2 : a / 2 + b / 2;
}

// Sums of values near the double max are taken scaled by 2^-mean_scale_bits (exact) when they overflow.
constexpr int mean_scale_bits = 128;

// The value reported for a set of tied modes given by its lowest, highest, sum and size.
double resolve_mode(TiePolicy policy, double lowest, double highest, double sum, std::int64_t ties) {
    if (ties > 1 && policy == TiePolicy::error)
        throw DomainError("mode: " + std::to_string(ties) + " different values are equally common (from " +
                          format_number(lowest) + " to " + format_number(highest) +
                          ") in the sample or in a resample of it, and tie_policy is 'error'; choose 'lowest', "
                          "'highest' or 'mean'");
    switch (policy) {
        case TiePolicy::highest: return highest;
        case TiePolicy::mean: return sum / static_cast<double>(ties);
        default: return lowest;
    }
}

}  // namespace

double evaluate(const Statistic& s, std::span<const double> values, const std::int64_t* counts, std::int64_t n) {
    switch (s.kind) {
        case StatisticKind::mean: {
            double sum = 0;
            for (std::size_t i = 0; i < values.size(); ++i) sum += static_cast<double>(counts[i]) * values[i];
            if (std::isfinite(sum)) return sum / static_cast<double>(n);
            // the sum left the double range (values near 1.8e308): the mean of finite values never does, so
            // add them scaled by an exact power of two
            double scaled = 0;
            for (std::size_t i = 0; i < values.size(); ++i)
                scaled += static_cast<double>(counts[i]) * std::ldexp(values[i], -mean_scale_bits);
            return std::ldexp(scaled / static_cast<double>(n), mean_scale_bits);
        }
        case StatisticKind::median:
            return median_of(n, [&](std::int64_t j) { return order_statistic(values, counts, j); });
        case StatisticKind::quantile:
            return quantile_at(n, s.p, s.quantile_method, [&](std::int64_t j) { return order_statistic(values, counts, j); });
        case StatisticKind::share_at_or_above: {
            std::int64_t at_or_above = 0;
            for (std::size_t i = 0; i < values.size(); ++i)
                if (values[i] >= s.threshold) at_or_above += counts[i];
            return static_cast<double>(at_or_above) / static_cast<double>(n);
        }
        case StatisticKind::mode: {
            std::int64_t top = 0, ties = 0;
            double lowest = 0, highest = 0, sum = 0;
            for (std::size_t i = 0; i < values.size(); ++i) {
                const auto c = counts[i];
                if (c == 0 || c < top) continue;
                if (c > top) {
                    top = c;
                    ties = 0;
                    lowest = values[i];
                    sum = 0;
                }
                ++ties;
                highest = values[i];
                sum += values[i];
            }
            return resolve_mode(s.tie_policy, lowest, highest, sum, ties);
        }
    }
    return std::numeric_limits<double>::quiet_NaN();
}

double evaluate(const Statistic& s, std::span<const double> xs) {
    if (xs.empty()) throw DataError("statistic of an empty sample");
    return evaluate(s, tally(xs, false));
}

namespace {

// Leave-one-out values when there are many distinct values: each in O(1) or O(log values) from aggregates
// of the whole sample, so that the jackknife of n distinct values costs O(n log n), not O(n^2).
Jackknife jackknife_many(const Statistic& s, const CountedSample& c) {
    const std::size_t k = c.values.size();
    const std::int64_t n = c.n, m = n - 1;
    Jackknife jk;
    jk.n = n;
    jk.values.resize(k);
    jk.weights.resize(k);
    for (std::size_t i = 0; i < k; ++i) jk.weights[i] = static_cast<double>(c.counts[i]);
    switch (s.kind) {
        case StatisticKind::mean: {
            double sum = 0;
            for (std::size_t i = 0; i < k; ++i) sum += static_cast<double>(c.counts[i]) * c.values[i];
            if (std::isfinite(sum)) {
                for (std::size_t i = 0; i < k; ++i) jk.values[i] = (sum - c.values[i]) / static_cast<double>(m);
                break;
            }
            sum = 0;  // overflowed: scaled by an exact power of two, as in evaluate
            for (std::size_t i = 0; i < k; ++i) sum += static_cast<double>(c.counts[i]) * std::ldexp(c.values[i], -mean_scale_bits);
            for (std::size_t i = 0; i < k; ++i)
                jk.values[i] = std::ldexp((sum - std::ldexp(c.values[i], -mean_scale_bits)) / static_cast<double>(m), mean_scale_bits);
            break;
        }
        case StatisticKind::share_at_or_above: {
            std::int64_t above = 0;
            for (std::size_t i = 0; i < k; ++i)
                if (c.values[i] >= s.threshold) above += c.counts[i];
            for (std::size_t i = 0; i < k; ++i)
                jk.values[i] = static_cast<double>(above - (c.values[i] >= s.threshold ? 1 : 0)) / static_cast<double>(m);
            break;
        }
        case StatisticKind::median:
        case StatisticKind::quantile: {
            // cum[i]: observations below values[i]. Dropping one copy of values[i] (sorted position cum[i])
            // shifts every later order statistic down by one.
            std::vector<std::int64_t> cum(k + 1, 0);
            for (std::size_t i = 0; i < k; ++i) cum[i + 1] = cum[i] + c.counts[i];
            const auto full = [&](std::int64_t j) {
                const auto it = std::upper_bound(cum.begin() + 1, cum.end(), j);
                return c.values[static_cast<std::size_t>(it - cum.begin() - 1)];
            };
            for (std::size_t i = 0; i < k; ++i) {
                const std::int64_t r = cum[i];
                const auto at = [&](std::int64_t j) { return full(j < r ? j : j + 1); };
                jk.values[i] = s.kind == StatisticKind::median ? median_of(m, at)
                                                               : quantile_at(m, s.p, s.quantile_method, at);
            }
            break;
        }
        case StatisticKind::mode: {
            // Aggregates of the values with the top count M and with M - 1.
            std::int64_t top = 0;
            for (auto x : c.counts) top = std::max(top, x);
            struct Set {
                std::int64_t size = 0;
                double lo1 = 0, lo2 = 0, hi1 = 0, hi2 = 0, sum = 0;  // two lowest, two highest
                void add(double v) {  // values arrive ascending
                    if (size == 0) lo1 = v;
                    else if (size == 1) lo2 = v;
                    hi2 = hi1;
                    hi1 = v;
                    sum += v;
                    ++size;
                }
            } at_top, below_top;
            for (std::size_t i = 0; i < k; ++i) {
                if (c.counts[i] == top) at_top.add(c.values[i]);
                else if (c.counts[i] == top - 1) below_top.add(c.values[i]);
            }
            for (std::size_t i = 0; i < k; ++i) {
                const double v = c.values[i];
                if (c.counts[i] < top) {
                    jk.values[i] = resolve_mode(s.tie_policy, at_top.lo1, at_top.hi1, at_top.sum, at_top.size);
                } else if (at_top.size > 1) {  // v leaves the tied top set
                    const double lo = v == at_top.lo1 ? at_top.lo2 : at_top.lo1;
                    const double hi = v == at_top.hi1 ? at_top.hi2 : at_top.hi1;
                    jk.values[i] = resolve_mode(s.tie_policy, lo, hi, at_top.sum - v, at_top.size - 1);
                } else {  // v was the only mode; it now ties with every value one below the top
                    const double lo = below_top.size ? std::min(below_top.lo1, v) : v;
                    const double hi = below_top.size ? std::max(below_top.hi1, v) : v;
                    jk.values[i] = resolve_mode(s.tie_policy, lo, hi, below_top.sum + v, below_top.size + 1);
                }
            }
            break;
        }
    }
    return jk;
}

}  // namespace

Jackknife jackknife(const Statistic& s, const CountedSample& c) {
    if (c.n < 2) throw DataError("the jackknife needs at least 2 observations");
    // Few distinct values (ordinal data): evaluate each leave-one-out sample from its counts, exactly as a
    // resample is evaluated. Many: aggregates, O(log values) each.
    constexpr std::size_t few = 256;
    if (c.values.size() > few) return jackknife_many(s, c);
    Jackknife jk;
    jk.n = c.n;
    std::vector<std::int64_t> counts = c.counts;
    for (std::size_t i = 0; i < c.values.size(); ++i) {
        --counts[i];
        jk.values.push_back(evaluate(s, c.values, counts.data(), c.n - 1));
        jk.weights.push_back(static_cast<double>(c.counts[i]));
        ++counts[i];
    }
    return jk;
}

}  // namespace hp::stats
