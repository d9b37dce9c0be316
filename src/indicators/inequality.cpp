#include "healthyplaces/indicators/inequality.hpp"

#include "common.hpp"

#include <boost/math/distributions/normal.hpp>
#include <boost/random/normal_distribution.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/parallel.hpp"
#include "healthyplaces/stats/random.hpp"
#include "healthyplaces/stats/test_result.hpp"

namespace hp::indicators {

namespace {

using detail::nan;
constexpr std::int64_t block_size = 4096;  // replicates per random stream
using stats::format_number;

double expit(double x) { return 1.0 / (1.0 + std::exp(-x)); }

// The scale values are drawn on: log for rates, logit for proportions, as they are.
double to_scale(SiiValueType t, double v) {
    switch (t) {
        case SiiValueType::rate: return std::log(v);
        case SiiValueType::proportion: return std::log(v / (1.0 - v));
        default: return v;
    }
}
double from_scale(SiiValueType t, double x) {
    switch (t) {
        case SiiValueType::rate: return std::exp(x);
        case SiiValueType::proportion: return expit(x);
        default: return x;
    }
}

std::string where(std::size_t g, double q) { return "group " + std::to_string(g) + ", quantile " + format_number(q); }

// One group's quantiles in order, with the regression weights: slope = sum c_q y_q, intercept = sum d_q y_q is the
// population-weighted least-squares line of y on the relative rank b (the R package's lm on sqrt(a)-scaled data).
struct Group {
    std::vector<double> mean, sd;  // the draw of quantile q is mean[q] + sd[q] z (on the drawing scale)
    std::vector<double> y;         // the values the point estimate is fitted to
    std::vector<double> c, d;
};

void weights(std::span<const double> pop, Group& gr) {
    const std::size_t n = pop.size();
    const double total = std::accumulate(pop.begin(), pop.end(), 0.0);
    std::vector<double> a(n), b(n);
    double cum = 0.0;
    for (std::size_t q = 0; q < n; ++q) {
        a[q] = pop[q] / total;
        b[q] = a[q] / 2.0 + cum;
        cum += a[q];
    }
    const double sum_a = std::accumulate(a.begin(), a.end(), 0.0);
    double bbar = 0.0;
    for (std::size_t q = 0; q < n; ++q) bbar += a[q] * b[q];
    bbar /= sum_a;
    double sxx = 0.0;
    for (std::size_t q = 0; q < n; ++q) sxx += a[q] * (b[q] - bbar) * (b[q] - bbar);
    gr.c.resize(n);
    gr.d.resize(n);
    for (std::size_t q = 0; q < n; ++q) {
        gr.c[q] = a[q] * (b[q] - bbar) / sxx;
        gr.d[q] = a[q] / sum_a - bbar * gr.c[q];
    }
}

// 1-based order-statistic positions of the lower and upper limit at level c, as the R package rounds them.
std::pair<std::int64_t, std::int64_t> positions(double confidence_level, std::int64_t reps) {
    const double upper = confidence_level + (1.0 - confidence_level) / 2.0;
    const double r = static_cast<double>(reps);
    return {static_cast<std::int64_t>(std::nearbyint(r * (1.0 - upper))),
            static_cast<std::int64_t>(std::nearbyint(r * upper))};
}

// NaN after every number (a strict weak order even when a replicate's RII is 0/0).
bool before(double a, double b) { return a < b || (!std::isnan(a) && std::isnan(b)); }

// Leaves the order statistics at the 0-based positions `at` where a full sort would put them (selection, O(n)).
void select(std::vector<double>::iterator begin, std::vector<double>::iterator end, std::vector<std::int64_t> at) {
    std::sort(at.begin(), at.end());
    auto from = begin;
    for (std::int64_t p : at) {
        if (begin + p < from) continue;  // a repeated position, already in place
        std::nth_element(from, begin + p, end, before);
        from = begin + p + 1;
    }
}

void check_options(const SiiOptions& o, bool have_se, bool have_limits) {
    check_levels(o.confidence_level);
    if (o.n_resamples < 1000)
        throw DomainError("sii: n_resamples must be 1000 or more (the R package's minimum; default 100,000), got " +
                          std::to_string(o.n_resamples));
    if (!(std::isfinite(o.multiplier)) || o.multiplier == 0.0)
        throw DomainError("sii: multiplier must be a finite non-zero number, got " + format_number(o.multiplier));
    const int vt = static_cast<int>(o.value_type);
    if (vt < 0 || vt > 2)
        throw DomainError("sii: value_type must be 0 (other), 1 (rate) or 2 (proportion), got " + std::to_string(vt));
    if (o.transform && o.value_type == SiiValueType::other)
        throw DomainError("sii: transform needs value_type 1 (rate, log scale) or 2 (proportion, logit scale)");
    if (o.transform && !have_limits)
        throw DomainError("sii: transform needs the lower and upper 95% limits of each value (not the se), as the "
                          "R package");
    if (!have_se && !have_limits)
        throw DomainError("sii: give either se= (standard errors) or both lower= and upper= (95% limits)");
    for (double c : o.confidence_level) {
        const auto [lo, hi] = positions(c, o.n_resamples);
        if (lo < 1 || hi > o.n_resamples)
            throw DomainError("sii: confidence_level " + format_number(c) + " needs more than " +
                              std::to_string(o.n_resamples) + " resamples (its limits would be the " +
                              std::to_string(lo) + "th of them)");
    }
}

void check_length(const char* what, std::size_t size, std::size_t n) {
    if (size != n)
        throw DomainError(std::string("sii: ") + what + " has " + std::to_string(size) + " rows, group has " +
                          std::to_string(n));
}

// Every group has a row for every quantile that occurs anywhere (the R package drops a group that lacks one, with a
// warning; here it is an error naming the first such group and quantile). Rows are sorted by quantile within groups.
void check_every_quantile(std::span<const std::size_t> rows, std::span<const std::size_t> start,
                          std::span<const double> quantile) {
    const std::size_t n_groups = start.size() - 1;
    if (n_groups < 2) return;
    std::vector<double> all(quantile.begin(), quantile.end());
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    for (std::size_t g = 0; g < n_groups; ++g) {
        std::size_t k = 0;  // the next of `all` to find in the group
        for (std::size_t r = start[g]; r < start[g + 1] && k < all.size(); ++r)
            if (quantile[rows[r]] == all[k]) ++k;
        if (k < all.size())
            throw DataError("sii: group " + std::to_string(g) + " has no row for quantile " + format_number(all[k]) +
                            "; every group needs every quantile (drop the group or add the row)");
    }
}

// Validates group g's rows (already sorted by quantile) and builds its draw parameters and weights.
Group prepare(std::size_t g, std::span<const std::size_t> rows, std::span<const double> quantile,
              std::span<const double> population, std::span<const double> value, std::span<const double> se,
              std::span<const double> lower, std::span<const double> upper, const SiiOptions& o) {
    const std::size_t n = rows.size();
    if (n < 2)
        throw DataError("sii: group " + std::to_string(g) + " has " + std::to_string(n) +
                        " quantile(s); the SII needs at least 2 (the R package asks for 5 to 100)");
    static const double z975 = boost::math::quantile(boost::math::normal_distribution<double>(), 0.975);
    const SiiValueType t = o.value_type;
    Group gr;
    std::vector<double> pop(n);
    for (std::size_t k = 0; k < n; ++k) {
        const std::size_t i = rows[k];
        const double q = quantile[i];
        if (k > 0 && quantile[rows[k - 1]] == q)
            throw DataError("sii: " + where(g, q) + " appears twice (rows " + std::to_string(rows[k - 1]) + " and " +
                            std::to_string(i) + "); give one row per quantile");
        const double p = population[i], v = value[i];
        if (!(p > 0.0) || std::isinf(p))
            throw DataError("sii: " + where(g, q) + " (row " + std::to_string(i) + ") has population " +
                            format_number(p) + "; populations must be finite and > 0");
        if (!std::isfinite(v))
            throw DataError("sii: " + where(g, q) + " (row " + std::to_string(i) + ") has value " + format_number(v) +
                            "; values must be finite numbers");
        if (t == SiiValueType::rate && !(v > 0.0))
            throw DataError("sii: " + where(g, q) + " (row " + std::to_string(i) + ") has rate " + format_number(v) +
                            "; value_type 1 (rate) works on the log scale and needs values > 0");
        if (t == SiiValueType::proportion && !(v > 0.0 && v < 1.0))
            throw DataError("sii: " + where(g, q) + " (row " + std::to_string(i) + ") has proportion " +
                            format_number(v) + "; value_type 2 works on the logit scale and needs 0 < value < 1");
        double sd;
        if (!se.empty()) {
            sd = se[i];
            if (!(sd >= 0.0) || std::isinf(sd))
                throw DataError("sii: " + where(g, q) + " (row " + std::to_string(i) + ") has se " + format_number(sd) +
                                "; standard errors must be finite and >= 0");
        } else {
            const double lo = lower[i], hi = upper[i];
            if (!std::isfinite(lo) || !std::isfinite(hi) || hi < lo)
                throw DataError("sii: " + where(g, q) + " (row " + std::to_string(i) + ") has limits " +
                                format_number(lo) + " to " + format_number(hi) +
                                "; give finite 95% limits with lower <= upper");
            if (t == SiiValueType::rate && !(lo > 0.0))
                throw DataError("sii: " + where(g, q) + " (row " + std::to_string(i) + ") has lower limit " +
                                format_number(lo) + "; value_type 1 (rate) needs limits > 0 (log scale)");
            if (t == SiiValueType::proportion && !(lo > 0.0 && hi < 1.0))
                throw DataError("sii: " + where(g, q) + " (row " + std::to_string(i) + ") has limits " +
                                format_number(lo) + " to " + format_number(hi) +
                                "; value_type 2 (proportion) needs limits strictly between 0 and 1 (logit scale)");
            sd = (to_scale(t, hi) - to_scale(t, lo)) / z975 / 2.0;
        }
        pop[k] = p;
        gr.mean.push_back(to_scale(t, v));
        gr.sd.push_back(sd);
        gr.y.push_back(o.transform ? to_scale(t, v) : v);
    }
    weights(pop, gr);
    return gr;
}

}  // namespace

SiiResult sii(std::span<const std::int64_t> group, std::span<const double> quantile, std::span<const double> population,
              std::span<const double> value, std::span<const double> se, std::span<const double> lower,
              std::span<const double> upper, std::size_t n_groups, const SiiOptions& options) {
    const std::size_t n = group.size();
    check_length("quantile", quantile.size(), n);
    check_length("population", population.size(), n);
    check_length("value", value.size(), n);
    // the limits count only as a pair (one of them alone is neither se nor limits)
    const bool have_se = !se.empty(), have_limits = !lower.empty() && !upper.empty();
    if (have_se) check_length("se", se.size(), n);
    if (!lower.empty()) check_length("lower", lower.size(), n);
    if (!upper.empty()) check_length("upper", upper.size(), n);
    if (have_se && options.transform)
        throw DomainError("sii: transform takes the 95% limits, not the se (the R package's rule): leave se out");
    check_options(options, have_se, have_limits);
    const std::span<const double> se_used = have_se ? se : std::span<const double>{};

    // Rows of each group (counting sort), then by quantile within the group.
    std::vector<std::size_t> start(n_groups + 1, 0);
    for (std::size_t i = 0; i < n; ++i) {
        const std::int64_t g = group[i];
        if (g < 0 || static_cast<std::uint64_t>(g) >= n_groups)
            throw DataError("sii: row " + std::to_string(i) + " has group index " + std::to_string(g) + ", outside 0.." +
                            std::to_string(n_groups == 0 ? 0 : n_groups - 1));
        if (std::isnan(quantile[i]))
            throw DataError("sii: row " + std::to_string(i) + " (group " + std::to_string(g) +
                            ") has a missing quantile");
        ++start[static_cast<std::size_t>(g) + 1];
    }
    std::partial_sum(start.begin(), start.end(), start.begin());
    std::vector<std::size_t> rows(n), fill(start.begin(), start.end() - 1);
    for (std::size_t i = 0; i < n; ++i) rows[fill[static_cast<std::size_t>(group[i])]++] = i;
    for (std::size_t g = 0; g < n_groups; ++g)
        std::stable_sort(rows.begin() + static_cast<std::ptrdiff_t>(start[g]),
                         rows.begin() + static_cast<std::ptrdiff_t>(start[g + 1]),
                         [&](std::size_t i, std::size_t j) { return quantile[i] < quantile[j]; });
    check_every_quantile(rows, start, quantile);

    const auto& levels = options.confidence_level;
    const std::size_t n_levels = levels.size();
    SiiResult out;
    out.sii.resize(n_groups, levels);
    out.rii.resize(n_groups, levels);
    out.intercept.assign(n_groups, nan);
    out.n_quantiles.assign(n_groups, 0);
    if (options.reliability_stat) {
        out.sii_mad.assign(n_levels, std::vector<double>(n_groups, nan));
        if (options.rii) out.rii_mad.assign(n_levels, std::vector<double>(n_groups, nan));
    }
    const std::string scale = options.transform ? (options.value_type == SiiValueType::rate ? ", log scale" : ", logit scale") : "";
    out.sii.method = "SII, simulation " + std::to_string(options.n_resamples) + " reps" + scale;
    out.rii.method = "RII, simulation " + std::to_string(options.n_resamples) + " reps" + scale;

    const double m = options.multiplier;
    const SiiValueType t = options.value_type;
    const bool transform = options.transform;
    const std::int64_t reps = options.n_resamples;
    const std::int64_t runs = options.reliability_stat ? 10 : 1;
    const std::int64_t total = reps * runs;
    const std::int64_t n_blocks = (total + block_size - 1) / block_size;
    std::vector<double> sim_sii(static_cast<std::size_t>(total)), sim_rii;
    if (options.rii && !transform) sim_rii.resize(static_cast<std::size_t>(total));

    for (std::size_t g = 0; g < n_groups; ++g) {
        const Group gr = prepare(g, std::span<const std::size_t>(rows.data() + start[g], start[g + 1] - start[g]),
                                 quantile, population, value, se_used, lower, upper, options);
        const std::size_t nq = gr.y.size();
        out.n_quantiles[g] = static_cast<std::int64_t>(nq);

        // Point estimates.
        double slope = 0.0, icpt = 0.0;
        for (std::size_t q = 0; q < nq; ++q) {
            slope += gr.c[q] * gr.y[q];
            icpt += gr.d[q] * gr.y[q];
        }
        // On the transformed scale the limits pivot about the fitted value at x = 1/2 (the R package's method).
        const double half = icpt + slope / 2.0;
        auto back_sii = [&](double s) { return from_scale(t, half + s / 2.0) - from_scale(t, half - s / 2.0); };
        auto back_rii = [&](double s) { return from_scale(t, half + s / 2.0) / from_scale(t, half - s / 2.0); };
        if (transform) {
            const double y0 = from_scale(t, icpt), y1 = from_scale(t, icpt + slope);
            out.sii.value[g] = (y1 - y0) * m;
            out.rii.value[g] = m < 0.0 ? y0 / y1 : y1 / y0;
            out.intercept[g] = y0 * std::abs(m);
        } else {
            out.sii.value[g] = slope * m;
            const double r = (icpt + slope) / icpt;
            out.rii.value[g] = m < 0.0 ? 1.0 / r : r;
            out.intercept[g] = icpt * std::abs(m);
        }

        // Simulation: replicate k of block b depends only on (seed, g, b).
        stats::parallel_for(n_blocks, options.threads, [&](std::int64_t b0, std::int64_t b1, int) {
            std::vector<double> y(nq);
            for (std::int64_t b = b0; b < b1; ++b) {
                stats::RandomStream rs(options.seed, (static_cast<std::uint64_t>(g) << 32) | static_cast<std::uint64_t>(b));
                boost::random::normal_distribution<double> normal;
                const std::int64_t k1 = std::min(total, (b + 1) * block_size);
                for (std::int64_t k = b * block_size; k < k1; ++k) {
                    double s = 0.0, a = 0.0;
                    for (std::size_t q = 0; q < nq; ++q) {
                        const double x = gr.mean[q] + gr.sd[q] * normal(rs);
                        const double yq = transform ? x : from_scale(t, x);
                        s += gr.c[q] * yq;
                        a += gr.d[q] * yq;
                    }
                    const auto idx = static_cast<std::size_t>(k);
                    if (transform) {
                        sim_sii[idx] = s;  // the slope on the transformed scale; mapped back at the limits
                    } else {
                        sim_sii[idx] = s * m;
                        if (!sim_rii.empty()) {
                            const double r = (a + s) / a;
                            sim_rii[idx] = m < 0.0 ? 1.0 / r : r;
                        }
                    }
                }
            }
        });

        // Limits from each run of `reps` replicates (run 0 is reported; runs 1..9 measure reliability).
        std::vector<std::vector<double>> sii_lo(n_levels), sii_hi(n_levels), rii_lo(n_levels), rii_hi(n_levels);
        std::vector<std::int64_t> at;
        for (double c : levels) {
            const auto [pl, pu] = positions(c, reps);
            at.push_back(pl - 1);
            at.push_back(pu - 1);
        }
        for (std::int64_t run = 0; run < runs; ++run) {
            const auto begin = sim_sii.begin() + run * reps;
            select(begin, begin + reps, at);
            if (!sim_rii.empty()) select(sim_rii.begin() + run * reps, sim_rii.begin() + (run + 1) * reps, at);
            for (std::size_t l = 0; l < n_levels; ++l) {
                const auto [pl, pu] = positions(levels[l], reps);
                const double s_lo = *(begin + (pl - 1)), s_hi = *(begin + (pu - 1));
                if (transform) {
                    // back-transformed limits; a negative multiplier swaps them
                    const double lo_s = m < 0.0 ? s_hi : s_lo, hi_s = m < 0.0 ? s_lo : s_hi;
                    sii_lo[l].push_back(back_sii(lo_s) * m);
                    sii_hi[l].push_back(back_sii(hi_s) * m);
                    if (options.rii) {
                        rii_lo[l].push_back(m < 0.0 ? 1.0 / back_rii(s_hi) : back_rii(s_lo));
                        rii_hi[l].push_back(m < 0.0 ? 1.0 / back_rii(s_lo) : back_rii(s_hi));
                    }
                } else {
                    sii_lo[l].push_back(s_lo);
                    sii_hi[l].push_back(s_hi);
                    if (options.rii) {
                        rii_lo[l].push_back(sim_rii[static_cast<std::size_t>(run * reps + pl - 1)]);
                        rii_hi[l].push_back(sim_rii[static_cast<std::size_t>(run * reps + pu - 1)]);
                    }
                }
            }
        }
        // Mean absolute difference of runs 2..10's limits from run 1's, over both limits (18 differences).
        auto mad = [&](const std::vector<double>& lo, const std::vector<double>& hi) {
            double sum = 0.0;
            for (std::size_t k = 1; k < lo.size(); ++k) sum += std::abs(lo[k] - lo[0]) + std::abs(hi[k] - hi[0]);
            return sum / (2.0 * static_cast<double>(lo.size() - 1));
        };
        for (std::size_t l = 0; l < n_levels; ++l) {
            out.sii.lower[l][g] = sii_lo[l][0];
            out.sii.upper[l][g] = sii_hi[l][0];
            if (options.rii) {
                out.rii.lower[l][g] = rii_lo[l][0];
                out.rii.upper[l][g] = rii_hi[l][0];
            }
            if (options.reliability_stat) {
                out.sii_mad[l][g] = mad(sii_lo[l], sii_hi[l]);
                if (options.rii) out.rii_mad[l][g] = mad(rii_lo[l], rii_hi[l]);
            }
        }
    }
    return out;
}

}  // namespace hp::indicators
