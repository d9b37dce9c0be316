#pragma once
// The Brunner–Munzel test of stochastic equality (the nonparametric Behrens–Fisher problem), its studentized
// permutation version, and the two-sample "placement" arithmetic it shares with the effect sizes.
#include <cmath>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "healthyplaces/stats/test_result.hpp"

namespace hp::stats {

/// Reference distribution of a studentized statistic: Student's t with Welch–Satterthwaite degrees of freedom,
/// or the standard normal.
enum class Approximation : std::uint8_t { t, normal };
std::string_view to_string(Approximation) noexcept;
/// "t" or "normal"; DomainError otherwise.
Approximation parse_approximation(std::string_view name);

struct BrunnerMunzelOptions {
    Alternative alternative = Alternative::two_sided;
    /// For the asymptotic test (scipy's `distribution`): t (default, as scipy) or normal.
    Approximation distribution = Approximation::t;
    /// automatic = asymptotic, so that results equal scipy.stats.brunnermunzel. exact: every distinct
    /// assignment of the pooled values to the two samples is enumerated (studentized permutation test of
    /// Neubert & Brunner 2007); monte_carlo samples it.
    TestMethod method = TestMethod::automatic;
    MonteCarloOptions monte_carlo{};
    /// exact refuses (DomainError) when there are more distinct assignments than this.
    std::int64_t max_arrangements = 2'000'000;
};

/// The test result plus p̂ = P(X < Y) + ½P(X = Y), the quantity the statistic studentizes: the statistic is
/// positive when p̂ > ½ (y tends to be larger), as scipy's and R's (lawstat, brunnermunzel) statistic.
/// p̂ = 1 − probability_of_superiority(x, y).
struct BrunnerMunzelResult : TestResult {
    double estimate = nan;
};

/// Brunner–Munzel test (Brunner & Munzel 2000, as corrected in Neubert & Brunner 2007), equal to
/// scipy.stats.brunnermunzel for the asymptotic method. With placements P_i = #{y < x_i} + ½#{y = x_i} of x among
/// y (and Q_j of y among x), S²x = var(P) and S²y = var(Q) (divisor n − 1),
///     W = nx·ny·(p̂ − ½) / sqrt(nx·S²x + ny·S²y),
///     df = (nx·S²x + ny·S²y)² / ((nx·S²x)²/(nx − 1) + (ny·S²y)²/(ny − 1)).
/// `less`: x tends to be smaller than y (W large); `greater`: x tends to be larger.
///
/// Each sample needs at least 2 observations; NaN/inf → DataError; all values equal → DataError (nothing to
/// compare). Degenerate variance: when the samples do not overlap at all (every x below every y or the reverse)
/// nx·S²x + ny·S²y = 0 and W = ±inf (scipy gives inf with a NaN p-value for t). We then report W = ±inf, df = NaN
/// and the limit of the asymptotic p-value as |W| → ∞, which is the same for every df and for the normal: 0 for the
/// direction the data point to (and two-sided), 1 for the other. The method string says so. For small samples
/// this limit is over-confident: use method = exact, whose p-value counts the arrangements as extreme.
BrunnerMunzelResult brunner_munzel(std::span<const double> x, std::span<const double> y,
                                   const BrunnerMunzelOptions& options = {});

/// Internals shared by kruskal_wallis.cpp, brunner_munzel.cpp and effect_size.cpp (not a stable API).
namespace detail {

/// The pooled distinct values of two samples in ascending order, with how many of x (`a`) and of y (`b`) take
/// each one. Ties and ordinal data compress to a few levels, which the permutation tests exploit.
struct TwoSampleLevels {
    std::vector<std::int64_t> a, b;
    std::int64_t nx = 0, ny = 0;
};
/// Sorts copies of x and y and merges them. Inputs must be finite (callers validate).
TwoSampleLevels two_sample_levels(std::span<const double> x, std::span<const double> y);

/// Placement sums of a two-sample count table. The placement of x_i among y is #{y < x_i} + ½#{y = x_i};
/// the sum of x's placements is Mann–Whitney's U for x, i.e. #(x > y) + ½#(x = y) over all pairs. Computed from
/// exact 128-bit sums of (2·placement) and its square, so equal tables give bit-identical results.
struct Placements {
    double nx = 0, ny = 0;
    double sum_x = 0, sum_y = 0;  ///< Σ placements of x among y, and of y among x (sum_x + sum_y = nx·ny)
    double ss_x = 0, ss_y = 0;    ///< Σ squared deviations of those placements from their means
    double ties = 0;              ///< number of pairs (x_i, y_j) with x_i = y_j
};
Placements placements(std::span<const std::int64_t> a, std::span<const std::int64_t> b) noexcept;

/// W of the Brunner–Munzel test from placements (±inf when the variance is zero, NaN when also p̂ = ½).
double brunner_munzel_statistic(const Placements& p) noexcept;
/// Welch–Satterthwaite df of the Brunner–Munzel statistic (NaN when the variance is zero).
double brunner_munzel_df(const Placements& p) noexcept;

/// Number of ways to pick `n` items from groups of the given sizes when only how many come from each group
/// matters (the distinct assignments of a two-sample split), or `cap + 1` if there are more than `cap`.
std::int64_t count_distinct_splits(std::span<const std::int64_t> sizes, std::int64_t n, std::int64_t cap);
/// n! / (n1! n2! ... nk!) for n = Σ ni, or `cap + 1` if it exceeds `cap`.
std::int64_t multinomial_capped(std::span<const std::int64_t> sizes, std::int64_t cap);

/// Relative tolerance under which two statistics count as equal in a permutation p-value (as
/// scipy.stats.permutation_test: 100 machine epsilons of the observed value).
inline constexpr double permutation_rtol = 100 * 2.220446049250313e-16;

/// Visits every distinct assignment of pooled values to k groups: the tables t[l][j] ≥ 0 with row sums counts[l]
/// (how many values sit at level l) and column sums sizes[j]. Under random assignment a table has probability
/// ∏_l c_l!/∏_j t_lj! · ∏_j n_j!/N!. Rows are pushed and popped depth first, without recursion (there may be
/// millions of levels); once at most one group has room left, the remaining rows are forced and `leaf` is called
/// at once, so the work is proportional to the number of tables, not tables × levels.
class TableVisitor {
public:
    virtual ~TableVisitor() = default;
    virtual void push(std::size_t level, std::span<const std::int64_t> row) = 0;
    virtual void pop(std::size_t level, std::span<const std::int64_t> row) = 0;
    /// The table is complete once every value at levels from..L−1 goes to `group` (nothing, when from = L).
    virtual void leaf(std::size_t from, std::size_t group, double probability) = 0;
};
/// Number of tables visited; stops as soon as it exceeds `budget` (and returns budget + 1).
std::int64_t enumerate_tables(std::span<const std::int64_t> counts, std::span<const std::int64_t> sizes,
                              TableVisitor& visitor, std::int64_t budget);

/// Compensated (Neumaier) summation: exact p-values add up to millions of small probabilities.
struct NeumaierSum {
    double sum = 0, carry = 0;
    void add(double v) noexcept {
        const double t = sum + v;
        carry += std::abs(sum) >= std::abs(v) ? (sum - t) + v : (v - t) + sum;
        sum = t;
    }
    double value() const noexcept { return sum + carry; }
};

/// Digits grouped by commas ("2,000,000") for messages.
std::string thousands(std::int64_t v);

}  // namespace detail

}  // namespace hp::stats
