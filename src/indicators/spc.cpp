#include "healthyplaces/indicators/spc.hpp"

#include "common.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/test_result.hpp"

namespace hp::indicators {
namespace {

using stats::format_number;
using detail::nan;
// Making Data Count's constants: 3 sigma = 2.66 × mean moving range (3 / d2, d2 = 1.128 for ranges of two),
// the 2-sigma line at two thirds of that, and the moving-range screen at 3.267 (D4 for ranges of two).
constexpr double limit_factor = 2.66;
constexpr double near_factor = 2.0 * limit_factor / 3.0;
constexpr double screen_factor = 3.267;

void check_options(std::size_t n, const XmrOptions& o) {
    if (o.shift_length < 2)
        throw DomainError("xmr: shift_length must be at least 2 points, got " + std::to_string(o.shift_length));
    if (o.trend_length < 3)
        throw DomainError("xmr: trend_length must be at least 3 points, got " + std::to_string(o.trend_length));
    if (o.fix_after < 0)
        throw DomainError("xmr: fix_after must be a number of points >= 0 (0 = not fixed), got " +
                          std::to_string(o.fix_after));
    if (o.fix_after == 1)
        throw DomainError("xmr: fix_after must be at least 2 points (limits need one moving range), got 1");
    if (o.time_step <= 0)
        throw DomainError("xmr: time_step must be a positive number of time units, got " + std::to_string(o.time_step));
    if (std::isinf(o.target))
        throw DomainError("xmr: target must be a finite number (or NaN for none), got " + format_number(o.target));
    for (std::int64_t r : o.rebase)
        if (r < 0 || static_cast<std::size_t>(r) >= n)
            throw DomainError("xmr: rebase point " + std::to_string(r) + " is outside the series (points 0 to " +
                              std::to_string(n - 1) + ")");
}

// mean ± 2.66 × mean moving range stays below the double max (1.8e308) when every |y| is at most this
constexpr double max_xmr_value = 2.8e307;

void check_data(std::span<const double> y, std::span<const std::int64_t> time) {
    if (y.empty()) throw DataError("xmr: no values; an XmR chart needs at least two points");
    if (!time.empty() && time.size() != y.size())
        throw DataError("xmr: " + std::to_string(y.size()) + " values but " + std::to_string(time.size()) +
                        " time indices; give one per value (or none)");
    for (std::size_t i = 0; i < y.size(); ++i)
        if (std::isinf(y[i]))
            throw DataError("xmr: point " + std::to_string(i) + " has value " + format_number(y[i]) +
                            "; values must be finite (NaN marks a missing value)");
        else if (std::abs(y[i]) > max_xmr_value)  // limits reach |y| + 2.66·2·max|y|: keep them finite
            throw DataError("xmr: point " + std::to_string(i) + " has value " + format_number(y[i]) +
                            "; values must be at most 2.8e307 in magnitude, or the moving ranges and limits "
                            "overflow the double range; rescale the series (e.g. to thousands)");
    for (std::size_t i = 1; i < time.size(); ++i) {
        if (time[i] == time[i - 1])
            throw DataError("xmr: points " + std::to_string(i - 1) + " and " + std::to_string(i) +
                            " have the same time " + std::to_string(time[i]) + "; each time may appear once");
        if (time[i] < time[i - 1])
            throw DataError("xmr: point " + std::to_string(i) + " has time " + std::to_string(time[i]) +
                            ", before point " + std::to_string(i - 1) + " (" + std::to_string(time[i - 1]) +
                            "); sort the series by time");
    }
}

int sign(double x) { return (x > 0) - (x < 0); }

// Limits of one segment [start, end): baseline mean, moving ranges among the baseline points, screening.
XmrSegment limits(std::span<const double> y, std::size_t start, std::size_t end,
                  const std::vector<std::uint8_t>& linked, const XmrOptions& o, XmrResult& r) {
    XmrSegment s;
    s.start = start;
    s.size = end - start;
    std::size_t last = start;  // one past the last baseline point
    long double sum = 0;
    for (std::size_t i = start; i < end; ++i) {
        if (std::isnan(y[i])) continue;
        if (o.fix_after > 0 && s.baseline_points == static_cast<std::size_t>(o.fix_after)) break;
        sum += y[i];
        ++s.baseline_points;
        last = i + 1;
    }
    s.centre = nan;
    if (s.baseline_points) {
        // the mean as R's mean() takes it: a long double sum, then one correction pass with the residuals, so
        // that a value equal to the mean is seen on the centre line (the shift rule's sign) as the package sees it
        const long double k = static_cast<long double>(s.baseline_points);
        const long double m = sum / k;
        long double residual = 0;
        for (std::size_t i = start; i < last; ++i)
            if (!std::isnan(y[i])) residual += static_cast<long double>(y[i]) - m;
        s.centre = static_cast<double>(m + residual / k);
    }
    // a moving range counts when both of its points are baseline points (linked: consecutive, present, no gap)
    auto mean_mr = [&](double cut) {
        double total = 0;
        std::size_t k = 0;
        for (std::size_t i = start + 1; i < last; ++i) {
            const bool use = linked[i] && r.moving_range[i] < cut;
            r.moving_range_used[i] = use;
            if (use) {
                total += r.moving_range[i];
                ++k;
            }
        }
        s.moving_ranges = k;
        if (!std::isfinite(total)) {  // ranges near 1e308 sum past the double max: add them in units of 2^64
            total = 0;
            for (std::size_t i = start + 1; i < last; ++i)
                if (r.moving_range_used[i]) total += std::ldexp(r.moving_range[i], -64);
            return k ? std::ldexp(total / static_cast<double>(k), 64) : nan;
        }
        return k ? total / static_cast<double>(k) : nan;
    };
    s.mean_moving_range = mean_mr(std::numeric_limits<double>::infinity());
    // all-equal baselines have mean moving range 0: nothing to screen (the R package would drop every range)
    if (o.screen_outliers && s.mean_moving_range > 0)
        s.mean_moving_range = mean_mr(screen_factor * s.mean_moving_range);
    s.lower = s.centre - limit_factor * s.mean_moving_range;
    s.upper = s.centre + limit_factor * s.mean_moving_range;
    s.lower_2sigma = s.centre - near_factor * s.mean_moving_range;
    s.upper_2sigma = s.centre + near_factor * s.mean_moving_range;
    return s;
}

}  // namespace

XmrResult xmr(std::span<const double> y, std::span<const std::int64_t> time, const XmrOptions& o) {
    check_data(y, time);
    const std::size_t n = y.size();
    check_options(n, o);

    XmrResult r;
    r.improvement = o.improvement;
    r.centre.assign(n, nan);
    r.lower.assign(n, nan);
    r.upper.assign(n, nan);
    r.lower_2sigma.assign(n, nan);
    r.upper_2sigma.assign(n, nan);
    r.moving_range.assign(n, nan);
    r.moving_range_used.assign(n, 0);
    r.rule.assign(n, SpcRule::none);
    r.variation.assign(n, Variation::common_cause);
    r.direction.assign(n, 0);
    r.segment.assign(n, 0);

    std::vector<std::uint8_t> starts(n, 0);
    starts[0] = 1;
    for (std::int64_t b : o.rebase) starts[static_cast<std::size_t>(b)] = 1;
    for (std::size_t i = 0; i < n; ++i)
        if (std::isnan(y[i])) r.missing.push_back(i);
    // time[i] − time[i−1] for the checked (increasing) times, in uint64: int64 overflows for times more than 2^63
    // apart, the unsigned difference is exact (below 2^64)
    const auto step_at = [&](std::size_t i) {
        return static_cast<std::uint64_t>(time[i]) - static_cast<std::uint64_t>(time[i - 1]);
    };
    const auto usual = static_cast<std::uint64_t>(o.time_step);  // > 0, checked
    for (std::size_t i = 1; i < time.size(); ++i)
        if (step_at(i) != usual) {
            r.gaps.push_back(i);
            r.missing_periods.push_back(static_cast<double>(step_at(i)) / static_cast<double>(o.time_step) - 1.0);
        }

    // linked[i]: points i-1 and i are consecutive in one segment, both present, with no time gap between
    std::vector<std::uint8_t> linked(n, 0);
    for (std::size_t i = 1; i < n; ++i) {
        linked[i] = !starts[i] && !std::isnan(y[i]) && !std::isnan(y[i - 1]) &&
                    (time.empty() || step_at(i) == usual);
        if (linked[i]) r.moving_range[i] = std::abs(y[i] - y[i - 1]);
    }

    std::int64_t seg = -1;
    for (std::size_t start = 0; start < n;) {
        std::size_t end = start + 1;
        while (end < n && !starts[end]) ++end;
        ++seg;
        const XmrSegment s = limits(y, start, end, linked, o, r);
        for (std::size_t i = start; i < end; ++i) {
            r.segment[i] = seg;
            r.centre[i] = s.centre;
            r.lower[i] = s.lower;
            r.upper[i] = s.upper;
            r.lower_2sigma[i] = s.lower_2sigma;
            r.upper_2sigma[i] = s.upper_2sigma;
        }
        r.segments.push_back(s);
        start = end;
    }

    // each point's side of its centre line (0 on the line or missing), outside / near-the-limit flags
    std::vector<std::int8_t> side(n, 0), outside(n, 0), close(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        if (std::isnan(y[i]) || std::isnan(r.centre[i])) continue;
        side[i] = static_cast<std::int8_t>(sign(y[i] - r.centre[i]));
        outside[i] = y[i] > r.upper[i] || y[i] < r.lower[i];
        close[i] = !outside[i] && (y[i] > r.upper_2sigma[i] || y[i] < r.lower_2sigma[i]);
    }

    // rules are marked lowest precedence first so that a higher rule overwrites: shift, 2 of 3, trend, outside
    auto mark = [&](std::size_t i, SpcRule rule, int dir) {
        if (r.rule[i] == SpcRule::none || rule < r.rule[i]) {
            r.rule[i] = rule;
            r.direction[i] = static_cast<std::int8_t>(dir);
        } else if (rule == r.rule[i]) {
            r.direction[i] = static_cast<std::int8_t>(dir);  // a point shared by two trends takes the later one
        }
    };
    // shift: maximal runs of linked points on one side
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i + 1;
        if (side[i] != 0)
            while (j < n && linked[j] && side[j] == side[i]) ++j;
        if (side[i] != 0 && j - i >= static_cast<std::size_t>(o.shift_length))
            for (std::size_t k = i; k < j; ++k) mark(k, SpcRule::shift, side[i]);
        i = j;
    }
    // two of three: windows of three linked points on one side with at least two between 2 sigma and the limit
    for (std::size_t j = 0; j + 2 < n; ++j) {
        if (!linked[j + 1] || !linked[j + 2] || side[j] == 0 || side[j + 1] != side[j] || side[j + 2] != side[j])
            continue;
        if (close[j] + close[j + 1] + close[j + 2] < 2) continue;
        for (std::size_t k = j; k < j + 3; ++k)
            if (close[k]) mark(k, SpcRule::two_of_three, side[k]);
    }
    // trend: maximal runs of linked steps all strictly up (or all down); the points they join
    for (std::size_t i = 1; i < n;) {
        const int d = linked[i] ? sign(y[i] - y[i - 1]) : 0;
        std::size_t j = i + 1;
        if (d != 0)
            while (j < n && linked[j] && sign(y[j] - y[j - 1]) == d) ++j;
        // steps i..j-1 join points i-1..j-1
        if (d != 0 && j - i + 1 >= static_cast<std::size_t>(o.trend_length))
            for (std::size_t k = i - 1; k < j; ++k) mark(k, SpcRule::trend, d);
        i = j;
    }
    for (std::size_t i = 0; i < n; ++i)
        if (outside[i]) mark(i, SpcRule::outside_limits, side[i]);

    const int better = o.improvement == Improvement::increase ? 1 : o.improvement == Improvement::decrease ? -1 : 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (std::isnan(y[i]))
            r.variation[i] = Variation::missing;
        else if (r.rule[i] == SpcRule::none)
            r.variation[i] = Variation::common_cause;
        else if (better == 0)
            r.variation[i] = Variation::neither;
        else
            r.variation[i] = r.direction[i] * better > 0 ? Variation::improvement : Variation::concern;
    }

    const XmrSegment& last = r.segments.back();
    if (!std::isnan(o.target) && better != 0 && !std::isnan(last.lower) && !std::isnan(last.upper)) {
        if (o.target > last.upper)
            r.assurance = better > 0 ? Assurance::fail : Assurance::pass;
        else if (o.target < last.lower)
            r.assurance = better > 0 ? Assurance::pass : Assurance::fail;
        else
            r.assurance = Assurance::hit_and_miss;
    }
    return r;
}

std::int64_t usual_time_step(std::span<const std::int64_t> time) {
    if (time.size() < 2) return 1;
    // Differences in 128 bits: int64's overflow for times more than 2^63 apart (e.g. −2^62 − 1 then 2^62 + 1)
    __extension__ typedef __int128 wide;
    std::vector<wide> d(time.size() - 1);
    for (std::size_t i = 1; i < time.size(); ++i) d[i - 1] = static_cast<wide>(time[i]) - time[i - 1];
    std::sort(d.begin(), d.end());
    wide best = d[0];
    std::size_t best_count = 0;
    for (std::size_t i = 0; i < d.size();) {
        std::size_t j = i;
        while (j < d.size() && d[j] == d[i]) ++j;
        if (j - i > best_count) best = d[i], best_count = j - i;  // strictly more: the smallest of a tie stays
        i = j;
    }
    if (best > std::numeric_limits<std::int64_t>::max() || best < std::numeric_limits<std::int64_t>::min()) {
        std::size_t i = 1;
        while (static_cast<wide>(time[i]) - time[i - 1] != best) ++i;
        throw DataError("usual_time_step: the usual step, between times " + std::to_string(time[i - 1]) + " (point " +
                        std::to_string(i - 1) + ") and " + std::to_string(time[i]) + " (point " + std::to_string(i) +
                        "), is outside the 64-bit integer range (|step| < 2^63)");
    }
    return static_cast<std::int64_t>(best);
}

Improvement parse_improvement(std::string_view name) {
    if (name == "increase") return Improvement::increase;
    if (name == "decrease") return Improvement::decrease;
    if (name == "neither" || name == "neutral") return Improvement::neither;
    throw DomainError("xmr: improvement must be \"increase\", \"decrease\" or None (\"neither\"), got \"" +
                      std::string(name) + "\"");
}

std::string to_string(Improvement improvement) {
    switch (improvement) {
        case Improvement::increase: return "increase";
        case Improvement::decrease: return "decrease";
        case Improvement::neither: break;
    }
    return "neither";
}

std::string to_string(SpcRule rule) {
    switch (rule) {
        case SpcRule::outside_limits: return "outside limits";
        case SpcRule::trend: return "trend";
        case SpcRule::two_of_three: return "two of three";
        case SpcRule::shift: return "shift";
        case SpcRule::none: break;
    }
    return "";
}

std::string to_string(Variation v) {
    switch (v) {
        case Variation::common_cause: return "common cause";
        case Variation::improvement: return "special cause improvement";
        case Variation::concern: return "special cause concern";
        case Variation::neither: return "special cause neither";
        case Variation::missing: break;
    }
    return "";
}

std::string to_string(Assurance a) {
    switch (a) {
        case Assurance::pass: return "consistently passes";
        case Assurance::fail: return "consistently fails";
        case Assurance::hit_and_miss: return "hit and miss";
        case Assurance::none: break;
    }
    return "";
}

}  // namespace hp::indicators
