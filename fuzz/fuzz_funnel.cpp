// Funnel plots and the indicator limits behind them: proportions (Wilson, exact), rates (Byar's, exact Poisson),
// ratios, rate and risk ratios, group means, the dispersion ratio and τ², the limits' grid, with hostile counts
// (1e308, subnormal denominators, NaN) and options (levels of 95, winsorise 0.5, ...).
#include "fuzz.hpp"

#include <algorithm>

#include "healthyplaces/indicators/funnel.hpp"
#include "healthyplaces/indicators/rates.hpp"

namespace hp_fuzz_funnel {
/// Accepted intervals: limits ordered around the value, and (strict) nothing NaN from finite counts.
void check(const hp::indicators::Intervals& r, bool finite, const char* what) {
    for (std::size_t l = 0; l < r.lower.size(); ++l)
        for (std::size_t i = 0; i < r.size(); ++i) {
            const double lo = r.lower[l][i], hi = r.upper[l][i], v = r.value[i];
            hp::fuzz::require(!(lo > hi), std::string(what) + ": limits upside down");
            hp::fuzz::require(!finite || (!std::isnan(lo) && !std::isnan(hi) && !std::isnan(v)),
                              std::string(what) + ": finite counts accepted, NaN value or limit");
        }
}
}  // namespace hp_fuzz_funnel

HP_FUZZ_TARGET(funnel) {
    using namespace hp_fuzz_funnel;
    namespace hi = hp::indicators;
    hp::fuzz::Input in(data, size);
    const auto numerator = in.numbers(30);
    auto denominator = in.numbers(30);
    if (in.flag()) denominator.resize(numerator.size(), 50.0);  // mostly aligned, sometimes not
    const bool finite = hp::fuzz::all_finite(numerator) && hp::fuzz::all_finite(denominator);
    std::vector<double> levels(in.below(3));
    for (auto& l : levels) l = in.level();

    hi::FunnelOptions fo;
    fo.kind = in.choice<hi::FunnelKind>(3);
    fo.method = in.choice<hi::FunnelMethod>(4);
    fo.overdispersion = in.choice<hi::Overdispersion>(3);
    if (!levels.empty()) fo.confidence_level = levels;
    fo.multiplier = in.flag() ? in.number() : 100.0;
    fo.winsorise = in.flag() ? in.number() : 0.1;
    fo.truncate = in.flag() ? in.number() : 0.0;
    const std::optional<double> target = in.flag() ? std::optional<double>(in.number()) : std::nullopt;
    hp::fuzz::expect_clear([&] {
        const auto f = hi::funnel(numerator, denominator, fo, target);
        for (std::size_t l = 0; l < f.lower.size(); ++l)
            for (std::size_t i = 0; i < f.size(); ++i)
                hp::fuzz::require(!(f.lower[l][i] > f.upper[l][i]), "funnel: limits upside down");
        hp::fuzz::require(!finite || std::isfinite(f.phi), "funnel: finite counts, phi not finite");
        const auto grid = hi::funnel_grid(denominator, static_cast<std::int64_t>(in.below(40)));
        check(hi::funnel_limits(grid, f.target, fo, f.phi, f.tau2), false, "funnel_limits");
    });
    hp::fuzz::expect_clear([&] { (void)hi::dispersion(numerator, denominator, fo.winsorise, fo.truncate); });

    hi::ProportionOptions po;
    if (!levels.empty()) po.confidence_level = levels;
    po.method = in.choice<hi::ProportionMethod>(2);
    po.multiplier = in.flag() ? in.number() : 1.0;
    hp::fuzz::expect_clear([&] { check(hi::proportion(numerator, denominator, po), finite, "proportion"); });
    hi::RateOptions ro;
    if (!levels.empty()) ro.confidence_level = levels;
    ro.method = in.choice<hi::RateMethod>(3);
    ro.multiplier = in.flag() ? in.number() : 100000.0;
    hp::fuzz::expect_clear([&] { check(hi::rate(numerator, denominator, ro), finite, "rate"); });
    hi::RatioOptions qo;
    if (!levels.empty()) qo.confidence_level = levels;
    qo.method = in.choice<hi::RatioMethod>(2);
    hp::fuzz::expect_clear([&] {
        check(hi::rate_ratio(numerator, denominator, denominator, numerator, qo), false, "rate_ratio");
    });
    hp::fuzz::expect_clear([&] {
        check(hi::risk_ratio(numerator, denominator, numerator, denominator, qo), false, "risk_ratio");
    });
    const std::size_t n_groups = in.below(4);
    std::vector<std::int64_t> group(numerator.size());
    for (auto& g : group) g = static_cast<std::int64_t>(in.byte() % 5) - 1;
    hp::fuzz::expect_clear([&] {
        hi::MeanOptions mo;
        if (!levels.empty()) mo.confidence_level = levels;
        check(hi::mean(numerator, group, n_groups, mo), false, "mean");
    });
    const double x = in.number(), n = in.number(), level = in.level();
    hp::fuzz::expect_clear([&] { (void)hi::wilson_lower(x, n, level); });
    hp::fuzz::expect_clear([&] { (void)hi::wilson_upper(x, n, level); });
    hp::fuzz::expect_clear([&] { (void)hi::byars_lower(x, level); });
    hp::fuzz::expect_clear([&] { (void)hi::byars_upper(x, level); });
    hp::fuzz::expect_clear([&] { (void)hi::poisson_exact_lower(x, level); });
    hp::fuzz::expect_clear([&] { (void)hi::poisson_exact_upper(x, level); });
}
