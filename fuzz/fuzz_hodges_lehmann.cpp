// Hodges–Lehmann shift and pseudo-median with their exact and asymptotic intervals, and the selection routines
// behind them (k-th pairwise difference, k-th Walsh average) at any k.
#include "fuzz.hpp"

#include "healthyplaces/stats/hodges_lehmann.hpp"

HP_FUZZ_TARGET(hodges_lehmann) {
    hp::fuzz::Input in(data, size);
    hp::stats::HodgesLehmannOptions o;
    o.confidence_level = in.level();
    o.method = in.choice<hp::stats::TestMethod>(4);
    o.continuity = in.flag();
    const int kind = in.byte() % 3;  // two samples, one, paired
    const auto x = in.numbers(40);
    const auto y = kind != 1 ? in.numbers(40) : std::vector<double>{};
    hp::fuzz::expect_clear([&] {
        const auto e = kind == 0 ? hp::stats::hodges_lehmann(x, y, o)
                     : kind == 1 ? hp::stats::hodges_lehmann(x, o)
                                 : hp::stats::hodges_lehmann_paired(x, y, o);
        hp::fuzz::require(!(e.ci_low > e.ci_high), "hodges_lehmann: interval upside down");
        hp::fuzz::require(!(e.estimate < e.ci_low) && !(e.estimate > e.ci_high),
                          "hodges_lehmann: estimate outside its interval");
        hp::fuzz::require(!std::isnan(e.estimate), "hodges_lehmann: NaN estimate on accepted data");
    });
    const auto k = static_cast<std::int64_t>(in.below(2000)) - 5;
    hp::fuzz::expect_clear([&] { (void)hp::stats::kth_pairwise_difference(x, y, k); });
    hp::fuzz::expect_clear([&] { (void)hp::stats::kth_walsh_average(x, k); });
}
