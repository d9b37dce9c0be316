#pragma once
// Split independent work items (resamples, simulated years) over threads. Each item must depend only on
// its own index (draw from RandomStream(seed, index)), so results do not depend on the thread count.
#include <algorithm>
#include <cstdint>
#include <exception>
#include <system_error>
#include <thread>
#include <vector>

namespace hp::stats {

/// Threads to use for `threads` (0 = all cores, at least 1), never more than there are items, nor more than
/// four per core: beyond that threads only add start-up cost and memory (40,000 asked for used to abort the
/// process), and results do not depend on the count.
inline int resolve_threads(int threads, std::int64_t items) noexcept {
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    if (threads <= 0) threads = cores;
    threads = std::min(threads, 4 * cores);
    if (items < threads) threads = static_cast<int>(std::max<std::int64_t>(1, items));
    return threads;
}

/// Calls fn(begin, end, worker) on contiguous blocks of [0, n), one block per thread; the first exception
/// thrown by any block is rethrown here after all threads finish.
template <class Fn>
void parallel_for(std::int64_t n, int threads, Fn&& fn) {
    const int t = resolve_threads(threads, n);
    if (t == 1) {
        fn(std::int64_t{0}, n, 0);
        return;
    }
    // The calling thread runs block 0 itself: one thread fewer to start per call.
    std::vector<std::exception_ptr> errors(static_cast<std::size_t>(t));
    auto run = [&](int w) {
        try {
            fn(n * w / t, n * (w + 1) / t, w);
        } catch (...) {
            errors[static_cast<std::size_t>(w)] = std::current_exception();
        }
    };
    std::vector<std::thread> pool;
    pool.reserve(static_cast<std::size_t>(t - 1));
    int started = 1;
    try {
        for (; started < t; ++started) pool.emplace_back(run, started);
    } catch (const std::system_error&) {
        // The system would not start another thread: the blocks not started run here, in turn, below. Each
        // block depends only on its indices, so the numbers are the same; and no joinable thread is destroyed
        // (which would terminate the process).
    }
    run(0);
    for (int w = started; w < t; ++w) run(w);
    for (auto& th : pool) th.join();
    for (auto& err : errors)
        if (err) std::rethrow_exception(err);
}

}  // namespace hp::stats
