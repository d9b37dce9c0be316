#include "healthyplaces/stats/bootstrap.hpp"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <boost/random/binomial_distribution.hpp>
#include <cctype>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/parallel.hpp"
#include "healthyplaces/stats/random.hpp"
#include "healthyplaces/stats/ranks.hpp"
#include "resampling_common.hpp"

namespace hp::stats {

using detail::with_commas;

std::string_view to_string(IntervalMethod m) noexcept {
    switch (m) {
        case IntervalMethod::percentile: return "percentile";
        case IntervalMethod::basic: return "basic";
        case IntervalMethod::bca: return "BCa";
    }
    return "?";
}

IntervalMethod parse_interval_method(std::string_view name) {
    std::string lower(name);
    for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (lower == "percentile") return IntervalMethod::percentile;
    if (lower == "basic") return IntervalMethod::basic;
    if (lower == "bca") return IntervalMethod::bca;
    throw DomainError("unknown bootstrap interval method '" + std::string(name) + "': use 'percentile', 'basic' or 'BCa'");
}

std::string_view to_string(Resampling r) noexcept {
    switch (r) {
        case Resampling::automatic: return "auto";
        case Resampling::exact: return "exact";
        case Resampling::multinomial: return "multinomial";
        case Resampling::indices: return "indices";
    }
    return "?";
}

Resampling parse_resampling(std::string_view name) {
    for (auto r : {Resampling::automatic, Resampling::exact, Resampling::multinomial, Resampling::indices})
        if (name == to_string(r)) return r;
    throw DomainError("unknown resampling '" + std::string(name) +
                      "': use 'auto', 'exact' (enumerate every distinct resample), 'multinomial' (draw counts) or "
                      "'indices' (draw observations)");
}

std::int64_t distinct_resamples(std::int64_t n, std::int64_t k) noexcept {
    if (n < 0 || k < 1) return 0;
    return detail::binomial_sat(n + k - 1, k - 1);
}

namespace {

// ---- the normal distribution as scipy.special computes it ----

// ndtr as Cephes (scipy.special.ndtr) evaluates it: erf near 0, erfc in the tails.
double ndtr(double a) {
    if (std::isnan(a)) return a;
    const double x = a * M_SQRT1_2, z = std::fabs(x);
    if (z < M_SQRT1_2) return 0.5 + 0.5 * std::erf(x);
    const double y = 0.5 * std::erfc(z);
    return x > 0 ? 1.0 - y : y;
}

double ndtri(double p) {
    if (std::isnan(p) || p < 0 || p > 1) return std::numeric_limits<double>::quiet_NaN();
    if (p == 0) return -std::numeric_limits<double>::infinity();
    if (p == 1) return std::numeric_limits<double>::infinity();
    return boost::math::quantile(boost::math::normal_distribution<double>(), p);
}

// ---- reading the distribution ----

// scipy.stats.quantile(method='linear') on a sample of size B: jg = pB + (1 - p), interpolating between the
// order statistics floor(jg) - 1 and floor(jg) (clipped). `ys` is reordered (selection, O(B)); `*selected`
// (if not null) is the order statistic already in place from a previous call, so that a second, higher
// quantile only selects within the upper part.
double mc_quantile(std::vector<double>& ys, double p, std::int64_t* selected = nullptr) {
    if (!(p >= 0 && p <= 1)) return std::numeric_limits<double>::quiet_NaN();
    const auto B = static_cast<std::int64_t>(ys.size());
    const double jg = p * static_cast<double>(B) + (1 - p);
    const double fl = std::floor(jg);
    double g = jg - fl;
    auto j = static_cast<std::int64_t>(fl) - 1, jp1 = static_cast<std::int64_t>(fl);
    if (j < 0) g = 0;
    j = std::clamp<std::int64_t>(j, 0, B - 1);
    jp1 = std::clamp<std::int64_t>(jp1, 0, B - 1);
    const std::int64_t from = (selected && *selected >= 0 && *selected <= j) ? *selected : 0;
    std::nth_element(ys.begin() + from, ys.begin() + j, ys.end());
    if (selected) *selected = j;
    const double a = ys[static_cast<std::size_t>(j)];
    const double b = jp1 == j ? a : *std::min_element(ys.begin() + j + 1, ys.end());
    return (1 - g) * a + g * b;
}

// Inverse CDF of an exact distribution: the smallest value whose cumulative probability reaches p (the limit
// of the Monte Carlo quantile). 1e-12 absorbs rounding in the summed probabilities.
double exact_quantile(std::span<const double> values, std::span<const double> probs, double p) {
    if (!(p >= 0 && p <= 1)) return std::numeric_limits<double>::quiet_NaN();
    double cum = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        cum += probs[i];
        if (cum >= p - 1e-12) return values[i];
    }
    return values.back();
}

// Share of the distribution below `score`, counting ties half (scipy's _percentile_of_score, kind 'mean').
// Values within 100 machine epsilons of the score (relative) count as ties: a resample whose statistic equals
// the observed one in theory may differ from it in the last bits (a sum taken in another order), and must not
// be split by rounding. (scipy compares exactly; the two agree whenever the statistic is computed exactly.)
double percentile_of_score(std::span<const double> values, std::span<const double> probs, double score) {
    const double gamma = std::abs(100 * std::numeric_limits<double>::epsilon() * score);
    const double lo = score - gamma, hi = score + gamma;
    if (probs.empty()) {
        std::int64_t lt = 0, le = 0;
        for (double v : values) {
            lt += v < lo;
            le += v <= hi;
        }
        return static_cast<double>(lt + le) / (2.0 * static_cast<double>(values.size()));
    }
    double below = 0, at_or_below = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (values[i] < lo) below += probs[i];
        if (values[i] <= hi) at_or_below += probs[i];
    }
    return (below + at_or_below) / 2;
}

// BCa's acceleration from the jackknife of each sample (Efron & Tibshirani eq. 14.15, summed over samples as
// scipy does). Identical leave-one-out values make it 0/0: the interval is then undefined (NaN), as in scipy.
// The ratio does not depend on the scale of the deviations, so deviations that are only rounding (values equal
// in theory, e.g. differences x - y that all mean 0.3) would give an arbitrary acceleration: values within 100
// machine epsilons (relative) of each other count as identical.
double acceleration(std::span<const Jackknife> jk) {
    // The ratio is the same for deviations scaled by any common factor: they are taken in units of the largest, so
    // that cubes of values near 1.8e308 (or below 1e-103) neither overflow nor underflow. The values are first
    // brought near 1 by an exact power of two so that their mean cannot overflow either.
    double top = 0;
    for (const auto& s : jk)
        for (double v : s.values) top = std::max(top, std::abs(v));
    const int e = top > 0 && std::isfinite(top) ? std::ilogb(top) : 0;
    std::vector<std::vector<double>> devs(jk.size());
    double biggest = 0;
    for (std::size_t k = 0; k < jk.size(); ++k) {
        const auto& s = jk[k];
        const double n = static_cast<double>(s.n);
        bool constant = true;
        if (!s.values.empty()) {
            const auto [lo, hi] = std::minmax_element(s.values.begin(), s.values.end());
            constant = *hi - *lo <= 100 * std::numeric_limits<double>::epsilon() * std::max(std::abs(*lo), std::abs(*hi));
        }
        if (constant) continue;  // every deviation is zero: adds nothing to either sum
        double dot = 0;
        for (std::size_t i = 0; i < s.values.size(); ++i) dot += s.weights[i] * std::ldexp(s.values[i], -e);
        dot /= n;
        devs[k].resize(s.values.size());
        for (std::size_t i = 0; i < s.values.size(); ++i) {
            devs[k][i] = (n - 1) * (dot - std::ldexp(s.values[i], -e));
            biggest = std::max(biggest, std::abs(devs[k][i]));
        }
    }
    const int scale = biggest > 0 && std::isfinite(biggest) ? std::ilogb(biggest) : 0;  // exact: a power of two
    double nums = 0, dens = 0;
    for (std::size_t k = 0; k < jk.size(); ++k) {
        if (devs[k].empty()) continue;
        const auto& s = jk[k];
        const double n = static_cast<double>(s.n);
        double u3 = 0, u2 = 0;
        for (std::size_t i = 0; i < s.values.size(); ++i) {
            const double u = std::ldexp(devs[k][i], -scale);
            u3 += s.weights[i] * u * u * u;
            u2 += s.weights[i] * u * u;
        }
        nums += u3 / (n * n * n);
        dens += u2 / (n * n);
    }
    return 1.0 / 6 * nums / std::pow(dens, 1.5);
}

}  // namespace

BootstrapInterval bootstrap_interval(std::span<const double> distribution, std::span<const double> probabilities,
                                     double observed, std::span<const Jackknife> jackknife, IntervalMethod method,
                                     double confidence_level, Alternative alternative) {
    check_confidence_level(confidence_level, "confidence_level");
    if (distribution.empty()) throw DomainError("bootstrap interval: the bootstrap distribution is empty");
    const bool exact = !probabilities.empty();
    if (exact && probabilities.size() != distribution.size())
        throw DomainError("bootstrap interval: " + std::to_string(probabilities.size()) + " probabilities for " +
                          std::to_string(distribution.size()) + " values");
    if (exact) {
        double total = 0;
        for (double p : probabilities) {
            if (!(p >= 0)) throw DomainError("bootstrap interval: probabilities must be non-negative numbers");
            total += p;
        }
        if (std::abs(total - 1) > 1e-9)
            throw DomainError("bootstrap interval: the probabilities sum to " + format_number(total) + ", not 1");
        if (!std::is_sorted(distribution.begin(), distribution.end()))
            throw DomainError("bootstrap interval: an exact distribution's values must be ascending");
    }
    if (method == IntervalMethod::bca && jackknife.empty())
        throw DomainError("bootstrap interval: BCa needs the jackknife values of each sample");
    constexpr double nan_ = std::numeric_limits<double>::quiet_NaN();
    constexpr double inf = std::numeric_limits<double>::infinity();
    BootstrapInterval out;
    const bool has_nan = std::any_of(distribution.begin(), distribution.end(), [](double v) { return std::isnan(v); });

    const double alpha = alternative == Alternative::two_sided ? (1 - confidence_level) / 2 : 1 - confidence_level;
    double a1 = alpha, a2 = 1 - alpha;
    if (method == IntervalMethod::bca) {
        const double pct = percentile_of_score(distribution, probabilities, observed);
        out.bias_correction = ndtri(pct);
        out.acceleration = acceleration(jackknife);
        const double z0 = out.bias_correction, a = out.acceleration;
        const double z_alpha = ndtri(alpha);
        const double num1 = z0 + z_alpha, num2 = z0 - z_alpha;
        a1 = ndtr(z0 + num1 / (1 - a * num1));
        a2 = ndtr(z0 + num2 / (1 - a * num2));
    }
    if (has_nan) {
        out.low = out.high = nan_;
    } else if (exact) {
        out.low = exact_quantile(distribution, probabilities, a1);
        out.high = exact_quantile(distribution, probabilities, a2);
    } else {
        std::vector<double> ys(distribution.begin(), distribution.end());
        std::int64_t selected = -1;
        out.low = mc_quantile(ys, a1, &selected);
        out.high = mc_quantile(ys, a2, &selected);
    }
    if (std::isnan(out.low) || std::isnan(out.high)) {
        if (has_nan)
            out.warning = "the bootstrap distribution contains NaN, so the interval cannot be calculated";
        else if (method == IntervalMethod::bca && std::isnan(out.acceleration))
            out.warning = "The BCa confidence interval cannot be calculated: every jackknife (leave-one-out) value of "
                          "the statistic is the same, so the acceleration is 0/0. This is common for medians and "
                          "modes of data with many ties; use method 'percentile' or 'basic'.";
        else
            out.warning = "The BCa confidence interval cannot be calculated: the observed statistic lies at the edge "
                          "of the bootstrap distribution (degenerate distribution); use method 'percentile' or "
                          "'basic'.";
    }
    if (method == IntervalMethod::basic) {
        // observed − (high − observed), not 2·observed − high: the doubled value can overflow near 1.8e308
        const double lo = observed - (out.high - observed), hi = observed - (out.low - observed);
        if (std::isfinite(observed) && std::isfinite(out.low) && std::isfinite(out.high) &&
            !(std::isfinite(lo) && std::isfinite(hi)))
            throw DomainError("bootstrap: a limit of the basic interval (2 x estimate - bound) is beyond the double "
                              "range (1.8e308); use method 'percentile' or 'BCa', or rescale the data");
        out.low = lo;
        out.high = hi;
    }
    if (alternative == Alternative::less) out.low = -inf;
    else if (alternative == Alternative::greater) out.high = inf;
    return out;
}

double bootstrap_standard_error(std::span<const double> distribution, std::span<const double> probabilities) {
    if (distribution.empty()) return std::numeric_limits<double>::quiet_NaN();
    // Values near 1.8e308: the mean and the squared deviations are taken in units of an exact power of two
    // near the largest value, so they neither overflow nor lose the result (an SD above 1.8e308 is +inf).
    double top = 0;
    for (double v : distribution) top = std::max(top, std::abs(v));
    const int e = top > 0 && std::isfinite(top) ? std::ilogb(top) : 0;
    const auto at = [&](std::size_t i) { return std::ldexp(distribution[i], -e); };
    if (!probabilities.empty()) {
        double mean = 0, var = 0;
        for (std::size_t i = 0; i < distribution.size(); ++i) mean += probabilities[i] * at(i);
        for (std::size_t i = 0; i < distribution.size(); ++i) {
            const double d = at(i) - mean;
            var += probabilities[i] * d * d;
        }
        return std::ldexp(std::sqrt(var), e);
    }
    const auto B = static_cast<double>(distribution.size());
    double mean = 0;
    for (std::size_t i = 0; i < distribution.size(); ++i) mean += at(i);
    mean /= B;
    double ss = 0;
    for (std::size_t i = 0; i < distribution.size(); ++i) ss += (at(i) - mean) * (at(i) - mean);
    return std::ldexp(std::sqrt(ss / (B - 1)), e);
}

namespace {

// ---- drawing resamples ----

// One multinomial draw of n over the sample's distinct values, as sequential binomials: the count at value i
// is Binomial(remaining draws, c_i / remaining mass). O(values).
void draw_multinomial(const CountedSample& s, RandomStream& rs, std::int64_t* out) {
    std::int64_t remaining = s.n, mass = s.n;
    const std::size_t k = s.values.size();
    for (std::size_t i = 0; i + 1 < k; ++i) {
        std::int64_t r = 0;
        if (remaining > 0) {
            const double p = static_cast<double>(s.counts[i]) / static_cast<double>(mass);
            r = boost::random::binomial_distribution<std::int64_t, double>(remaining, p)(rs);
        }
        out[i] = r;
        remaining -= r;
        mass -= s.counts[i];
    }
    out[k - 1] = remaining;
}

// n observations drawn with replacement, tallied on the sample's distinct values. O(n).
void draw_indices(const CountedSample& s, RandomStream& rs, std::int64_t* out) {
    std::fill(out, out + s.values.size(), std::int64_t{0});
    const auto n = static_cast<std::uint64_t>(s.n);
    for (std::int64_t i = 0; i < s.n; ++i) ++out[s.codes[rs.below(n)]];
}

// ---- exact enumeration ----

// Visits every composition r of n into k parts with the multinomial log-probability of r under the sample's
// proportions, accumulating the statistic's distribution. The first part is fixed by the caller.
struct Composer {
    const CountedSample& s;
    const Statistic& stat;
    const std::vector<double>& logq;
    const std::vector<double>& logfact;
    std::vector<std::int64_t> r;
    std::unordered_map<double, double>& acc;

    void visit(std::size_t i, std::int64_t remaining, double lp) {
        const std::size_t k = s.values.size();
        if (i + 1 == k) {
            r[i] = remaining;
            lp += static_cast<double>(remaining) * logq[i] - logfact[static_cast<std::size_t>(remaining)];
            acc[evaluate(stat, s.values, r.data(), s.n)] += std::exp(logfact[static_cast<std::size_t>(s.n)] + lp);
            return;
        }
        for (std::int64_t c = 0; c <= remaining; ++c) {
            r[i] = c;
            visit(i + 1, remaining - c, lp + static_cast<double>(c) * logq[i] - logfact[static_cast<std::size_t>(c)]);
        }
    }
};

ExactDistribution enumerate_one(const CountedSample& s, const Statistic& stat, int threads) {
    const std::size_t k = s.values.size();
    ExactDistribution out;
    out.n_resamples = distinct_resamples(s.n, static_cast<std::int64_t>(k));
    if (k == 1) {
        out.values = {evaluate(stat, s)};
        out.probabilities = {1.0};
        return out;
    }
    std::vector<double> logq(k), logfact(static_cast<std::size_t>(s.n) + 1);
    for (std::size_t i = 0; i < k; ++i) logq[i] = std::log(static_cast<double>(s.counts[i]) / static_cast<double>(s.n));
    for (std::size_t i = 0; i < logfact.size(); ++i) logfact[i] = std::lgamma(static_cast<double>(i) + 1);
    // One task per value of the first part; each accumulates its own map, merged in a fixed order so that the
    // sums (and so the probabilities, to the last bit) do not depend on the thread count.
    std::vector<std::unordered_map<double, double>> parts(static_cast<std::size_t>(s.n) + 1);
    parallel_for(s.n + 1, threads, [&](std::int64_t b, std::int64_t e, int) {
        for (std::int64_t r0 = b; r0 < e; ++r0) {
            Composer c{s, stat, logq, logfact, std::vector<std::int64_t>(k, 0), parts[static_cast<std::size_t>(r0)]};
            c.r[0] = r0;
            c.visit(1, s.n - r0, static_cast<double>(r0) * logq[0] - logfact[static_cast<std::size_t>(r0)]);
        }
    });
    std::unordered_map<double, double> total;
    for (auto& part : parts) {
        std::vector<std::pair<double, double>> sorted(part.begin(), part.end());
        std::sort(sorted.begin(), sorted.end());
        for (auto& [v, p] : sorted) total[v] += p;
    }
    std::vector<std::pair<double, double>> sorted(total.begin(), total.end());
    std::sort(sorted.begin(), sorted.end());
    for (auto& [v, p] : sorted) {
        out.values.push_back(v);
        out.probabilities.push_back(p);
    }
    return out;
}

ExactDistribution difference(const ExactDistribution& a, const ExactDistribution& b, std::int64_t max_pairs) {
    if (detail::mul_sat(static_cast<std::int64_t>(a.values.size()), static_cast<std::int64_t>(b.values.size())) > max_pairs)
        throw DomainError("exact bootstrap: the two statistics take " + with_commas(static_cast<std::int64_t>(a.values.size())) +
                          " and " + with_commas(static_cast<std::int64_t>(b.values.size())) +
                          " distinct values, too many pairs to combine; use Monte Carlo resampling");
    std::unordered_map<double, double> acc;
    for (std::size_t i = 0; i < a.values.size(); ++i)
        for (std::size_t j = 0; j < b.values.size(); ++j) acc[a.values[i] - b.values[j]] += a.probabilities[i] * b.probabilities[j];
    std::vector<std::pair<double, double>> sorted(acc.begin(), acc.end());
    std::sort(sorted.begin(), sorted.end());
    ExactDistribution out;
    for (auto& [v, p] : sorted) {
        out.values.push_back(v);
        out.probabilities.push_back(p);
    }
    out.n_resamples = detail::mul_sat(a.n_resamples, b.n_resamples);
    return out;
}

void check_exact_feasible(const CountedSample& s, const char* name, std::int64_t max_exact) {
    const auto count = distinct_resamples(s.n, static_cast<std::int64_t>(s.values.size()));
    if (count > max_exact)
        throw DomainError(std::string("exact bootstrap: ") + name + " (n = " + std::to_string(s.n) + ", " +
                          std::to_string(s.values.size()) + " distinct values) has " +
                          (count == std::numeric_limits<std::int64_t>::max() ? "more than 9e18" : with_commas(count)) +
                          " distinct resamples, more than max_exact = " + with_commas(max_exact) +
                          "; use Monte Carlo resampling ('multinomial' or 'indices')");
}

// ---- the driver shared by the one-sample, two-sample and paired forms ----

struct Sample {
    const char* name;
    CountedSample counted;
};

void check_options(const BootstrapOptions& o) {
    if (o.n_resamples < 1)
        throw DomainError("n_resamples must be a positive integer, got " + std::to_string(o.n_resamples));
    check_confidence_level(o.confidence_level, "confidence_level");
    validate(o.statistic);
    if (o.max_exact < 1) throw DomainError("max_exact must be positive, got " + std::to_string(o.max_exact));
    if (o.scale && o.scale->lo > o.scale->hi)
        throw DomainError("scale: " + std::to_string(o.scale->lo) + "–" + std::to_string(o.scale->hi) +
                          " is empty (lowest above highest)");
}

void check_scale(std::span<const double> xs, const char* name, const std::optional<Scale>& scale) {
    if (!scale) return;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        const double v = xs[i];
        if (v != std::round(v) || v < scale->lo || v > scale->hi)
            throw DataError(std::string(name) + ": value " + format_number(v) + " at position " + std::to_string(i) +
                            " is off the declared scale: the integers " + std::to_string(scale->lo) +
                            " to " + std::to_string(scale->hi));
    }
}

Sample prepare(std::span<const double> xs, const char* name, const BootstrapOptions& o) {
    detail::check_sample(xs, name, 2, "the bootstrap");
    check_scale(xs, name, o.scale);
    return {name, tally(xs)};
}

bool few_values(const CountedSample& s) {
    const auto k = static_cast<std::int64_t>(s.values.size());
    return 10 * k <= s.n;  // measured: a binomial draw costs about as much as 10 index draws
}

BootstrapResult run(std::vector<Sample> samples, const BootstrapOptions& o, const std::string& what) {
    const Statistic& stat = o.statistic;
    BootstrapResult res;
    res.method = o.method;
    res.alternative = o.alternative;

    double observed = evaluate(stat, samples[0].counted);
    if (samples.size() == 2) observed -= evaluate(stat, samples[1].counted);
    // a difference of statistics near ±1.8e308 can leave the double range: refuse, as permutation_test does
    if (!std::isfinite(observed))
        throw DomainError("bootstrap: the observed statistic (" + describe(stat) + (samples.size() == 2 ? " difference" : "") +
                          ") is beyond the double range (|value| > 1.8e308); rescale the data, e.g. divide it by 1e300");

    // Decide how to obtain the distribution.
    std::int64_t distinct = 1;
    bool enumerable = true;
    for (const auto& s : samples) {
        const auto c = distinct_resamples(s.counted.n, static_cast<std::int64_t>(s.counted.values.size()));
        distinct = detail::mul_sat(distinct, c);
        enumerable = enumerable && c <= o.max_exact;
    }
    Resampling how = o.resampling;
    if (how == Resampling::automatic) {
        if (enumerable && distinct <= o.n_resamples) how = Resampling::exact;
        else if (std::all_of(samples.begin(), samples.end(), [](const Sample& s) { return few_values(s.counted); }))
            how = Resampling::multinomial;
        else how = Resampling::indices;
    }
    res.resampling = how;

    if (how == Resampling::exact) {
        for (const auto& s : samples) check_exact_feasible(s.counted, s.name, o.max_exact);
        ExactDistribution d = enumerate_one(samples[0].counted, stat, o.threads);
        if (samples.size() == 2) d = difference(d, enumerate_one(samples[1].counted, stat, o.threads), o.max_exact);
        res.distribution = std::move(d.values);
        res.probabilities = std::move(d.probabilities);
        res.n_resamples = d.n_resamples;
    } else {
        const auto B = o.n_resamples;
        res.n_resamples = B;
        res.distribution.assign(static_cast<std::size_t>(B), 0.0);
        const bool multinomial = how == Resampling::multinomial;
        parallel_for(B, o.threads, [&](std::int64_t begin, std::int64_t end, int) {
            std::vector<std::vector<std::int64_t>> counts;
            for (const auto& s : samples) counts.emplace_back(s.counted.values.size());
            for (std::int64_t b = begin; b < end; ++b) {
                RandomStream rs(o.seed, static_cast<std::uint64_t>(b));
                double v = 0;
                for (std::size_t j = 0; j < samples.size(); ++j) {
                    const auto& s = samples[j].counted;
                    if (multinomial) draw_multinomial(s, rs, counts[j].data());
                    else draw_indices(s, rs, counts[j].data());
                    const double t = evaluate(stat, s.values, counts[j].data(), s.n);
                    v = j == 0 ? t : v - t;
                }
                res.distribution[static_cast<std::size_t>(b)] = v;
            }
        });
    }

    // Jackknife of each sample with the other held whole. For y the statistic is stat(x) - stat(y without one):
    // the constant stat(x) cancels in the acceleration, the sign does not.
    std::vector<Jackknife> jk;
    if (o.method == IntervalMethod::bca)
        for (std::size_t j = 0; j < samples.size(); ++j) {
            jk.push_back(jackknife(stat, samples[j].counted));
            if (j == 1)
                for (auto& v : jk.back().values) v = -v;
        }
    auto ci = bootstrap_interval(res.distribution, res.probabilities, observed, jk, o.method, o.confidence_level, o.alternative);

    res.bias_correction = ci.bias_correction;
    res.acceleration = ci.acceleration;
    res.warning = std::move(ci.warning);
    auto& e = res.estimate;
    e.estimate = observed;
    e.ci_low = ci.low;
    e.ci_high = ci.high;
    e.confidence_level = o.confidence_level;
    e.standard_error = bootstrap_standard_error(res.distribution, res.probabilities);
    e.n = 0;
    for (const auto& s : samples) e.n += s.counted.n;
    e.method = std::string(to_string(o.method)) + " bootstrap of the " + what + "; ";
    if (how == Resampling::exact)
        e.method += "exact distribution over " + with_commas(res.n_resamples) + " distinct resamples";
    else
        e.method += with_commas(res.n_resamples) + (how == Resampling::multinomial ? " multinomial" : " index") + " resamples";
    return res;
}

}  // namespace

BootstrapResult bootstrap(std::span<const double> x, const BootstrapOptions& options) {
    check_options(options);
    std::vector<Sample> s;
    s.push_back(prepare(x, "x", options));
    return run(std::move(s), options, describe(options.statistic));
}

BootstrapResult bootstrap(std::span<const double> x, std::span<const double> y, const BootstrapOptions& options) {
    check_options(options);
    std::vector<Sample> s;
    s.push_back(prepare(x, "x", options));
    s.push_back(prepare(y, "y", options));
    return run(std::move(s), options, "difference in " + describe(options.statistic) + " (x - y)");
}

BootstrapResult bootstrap_paired(std::span<const double> x, std::span<const double> y, const BootstrapOptions& options) {
    check_options(options);
    if (x.size() != y.size())
        throw DataError("paired samples must have the same length: x has " + std::to_string(x.size()) + " values, y has " +
                        std::to_string(y.size()));
    detail::check_sample(x, "x", 2, "the paired bootstrap");
    detail::check_sample(y, "y", 2, "the paired bootstrap");
    check_scale(x, "x", options.scale);
    check_scale(y, "y", options.scale);
    const std::vector<double> d = paired_differences(x, y, "the paired bootstrap");
    std::vector<Sample> s;
    s.push_back({"x - y", tally(d)});
    return run(std::move(s), options, describe(options.statistic) + " of the paired differences (x - y)");
}

BootstrapResult bootstrap_samples(std::span<const std::span<const double>> samples, bool paired,
                                  const BootstrapOptions& options) {
    if (paired && samples.size() != 2)
        throw DomainError("a paired bootstrap needs two samples (x, y), got " + std::to_string(samples.size()));
    if (samples.size() == 1) return bootstrap(samples[0], options);
    if (samples.size() == 2)
        return paired ? bootstrap_paired(samples[0], samples[1], options) : bootstrap(samples[0], samples[1], options);
    throw DomainError("bootstrap takes 1 or 2 samples, got " + std::to_string(samples.size()));
}

std::vector<std::int64_t> plan_bootstrap(std::span<const std::span<const double>> samples, bool paired,
                                         const BootstrapOptions& options) {
    check_options(options);
    if (options.resampling != Resampling::automatic && options.resampling != Resampling::indices)
        throw DomainError("resampling '" + std::string(to_string(options.resampling)) +
                          "' needs a named statistic: a statistic computed by the caller (a callable) is resampled "
                          "by indices");
    if (samples.empty()) throw DomainError("the bootstrap needs at least one sample (x,)");
    if (paired && samples.size() < 2)
        throw DomainError("a paired bootstrap needs two samples (x, y), got " + std::to_string(samples.size()));
    std::vector<std::int64_t> sizes;
    for (std::size_t j = 0; j < samples.size(); ++j) {
        const std::string name = j == 0 ? "x" : j == 1 ? "y" : "sample " + std::to_string(j);
        detail::check_sample(samples[j], name.c_str(), 2, paired ? "the paired bootstrap" : "the bootstrap");
        check_scale(samples[j], name.c_str(), options.scale);
        sizes.push_back(static_cast<std::int64_t>(samples[j].size()));
    }
    if (!paired) return sizes;
    if (std::any_of(sizes.begin(), sizes.end(), [&](std::int64_t n) { return n != sizes[0]; })) {
        std::string lengths;
        for (auto n : sizes) lengths += (lengths.empty() ? "" : ", ") + std::to_string(n);
        throw DataError("paired samples must all have the same length: got lengths " + lengths);
    }
    return {sizes[0]};
}

ExactDistribution exact_bootstrap_distribution(std::span<const double> x, const Statistic& statistic,
                                               std::int64_t max_exact, int threads) {
    validate(statistic);
    detail::check_sample(x, "x", 1, "the exact bootstrap distribution");
    const auto c = tally(x);
    check_exact_feasible(c, "x", max_exact);
    return enumerate_one(c, statistic, threads);
}

ExactDistribution exact_bootstrap_distribution(std::span<const double> x, std::span<const double> y,
                                               const Statistic& statistic, std::int64_t max_exact, int threads) {
    validate(statistic);
    detail::check_sample(x, "x", 1, "the exact bootstrap distribution");
    detail::check_sample(y, "y", 1, "the exact bootstrap distribution");
    const auto cx = tally(x), cy = tally(y);
    check_exact_feasible(cx, "x", max_exact);
    check_exact_feasible(cy, "y", max_exact);
    return difference(enumerate_one(cx, statistic, threads), enumerate_one(cy, statistic, threads), max_exact);
}

void bootstrap_indices(std::span<const std::int64_t> sizes, std::uint64_t seed, std::int64_t begin, std::int64_t end,
                       std::int64_t* out, int threads) {
    std::int64_t width = 0;
    for (auto n : sizes) {
        if (n < 1) throw DomainError("bootstrap indices: every sample size must be positive");
        width += n;
    }
    if (begin < 0 || end < begin) throw DomainError("bootstrap indices: need 0 <= begin <= end");
    parallel_for(end - begin, threads, [&](std::int64_t b0, std::int64_t b1, int) {
        for (std::int64_t r = b0; r < b1; ++r) {
            RandomStream rs(seed, static_cast<std::uint64_t>(begin + r));
            std::int64_t* row = out + r * width;
            for (auto n : sizes)
                for (std::int64_t i = 0; i < n; ++i) *row++ = static_cast<std::int64_t>(rs.below(static_cast<std::uint64_t>(n)));
        }
    });
}

}  // namespace hp::stats
