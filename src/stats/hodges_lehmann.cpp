#include "healthyplaces/stats/hodges_lehmann.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/mann_whitney.hpp"
#include "healthyplaces/stats/random.hpp"
#include "healthyplaces/stats/ranks.hpp"
#include "healthyplaces/stats/wilcoxon.hpp"
#include "rank_detail.hpp"

namespace hp::stats {

namespace {

// k-th smallest (0-based) entry of an implicit matrix whose rows i = 0..rows-1 span columns
// [first(i), cols) and whose entries value(i, j) do not decrease along rows or columns (extended to the full
// rectangle). Randomised selection over per-row candidate ranges (Monahan 1984; Johnson & Mizoguchi 1978):
// each round counts the entries below a random candidate pivot along the staircase in O(rows + cols) and
// discards the side that cannot hold the answer; O(log(rows·cols)) rounds expected.
template <class Value, class First>
double select_in_sorted_matrix(std::int64_t rows, std::int64_t cols, const Value& value, const First& first, std::int64_t k) {
    const auto R = static_cast<std::size_t>(rows);
    std::vector<std::int64_t> L(R), H(R, cols), lt(R), le(R);
    for (std::size_t i = 0; i < R; ++i) L[i] = first(static_cast<std::int64_t>(i));
    std::int64_t left = 0;  // entries left of the candidate ranges: all no greater than the answer
    RandomStream rs(0x48'4C, 0);  // fixed: the answer never depends on the pivots, only the time taken
    std::vector<double> pool;
    for (;;) {
        std::int64_t candidates = 0;
        for (std::size_t i = 0; i < R; ++i) candidates += H[i] - L[i];
        if (candidates <= rows + cols) {  // few enough to gather and finish directly
            pool.clear();
            for (std::size_t i = 0; i < R; ++i)
                for (std::int64_t j = L[i]; j < H[i]; ++j) pool.push_back(value(static_cast<std::int64_t>(i), j));
            const auto nth = pool.begin() + (k - left);
            std::nth_element(pool.begin(), nth, pool.end());
            return *nth;
        }
        auto pick = static_cast<std::int64_t>(rs.below(static_cast<std::uint64_t>(candidates)));
        std::size_t pi = 0;
        while (pick >= H[pi] - L[pi]) pick -= H[pi] - L[pi], ++pi;
        const double v = value(static_cast<std::int64_t>(pi), L[pi] + pick);
        // staircase: first column with value >= v (and > v) in each row, not increasing down the rows
        std::int64_t jl = cols, ju = cols, n_lt = left, n_le = left;
        for (std::size_t i = 0; i < R; ++i) {
            const auto row = static_cast<std::int64_t>(i);
            while (jl > 0 && value(row, jl - 1) >= v) --jl;
            while (ju > 0 && value(row, ju - 1) > v) --ju;
            lt[i] = std::clamp(jl, L[i], H[i]);
            le[i] = std::clamp(ju, L[i], H[i]);
            n_lt += lt[i] - L[i];
            n_le += le[i] - L[i];
        }
        if (k < n_lt) {
            H = lt;
        } else if (k < n_le) {
            return v;
        } else {
            left = n_le;
            L = le;
        }
    }
}

// Order statistics of a set given implicitly, materialised and sorted when small, selected when large.
class OrderStatistics {
public:
    OrderStatistics(std::int64_t size, std::function<double(std::int64_t)> kth_by_selection,
                    std::function<std::vector<double>()> materialise)
        : size_(size), select_(std::move(kth_by_selection)) {
        if (size <= small) {
            all_ = materialise();
            std::sort(all_.begin(), all_.end());
        }
    }
    double operator()(std::int64_t k) const { return all_.empty() ? select_(k) : all_[static_cast<std::size_t>(k)]; }
    double median() const {
        const double hi = (*this)(size_ / 2);
        return size_ % 2 ? hi : std::midpoint((*this)(size_ / 2 - 1), hi);  // numpy.median: mean of the middle two
    }

private:
    static constexpr std::int64_t small = 20000;
    std::int64_t size_;
    std::function<double(std::int64_t)> select_;
    std::vector<double> all_;
};

void check_sample(std::span<const double> xs, const char* what) {
    if (xs.empty()) throw DataError(std::string(what) + " is empty; it needs at least one value");
    check_finite(xs, what);
}

double pairwise_kth_sorted(const std::vector<double>& a, const std::vector<double>& b_desc, std::int64_t k) {
    return select_in_sorted_matrix(
        static_cast<std::int64_t>(a.size()), static_cast<std::int64_t>(b_desc.size()),
        [&](std::int64_t i, std::int64_t j) { return a[static_cast<std::size_t>(i)] - b_desc[static_cast<std::size_t>(j)]; },
        [](std::int64_t) { return std::int64_t{0}; }, k);
}

double walsh_kth_sorted(const std::vector<double>& a, std::int64_t k) {
    const auto n = static_cast<std::int64_t>(a.size());
    return select_in_sorted_matrix(
        n, n, [&](std::int64_t i, std::int64_t j) { return std::midpoint(a[static_cast<std::size_t>(i)], a[static_cast<std::size_t>(j)]); },
        [](std::int64_t i) { return i; }, k);
}

// Σ (t³ − t) over runs of equal values in a sorted vector
double sorted_tie_term(const std::vector<double>& s) {
    double acc = 0;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t j = i + 1;
        while (j < s.size() && s[j] == s[i]) ++j;
        const auto t = static_cast<double>(j - i);
        acc += t * t * t - t;
        i = j;
    }
    return acc;
}

void check_options(const HodgesLehmannOptions& o) {
    check_confidence_level(o.confidence_level, "hodges_lehmann: confidence_level");
    if (o.method == TestMethod::monte_carlo)
        throw DomainError("hodges_lehmann: method 'monte_carlo' is not offered; use 'exact', 'asymptotic' or 'auto'");
}

// Index j (0..ceil(M/2)) of the first gap between consecutive order statistics where the inverted test stops
// rejecting; the interval is [s_(j), s_(M+1−j)] (1-based), unbounded when j = 0. `rejects(j)` is the test on
// the open gap (s_(j), s_(j+1)), where the statistic counts M − j values above the shift. When even the
// central gaps are rejected (a very low confidence), only the median itself is left: j = ceil(M/2) gives it.
template <class Rejects>
std::int64_t first_accepted(std::int64_t start, std::int64_t M, Rejects&& rejects) {
    const std::int64_t centre = (M + 1) / 2;
    std::int64_t j = std::clamp<std::int64_t>(start, 0, centre);
    while (j > 0 && !rejects(j - 1)) --j;  // the closed form may be off by one where rounding decides
    while (j < centre && rejects(j)) ++j;
    return j;
}

Estimate finish(const OrderStatistics& order, std::int64_t M, std::int64_t j, const HodgesLehmannOptions& o,
                std::string method, std::int64_t n) {
    Estimate e;
    e.estimate = order.median();
    e.confidence_level = o.confidence_level;
    e.n = n;
    const double inf = std::numeric_limits<double>::infinity();
    e.ci_low = j == 0 ? -inf : order(j - 1);
    e.ci_high = j == 0 ? inf : order(M - j);
    // a difference of two values near ±1.8e308 can exceed the double range (Walsh averages cannot: they are
    // midpoints): refuse rather than report an infinite estimate or bound
    if (!std::isfinite(e.estimate) || (j > 0 && !(std::isfinite(e.ci_low) && std::isfinite(e.ci_high))))
        throw DataError("hodges_lehmann: differences of the values exceed the double range (1.8e308) at the "
                        "estimate or a bound of its interval; rescale the data");
    if (j == 0) method += " (samples too small for this confidence: no shift is rejected, the interval is unbounded)";
    e.method = std::move(method);
    return e;
}

Estimate one_sample(std::vector<double> d, const HodgesLehmannOptions& o, bool had_zero_or_abs_tie) {
    std::sort(d.begin(), d.end());
    const auto n = static_cast<std::int64_t>(d.size());
    const std::int64_t M = n * (n + 1) / 2;
    const OrderStatistics order(
        M, [&](std::int64_t k) { return walsh_kth_sorted(d, k); },
        [&] {
            std::vector<double> w;
            w.reserve(static_cast<std::size_t>(M));
            for (std::size_t i = 0; i < d.size(); ++i)
                for (std::size_t j = i; j < d.size(); ++j) w.push_back(std::midpoint(d[i], d[j]));
            return w;
        });
    TestMethod method = o.method;
    if (method == TestMethod::automatic) method = n < 50 && !had_zero_or_abs_tie ? TestMethod::exact : TestMethod::asymptotic;
    const double alpha = 1.0 - o.confidence_level;
    if (method == TestMethod::exact) {
        const SymmetricNull null = signed_rank_null(n);
        const std::int64_t j = null.lower_critical(alpha / 2) + 1;
        return finish(order, M, j, o, "exact (signed-rank order statistics of the Walsh averages)", n);
    }
    // T+ = number of Walsh averages above the shift; ties among equal values of d stay tied at every shift
    const auto nd = static_cast<double>(n);
    const double se = std::sqrt(nd * (nd + 1) * (2 * nd + 1) / 24.0 - sorted_tie_term(d) / 48.0);
    const double cc = o.continuity ? 0.5 : 0.0, q = detail::normal_isf(alpha / 2), mid = static_cast<double>(M) / 2.0;
    auto rejects = [&](std::int64_t j) {
        const double dev = std::fabs(mid - static_cast<double>(j));
        double z = dev / se;
        if (o.continuity && dev > 0) z -= cc / se;
        return 2.0 * detail::normal_sf(std::fabs(z)) <= alpha;
    };
    const std::int64_t j = first_accepted(static_cast<std::int64_t>(std::floor(mid - q * se - cc)) + 1, M, rejects);
    return finish(order, M, j, o,
                  std::string("asymptotic (signed-rank inversion") + (o.continuity ? ", continuity corrected" : "") + ")", n);
}

}  // namespace

double kth_pairwise_difference(std::span<const double> x, std::span<const double> y, std::int64_t k) {
    check_sample(x, "kth_pairwise_difference: sample x");
    check_sample(y, "kth_pairwise_difference: sample y");
    const auto M = static_cast<std::int64_t>(x.size()) * static_cast<std::int64_t>(y.size());
    if (k < 0 || k >= M)
        throw DomainError("kth_pairwise_difference: k must be in 0.." + std::to_string(M - 1) + ", got " + std::to_string(k));
    std::vector<double> a(x.begin(), x.end()), b(y.begin(), y.end());
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end(), std::greater<>());
    return pairwise_kth_sorted(a, b, k);
}

double kth_walsh_average(std::span<const double> x, std::int64_t k) {
    check_sample(x, "kth_walsh_average: sample");
    const auto n = static_cast<std::int64_t>(x.size());
    if (k < 0 || k >= n * (n + 1) / 2)
        throw DomainError("kth_walsh_average: k must be in 0.." + std::to_string(n * (n + 1) / 2 - 1) + ", got " +
                          std::to_string(k));
    std::vector<double> a(x.begin(), x.end());
    std::sort(a.begin(), a.end());
    return walsh_kth_sorted(a, k);
}

Estimate hodges_lehmann(std::span<const double> x, std::span<const double> y, const HodgesLehmannOptions& o) {
    check_sample(x, "hodges_lehmann: sample x");
    check_sample(y, "hodges_lehmann: sample y");
    check_options(o);
    std::vector<double> a(x.begin(), x.end()), b(y.begin(), y.end());
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end(), std::greater<>());
    const auto n1 = static_cast<std::int64_t>(a.size()), n2 = static_cast<std::int64_t>(b.size());
    const std::int64_t M = n1 * n2;
    const OrderStatistics order(
        M, [&](std::int64_t k) { return pairwise_kth_sorted(a, b, k); },
        [&] {
            std::vector<double> diffs;
            diffs.reserve(static_cast<std::size_t>(M));
            for (double u : a)
                for (double v : b) diffs.push_back(u - v);
            return diffs;
        });
    TestMethod method = o.method;
    if (method == TestMethod::automatic) {  // R's wilcox.test: exact below 50 per sample without ties
        method = n1 < 50 && n2 < 50 && !rank(x, y).has_ties() ? TestMethod::exact : TestMethod::asymptotic;
    }
    const double alpha = 1.0 - o.confidence_level;
    if (method == TestMethod::exact) {
        const SymmetricNull null = mann_whitney_null(n1, n2);
        const std::int64_t j = null.lower_critical(alpha / 2) + 1;
        return finish(order, M, j, o, "exact (Mann–Whitney order statistics of the differences)", n1 + n2);
    }
    // Between consecutive differences no x − Δ ties with a y, so only the ties within each sample enter σ.
    const auto nn = static_cast<double>(n1 + n2);
    std::vector<double> b_up(b.rbegin(), b.rend());
    const double tie = sorted_tie_term(a) + sorted_tie_term(b_up);
    const double sd = std::sqrt(static_cast<double>(n1) * static_cast<double>(n2) / 12.0 * ((nn + 1) - tie / (nn * (nn - 1))));
    const double cc = o.continuity ? 0.5 : 0.0, q = detail::normal_isf(alpha / 2), mid = static_cast<double>(M) / 2.0;
    auto rejects = [&](std::int64_t j) {  // scipy's two-sided statistic: (max(U1, U2) − mean − cc) / σ
        return std::clamp(2.0 * detail::normal_sf((std::fabs(mid - static_cast<double>(j)) - cc) / sd), 0.0, 1.0) <= alpha;
    };
    const std::int64_t j = first_accepted(static_cast<std::int64_t>(std::floor(mid - q * sd - cc)) + 1, M, rejects);
    return finish(order, M, j, o,
                  std::string("asymptotic (Mann–Whitney inversion, tie corrected") + (o.continuity ? ", continuity corrected" : "") + ")",
                  n1 + n2);
}

Estimate hodges_lehmann(std::span<const double> d, const HodgesLehmannOptions& o) {
    check_sample(d, "hodges_lehmann: sample");
    check_options(o);
    std::vector<double> absd(d.size());
    bool zero = false;
    for (std::size_t i = 0; i < d.size(); ++i) {
        absd[i] = std::fabs(d[i]);
        zero = zero || d[i] == 0.0;
    }
    return one_sample(std::vector<double>(d.begin(), d.end()), o, zero || rank(absd).has_ties());
}

Estimate hodges_lehmann_paired(std::span<const double> x, std::span<const double> y, const HodgesLehmannOptions& o) {
    if (x.size() != y.size())
        throw DataError("hodges_lehmann: paired samples must have the same length, got x of " + std::to_string(x.size()) +
                        " and y of " + std::to_string(y.size()));
    check_sample(x, "hodges_lehmann: sample x");
    check_sample(y, "hodges_lehmann: sample y");
    const std::vector<double> d = paired_differences(x, y, "hodges_lehmann");
    return hodges_lehmann(d, o);
}

}  // namespace hp::stats
