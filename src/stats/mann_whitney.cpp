#include "healthyplaces/stats/mann_whitney.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <utility>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/parallel.hpp"
#include "healthyplaces/stats/random.hpp"
#include "healthyplaces/stats/ranks.hpp"
#include "rank_detail.hpp"

namespace hp::stats {

// ---------------------------------------------------------------------------------------------------------
// SymmetricNull

SymmetricNull::SymmetricNull(std::int64_t max, std::vector<double> lower_pmf) : max_(max) {
    if (max < 0 || static_cast<std::int64_t>(lower_pmf.size()) != max / 2 + 1)
        throw DomainError("SymmetricNull: expected probabilities of 0..max/2");
    std::vector<double> cdf(lower_pmf.size());
    double acc = 0;
    for (std::size_t k = 0; k < lower_pmf.size(); ++k) cdf[k] = (acc += lower_pmf[k]);
    pmf_ = std::make_shared<const std::vector<double>>(std::move(lower_pmf));
    cdf_ = std::make_shared<const std::vector<double>>(std::move(cdf));
}

double SymmetricNull::lower_cdf(std::int64_t k) const noexcept { return (*cdf_)[static_cast<std::size_t>(k)]; }

double SymmetricNull::pmf(std::int64_t k) const noexcept {
    if (!pmf_ || k < 0 || k > max_) return 0.0;
    return (*pmf_)[static_cast<std::size_t>(std::min(k, max_ - k))];
}

double SymmetricNull::cdf(std::int64_t k) const noexcept {
    if (!pmf_ || k < 0) return 0.0;
    if (k >= max_) return 1.0;
    const std::int64_t half = max_ / 2;
    if (k <= half) return std::min(lower_cdf(k), 1.0);
    // P(X <= k) = 1 − P(X >= k+1) = 1 − P(X <= max − k − 1) by symmetry; max − k − 1 < half here
    return 1.0 - lower_cdf(max_ - k - 1);
}

double SymmetricNull::sf(std::int64_t k) const noexcept {
    if (!pmf_ || k >= max_) return 0.0;
    if (k < 0) return 1.0;
    return cdf(max_ - k - 1);  // P(X > k) = P(X < max − k) = P(X <= max − k − 1)
}

std::int64_t SymmetricNull::quantile(double p) const {
    if (!(p >= 0.0 && p <= 1.0)) throw DomainError("quantile: p must be between 0 and 1, got " + format_number(p));
    std::int64_t lo = 0, hi = max_;  // cdf(max) = 1 >= p
    while (lo < hi) {
        const std::int64_t mid = lo + (hi - lo) / 2;
        if (cdf(mid) >= p) hi = mid;
        else lo = mid + 1;
    }
    return lo;
}

std::int64_t SymmetricNull::lower_critical(double alpha) const {
    if (!(alpha >= 0.0 && alpha <= 1.0))
        throw DomainError("lower_critical: alpha must be between 0 and 1, got " + format_number(alpha));
    std::int64_t lo = -1, hi = max_;  // invariant: cdf(lo) <= alpha (cdf(-1) = 0), answer in [lo, hi]
    if (cdf(hi) <= alpha) return hi;
    while (hi - lo > 1) {
        const std::int64_t mid = lo + (hi - lo) / 2;
        if (cdf(mid) <= alpha) lo = mid;
        else hi = mid;
    }
    return lo;
}

namespace detail {

double Lattice::le(std::int64_t s) const noexcept {
    const std::int64_t top = std::min<std::int64_t>(s - lo, static_cast<std::int64_t>(prob.size()) - 1);
    double acc = 0;
    for (std::int64_t i = 0; i <= top; ++i) acc += prob[static_cast<std::size_t>(i)];
    return std::min(acc, 1.0);
}

double Lattice::ge(std::int64_t s) const noexcept {
    const std::int64_t bottom = std::max<std::int64_t>(s - lo, 0);
    double acc = 0;
    for (auto i = static_cast<std::int64_t>(prob.size()) - 1; i >= bottom; --i) acc += prob[static_cast<std::size_t>(i)];
    return std::min(acc, 1.0);
}

// ---------------------------------------------------------------------------------------------------------
// Exact U distribution without ties. The counts of U = u are the coefficients of the Gaussian binomial
// [n1+n2 choose m]_q = prod_{k=1..m} (1 − q^{n+k}) / (1 − q^k) (m = min, n = max). Building it one factor at a
// time keeps every intermediate polynomial a Gaussian binomial; only the lower half is needed.

std::vector<double> mann_whitney_lower_pmf(std::int64_t n1, std::int64_t n2, bool exact_integers) {
    const std::int64_t m = std::min(n1, n2), n = std::max(n1, n2);
    const std::int64_t half = m * n / 2;
    const auto size = static_cast<std::size_t>(half + 1);
    std::vector<double> pmf(size);
    if (exact_integers) {
        // Arithmetic modulo 2^128 is exact for ring operations, so the result is exact as long as the final
        // counts (at most C(n1+n2, m)) are below 2^128, whatever the intermediate values did.
        std::vector<uint128_t> c(size, 0);
        c[0] = 1;
        for (std::int64_t k = 1; k <= m; ++k) {
            hp::check_cancelled();  // Ctrl-C lands between rows (issue 15)
            for (std::int64_t u = half; u >= n + k; --u) c[static_cast<std::size_t>(u)] -= c[static_cast<std::size_t>(u - n - k)];
            for (std::int64_t u = k; u <= half; ++u) c[static_cast<std::size_t>(u)] += c[static_cast<std::size_t>(u - k)];
        }
        // total = C(n1+n2, m), from the symmetric halves
        const std::int64_t max = m * n;
        uint128_t total = 0;
        for (std::int64_t u = 0; u <= half; ++u) {
            const bool centre = (max % 2 == 0) && u == half;
            total += centre ? c[static_cast<std::size_t>(u)] : 2 * c[static_cast<std::size_t>(u)];
        }
        const auto t = static_cast<double>(total);
        for (std::size_t u = 0; u < size; ++u) pmf[u] = static_cast<double>(c[u]) / t;
        return pmf;
    }
    // Doubles, renormalised after each factor (the k-th multiplies the total by (n+k)/k) so nothing
    // overflows. Dividing by (1 − q^k) amplifies rounding errors roughly exponentially in m (measured against
    // 80-bit arithmetic, worst over n: 2e-14 at m = 120, 1.5e-13 at m = 150, 2e-12 at m = 200, 5e-7 at
    // m = 400, and the whole distribution lost past m ≈ 650; smaller as n/m grows: 1.4e-13 at 250 x 2500),
    // so mann_whitney_null uses this only where fast_recursion_accurate, and double-double arithmetic beyond.
    std::vector<double>& c = pmf;
    c[0] = 1.0;
    for (std::int64_t k = 1; k <= m; ++k) {
        hp::check_cancelled();  // Ctrl-C lands between rows (issue 15)
        for (std::int64_t u = half; u >= n + k; --u) c[static_cast<std::size_t>(u)] -= c[static_cast<std::size_t>(u - n - k)];
        for (std::int64_t u = k; u <= half; ++u) c[static_cast<std::size_t>(u)] += c[static_cast<std::size_t>(u - k)];
        const double scale = static_cast<double>(k) / static_cast<double>(n + k);
        for (auto& v : c) v *= scale;
    }
    for (auto& v : c) v = std::max(v, 0.0);
    return pmf;
}

namespace {

// Double-double arithmetic (a value as an unevaluated sum hi + lo, ~106 bits): the fast recursion's rounding
// errors are amplified roughly exponentially in m (see above), and 53 more bits push the point where they
// matter from m ≈ 150 to m ≈ 800 (measured against the stable recursion).
struct DoubleDouble {
    double hi = 0, lo = 0;
};

inline DoubleDouble dd_renormalise(double s, double e) {
    const double hi = s + e;
    return {hi, e - (hi - s)};
}

inline DoubleDouble dd_add(DoubleDouble a, DoubleDouble b) {
    const double s = a.hi + b.hi, bb = s - a.hi;
    const double e = (a.hi - (s - bb)) + (b.hi - bb) + a.lo + b.lo;
    return dd_renormalise(s, e);
}

}  // namespace

std::vector<double> mann_whitney_lower_pmf_double_double(std::int64_t n1, std::int64_t n2) {
    const std::int64_t m = std::min(n1, n2), n = std::max(n1, n2);
    const std::int64_t half = m * n / 2;
    std::vector<DoubleDouble> c(static_cast<std::size_t>(half + 1));
    c[0] = {1.0, 0.0};
    for (std::int64_t k = 1; k <= m; ++k) {
        for (std::int64_t u = half; u >= n + k; --u) {
            const DoubleDouble b = c[static_cast<std::size_t>(u - n - k)];
            c[static_cast<std::size_t>(u)] = dd_add(c[static_cast<std::size_t>(u)], {-b.hi, -b.lo});
        }
        for (std::int64_t u = k; u <= half; ++u)
            c[static_cast<std::size_t>(u)] = dd_add(c[static_cast<std::size_t>(u)], c[static_cast<std::size_t>(u - k)]);
        // Counts, not probabilities: scaled down only by exact powers of two when the largest (the centre of
        // the k-th Gaussian binomial, or the table's end) nears the double max; normalised once at the end.
        const auto peak = static_cast<std::size_t>(std::min(half, k * n / 2));
        if (c[peak].hi > 0x1p600)
            for (auto& v : c) v = {std::ldexp(v.hi, -600), std::ldexp(v.lo, -600)};
    }
    DoubleDouble total{0, 0};  // the whole distribution from its symmetric halves
    for (std::size_t u = 0; u < c.size(); ++u) {
        total = dd_add(total, c[u]);
        if (!((m * n) % 2 == 0 && static_cast<std::int64_t>(u) == half)) total = dd_add(total, c[u]);
    }
    std::vector<double> pmf(c.size());
    const double t = total.hi + total.lo;
    for (std::size_t u = 0; u < c.size(); ++u) pmf[u] = std::max((c[u].hi + c[u].lo) / t, 0.0);
    return pmf;
}

namespace {

// Rows of the stable recursion: after T of the N ranked items, row j holds P(U so far = u | j of them in the
// smaller sample) for u below the cap beyond which the final U would exceed half whatever comes next (each of
// the m − j items still to choose passes at least the T − j unchosen so far). Returns the cap, −1 when dead.
std::int64_t stable_row_top(std::int64_t m, std::int64_t half, std::int64_t T, std::int64_t j) noexcept {
    const std::int64_t reach = j * (T - j), floor_later = (m - j) * (T - j);
    if (floor_later > half) return -1;
    return std::min(reach, half - floor_later);
}

}  // namespace

double mann_whitney_stable_work(std::int64_t n1, std::int64_t n2, double* peak_cells) {
    const std::int64_t m = std::min(n1, n2), n = std::max(n1, n2), N = m + n, half = m * n / 2;
    double work = 0.0, peak = 0.0;
    for (std::int64_t T = 1; T <= N && work <= max_exact_work; ++T) {
        const std::int64_t jmax = std::min(m, T), jmin = std::max<std::int64_t>(0, m - (N - T));
        double cells = 0.0;
        for (std::int64_t j = jmin; j <= jmax; ++j) cells += static_cast<double>(stable_row_top(m, half, T, j) + 1);
        work += cells;
        peak = std::max(peak, cells);
    }
    if (peak_cells) *peak_cells = peak;
    return work;
}

std::vector<double> mann_whitney_lower_pmf_stable(std::int64_t n1, std::int64_t n2) {
    // Item T (rank T) joins the smaller sample as its j-th member with probability j/T given j of the first T
    // are in it, and then adds T − j to U (the unchosen items below it). Only sums of positive terms with
    // weights in [0, 1], so every entry keeps its relative accuracy (the same recursion as the tied case).
    const std::int64_t m = std::min(n1, n2), n = std::max(n1, n2), N = m + n, half = m * n / 2;
    std::vector<std::vector<double>> rows(static_cast<std::size_t>(m + 1));
    rows[0] = {1.0};
    for (std::int64_t T = 1; T <= N; ++T) {
        const std::int64_t jmax = std::min(m, T), jmin = std::max<std::int64_t>(0, m - (N - T));
        for (std::int64_t j = jmax; j >= std::max<std::int64_t>(jmin, 1); --j) {
            auto& row = rows[static_cast<std::size_t>(j)];
            const auto& prev = rows[static_cast<std::size_t>(j - 1)];
            const std::int64_t top = stable_row_top(m, half, T, j);
            if (top < 0) {
                std::vector<double>().swap(row);
                continue;
            }
            const double a = static_cast<double>(T - j) / static_cast<double>(T);
            const double b = static_cast<double>(j) / static_cast<double>(T);
            row.resize(static_cast<std::size_t>(top + 1), 0.0);
            const std::int64_t shift = T - j;
            const auto take = std::clamp<std::int64_t>(top + 1 - shift, 0, static_cast<std::int64_t>(prev.size()));
            double* out = row.data();
            const double* in = prev.data();
            // one pass: u < shift and u >= shift + take only decay; between, the j-th member arrives too
            for (std::int64_t u = 0; u < std::min(shift, top + 1); ++u) out[u] *= a;
            for (std::int64_t s = 0; s < take; ++s) out[s + shift] = a * out[s + shift] + b * in[s];
            for (std::int64_t u = shift + take; u <= top; ++u) out[u] *= a;
        }
        // row 0 (nothing of the first T chosen: U so far is 0 with probability 1) stays {1} while it matters
        for (std::int64_t j = 0; j <= jmax; ++j)
            if (j < jmin || stable_row_top(m, half, T, j) < 0) std::vector<double>().swap(rows[static_cast<std::size_t>(j)]);
    }
    std::vector<double> pmf = std::move(rows[static_cast<std::size_t>(m)]);
    pmf.resize(static_cast<std::size_t>(half + 1), 0.0);
    return pmf;
}

}  // namespace detail

namespace {

// Recently used tables per thread: a pipeline calling the test many times on the same sizes builds once.
template <class Key>
class NullCache {
public:
    template <class Build>
    SymmetricNull get(const Key& key, Build&& build) {
        for (std::size_t i = 0; i < entries_.size(); ++i)
            if (entries_[i].first == key) {
                if (i != 0) std::rotate(entries_.begin(), entries_.begin() + static_cast<std::ptrdiff_t>(i),
                                        entries_.begin() + static_cast<std::ptrdiff_t>(i) + 1);
                return entries_.front().second;
            }
        SymmetricNull made = build();
        entries_.insert(entries_.begin(), {key, made});
        if (entries_.size() > 8) entries_.pop_back();
        return made;
    }

private:
    std::vector<std::pair<Key, SymmetricNull>> entries_;
};

}  // namespace

SymmetricNull mann_whitney_null(std::int64_t n1, std::int64_t n2) {
    if (n1 < 1 || n2 < 1)
        throw DataError("mann_whitney_null: both sample sizes must be at least 1, got n1=" + std::to_string(n1) +
                        ", n2=" + std::to_string(n2));
    const std::int64_t m = std::min(n1, n2), n = std::max(n1, n2);
    const double half = static_cast<double>(m) * static_cast<double>(n) / 2.0;
    if (half > detail::max_exact_cells || static_cast<double>(m) * half > detail::max_exact_work)
        throw DomainError("mann_whitney_null: the exact distribution for n1=" + std::to_string(n1) + ", n2=" +
                          std::to_string(n2) + " is too large to tabulate; use the asymptotic or monte_carlo method");
    // exact integers while C(m + n, m) < 2^127; the fast double recursion while it is accurate; then the same in
    // double-double while that is (the stable recursion would cost about m²n²/8: only the tests' reference)
    const bool exact = detail::log_choose(static_cast<double>(m + n), static_cast<double>(m)) / std::log(2.0) < 126.0;
    const bool fast = exact || detail::fast_recursion_accurate(m, n);
    if (!fast && !(m <= detail::max_double_double_m && static_cast<double>(m) * half <= detail::max_double_double_work))
        throw DomainError("mann_whitney_null: the exact distribution for n1=" + std::to_string(n1) + ", n2=" +
                          std::to_string(n2) + " is too costly to compute accurately (exact is offered while the "
                          "smaller sample has at most 700 values and min² x max is at most 8e8, e.g. 700 and 1,600); "
                          "use the asymptotic or monte_carlo method");
    thread_local NullCache<std::pair<std::int64_t, std::int64_t>> cache;
    return cache.get({m, n}, [&] {
        if (fast) return SymmetricNull(m * n, detail::mann_whitney_lower_pmf(m, n, exact));
        // Double-double, checked: its rounding error is the double recursion's scaled by 2^-53 (the same linear
        // recursion, a unit roundoff 2^53 times smaller), so the gap between the two estimates it; the lower half
        // must also rise (Gaussian binomial coefficients are unimodal). Either failing: refuse, never a wrong table.
        std::vector<double> dd = detail::mann_whitney_lower_pmf_double_double(m, n);
        const std::vector<double> plain = detail::mann_whitney_lower_pmf(m, n, false);
        double top = 0, gap = 0;
        bool rises = true;
        for (std::size_t u = 0; u < dd.size(); ++u) {
            top = std::max(top, dd[u]);
            gap = std::max(gap, std::abs(dd[u] - plain[u]));
            if (u > 0) rises = rises && dd[u] >= dd[u - 1];
        }
        const double estimate = gap / top * 0x1p-52;  // 2^-53 with a factor 2 to spare
        if (!rises || !(estimate <= detail::max_exact_relative_error))
            throw DomainError("mann_whitney_null: the exact distribution for n1=" + std::to_string(n1) + ", n2=" +
                              std::to_string(n2) + " cannot be computed accurately (estimated error " +
                              format_number(estimate) + " of the largest probability); use the asymptotic or "
                              "monte_carlo method");
        return SymmetricNull(m * n, std::move(dd));
    });
}

namespace detail {

namespace {

Lattice reflect(const Lattice& l, std::int64_t total) {
    Lattice r;
    r.lo = total - (l.lo + static_cast<std::int64_t>(l.prob.size()) - 1);
    r.prob.assign(l.prob.rbegin(), l.prob.rend());
    return r;
}

// One item at a time over (j items chosen so far, doubled sum); row j holds P(sum | j chosen of the first T),
// so every weight is a probability and nothing overflows.
Lattice tied_dp(const std::vector<std::int64_t>& values, std::int64_t m) {
    const auto N = static_cast<std::int64_t>(values.size());
    std::vector<std::int64_t> prefix(values.size() + 1, 0);
    for (std::size_t i = 0; i < values.size(); ++i) prefix[i + 1] = prefix[i] + values[i];
    std::vector<std::vector<double>> rows(static_cast<std::size_t>(m + 1));
    std::vector<std::int64_t> off(static_cast<std::size_t>(m + 1));
    for (std::int64_t j = 0; j <= m; ++j) off[static_cast<std::size_t>(j)] = prefix[static_cast<std::size_t>(j)];
    rows[0] = {1.0};
    for (std::int64_t T = 0; T < N; ++T) {
        hp::check_cancelled();  // Ctrl-C lands between rows (issue 15)
        const std::int64_t v = values[static_cast<std::size_t>(T)], Tn = T + 1;
        const std::int64_t jmax = std::min(m, Tn), jmin = std::max<std::int64_t>(0, m - (N - Tn));
        for (std::int64_t j = jmax; j >= std::max<std::int64_t>(jmin, 1); --j) {
            auto& row = rows[static_cast<std::size_t>(j)];
            const auto& prev = rows[static_cast<std::size_t>(j - 1)];
            const double a = static_cast<double>(Tn - j) / static_cast<double>(Tn);
            const double b = static_cast<double>(j) / static_cast<double>(Tn);
            for (auto& p : row) p *= a;
            const std::int64_t prev_off = off[static_cast<std::size_t>(j - 1)];
            const std::int64_t new_hi = prev_off + static_cast<std::int64_t>(prev.size()) - 1 + v;
            const std::int64_t my_off = off[static_cast<std::size_t>(j)];
            if (static_cast<std::int64_t>(row.size()) < new_hi - my_off + 1) row.resize(static_cast<std::size_t>(new_hi - my_off + 1), 0.0);
            const std::int64_t shift = prev_off + v - my_off;  // >= 0: the j-th smallest is at most v
            for (std::size_t s = 0; s < prev.size(); ++s) row[static_cast<std::size_t>(shift) + s] += b * prev[s];
        }
        for (std::int64_t j = 0; j < jmin; ++j) std::vector<double>().swap(rows[static_cast<std::size_t>(j)]);
    }
    Lattice out;
    out.lo = off[static_cast<std::size_t>(m)];
    out.prob = std::move(rows[static_cast<std::size_t>(m)]);
    return out;
}

// Over how many of each tie group are drawn: the counts are multivariate hypergeometric and the sum depends
// on them alone, so the cost is the number of count vectors, not of subsets.
Lattice tied_enumeration(const std::vector<std::int64_t>& ties, const std::vector<std::int64_t>& group_values,
                         std::int64_t m, std::int64_t lo, std::int64_t hi) {
    const std::size_t G = ties.size();
    std::vector<std::int64_t> rest(G + 1, 0);  // items in groups after g
    for (std::size_t g = G; g-- > 0;) rest[g] = rest[g + 1] + ties[g];
    // weight[g][r][a - amin] = P(a from group g | r still to draw from groups g..G-1)
    std::vector<std::vector<std::vector<double>>> weight(G);
    for (std::size_t g = 0; g + 1 < G; ++g) {
        hp::check_cancelled();  // Ctrl-C lands between rows (issue 15)
        weight[g].resize(static_cast<std::size_t>(m + 1));
        const auto t = static_cast<double>(ties[g]), rs = static_cast<double>(rest[g + 1]);
        for (std::int64_t r = 0; r <= m; ++r) {
            const std::int64_t amin = std::max<std::int64_t>(0, r - rest[g + 1]), amax = std::min(ties[g], r);
            auto& w = weight[g][static_cast<std::size_t>(r)];
            if (amax < amin) continue;
            w.resize(static_cast<std::size_t>(amax - amin + 1));
            const double denom = log_choose(t + rs, static_cast<double>(r));
            for (std::int64_t a = amin; a <= amax; ++a)
                w[static_cast<std::size_t>(a - amin)] =
                    std::exp(log_choose(t, static_cast<double>(a)) + log_choose(rs, static_cast<double>(r - a)) - denom);
        }
    }
    Lattice out;
    out.lo = lo;
    out.prob.assign(static_cast<std::size_t>(hi - lo + 1), 0.0);
    // explicit stack: (group, remaining, partial sum, probability, next a)
    struct Frame { std::size_t g; std::int64_t r, s; double p; std::int64_t a; };
    std::vector<Frame> stack;
    stack.push_back({0, m, 0, 1.0, -1});
    while (!stack.empty()) {
        Frame& f = stack.back();
        if (f.g + 1 == G) {  // the last group takes whatever remains
            out.prob[static_cast<std::size_t>(f.s + f.r * group_values[f.g] - lo)] += f.p;
            stack.pop_back();
            continue;
        }
        const std::int64_t amin = std::max<std::int64_t>(0, f.r - rest[f.g + 1]), amax = std::min(ties[f.g], f.r);
        f.a = f.a < 0 ? amin : f.a + 1;
        if (f.a > amax) {
            stack.pop_back();
            continue;
        }
        const double w = weight[f.g][static_cast<std::size_t>(f.r)][static_cast<std::size_t>(f.a - amin)];
        const Frame child{f.g + 1, f.r - f.a, f.s + f.a * group_values[f.g], f.p * w, -1};
        stack.push_back(child);
    }
    return out;
}

}  // namespace

Lattice rank_sum_permutation_null(std::span<const std::int64_t> ties_in, std::int64_t n1, TiedAlgorithm algorithm) {
    std::vector<std::int64_t> ties(ties_in.begin(), ties_in.end());
    const std::int64_t N = std::accumulate(ties.begin(), ties.end(), std::int64_t{0});
    if (n1 < 0 || n1 > N) throw DomainError("rank_sum_permutation_null: sample size outside 0..N");
    const std::int64_t total = N * (N + 1);  // twice the sum of all ranks
    if (n1 > N - n1) return reflect(rank_sum_permutation_null(ties, N - n1, algorithm), total);
    const std::int64_t m = n1;
    // doubled mid-rank of each group: 2·(items below) + t + 1
    std::vector<std::int64_t> group_values, values;
    values.reserve(static_cast<std::size_t>(N));
    std::int64_t below = 0;
    for (auto t : ties) {
        group_values.push_back(2 * below + t + 1);
        values.insert(values.end(), static_cast<std::size_t>(t), 2 * below + t + 1);
        below += t;
    }
    std::int64_t lo = 0, hi = 0;
    for (std::int64_t i = 0; i < m; ++i) {
        lo += values[static_cast<std::size_t>(i)];
        hi += values[static_cast<std::size_t>(N - 1 - i)];
    }
    if (m == 0) return Lattice{0, {1.0}};

    // cost of enumeration: count vectors (bounded by the product of group sizes); of the DP: table cells
    // touched, summed over items. Both capped so the estimates themselves stay cheap.
    double enum_cost = 1.0;
    for (std::size_t g = 0; g + 1 < ties.size() && enum_cost <= max_exact_work; ++g)
        enum_cost *= static_cast<double>(std::min(ties[g], m) + 1);
    const double enum_cells = static_cast<double>(m + 1) * static_cast<double>(N + static_cast<std::int64_t>(ties.size())) +
                              static_cast<double>(hi - lo + 1);
    // DP: after T items, row j spans the sums of j of them: P[T] − P[T−j] − P[j] + 1 cells (P: prefix sums of
    // the sorted values); summed over j with prefix sums of P, so the estimate is O(N).
    double dp_cost = 0.0, dp_cells = 0.0;
    {
        std::vector<double> P(values.size() + 1, 0.0), PP(values.size() + 2, 0.0);
        for (std::size_t i = 0; i < values.size(); ++i) P[i + 1] = P[i] + static_cast<double>(values[i]);
        for (std::size_t i = 0; i < P.size(); ++i) PP[i + 1] = PP[i] + P[i];
        auto sum_p = [&](std::int64_t a, std::int64_t b) {  // Σ_{i=a..b} P[i]
            return PP[static_cast<std::size_t>(b + 1)] - PP[static_cast<std::size_t>(a)];
        };
        for (std::int64_t T = 1; T <= N; ++T) {
            hp::check_cancelled();  // Ctrl-C lands between rows (issue 15)
            const std::int64_t jmax = std::min(m, T), jmin = std::max<std::int64_t>(0, m - (N - T));
            const double layer = static_cast<double>(jmax - jmin + 1) * (P[static_cast<std::size_t>(T)] + 1.0) -
                                 sum_p(T - jmax, T - jmin) - sum_p(jmin, jmax);
            dp_cost += layer;
            dp_cells = std::max(dp_cells, layer);
        }
    }
    const bool enum_ok = enum_cost <= max_exact_work && enum_cells <= max_exact_cells;
    const bool dp_ok = dp_cost <= max_exact_work && dp_cells <= max_exact_cells;
    bool use_enum = false;
    switch (algorithm) {
        case TiedAlgorithm::enumeration: use_enum = true; break;
        case TiedAlgorithm::dynamic_programming: use_enum = false; break;
        case TiedAlgorithm::automatic: use_enum = enum_ok && (!dp_ok || enum_cost <= dp_cost); break;
    }
    if ((use_enum && !enum_ok) || (!use_enum && !dp_ok))
        throw DomainError("the exact permutation distribution with these ties (N=" + std::to_string(N) + ", " +
                          std::to_string(ties.size()) + " distinct values) is too costly to compute; use the "
                          "asymptotic or monte_carlo method");
    if (ties.size() == 1) return Lattice{lo, {1.0}};
    return use_enum ? tied_enumeration(ties, group_values, m, lo, hi) : tied_dp(values, m);
}

}  // namespace detail

// ---------------------------------------------------------------------------------------------------------
// The test

namespace {

// Number of ways to split N items into samples of n1 and n2, or +inf when it exceeds 2^62.
double arrangements(std::int64_t n1, std::int64_t n2) {
    const double lg = detail::log_choose(static_cast<double>(n1 + n2), static_cast<double>(std::min(n1, n2)));
    if (lg > 62 * std::log(2.0)) return std::numeric_limits<double>::infinity();
    return std::round(std::exp(lg));
}

std::string integer_text(double v) {
    return std::to_string(static_cast<long long>(v));
}

}  // namespace

TestResult mann_whitney(std::span<const double> x, std::span<const double> y, const MannWhitneyOptions& options) {
    if (x.empty()) throw DataError("mann_whitney: sample x is empty; each sample needs at least one value");
    if (y.empty()) throw DataError("mann_whitney: sample y is empty; each sample needs at least one value");
    check_finite(x, "mann_whitney: sample x");
    check_finite(y, "mann_whitney: sample y");
    if (options.method == TestMethod::monte_carlo) detail::check_monte_carlo(options.monte_carlo, "mann_whitney");

    const auto n1 = static_cast<std::int64_t>(x.size()), n2 = static_cast<std::int64_t>(y.size());
    const std::int64_t N = n1 + n2;
    const Ranking ranking = rank(x, y);
    std::int64_t s1 = 0;  // twice the rank sum of x
    for (std::size_t i = 0; i < x.size(); ++i) s1 += detail::doubled(ranking.ranks[i]);
    const double u1 = static_cast<double>(s1 - n1 * (n1 + 1)) / 2.0;
    const double u2 = static_cast<double>(n1) * static_cast<double>(n2) - u1;
    const bool ties = ranking.has_ties();

    TestResult res;
    res.statistic = u1;
    res.alternative = options.alternative;
    res.n = N;

    TestMethod method = options.method;
    if (method == TestMethod::automatic)  // scipy 1.17's _mwu_choose_method
        method = (n1 > 8 && n2 > 8) || ties ? TestMethod::asymptotic : TestMethod::exact;

    // every arrangement: the untied table, or the permutation distribution given the ties
    auto exact_pvalue = [&]() {
        if (!ties) {
            const SymmetricNull null = mann_whitney_null(n1, n2);
            const auto u = static_cast<std::int64_t>(std::llround(u1));
            return detail::tail_pvalue(options.alternative, null.cdf(u), null.sf(u - 1));
        }
        const detail::Lattice null = detail::rank_sum_permutation_null(ranking.ties, n1);
        return detail::tail_pvalue(options.alternative, null.le(s1), null.ge(s1));
    };

    switch (method) {
        case TestMethod::exact:
            res.pvalue = exact_pvalue();
            res.method = ties ? "exact (permutation distribution given the ties)" : "exact";
            break;
        case TestMethod::asymptotic: {
            const double mu = static_cast<double>(n1) * static_cast<double>(n2) / 2.0;
            const double nn = static_cast<double>(N);
            const double var = static_cast<double>(n1) * static_cast<double>(n2) / 12.0 *
                               ((nn + 1.0) - ranking.tie_term() / (nn * (nn - 1.0)));
            res.method = std::string("asymptotic") + (options.continuity ? ", continuity corrected" : "") +
                         (ties ? ", tie corrected" : "");
            if (!(var > 0.0)) {
                // every value equal: U is n1·n2/2 under every arrangement, so nothing is evidence either way
                res.pvalue = 1.0;
                res.zstatistic = 0.0;
                res.method += " (all values equal: p = 1)";
                break;
            }
            const double sd = std::sqrt(var);
            const double cc = options.continuity ? 0.5 : 0.0;
            // scipy: the upper tail of U1 (greater), of U2 (less), of max(U1, U2) doubled (two-sided)
            double u = u1, f = 1.0;
            if (options.alternative == Alternative::less) u = u2;
            if (options.alternative == Alternative::two_sided) u = std::max(u1, u2), f = 2.0;
            res.pvalue = std::clamp(f * detail::normal_sf((u - mu - cc) / sd), 0.0, 1.0);
            double toward = 0.0;  // continuity correction towards the mean, for the reported z of U1
            if (options.continuity) {
                if (options.alternative == Alternative::greater) toward = 0.5;
                else if (options.alternative == Alternative::less) toward = -0.5;
                else toward = u1 > mu ? 0.5 : (u1 < mu ? -0.5 : 0.0);
            }
            res.zstatistic = (u1 - mu - toward) / sd;
            break;
        }
        case TestMethod::monte_carlo: {
            const auto& mc = options.monte_carlo;
            const double count = arrangements(n1, n2);
            if (count <= static_cast<double>(mc.n_resamples)) {  // as scipy: enumerate when that is no more work
                res.pvalue = exact_pvalue();
                res.method = "exact (all " + integer_text(count) + " arrangements, no more than n_resamples)";
                break;
            }
            // sample the smaller group's positions; the other's rank sum follows from the total
            const bool count_x = n1 <= n2;
            const std::int64_t m = count_x ? n1 : n2;
            const std::int64_t total = N * (N + 1);
            std::vector<std::int64_t> values(static_cast<std::size_t>(N));
            for (std::size_t i = 0; i < values.size(); ++i) values[i] = detail::doubled(ranking.ranks[i]);
            const int threads = resolve_threads(mc.threads, mc.n_resamples);
            std::vector<std::int64_t> n_le(static_cast<std::size_t>(threads), 0), n_ge(static_cast<std::size_t>(threads), 0);
            parallel_for(mc.n_resamples, threads, [&](std::int64_t b0, std::int64_t b1, int w) {
                std::vector<std::int64_t> buf = values;
                std::vector<std::size_t> swapped(static_cast<std::size_t>(m));
                std::int64_t le = 0, ge = 0;
                for (std::int64_t b = b0; b < b1; ++b) {
                    RandomStream rs(mc.seed, static_cast<std::uint64_t>(b));
                    std::int64_t s = 0;
                    for (std::int64_t i = 0; i < m; ++i) {  // partial Fisher–Yates: the first m become the sample
                        const auto j = static_cast<std::size_t>(i) + rs.below(static_cast<std::uint64_t>(N - i));
                        std::swap(buf[static_cast<std::size_t>(i)], buf[j]);
                        swapped[static_cast<std::size_t>(i)] = j;
                        s += buf[static_cast<std::size_t>(i)];
                    }
                    for (std::int64_t i = m; i-- > 0;)  // undo, so every resample starts from the same order
                        std::swap(buf[static_cast<std::size_t>(i)], buf[swapped[static_cast<std::size_t>(i)]]);
                    const std::int64_t sx = count_x ? s : total - s;
                    le += sx <= s1;
                    ge += sx >= s1;
                }
                n_le[static_cast<std::size_t>(w)] += le;  // += : a worker may run several chunks
                n_ge[static_cast<std::size_t>(w)] += ge;  // += : a worker may run several chunks
            });
            res.pvalue = detail::monte_carlo_pvalue(options.alternative, std::accumulate(n_le.begin(), n_le.end(), std::int64_t{0}),
                                                    std::accumulate(n_ge.begin(), n_ge.end(), std::int64_t{0}), mc.n_resamples);
            res.method = "monte_carlo (" + std::to_string(mc.n_resamples) + " random relabellings)";
            break;
        }
        case TestMethod::automatic: break;  // resolved above
    }
    return res;
}

}  // namespace hp::stats
