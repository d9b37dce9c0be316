// Permutation tests: independent relabelling, paired and one-sample sign flips, exact and Monte Carlo, for every
// named statistic, with hostile values (the issue's [1e308, -1e308, ...] that gave statistic NaN with p = 0).
#include "fuzz.hpp"

#include "healthyplaces/stats/permutation.hpp"

HP_FUZZ_TARGET(permutation) {
    hp::fuzz::Input in(data, size);
    hp::stats::PermutationOptions o;
    o.statistic.kind = in.choice<hp::stats::StatisticKind>(5);
    o.statistic.p = static_cast<double>(in.byte()) / 255.0;
    o.statistic.threshold = in.number();
    o.statistic.tie_policy = in.choice<hp::stats::TiePolicy>(4);
    o.alternative = in.choice<hp::stats::Alternative>(3);
    o.method = in.choice<hp::stats::TestMethod>(4);
    o.n_resamples = static_cast<std::int64_t>(in.below(300)) - 1;
    o.seed = in.u64();
    o.threads = 1;
    o.max_exact = 5000;
    const int kind = in.byte() % 3;  // independent, paired, one sample
    const auto x = in.numbers(24);
    const auto y = kind < 2 ? in.numbers(24) : std::vector<double>{};
    const bool finite = hp::fuzz::all_finite(x) && hp::fuzz::all_finite(y);
    const auto r = kind == 0 ? hp::stats::permutation_test(x, y, o)
                 : kind == 1 ? hp::stats::paired_permutation_test(x, y, o)
                             : hp::stats::sign_flip_test(x, o);
    hp::fuzz::require(hp::fuzz::pvalue_ok(r.pvalue), "permutation: p-value outside [0, 1]");
    hp::fuzz::require(!std::isnan(r.statistic) || std::isnan(r.pvalue), "permutation: NaN statistic with a p-value");
    hp::fuzz::require(!finite || !std::isnan(r.statistic), "permutation: finite data, NaN statistic");
    hp::fuzz::expect_clear([&] {
        (void)hp::stats::permutation_pvalue(r.null_distribution, in.number(), o.alternative, r.exact);
    });
}
