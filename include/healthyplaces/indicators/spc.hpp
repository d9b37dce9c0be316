#pragma once
// XmR statistical process control charts as NHS England's "Making Data Count" describes them and the R package
// NHSRplotthedots (ptd_spc) computes them: a centre line at the baseline mean, process limits at
// mean ± 2.66 × mean moving range, and four special-cause rules applied in the NHS order of precedence
// (a point outside the limits, a trend, two of three points beyond two sigma, a shift). Rebasing splits the
// series into segments with their own limits; fix_after holds each segment's limits at its first n points.
//
// A missing value (NaN) or a time gap (consecutive time indices further apart than time_step) is a break: no
// moving range is computed across it, and runs, trends and two-of-three windows stop at it. Both are
// reported (missing, gaps) so that callers can warn; they are never flagged.
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hp::indicators {

/// Which way is better. `neither` labels special causes "neither" (NHSRplotthedots' "neutral").
enum class Improvement { increase, decrease, neither };

/// "increase", "decrease" or "neither" (also "neutral", NHSRplotthedots' word); DomainError naming them otherwise.
Improvement parse_improvement(std::string_view name);
std::string to_string(Improvement improvement);  ///< "increase", "decrease" or "neither"

/// The special-cause rule that marks a point, by precedence (a point fires only its first rule).
enum class SpcRule : std::uint8_t {
    none = 0,            ///< common cause (or a missing value)
    outside_limits = 1,  ///< above the upper or below the lower process limit
    trend = 2,           ///< part of trend_length or more consecutive points each strictly above (below) the last
    two_of_three = 3,    ///< two of three consecutive points between the 2-sigma line and the limit on one side
    shift = 4,           ///< part of shift_length or more consecutive points on one side of the centre line
};

/// The Making Data Count variation categories (the variation icons).
enum class Variation : std::uint8_t {
    missing = 0,      ///< the value is NaN: no category
    common_cause = 1,
    improvement = 2,  ///< special cause in the improvement direction
    concern = 3,      ///< special cause against the improvement direction
    neither = 4,      ///< special cause when neither direction is an improvement
};

/// Against a target, from the last segment's limits (as NHSRplotthedots' assurance icon).
enum class Assurance : std::uint8_t {
    none = 0,        ///< no target, or improvement direction neither
    pass = 1,        ///< both limits on the good side of the target: consistently passes
    fail = 2,        ///< both limits on the bad side: consistently fails
    hit_and_miss = 3 ///< the target lies within the limits (or on one)
};

struct XmrOptions {
    Improvement improvement = Improvement::increase;
    double target = std::numeric_limits<double>::quiet_NaN();  ///< NaN: no target
    std::vector<std::int64_t> rebase;  ///< point indices (0-based) where a new segment starts; 0 is a no-op
    std::int64_t fix_after = 0;        ///< >0: each segment's limits from its first fix_after non-missing points
    bool screen_outliers = false;      ///< drop moving ranges >= 3.267 × mean moving range, then recompute
    std::int64_t shift_length = 7;     ///< points on one side of the centre line that make a shift (>= 2)
    std::int64_t trend_length = 7;     ///< points each above (below) the last that make a trend (>= 3)
    std::int64_t time_step = 1;        ///< the expected difference between consecutive time indices (> 0)
};

/// One segment's limits (one per rebase).
struct XmrSegment {
    std::size_t start = 0, size = 0;   ///< first point and number of points (missing ones included)
    std::size_t baseline_points = 0;   ///< non-missing points the centre line is the mean of
    std::size_t moving_ranges = 0;     ///< moving ranges in the mean moving range (after screening)
    double centre = 0, mean_moving_range = 0, lower = 0, upper = 0;  ///< NaN when there is nothing to average
    double lower_2sigma = 0, upper_2sigma = 0;                       ///< centre ∓ (2/3)·2.66 × mean moving range
};

struct XmrResult {
    // per point
    std::vector<double> centre, lower, upper, lower_2sigma, upper_2sigma;
    std::vector<double> moving_range;            ///< |x[i] − x[i−1]|; NaN at a segment start or a break
    std::vector<std::uint8_t> moving_range_used; ///< 1 if the moving range went into its segment's mean
    std::vector<SpcRule> rule;
    std::vector<Variation> variation;
    std::vector<std::int8_t> direction;          ///< +1 high side / increasing, −1 low / decreasing, 0 none
    std::vector<std::int64_t> segment;
    // per series
    std::vector<XmrSegment> segments;
    std::vector<std::size_t> missing;            ///< points whose value is NaN
    std::vector<std::size_t> gaps;               ///< points i whose time index is not time[i−1] + time_step
    std::vector<double> missing_periods;         ///< per gap, (time[i] − time[i−1]) / time_step − 1
    Assurance assurance = Assurance::none;
    Improvement improvement = Improvement::increase;  ///< the direction the variation was judged by

    std::size_t size() const noexcept { return rule.size(); }
};

/// The XmR chart of `values` observed at integer `time` indices (days, months, ... strictly increasing; or empty
/// for 0, 1, 2, ...). Infinite values, duplicate or decreasing times, bad options and rebase indices out of
/// range are a DataError/DomainError naming the point or the option.
XmrResult xmr(std::span<const double> values, std::span<const std::int64_t> time, const XmrOptions& options = {});

/// The series' usual step: the most common difference between consecutive time indices (the smallest of equally
/// common ones), 1 for fewer than two times. A step further than it is a gap (XmrOptions::time_step). Any two
/// int64 times are accepted (differences are taken in 128 bits); DataError naming the points if the usual step
/// itself is outside int64's range.
std::int64_t usual_time_step(std::span<const std::int64_t> time);

/// Words for the enums, as the Python table shows them ("outside limits", "special cause concern", ...).
std::string to_string(SpcRule rule);
std::string to_string(Variation variation);
std::string to_string(Assurance assurance);

}  // namespace hp::indicators
