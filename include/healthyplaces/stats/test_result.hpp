#pragma once
// What every hypothesis test and effect size returns, and the options they share. No domain words.
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace hp::stats {

inline constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// The alternative hypothesis, named as scipy.stats names it. `less`: the first sample (or the
/// paired difference x - y) tends to be smaller; `greater`: larger.
enum class Alternative : std::uint8_t { two_sided, less, greater };
std::string_view to_string(Alternative) noexcept;
/// "two-sided" (or "two_sided"), "less", "greater"; DomainError listing them otherwise.
Alternative parse_alternative(std::string_view name);

/// How a p-value is computed. `automatic` picks exact when it is exact and affordable, else asymptotic.
/// `monte_carlo` samples the permutation distribution (seeded; see random.hpp).
enum class TestMethod : std::uint8_t { automatic, exact, asymptotic, monte_carlo };
std::string_view to_string(TestMethod) noexcept;
/// "auto", "exact", "asymptotic" (or "approx"), "monte_carlo" (or "permutation"); DomainError otherwise.
TestMethod parse_test_method(std::string_view name);

/// Options for tests that may sample their null distribution.
struct MonteCarloOptions {
    std::int64_t n_resamples = 9999;
    std::uint64_t seed = 0;
    int threads = 0;  ///< 0 = all cores; results do not depend on it
};

/// Result of a hypothesis test. Fields a test does not define stay NaN (or 0 for counts).
struct TestResult {
    double statistic = nan;
    double pvalue = nan;
    Alternative alternative = Alternative::two_sided;
    /// What was done, in words a reader can check: e.g. "exact", "asymptotic, tie and continuity corrected".
    std::string method;
    std::int64_t n = 0;      ///< observations used (pairs for paired tests, total for several samples)
    double df = nan;         ///< degrees of freedom, where the reference distribution has them
    double zstatistic = nan; ///< the standardised statistic of a normal approximation, where one was used
};

/// A point estimate with a confidence interval (effect sizes, bootstrap intervals).
struct Estimate {
    double estimate = nan;
    double ci_low = nan;
    double ci_high = nan;
    double confidence_level = 0.95;
    std::string method;
    std::int64_t n = 0;
    double standard_error = nan;
};

/// A number as a reader wants it in a message: 5, 0.975, 1.2e-05, nan — not std::to_string's 5.000000.
std::string format_number(double x);

/// Throws DomainError unless 0 < level < 1 (NaN included), naming `what`; a percentage (95, 99.8) gets a
/// "did you mean 0.95?" hint. Every confidence level of the library is checked here (docs/conventions.md).
void check_confidence_level(double level, std::string_view what = "confidence_level");

}  // namespace hp::stats
