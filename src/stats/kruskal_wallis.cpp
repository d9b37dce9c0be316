#include "healthyplaces/stats/kruskal_wallis.hpp"

#include <algorithm>
#include <boost/math/distributions/chi_squared.hpp>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/brunner_munzel.hpp"  // detail:: permutation arithmetic
#include "healthyplaces/stats/parallel.hpp"
#include "healthyplaces/stats/random.hpp"
#include "healthyplaces/stats/ranks.hpp"

namespace hp::stats {

namespace {

using detail::thousands;

// The pooled sample reduced to its distinct values: mid-rank of each level and how many of each group sit there.
struct Pooled {
    std::size_t k = 0;
    std::int64_t n = 0;
    std::vector<std::int64_t> sizes;   // n_j
    std::vector<double> mid;           // mid-rank of level l
    std::vector<std::int64_t> counts;  // c_l, all groups together
    std::vector<std::int64_t> table;   // L × k, row-major: table[l·k + j]
    double tie_term = 0;               // Σ (c³ − c)
};

Pooled pool(std::span<const std::span<const double>> samples) {
    Pooled p;
    p.k = samples.size();
    std::vector<std::pair<double, std::size_t>> all;
    for (std::size_t j = 0; j < samples.size(); ++j) {
        p.sizes.push_back(static_cast<std::int64_t>(samples[j].size()));
        for (double v : samples[j]) all.emplace_back(v, j);
    }
    std::sort(all.begin(), all.end(), [](const auto& u, const auto& v) { return u.first < v.first; });
    p.n = static_cast<std::int64_t>(all.size());
    for (std::size_t i = 0; i < all.size();) {
        std::size_t e = i + 1;
        while (e < all.size() && all[e].first == all[i].first) ++e;
        p.mid.push_back(0.5 * static_cast<double>(i + 1 + e));  // mean of the ranks i+1..e
        p.counts.push_back(static_cast<std::int64_t>(e - i));
        const std::size_t row = p.table.size();
        p.table.resize(row + p.k, 0);
        for (std::size_t q = i; q < e; ++q) ++p.table[row + all[q].second];
        const auto c = static_cast<double>(e - i);
        p.tie_term += c * c * c - c;
        i = e;
    }
    return p;
}

// H from the rank sums: the centred form Σ (R_j − n_j(N+1)/2)²/n_j is never negative and avoids the
// cancellation of Σ R_j²/n_j − 3(N+1).
struct HStatistic {
    std::vector<double> sizes, centre;
    double scale = 0;
    HStatistic(const Pooled& p) {
        const auto n = static_cast<double>(p.n);
        for (auto nj : p.sizes) {
            sizes.push_back(static_cast<double>(nj));
            centre.push_back(static_cast<double>(nj) * (n + 1) / 2);
        }
        scale = 12.0 / (n * (n + 1)) / (1.0 - p.tie_term / (n * n * n - n));
    }
    double operator()(const double* rsum) const noexcept {
        double s = 0;
        for (std::size_t j = 0; j < sizes.size(); ++j) {
            const double d = rsum[j] - centre[j];
            s += d * d / sizes[j];
        }
        return scale * s;
    }
};

// The permutation distribution of H over the distinct tables of counts (level × group): rank sums are kept as
// the tables grow; values are half-integers, so adding and removing them is exact.
class HVisitor final : public detail::TableVisitor {
public:
    HVisitor(const Pooled& p, const HStatistic& h, double observed)
        : p_(p), h_(h), rsum_(p.k, 0.0), tail_(p.counts.size() + 1, 0.0),
          lower_(observed - detail::permutation_rtol * std::abs(observed)) {
        for (std::size_t l = p.counts.size(); l-- > 0;)
            tail_[l] = tail_[l + 1] + static_cast<double>(p.counts[l]) * p.mid[l];
    }
    void push(std::size_t l, std::span<const std::int64_t> row) override {
        for (std::size_t j = 0; j < row.size(); ++j) rsum_[j] += static_cast<double>(row[j]) * p_.mid[l];
    }
    void pop(std::size_t l, std::span<const std::int64_t> row) override {
        for (std::size_t j = 0; j < row.size(); ++j) rsum_[j] -= static_cast<double>(row[j]) * p_.mid[l];
    }
    void leaf(std::size_t from, std::size_t group, double probability) override {
        rsum_[group] += tail_[from];  // every value from level `from` up goes to the one group with room
        if (h_(rsum_.data()) >= lower_) ge_.add(probability);
        rsum_[group] -= tail_[from];
    }
    double pvalue() const { return std::min(1.0, ge_.value()); }

private:
    const Pooled& p_;
    const HStatistic& h_;
    std::vector<double> rsum_, tail_;
    double lower_;
    detail::NeumaierSum ge_;
};

}  // namespace

TestResult kruskal_wallis(std::span<const std::span<const double>> samples, const KruskalOptions& options) {
    if (samples.size() < 2)
        throw DataError("the Kruskal-Wallis test needs at least 2 samples, got " + std::to_string(samples.size()));
    for (std::size_t j = 0; j < samples.size(); ++j) {
        const std::string name = "sample " + std::to_string(j + 1);
        if (samples[j].empty())
            throw DataError(name + " of " + std::to_string(samples.size()) + " is empty; every sample needs at "
                            "least one observation");
        check_finite(samples[j], name.c_str());
    }
    const auto& mc = options.monte_carlo;
    if (options.method == TestMethod::monte_carlo && mc.n_resamples < 1)
        throw DomainError("n_resamples must be at least 1, got " + std::to_string(mc.n_resamples));

    const Pooled p = pool(samples);
    if (p.counts.size() == 1)
        throw DataError("every value in the " + std::to_string(samples.size()) + " samples is equal, so there are no "
                        "ranks to compare (the Kruskal-Wallis H is 0/0)");
    const HStatistic hstat(p);
    std::vector<double> rsum(p.k, 0.0);
    for (std::size_t l = 0; l < p.counts.size(); ++l)
        for (std::size_t j = 0; j < p.k; ++j) rsum[j] += static_cast<double>(p.table[l * p.k + j]) * p.mid[l];
    const double h = hstat(rsum.data());

    TestResult r;
    r.statistic = h;
    r.df = static_cast<double>(p.k - 1);
    r.n = p.n;
    r.alternative = Alternative::two_sided;

    TestMethod method = options.method == TestMethod::automatic ? TestMethod::asymptotic : options.method;
    bool enumerate = method == TestMethod::exact;
    if (method == TestMethod::monte_carlo &&
        detail::multinomial_capped(p.sizes, mc.n_resamples) <= mc.n_resamples)
        enumerate = true;  // as scipy.stats.permutation_test: enough resamples for every arrangement → exact

    if (enumerate) {
        HVisitor visit(p, hstat, h);
        const std::int64_t tables = detail::enumerate_tables(p.counts, p.sizes, visit, options.max_arrangements);
        if (tables <= options.max_arrangements) {
            r.pvalue = visit.pvalue();
            r.method = "exact permutation distribution: " + thousands(tables) +
                       " distinct assignments of the pooled values enumerated";
            return r;
        }
        if (method == TestMethod::exact) {
            std::string sizes;
            for (auto nj : p.sizes) sizes += (sizes.empty() ? "" : ", ") + std::to_string(nj);
            throw DomainError("exact Kruskal-Wallis test: more than " + thousands(options.max_arrangements) +
                              " distinct assignments of the " + std::to_string(p.n) +
                              " pooled values to samples of sizes " + sizes +
                              "; use method 'monte_carlo' or 'asymptotic' (or raise max_arrangements)");
        }
    }

    if (method == TestMethod::monte_carlo) {
        std::vector<double> pooled;  // mid-ranks, one per observation
        pooled.reserve(static_cast<std::size_t>(p.n));
        for (std::size_t l = 0; l < p.counts.size(); ++l)
            pooled.insert(pooled.end(), static_cast<std::size_t>(p.counts[l]), p.mid[l]);
        std::vector<std::size_t> start(p.k + 1, 0);
        for (std::size_t j = 0; j < p.k; ++j) start[j + 1] = start[j] + static_cast<std::size_t>(p.sizes[j]);
        const std::size_t shuffled = start[p.k - 1];  // the last group is what the others leave
        const double total = 0.5 * static_cast<double>(p.n) * static_cast<double>(p.n + 1);
        const double lower = h - detail::permutation_rtol * std::abs(h);
        const int t = resolve_threads(mc.threads, mc.n_resamples);
        std::vector<std::int64_t> n_ge(static_cast<std::size_t>(t), 0);
        parallel_for(mc.n_resamples, t, [&](std::int64_t begin, std::int64_t end, int worker) {
            std::vector<double> buf(pooled.size()), rs(p.k);
            std::int64_t ge = 0;
            for (std::int64_t s = begin; s < end; ++s) {
                RandomStream stream(mc.seed, static_cast<std::uint64_t>(s));
                std::copy(pooled.begin(), pooled.end(), buf.begin());
                const auto nn = static_cast<std::uint64_t>(buf.size());
                for (std::uint64_t i = 0; i < shuffled; ++i) std::swap(buf[i], buf[i + stream.below(nn - i)]);
                double used = 0;
                for (std::size_t j = 0; j + 1 < p.k; ++j) {
                    double sum = 0;
                    for (std::size_t i = start[j]; i < start[j + 1]; ++i) sum += buf[i];
                    rs[j] = sum;
                    used += sum;
                }
                rs[p.k - 1] = total - used;  // exact: sums of half-integers
                ge += hstat(rs.data()) >= lower;
            }
            n_ge[static_cast<std::size_t>(worker)] += ge;  // += : a worker may run several chunks
        });
        std::int64_t ge = 0;
        for (auto g : n_ge) ge += g;
        r.pvalue = std::min(1.0, static_cast<double>(ge + 1) / (static_cast<double>(mc.n_resamples) + 1));
        r.method = "Monte Carlo permutation distribution: " + thousands(mc.n_resamples) + " resamples, seed " +
                   std::to_string(mc.seed);
        return r;
    }

    const boost::math::chi_squared dist(r.df);
    r.pvalue = cdf(complement(dist, h));
    r.method = "asymptotic (chi-square, tie-corrected)";
    return r;
}

}  // namespace hp::stats
