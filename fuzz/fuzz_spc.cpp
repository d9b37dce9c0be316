// XmR charts (NHS "Making Data Count"): values with NaN, ±inf, 1e308, subnormals; time indices with gaps,
// duplicates and overflow-sized steps; rebasing, fixed limits, outlier screening, short run lengths.
#include "fuzz.hpp"

#include "healthyplaces/indicators/spc.hpp"

HP_FUZZ_TARGET(spc) {
    namespace hi = hp::indicators;
    hp::fuzz::Input in(data, size);
    hi::XmrOptions o;
    o.improvement = in.choice<hi::Improvement>(3);
    o.target = in.flag() ? in.number() : std::numeric_limits<double>::quiet_NaN();
    o.rebase.resize(in.below(3));
    for (auto& r : o.rebase) r = static_cast<std::int64_t>(in.below(70)) - 2;
    o.fix_after = static_cast<std::int64_t>(in.below(20)) - 1;
    o.screen_outliers = in.flag();
    o.shift_length = static_cast<std::int64_t>(in.below(12));
    o.trend_length = static_cast<std::int64_t>(in.below(12));
    o.time_step = in.byte() < 240 ? 1 : static_cast<std::int64_t>(in.u64());
    const auto values = in.numbers(64);
    std::vector<std::int64_t> time;
    if (in.flag()) {
        std::int64_t t = static_cast<std::int64_t>(in.u64() >> 2) - (std::int64_t{1} << 61);
        for (std::size_t i = 0; i < values.size(); ++i) {
            time.push_back(t);
            const auto step = in.byte();
            // Mostly the usual step, sometimes a gap, a repeat, a step back or a huge jump.
            const std::int64_t d = step < 200 ? 1 : step < 230 ? step - 198 : step < 240 ? 0 : step < 250 ? -1
                                 : static_cast<std::int64_t>(in.u64() >> 1);
            t = static_cast<std::int64_t>(static_cast<std::uint64_t>(t) + static_cast<std::uint64_t>(d));  // wraps
        }
    }
    hp::fuzz::expect_clear([&] { (void)hi::usual_time_step(time); });
    const bool finite = hp::fuzz::all_finite(values);
    const auto r = hi::xmr(values, time, o);
    hp::fuzz::require(r.size() == values.size(), "xmr: a result per point lost");
    for (std::size_t i = 0; i < r.size(); ++i)
        hp::fuzz::require(!(r.lower[i] > r.upper[i]), "xmr: limits upside down");
    for (const auto& s : r.segments)
        hp::fuzz::require(!finite || s.baseline_points == 0 || std::isfinite(s.centre),
                          "xmr: finite values, centre line not finite");
}
