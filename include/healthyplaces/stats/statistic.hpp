#pragma once
// The named statistics that resampling routines (bootstrap, permutation tests) compute quickly: mean,
// median, mode (with an explicit tie policy), quantile (numpy's methods) and the share of values at or above
// a level. Every one of them is a function of the counts at each distinct value, which is what makes a
// resample of ordinal data cost O(levels): the routines here take a sample as (distinct values, counts).
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "healthyplaces/stats/ordinal.hpp"

namespace hp::stats {

enum class StatisticKind : std::uint8_t { mean, median, mode, quantile, share_at_or_above };
std::string_view to_string(StatisticKind) noexcept;

/// What the mode is when several values are equally common. `lowest` is scipy.stats.mode's choice;
/// `mean` averages the tied values; `error` treats the statistic as undefined and throws DomainError
/// wherever a tie occurs (in the data, in a resample or in a jackknife sample).
enum class TiePolicy : std::uint8_t { lowest, highest, mean, error };
std::string_view to_string(TiePolicy) noexcept;
/// "lowest", "highest", "mean", "error"; DomainError listing them otherwise.
TiePolicy parse_tie_policy(std::string_view name);

/// A named statistic with its parameters. For two independent samples the routines compute the
/// difference stat(x) - stat(y); for paired samples, stat(x - y).
struct Statistic {
    StatisticKind kind = StatisticKind::median;
    double p = 0.5;                                         ///< quantile: probability in [0, 1]
    QuantileMethod quantile_method = QuantileMethod::linear; ///< quantile: numpy's method name
    double threshold = 0;                                      ///< share_at_or_above: the threshold (finite)
    TiePolicy tie_policy = TiePolicy::lowest;               ///< mode: which of tied values
};

/// Throws DomainError naming the bad parameter (p outside [0, 1], a level that is not finite).
void validate(const Statistic& s);

/// The statistic called `name`: "mean", "median", "mode", "quantile", "share_at_or_above"; a suffix
/// "_difference" (e.g. "mean_difference") is accepted and means the same (the two-sample form is chosen by
/// the data). Parameters other than the kind are taken from `base`. DomainError listing the names otherwise.
Statistic parse_statistic(std::string_view name, const Statistic& base = {});
/// True when `name` ends in "_difference" (it then needs two samples).
bool names_difference(std::string_view name) noexcept;

/// Readable name with parameters, e.g. "quantile(p=0.9, linear)", "mode (ties: lowest)".
std::string describe(const Statistic& s);

/// A sample held as its distinct values (ascending) and how often each occurs. Resamples share `values`
/// and carry their own counts, which may be zero.
struct CountedSample {
    std::vector<double> values;
    std::vector<std::int64_t> counts;
    std::int64_t n = 0;
    /// codes[i] is the index in `values` of the i-th observation of the original sample.
    std::vector<std::int32_t> codes;
};

/// Tally `xs` (finite values; callers validate). O(n log n). `codes` is filled only when asked for.
CountedSample tally(std::span<const double> xs, bool with_codes = true);

/// The statistic of the sample with `counts[i]` copies of `values[i]` (n = sum of counts > 0). O(values).
/// Matches numpy/scipy: np.mean, np.median, scipy.stats.mode (for tie policy "lowest"), np.quantile(p,
/// method), np.mean(x >= level).
double evaluate(const Statistic& s, std::span<const double> values, const std::int64_t* counts, std::int64_t n);
inline double evaluate(const Statistic& s, const CountedSample& c) {
    return evaluate(s, c.values, c.counts.data(), c.n);
}
/// The statistic of plain values (any order). Convenience for tests and one-off use: tallies first.
double evaluate(const Statistic& s, std::span<const double> xs);

/// The leave-one-out (jackknife) values of a statistic. Removing any copy of the same value gives the same
/// sample, so there are only as many distinct leave-one-out values as distinct values: `values[i]` is the
/// statistic without one copy of sample.values[i], and it occurs `weights[i]` (= its count) times.
struct Jackknife {
    std::vector<double> values;
    std::vector<double> weights;  ///< how many observations give this leave-one-out value
    std::int64_t n = 0;           ///< observations in the sample (sum of weights)
};
/// Jackknife of `s` on a counted sample with n >= 2: O(n) in all, whatever the statistic.
Jackknife jackknife(const Statistic& s, const CountedSample& sample);

}  // namespace hp::stats
