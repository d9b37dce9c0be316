#include "healthyplaces/stats/ordinal.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/test_result.hpp"

namespace hp::stats {

std::int64_t Frequencies::n() const noexcept {
    std::int64_t s = 0;
    for (auto c : counts) s += c;
    return s;
}

std::int64_t Frequencies::count(int level) const noexcept {
    if (level < lo || level > hi) return 0;
    return counts[static_cast<std::size_t>(level - lo)];
}

Frequencies frequencies(std::span<const double> xs, int lo, int hi) {
    if (lo > hi)
        throw DomainError("scale " + std::to_string(lo) + "–" + std::to_string(hi) + " is empty: lowest above highest");
    Frequencies f{lo, hi, std::vector<std::int64_t>(static_cast<std::size_t>(hi - lo + 1), 0), 0};
    for (std::size_t i = 0; i < xs.size(); ++i) {
        const double v = xs[i];
        if (std::isnan(v)) {
            ++f.n_missing;
            continue;
        }
        if (!std::isfinite(v) || v != std::round(v) || v < lo || v > hi)
            throw DomainError("value " + stats::format_number(v) + " at position " + std::to_string(i) +
                              " is not a level on the scale " + std::to_string(lo) + "–" + std::to_string(hi));
        ++f.counts[static_cast<std::size_t>(static_cast<int>(v) - lo)];
    }
    return f;
}

std::vector<int> modes(const Frequencies& f) {
    std::vector<int> out;
    const auto top = f.counts.empty() ? 0 : *std::max_element(f.counts.begin(), f.counts.end());
    if (top == 0) return out;
    for (std::size_t i = 0; i < f.counts.size(); ++i)
        if (f.counts[i] == top) out.push_back(f.lo + static_cast<int>(i));
    return out;
}

std::string_view to_string(QuantileMethod m) noexcept {
    switch (m) {
        case QuantileMethod::inverted_cdf: return "inverted_cdf";
        case QuantileMethod::lower: return "lower";
        case QuantileMethod::higher: return "higher";
        case QuantileMethod::nearest: return "nearest";
        case QuantileMethod::midpoint: return "midpoint";
        case QuantileMethod::linear: return "linear";
    }
    return "linear";
}

QuantileMethod parse_quantile_method(std::string_view name) {
    for (auto m : {QuantileMethod::inverted_cdf, QuantileMethod::lower, QuantileMethod::higher,
                   QuantileMethod::nearest, QuantileMethod::midpoint, QuantileMethod::linear})
        if (name == to_string(m)) return m;
    throw DomainError("unknown quantile method '" + std::string(name) +
                      "'; use one of inverted_cdf, lower, higher, nearest, midpoint, linear (numpy's names)");
}

namespace {
// The k-th smallest value (0-based) read off the counts: the sorted sample without sorting.
double order_statistic(const Frequencies& f, std::int64_t k) {
    std::int64_t cum = 0;
    for (std::size_t i = 0; i < f.counts.size(); ++i) {
        cum += f.counts[i];
        if (k < cum) return f.lo + static_cast<int>(i);
    }
    return f.hi;  // unreachable for 0 <= k < n
}
}  // namespace

double quantile(const Frequencies& f, double p, QuantileMethod method) {
    const auto n = f.n();
    if (n == 0) throw DomainError("quantile of an empty sample: no non-missing values");
    if (!(p >= 0.0 && p <= 1.0)) throw DomainError("quantile probability " + stats::format_number(p) + " is outside [0, 1]");
    if (method == QuantileMethod::inverted_cdf) {
        // Smallest value whose empirical CDF reaches p (Hyndman & Fan type 1), as numpy computes it.
        auto k = static_cast<std::int64_t>(std::ceil(static_cast<double>(n) * p)) - 1;
        return order_statistic(f, std::clamp<std::int64_t>(k, 0, n - 1));
    }
    const double h = static_cast<double>(n - 1) * p;  // numpy's virtual index
    const auto lo = static_cast<std::int64_t>(std::floor(h));
    const auto hi = std::min<std::int64_t>(lo + 1, n - 1);
    const double a = order_statistic(f, lo);
    const double b = order_statistic(f, hi);
    const double t = h - static_cast<double>(lo);
    switch (method) {
        case QuantileMethod::lower: return a;
        case QuantileMethod::higher: return t > 0 ? b : a;
        case QuantileMethod::nearest: {
            // Round half to even, as numpy.around does.
            const double r = std::nearbyint(h);
            return order_statistic(f, static_cast<std::int64_t>(r));
        }
        case QuantileMethod::midpoint: return t > 0 ? (a + b) / 2 : a;
        case QuantileMethod::linear:
        default:
            // numpy's _lerp, which is exact at both ends.
            return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
    }
}

double median(const Frequencies& f) { return quantile(f, 0.5, QuantileMethod::linear); }

double mean(const Frequencies& f) {
    const auto n = f.n();
    if (n == 0) return std::numeric_limits<double>::quiet_NaN();
    double s = 0;
    for (std::size_t i = 0; i < f.counts.size(); ++i) s += static_cast<double>(f.counts[i]) * (f.lo + static_cast<int>(i));
    return s / static_cast<double>(n);
}

OrdinalSummary summarise(std::span<const double> xs, int lo, int hi, QuantileMethod method) {
    OrdinalSummary s;
    s.frequencies = frequencies(xs, lo, hi);
    s.modes = modes(s.frequencies);
    s.method = method;
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    if (s.frequencies.n() == 0) {
        s.median = s.q1 = s.q3 = s.mean = nan;
        return s;
    }
    s.median = median(s.frequencies);
    s.q1 = quantile(s.frequencies, 0.25, method);
    s.q3 = quantile(s.frequencies, 0.75, method);
    s.mean = mean(s.frequencies);
    return s;
}

}  // namespace hp::stats
