#pragma once
// Summaries of ordinal data on a small integer scale. No domain words here: these take levels, not scores
// of councils. Missing values are NaN in the input spans and are counted, never summarised.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hp::stats {

/// Counts at each level lo..hi of the scale (index 0 is lo), plus how many values were missing (NaN).
struct Frequencies {
    int lo = 0;
    int hi = 0;
    std::vector<std::int64_t> counts;
    std::int64_t n_missing = 0;

    std::int64_t n() const noexcept;  ///< non-missing values
    std::int64_t count(int level) const noexcept;
};

/// Tally `xs` on the scale lo..hi. Throws DomainError (naming the position) on a value that is not
/// NaN, not an integer, or off the scale; and on lo > hi.
Frequencies frequencies(std::span<const double> xs, int lo, int hi);

/// Every level with the highest count, ascending; empty when there are no values. Ties are reported,
/// never broken: {2, 3} means 2 and 3 are equally common.
std::vector<int> modes(const Frequencies& f);

/// How sample quantiles are defined, by the names numpy.quantile uses (Hyndman & Fan types in brackets).
enum class QuantileMethod : std::uint8_t {
    inverted_cdf,  ///< type 1: the smallest level whose cumulative share reaches p; always a level
    lower,         ///< order statistic floor((n-1)p)
    higher,        ///< order statistic ceil((n-1)p)
    nearest,       ///< nearest order statistic, ties to even (numpy's rule)
    midpoint,      ///< mean of lower and higher
    linear,        ///< type 7: numpy's and R's default
};
std::string_view to_string(QuantileMethod) noexcept;
/// Throws DomainError listing the methods when `name` is unknown.
QuantileMethod parse_quantile_method(std::string_view name);

/// Quantile of the values tallied in `f`, computed from the counts (O(levels), no sort). `p` in [0, 1].
/// Throws DomainError when there are no values or p is outside [0, 1] or NaN.
double quantile(const Frequencies& f, double p, QuantileMethod method = QuantileMethod::linear);
/// The median by the usual rule (mean of the two middle values when n is even).
double median(const Frequencies& f);
double mean(const Frequencies& f);

/// Everything an analyst reads off an ordinal column at once.
struct OrdinalSummary {
    Frequencies frequencies;
    std::vector<int> modes;
    double median = 0;
    double q1 = 0;         ///< 25th percentile by `method`
    double q3 = 0;         ///< 75th percentile by `method`
    double mean = 0;
    QuantileMethod method = QuantileMethod::linear;
    std::int64_t n() const noexcept { return frequencies.n(); }
};

/// Summary of `xs` on lo..hi. With no non-missing values the modes are empty and the numbers NaN.
OrdinalSummary summarise(std::span<const double> xs, int lo, int hi,
                         QuantileMethod method = QuantileMethod::linear);

}  // namespace hp::stats
