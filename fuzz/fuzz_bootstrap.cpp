// Bootstrap intervals (percentile, basic, BCa; exact, multinomial and index resampling) for every named statistic,
// one sample, two or paired, with hostile values, parameters and few resamples.
#include "fuzz.hpp"

#include "healthyplaces/stats/bootstrap.hpp"

namespace hp_fuzz_bootstrap {
hp::stats::Statistic statistic(hp::fuzz::Input& in) {
    hp::stats::Statistic s;
    s.kind = in.choice<hp::stats::StatisticKind>(5);
    s.p = in.byte() < 200 ? static_cast<double>(in.byte()) / 255.0 : in.number();
    s.quantile_method = in.choice<hp::stats::QuantileMethod>(6);
    s.threshold = in.number();
    s.tie_policy = in.choice<hp::stats::TiePolicy>(4);
    return s;
}
}  // namespace hp_fuzz_bootstrap

HP_FUZZ_TARGET(bootstrap) {
    hp::fuzz::Input in(data, size);
    hp::stats::BootstrapOptions o;
    o.statistic = hp_fuzz_bootstrap::statistic(in);
    o.method = in.choice<hp::stats::IntervalMethod>(3);
    o.confidence_level = in.level();
    o.alternative = in.choice<hp::stats::Alternative>(3);
    o.n_resamples = static_cast<std::int64_t>(in.below(200)) - 1;
    o.resampling = in.choice<hp::stats::Resampling>(4);
    if (in.flag()) o.scale = hp::stats::Scale{static_cast<int>(in.byte() % 8) - 2, static_cast<int>(in.byte() % 8)};
    o.seed = in.u64();
    o.threads = 1;
    o.max_exact = 20000;
    const int samples = in.byte() % 3;  // one, two independent, paired
    const auto x = in.numbers(40);
    const auto y = samples > 0 ? in.numbers(40) : std::vector<double>{};
    const bool finite = hp::fuzz::all_finite(x) && hp::fuzz::all_finite(y);
    const auto r = samples == 0 ? hp::stats::bootstrap(x, o)
                 : samples == 1 ? hp::stats::bootstrap(x, y, o)
                                : hp::stats::bootstrap_paired(x, y, o);
    const auto& e = r.estimate;
    hp::fuzz::require(!(e.ci_low > e.ci_high), "bootstrap: interval upside down");
    hp::fuzz::require(!finite || std::isfinite(e.estimate), "bootstrap: finite data, estimate not finite");
    hp::fuzz::require(!finite || !r.warning.empty() || o.alternative != hp::stats::Alternative::two_sided ||
                          (std::isfinite(e.ci_low) && std::isfinite(e.ci_high)),
                      "bootstrap: finite data, an interval end not finite and no warning");
    hp::fuzz::require(r.probabilities.empty() || r.probabilities.size() == r.distribution.size(),
                      "bootstrap: exact distribution and probabilities differ in length");
}
