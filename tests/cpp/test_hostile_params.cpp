// Issue 15 (parameters, interrupts, finance overflow) in C++: the cancellation hook stops parallel_for and
// single-threaded loops promptly with every thread joined; chunked work gives the numbers of one thread; the
// integer options are checked in C++ (negative threads are a DomainError); finance refuses what would overflow.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "error_of.hpp"
#include "healthyplaces/base/cancel.hpp"
#include "healthyplaces/base/params.hpp"
#include "healthyplaces/finance/business_case.hpp"
#include "healthyplaces/finance/cost.hpp"
#include "healthyplaces/finance/simulate.hpp"
#include "healthyplaces/stats/parallel.hpp"
#include "healthyplaces/stats/random.hpp"

using hp::testing::contains;
using hp::testing::error_of;
using Clock = std::chrono::steady_clock;

namespace {
// Busy work of about a microsecond per item that depends only on the item's index.
double item_value(std::int64_t i) {
    hp::stats::RandomStream rs(7, static_cast<std::uint64_t>(i));
    double s = 0;
    for (int k = 0; k < 200; ++k) s += static_cast<double>(rs() >> 40);
    return s;
}
}  // namespace

TEST_CASE("cancel hook: without a scope nothing is ever cancelled") {
    CHECK_FALSE(hp::cancel_requested());
    CHECK_NOTHROW(hp::check_cancelled());
}

TEST_CASE("cancel hook: a single-threaded loop polling check_cancelled stops when the hook says so") {
    std::atomic<bool> stop{false};
    hp::CancelScope scope([&] { return stop.load(); });
    std::int64_t done = 0;
    const auto t0 = Clock::now();
    CHECK_THROWS_AS(
        [&] {
            for (;; ++done) {
                if (Clock::now() - t0 > std::chrono::milliseconds(100)) stop = true;
                hp::check_cancelled();
            }
        }(),
        hp::Cancelled);
    // asked at most every 20 ms: it stopped within one poll interval of the flag
    CHECK(Clock::now() - t0 < std::chrono::milliseconds(100) + 3 * hp::cancel_poll_interval);
    CHECK(done > 0);
}

TEST_CASE("cancel hook: parallel_for stops every worker soon after the hook says stop, threads joined") {
    for (int threads : {1, 2, 4}) {
        CAPTURE(threads);
        const auto t0 = Clock::now();
        hp::CancelScope scope([&] { return Clock::now() - t0 > std::chrono::milliseconds(50); });
        std::atomic<std::int64_t> items{0};
        // 10^9 items of ~1 µs: minutes of work unless stopped.
        CHECK_THROWS_AS(hp::stats::parallel_for(1'000'000'000, threads,
                                                [&](std::int64_t b, std::int64_t e, int) {
                                                    double s = 0;
                                                    for (auto i = b; i < e; ++i) s += item_value(i);
                                                    items += e - b + (s < 0);
                                                }),
                        hp::Cancelled);
        const auto took = Clock::now() - t0;
        CHECK(took < std::chrono::milliseconds(400));
        CHECK(items.load() > 0);
    }
}

TEST_CASE("cancel hook: a real error in one chunk beats the cancellation it causes in the others") {
    const std::string what = [] {
        try {
            hp::stats::parallel_for(100'000, 3, [](std::int64_t b, std::int64_t e, int) {
                for (auto i = b; i < e; ++i)
                    if (i == 500) throw hp::DomainError("item 500 is bad");
            });
        } catch (const hp::DomainError& e) {
            return std::string(e.what());
        } catch (const hp::Cancelled&) {
            return std::string("cancelled");
        }
        return std::string("no error");
    }();
    CHECK(what == "item 500 is bad");
}

TEST_CASE("cancel hook: a nested parallel_for in a worker sees the outer stop") {
    const auto t0 = Clock::now();
    hp::CancelScope scope([&] { return Clock::now() - t0 > std::chrono::milliseconds(30); });
    CHECK_THROWS_AS(hp::stats::parallel_for(64, 2,
                                            [&](std::int64_t, std::int64_t, int) {
                                                hp::stats::parallel_for(1'000'000'000, 1, [](std::int64_t b, std::int64_t e, int) {
                                                    double s = 0;
                                                    for (auto i = b; i < e; ++i) s += item_value(i);
                                                    CHECK(s >= 0);
                                                });
                                            }),
                    hp::Cancelled);
    CHECK(Clock::now() - t0 < std::chrono::milliseconds(400));
}

TEST_CASE("parallel_for: chunks give the numbers of one thread, every item exactly once") {
    const std::int64_t n = 20'003;  // still many chunks (2-10 ms each) at 200 draws an item
    std::vector<double> one(static_cast<std::size_t>(n)), many(one.size());
    std::vector<int> seen(one.size(), 0);
    hp::stats::parallel_for(n, 1, [&](std::int64_t b, std::int64_t e, int) {
        for (auto i = b; i < e; ++i) one[static_cast<std::size_t>(i)] = item_value(i);
    });
    for (int threads : {2, 3, 8}) {
        std::fill(seen.begin(), seen.end(), 0);
        std::vector<std::int64_t> per_worker(static_cast<std::size_t>(hp::stats::resolve_threads(threads, n)), 0);
        hp::stats::parallel_for(n, threads, [&](std::int64_t b, std::int64_t e, int w) {
            for (auto i = b; i < e; ++i) {
                many[static_cast<std::size_t>(i)] = item_value(i);
                ++seen[static_cast<std::size_t>(i)];
            }
            per_worker[static_cast<std::size_t>(w)] += e - b;  // a worker may run many chunks
        });
        CHECK(many == one);
        CHECK(std::all_of(seen.begin(), seen.end(), [](int s) { return s == 1; }));
        CHECK(std::accumulate(per_worker.begin(), per_worker.end(), std::int64_t{0}) == n);
    }
}

TEST_CASE("integer options: negative threads and counts out of range are DomainErrors in C++ too") {
    CHECK(error_of([] { hp::stats::resolve_threads(-1, 10); }) ==
          "DomainError: threads must be 0 (all cores) or a positive number up to 2,147,483,647, got -1");
    CHECK(error_of([] { hp::check_count(0, "n_sims", 1); }) ==
          "DomainError: n_sims must be a whole number from 1 to 1,000,000,000, got 0");
    CHECK(error_of([] { hp::check_count(hp::max_count + 1, "n_resamples", 1); }) ==
          "DomainError: n_resamples must be a whole number from 1 to 1,000,000,000, got 1,000,000,001");
    hp::finance::SimulationOptions o;
    o.n_sims = 10;
    o.threads = -2;
    hp::finance::Service s{"s", "nhs", {0.1}, hp::finance::gamma_cost(100, 10), 1e4};
    const std::vector<hp::finance::Service> services{s};
    CHECK(contains(error_of([&] { hp::finance::simulate_spend(services, {{1000.0}}, o); }),
                   "simulate: threads must be 0 (all cores)"));
}

TEST_CASE("finance limits: unit costs, budgets and expected events that would overflow are refused") {
    CHECK(contains(error_of([] { hp::finance::gamma_cost(1e308, 1e308); }),
                   "unit cost: mean must be positive and at most 1e12 (£ per event), got 1e+308"));
    CHECK(contains(error_of([] { hp::finance::gamma_cost(1.0, 1e4); }), "sd must be at most 1000 times the mean"));
    hp::finance::SimulationOptions o;
    o.n_sims = 10;
    hp::finance::Service s{"big", "nhs", {1e19}, hp::finance::gamma_cost(100, 10), 1e4};
    const std::vector<hp::finance::Service> services{s};
    CHECK(contains(error_of([&] { hp::finance::simulate_spend(services, {{1.0}}, o); }),
                   "service \"big\" expects 1e+19 events in year 0, more than the 1e12"));
    // At the limits everything is finite.
    hp::finance::Service edge{"edge", "nhs", {1e5}, hp::finance::gamma_cost(1e12, 1e12), 1e15};
    const std::vector<hp::finance::Service> at_limit{edge};
    const auto d = hp::finance::simulate_spend(at_limit, {{1e7}}, o);
    for (double x : d.spend) CHECK(std::isfinite(x));
    for (double x : d.events) CHECK((x > 0 && x < 2e12));
}

TEST_CASE("finance business case: no PSA leaves its outputs NaN, not zero") {
    std::vector<hp::finance::Flow> flows{{"posts", hp::finance::FlowKind::saving, hp::finance::Uncertain::normal(100, 10), 1, -1, 1, 0}};
    hp::finance::PsaOptions psa;
    psa.n_sims = 0;
    const auto c = hp::finance::business_case(flows, 3, {}, psa);
    CHECK(std::isfinite(c.npv));
    CHECK(std::isnan(c.p_positive));
    CHECK(std::isnan(c.evpi));
    CHECK(std::isnan(c.mean_npv));
    CHECK(c.npv_draws.empty());
}
