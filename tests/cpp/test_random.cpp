// Random streams and the thread splitter: reproducibility is the contract, so it is what is tested.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "healthyplaces/stats/parallel.hpp"
#include "healthyplaces/stats/random.hpp"

using hp::stats::RandomStream;

TEST_CASE("Philox is the published generator: known-answer vector from Random123's kat_vectors") {
    // philox4x64_10, counter 0 and key 0 (Random123 1.14, examples/kat_vectors).
    r123::Philox4x64 g;
    const auto out = g(r123::Philox4x64::ctr_type{{0, 0, 0, 0}}, r123::Philox4x64::key_type{{0, 0}});
    CHECK(out.v[0] == 0x16554d9eca36314cULL);
    CHECK(out.v[1] == 0xdb20fe9d672d0fdcULL);
    CHECK(out.v[2] == 0xd7e772cee186176bULL);
    CHECK(out.v[3] == 0x7e68b68aec7ba23bULL);
}

TEST_CASE("a stream is a pure function of (seed, stream id)") {
    RandomStream a(42, 7), b(42, 7), c(42, 8), d(43, 7);
    std::vector<std::uint64_t> xa, xb, xc, xd;
    for (int i = 0; i < 10; ++i) {
        xa.push_back(a());
        xb.push_back(b());
        xc.push_back(c());
        xd.push_back(d());
    }
    CHECK(xa == xb);
    CHECK(xa != xc);
    CHECK(xa != xd);
}

TEST_CASE("uniform() lies in 0 <= u < 1 and below(n) is unbiased") {
    RandomStream s(1, 0);
    double sum = 0;
    for (int i = 0; i < 100000; ++i) {
        const double u = s.uniform();
        REQUIRE(u >= 0.0);
        REQUIRE(u < 1.0);
        sum += u;
    }
    // mean of 100,000 uniforms: sd 1/sqrt(12e5) = 0.00091; allow 5 sd
    CHECK(std::abs(sum / 100000 - 0.5) < 5 * 0.00091);

    // chi-square goodness of fit of below(6) over 60,000 draws; the 0.999 quantile of chi2(5) is 20.5
    std::vector<double> counts(6, 0.0);
    for (int i = 0; i < 60000; ++i) counts[s.below(6)] += 1;
    double chi2 = 0;
    for (double c : counts) chi2 += (c - 10000) * (c - 10000) / 10000;
    CHECK(chi2 < 20.5);
    CHECK(s.below(1) == 0);
}

TEST_CASE("parallel_for gives the same numbers with 1, 2 and 7 threads and rethrows errors") {
    auto run = [](int threads) {
        std::vector<double> out(1000);
        hp::stats::parallel_for(1000, threads, [&](std::int64_t b, std::int64_t e, int) {
            for (auto i = b; i < e; ++i) {
                RandomStream s(99, static_cast<std::uint64_t>(i));
                out[static_cast<std::size_t>(i)] = s.uniform();
            }
        });
        return out;
    };
    const auto one = run(1);
    CHECK(run(2) == one);
    CHECK(run(7) == one);
    CHECK(std::set<double>(one.begin(), one.end()).size() == one.size());
    CHECK(hp::stats::resolve_threads(0, 1000) >= 1);
    CHECK(hp::stats::resolve_threads(8, 3) == 3);
    CHECK_THROWS_AS(hp::stats::parallel_for(10, 2, [](std::int64_t b, std::int64_t, int) {
                        if (b > 0) throw std::runtime_error("boom");
                    }),
                    std::runtime_error);
}

TEST_CASE("parallel_for with 40000 threads asked for: at most four per core, every item once, same numbers") {
    // 40,000 used to abort the process (a thread that failed to start destroyed joinable ones).
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    CHECK(hp::stats::resolve_threads(40000, 1000000) == 4 * cores);
    CHECK(hp::stats::resolve_threads(40000, 3) == 3);
    std::vector<int> seen(100000, 0);
    std::vector<double> out(100000), one(100000);
    hp::stats::parallel_for(100000, 40000, [&](std::int64_t b, std::int64_t e, int) {
        for (auto i = b; i < e; ++i) {
            seen[static_cast<std::size_t>(i)] += 1;
            out[static_cast<std::size_t>(i)] = RandomStream(7, static_cast<std::uint64_t>(i)).uniform();
        }
    });
    hp::stats::parallel_for(100000, 1, [&](std::int64_t b, std::int64_t e, int) {
        for (auto i = b; i < e; ++i) one[static_cast<std::size_t>(i)] = RandomStream(7, static_cast<std::uint64_t>(i)).uniform();
    });
    CHECK(std::all_of(seen.begin(), seen.end(), [](int k) { return k == 1; }));
    CHECK(out == one);
}
