#pragma once
// Proportions, crude rates, means, and rate/risk ratios with confidence intervals for many groups at once, by
// the methods of OHID's PHEindicatormethods (phe_proportion, phe_rate, phe_mean). Every function takes one
// value per group (spans of equal length), checks each group as it computes it, and returns an Intervals at
// every confidence level asked for. Bad data (negative counts, zero denominators, numerator above
// denominator, NaN) is a DataError naming the group index and the value.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "healthyplaces/indicators/intervals.hpp"

namespace hp::indicators {

/// Caller-owned output for the element-wise functions: value[i], lower[level][i], upper[level][i]. The *_into
/// forms write every entry and return the method in words; bindings use them to fill numpy arrays in place.
struct IntervalsView {
    std::span<double> value;
    std::vector<std::span<double>> lower;
    std::vector<std::span<double>> upper;
    /// Optional (leave empty to skip): copies of the two inputs (numerator and denominator, events and
    /// population), written in the same pass, so that one block can hold every numeric column of a result.
    std::span<double> input1, input2;
    /// Optional, rate() with RateMethod::automatic only: per group 1 where Byar's limits were used (10 or more
    /// events), 0 where the exact ones were.
    std::span<std::int8_t> byars;
};

/// A view of one caller-owned row-major block of `rows_of_block(levels, with_inputs)` rows of n doubles, in the
/// column order of the result table: [input1, input2,] value, lower at level 0, upper at level 0, lower at
/// level 1, upper at level 1, ... Row r starts at block[r * n]. DomainError if the block is not that size.
std::size_t rows_of_block(std::size_t levels, bool with_inputs);
IntervalsView block_view(std::span<double> block, std::size_t n, std::size_t levels, bool with_inputs);

enum class ProportionMethod {
    wilson,  ///< Wilson score interval (Wilson 1927; PHEindicatormethods' wilson_lower/wilson_upper)
    exact,   ///< Clopper–Pearson exact binomial interval (beta quantiles)
};

/// "wilson" or "exact" (also "clopper-pearson"); DomainError naming the allowed names otherwise.
ProportionMethod parse_proportion_method(std::string_view name);
std::string to_string(ProportionMethod method);  ///< "wilson" or "exact"

struct ProportionOptions {
    std::vector<double> confidence_level{0.95};
    ProportionMethod method = ProportionMethod::wilson;
    double multiplier = 1.0;  ///< 1 for a proportion, 100 for a percentage (any positive finite number)
};

/// numerator[i] / denominator[i] * multiplier with limits. Requires 0 <= numerator <= denominator,
/// denominator > 0 (need not be integers, as in the R package).
Intervals proportion(std::span<const double> numerator, std::span<const double> denominator,
                     const ProportionOptions& options = {});
std::string proportion_into(std::span<const double> numerator, std::span<const double> denominator,
                            const ProportionOptions& options, const IntervalsView& out);

enum class RateMethod {
    automatic,  ///< exact Poisson below 10 events, Byar's at 10 or more (phe_rate)
    exact,      ///< exact Poisson (chi-square quantiles) for every group
    byars,      ///< Byar's approximation for every group (lower limit 0 at 0 events)
};

/// "auto", "exact" or "byars"; DomainError naming the allowed names otherwise.
RateMethod parse_rate_method(std::string_view name);
std::string to_string(RateMethod method);  ///< "auto", "exact" or "byars"

struct RateOptions {
    std::vector<double> confidence_level{0.95};
    RateMethod method = RateMethod::automatic;
    double multiplier = 100000.0;
};

/// events[i] / population[i] * multiplier with Poisson limits. Requires events >= 0, population > 0.
Intervals rate(std::span<const double> events, std::span<const double> population, const RateOptions& options = {});
std::string rate_into(std::span<const double> events, std::span<const double> population, const RateOptions& options,
                      const IntervalsView& out);

/// Poisson limits for one observed count x (the expected count's interval): Byar's approximation
/// (Breslow & Day 1987) and the exact chi-square limits (Armitage & Berry 2002), at two-sided `confidence`.
/// DomainError unless x is finite in [0, 1e300] and the level strictly between 0 and 1. The exact limits are
/// gamma quantiles up to x = 1e9 and their Cornish-Fisher expansion from there (agreeing to ~1e-15 relative at
/// the switch; Boost's quantile gives up from about 1e11); a count below 1e-5 has exact lower limit 0 (the
/// quantile underflows). rate() uses the same limits, and proportion(method=exact) refuses, naming the group,
/// counts whose Clopper-Pearson limits cannot be computed (from about 1e11: use the Wilson method).
double byars_lower(double x, double confidence_level);
double byars_upper(double x, double confidence_level);
double poisson_exact_lower(double x, double confidence_level);
double poisson_exact_upper(double x, double confidence_level);

/// Wilson score limits for x successes in n trials (proportion scale, 0..1). DomainError unless 0 <= x <= n,
/// 0 < n <= 1e300 (finite) and the level strictly between 0 and 1.
double wilson_lower(double x, double n, double confidence_level);
double wilson_upper(double x, double n, double confidence_level);

struct MeanOptions {
    std::vector<double> confidence_level{0.95};
};

/// Means with their groups' sizes and standard deviations.
struct MeanIntervals : Intervals {
    std::vector<double> n;   ///< values in each group
    std::vector<double> sd;  ///< sample standard deviation, √(Σ(x − mean)² / (n − 1)), deviations summed in row order
};

/// Mean of `values` within each group with a Student's t interval, mean ± t(n−1) sd/√n (phe_mean).
/// group[i] in [0, n_groups) says which group row i belongs to; every group needs at least two values.
MeanIntervals mean(std::span<const double> values, std::span<const std::int64_t> group, std::size_t n_groups,
               const MeanOptions& options = {});

enum class RatioMethod {
    log,    ///< Wald interval on the log ratio (Katz et al. 1978 for risks; Rothman for rates)
    exact,  ///< rate ratio only: exact conditional interval from the binomial split of events (Clopper–Pearson)
};

/// "log" or "exact"; DomainError naming the allowed names otherwise.
RatioMethod parse_ratio_method(std::string_view name);
std::string to_string(RatioMethod method);  ///< "log" or "exact"

struct RatioOptions {
    std::vector<double> confidence_level{0.95};
    RatioMethod method = RatioMethod::log;
};

/// (events1/population1) / (events2/population2) per group. Log method: SE(log RR) = sqrt(1/e1 + 1/e2),
/// needs at least one event on each side. Exact: the interval for p = e1/(e1+e2) mapped to
/// p/(1−p) · population2/population1.
Intervals rate_ratio(std::span<const double> events1, std::span<const double> population1,
                     std::span<const double> events2, std::span<const double> population2,
                     const RatioOptions& options = {});

/// (x1/n1) / (x2/n2) per group, log method: SE(log RR) = sqrt(1/x1 − 1/n1 + 1/x2 − 1/n2); needs x1, x2 > 0.
Intervals risk_ratio(std::span<const double> numerator1, std::span<const double> denominator1,
                     std::span<const double> numerator2, std::span<const double> denominator2,
                     const RatioOptions& options = {});

}  // namespace hp::indicators
