// Mann–Whitney U (every method, exact with and without ties) and the exact null it reads p-values from. Samples
// are short (the exact methods are O(n³)): the fuzzing is about hostile values and lengths 0, 1, 2, odd.
#include "fuzz.hpp"

#include "healthyplaces/stats/mann_whitney.hpp"

HP_FUZZ_TARGET(mann_whitney) {
    hp::fuzz::Input in(data, size);
    hp::stats::MannWhitneyOptions o;
    o.alternative = in.choice<hp::stats::Alternative>(3);
    o.method = in.choice<hp::stats::TestMethod>(4);
    o.continuity = in.flag();
    o.monte_carlo.n_resamples = static_cast<std::int64_t>(in.below(300)) - 2;  // -2..298: zero and below refused
    o.monte_carlo.seed = in.u64();
    o.monte_carlo.threads = 1;
    const std::size_t max_len = o.method == hp::stats::TestMethod::asymptotic ? 400 : 30;
    const auto x = in.numbers(max_len);
    const auto y = in.numbers(max_len);
    hp::fuzz::expect_clear([&] {
        const auto r = hp::stats::mann_whitney(x, y, o);
        hp::fuzz::require(hp::fuzz::pvalue_ok(r.pvalue), "mann_whitney: p-value outside [0, 1]");
        hp::fuzz::require(!std::isnan(r.pvalue), "mann_whitney: NaN p-value on accepted data");
        hp::fuzz::require(r.statistic >= 0 && r.statistic <= static_cast<double>(x.size() * y.size()),
                          "mann_whitney: U outside [0, n1·n2]");
    });
    // The exact null by both counting paths (128-bit integers, normalised doubles) for small sizes.
    const auto n1 = static_cast<std::int64_t>(in.below(70)) - 1, n2 = static_cast<std::int64_t>(in.below(70)) - 1;
    hp::fuzz::expect_clear([&] {
        const auto null = hp::stats::mann_whitney_null(n1, n2);
        const double p = in.number();
        hp::fuzz::expect_clear([&] { (void)null.quantile(p); });
        const auto c = null.lower_critical(std::isfinite(p) ? p : 0.05);
        hp::fuzz::require(c >= -1 && c <= null.max(), "lower_critical out of range");
        const auto k = static_cast<std::int64_t>(in.below(5000)) - 10;
        const double cdf = null.cdf(k), sf = null.sf(k), pmf = null.pmf(k);
        hp::fuzz::require(cdf >= 0 && cdf <= 1 && sf >= 0 && sf <= 1 && pmf >= 0 && pmf <= 1,
                          "null: a probability outside [0, 1]");
        hp::fuzz::require(std::fabs(cdf + sf - 1) < 1e-9, "null: cdf + sf != 1");
    });
}
