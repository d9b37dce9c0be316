#pragma once
// Cancelling long work (Ctrl-C in Python, a Stop button in a C++ tool). The caller installs a hook on its
// thread (CancelScope); long loops call hp::check_cancelled() between pieces of work, which asks the hook at
// most every 20 ms and throws hp::Cancelled when it says stop. stats::parallel_for shares a stop flag with its
// worker threads: the calling thread polls the hook while they work, sets the flag when told to stop, and
// every worker quits at its next chunk (a few milliseconds), so the threads are joined and Cancelled reaches
// the caller promptly. Without a hook nothing is ever cancelled and the checks cost a thread-local read.
//
//   std::atomic<bool> stop{false};                       // set by another thread (a GUI's button)
//   hp::CancelScope scope([&] { return stop.load(); });
//   try { auto r = hp::finance::simulate_spend(...); } catch (const hp::Cancelled&) { /* stopped */ }
#include <atomic>
#include <chrono>
#include <exception>
#include <functional>
#include <utility>

namespace hp {

/// Thrown by check_cancelled() when the installed hook asked to stop. Deliberately not an hp::Error (nor a
/// DomainError): code that catches bad-input errors to carry on (a failed placebo fit) must not swallow it.
/// Python sees KeyboardInterrupt.
class Cancelled : public std::exception {
public:
    const char* what() const noexcept override { return "cancelled"; }
};

/// How often the calling thread asks the hook at most: often enough for Ctrl-C to land within 0.5 s, rarely
/// enough that the hook (Python takes the GIL for it) costs nothing measurable.
inline constexpr std::chrono::milliseconds cancel_poll_interval{20};

namespace cancelling {
/// A stop flag; a nested parallel_for's flag points to its parent's, so stopping the outer work stops both.
struct StopFlag {
    std::atomic<bool> set{false};
    const StopFlag* parent = nullptr;
    bool stopped() const noexcept {
        for (const StopFlag* f = this; f != nullptr; f = f->parent)
            if (f->set.load(std::memory_order_relaxed)) return true;
        return false;
    }
};

/// This thread's view: the hook (only on the thread that installed it) and the innermost stop flag.
struct CancelContext {
    const std::function<bool()>* hook = nullptr;
    StopFlag* flag = nullptr;
    std::chrono::steady_clock::time_point next_poll{};
};

inline CancelContext& cancel_context() noexcept {
    thread_local CancelContext context;
    return context;
}

/// Sets this thread's context for a scope and restores the previous one after it (worker threads, nested
/// parallel_for).
class ContextSwap {
public:
    explicit ContextSwap(const CancelContext& next) : saved_(cancel_context()) { cancel_context() = next; }
    ~ContextSwap() { cancel_context() = saved_; }
    ContextSwap(const ContextSwap&) = delete;
    ContextSwap& operator=(const ContextSwap&) = delete;

private:
    CancelContext saved_;
};
}  // namespace cancelling

/// Installs `hook` on the calling thread for the scope's lifetime (the previous hook is restored after it).
/// `hook` returns true to stop the work; it is called only on this thread, at most every cancel_poll_interval.
class CancelScope {
public:
    explicit CancelScope(std::function<bool()> hook) : hook_(std::move(hook)), swap_({&hook_, &flag_, {}}) {}
    CancelScope(const CancelScope&) = delete;
    CancelScope& operator=(const CancelScope&) = delete;

private:
    std::function<bool()> hook_;
    cancelling::StopFlag flag_{false, cancelling::cancel_context().flag};  // an enclosing scope's stop stops this one
    cancelling::ContextSwap swap_;  // last: installed after the hook and flag exist, removed before they go
};

/// True when the work on this thread should stop: a stop flag of this work is set (another thread was told to
/// stop, or failed), or this thread installed the hook and, asked (at most every cancel_poll_interval), it says
/// stop. An exception the hook throws propagates (as does the forced unwind of a thread that Python ends at
/// exit while its hook waits for the GIL: swallowing that would abort the process).
inline bool cancel_requested() {
    auto& c = cancelling::cancel_context();
    if (c.flag != nullptr && c.flag->stopped()) return true;
    if (c.hook == nullptr) return false;
    const auto now = std::chrono::steady_clock::now();
    if (now < c.next_poll) return false;
    c.next_poll = now + cancel_poll_interval;
    const bool stop = (*c.hook)();
    if (stop && c.flag != nullptr) c.flag->set.store(true, std::memory_order_relaxed);
    return stop;
}

/// Throws hp::Cancelled when cancel_requested(). Call it between pieces of long work (items, rows, steps).
inline void check_cancelled() {
    if (cancel_requested()) throw Cancelled();
}

}  // namespace hp
