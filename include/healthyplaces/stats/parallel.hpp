#pragma once
// Split independent work items (resamples, simulated years) over threads. Each item must depend only on
// its own index (draw from RandomStream(seed, index)), so results do not depend on the thread count nor on
// how the items are cut into chunks.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

#if defined(__GLIBCXX__)
#include <cxxabi.h>
#endif

#include "healthyplaces/base/cancel.hpp"
#include "healthyplaces/base/params.hpp"

namespace hp::stats {

/// Threads to use for `threads` (0 = all cores, at least 1), never more than there are items, nor more than
/// four per core: beyond that threads only add start-up cost and memory (40,000 asked for used to abort the
/// process), and results do not depend on the count. A negative count is a DomainError (hp::check_threads).
inline int resolve_threads(int threads, std::int64_t items) {
    check_threads(threads);
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    if (threads == 0) threads = cores;
    threads = std::min(threads, 4 * cores);
    if (items < threads) threads = static_cast<int>(std::max<std::int64_t>(1, items));
    return threads;
}

/// Calls fn(begin, end, worker) on chunks of [0, n) until every item is done; worker is in
/// [0, resolve_threads(threads, n)) and the calling thread is worker 0. A worker takes chunks in turn, so fn
/// may be called several times per worker: keep per-worker scratch by `worker`, and accumulate into
/// per-worker totals with += (integer counts only: a floating-point sum would depend on the chunks). Chunks
/// grow from one item until each takes a few milliseconds, so the work stops soon after a cancellation:
/// between chunks every worker reads a shared stop flag and the calling thread asks the cancellation hook
/// (hp::CancelScope, at most every 20 ms, also while it waits for the others). On cancellation, or when any
/// chunk throws, the other workers stop at their next chunk, all threads are joined, and the first error
/// (else hp::Cancelled) is rethrown here.
template <class Fn>
void parallel_for(std::int64_t n, int threads, Fn&& fn) {
    const int t = resolve_threads(threads, n);
    auto& context = hp::cancelling::cancel_context();
    if (n <= 0 || (t == 1 && context.hook == nullptr && context.flag == nullptr)) {
        fn(std::int64_t{0}, std::max<std::int64_t>(n, 0), 0);  // nothing could stop it: one call, as ever
        return;
    }
    using clock = std::chrono::steady_clock;
    hp::cancelling::StopFlag stop{false, context.flag};
    std::atomic<std::int64_t> next{0};
    // Chunks no larger than a quarter of a thread's share, so that the last chunks balance the threads.
    const std::int64_t largest = std::max<std::int64_t>(1, n / (4 * static_cast<std::int64_t>(t)));
    std::vector<std::exception_ptr> errors(static_cast<std::size_t>(t));
    // Runs chunks until none is left or the work is stopped; `poll` (the calling thread's) asks the hook.
    auto work = [&](int w, bool poll) {
        try {
            std::int64_t chunk = 1;
            while (true) {
                if (poll ? hp::cancel_requested() : stop.stopped()) break;
                // Guided towards the end: a chunk at most half a thread's share of what is left, so the threads
                // finish together (a 10 ms job's last 2.5 ms chunk left one of two threads idle: SMAA-2's 1.6x).
                const std::int64_t left = n - next.load(std::memory_order_relaxed);
                const std::int64_t take = std::max<std::int64_t>(1, std::min(chunk, left / (2 * static_cast<std::int64_t>(t))));
                const std::int64_t begin = next.fetch_add(take, std::memory_order_relaxed);
                if (begin >= n) break;
                const std::int64_t end = std::min(n, begin + take);
                const auto start = clock::now();
                fn(begin, end, w);
                const auto took = clock::now() - start;
                if (took < std::chrono::milliseconds(2)) chunk = std::min(largest, chunk * 2);
                else if (took > std::chrono::milliseconds(10) && chunk > 1) chunk /= 2;
            }
#if defined(__GLIBCXX__)
        } catch (abi::__forced_unwind&) {  // the thread is being ended (pthread_exit): never swallow it
            stop.set.store(true, std::memory_order_relaxed);
            throw;
#endif
        } catch (...) {
            errors[static_cast<std::size_t>(w)] = std::current_exception();
            stop.set.store(true, std::memory_order_relaxed);
        }
    };
    std::mutex m;
    std::condition_variable done;
    int running = 0;
    std::vector<std::thread> pool;
    pool.reserve(static_cast<std::size_t>(t - 1));
    // Joins every started thread however this function is left (also by a forced unwind of this thread):
    // a joinable std::thread destroyed would terminate the process.
    struct Joiner {
        std::vector<std::thread>& pool;
        hp::cancelling::StopFlag& stop;
        ~Joiner() {
            for (auto& th : pool)
                if (th.joinable()) {  // left early: tell the others to stop first
                    stop.set.store(true, std::memory_order_relaxed);
                    th.join();
                }
        }
    };
    {
        const Joiner joiner{pool, stop};
        // The calling thread's checks (and any nested parallel_for in fn) see this work's flag.
        hp::cancelling::ContextSwap here({context.hook, &stop, context.next_poll});
        try {
            for (int w = 1; w < t; ++w) {
                {
                    const std::lock_guard<std::mutex> lock(m);
                    ++running;
                }
                struct Undo {  // the thread did not start: it will not count itself out
                    std::mutex& m;
                    int& running;
                    bool started = false;
                    ~Undo() {
                        if (started) return;
                        const std::lock_guard<std::mutex> lock(m);
                        --running;
                    }
                } undo{m, running};
                pool.emplace_back([&, w] {
                    {
                        hp::cancelling::ContextSwap worker({nullptr, &stop, {}});
                        work(w, false);
                    }
                    const std::lock_guard<std::mutex> lock(m);
                    --running;
                    done.notify_one();
                });
                undo.started = true;
            }
        } catch (const std::system_error&) {
            // The system would not start another thread: the threads running and this one share the chunks
            // (each item depends only on its index: the same numbers), and no joinable thread is destroyed
            // (which would terminate the process).
        }
        work(0, true);
        // Wait for the others, still asking the hook, so that a cancellation lands while they finish.
        std::unique_lock<std::mutex> lock(m);
        while (!done.wait_for(lock, hp::cancel_poll_interval, [&] { return running == 0; })) {
            lock.unlock();
            hp::cancel_requested();  // sets `stop` when the hook says so
            lock.lock();
        }
        lock.unlock();
        for (auto& th : pool) th.join();
    }
    std::exception_ptr cancelled;
    for (auto& err : errors) {
        if (!err) continue;
        try {
            std::rethrow_exception(err);
        } catch (const hp::Cancelled&) {
            cancelled = err;
        } catch (...) {
            throw;  // a real error beats a cancellation it caused
        }
    }
    if (cancelled) std::rethrow_exception(cancelled);
    if (stop.stopped()) throw hp::Cancelled();
}

}  // namespace hp::stats
