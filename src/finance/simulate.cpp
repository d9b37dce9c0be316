#include "healthyplaces/finance/simulate.hpp"

#include <algorithm>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <cmath>
#include <string>

#include "healthyplaces/error.hpp"
#include "healthyplaces/stats/parallel.hpp"
#include "healthyplaces/stats/random.hpp"

namespace hp::finance {

namespace {
constexpr int block_bits = 40;
constexpr std::uint64_t area_limit = std::uint64_t{1} << (64 - block_bits);
constexpr std::int64_t block_limit = std::int64_t{1} << block_bits;

void check_options(const SimulationOptions& o) {
    if (o.sims < 1) throw DomainError("simulate: sims must be at least 1, got " + std::to_string(o.sims));
    if (!(o.shock_correlation >= 0 && o.shock_correlation <= 1))
        throw DomainError("simulate: shock_correlation must be in [0, 1], got " + std::to_string(o.shock_correlation));
    if (!(std::isfinite(o.shock_sd) && o.shock_sd >= 0))
        throw DomainError("simulate: shock_sd must be zero or positive, got " + std::to_string(o.shock_sd));
    if (o.block_size < 1) throw DomainError("simulate: block_size must be at least 1, got " + std::to_string(o.block_size));
    if (o.first_block < 0)
        throw DomainError("simulate: first_block must be zero or positive, got " + std::to_string(o.first_block));
    if (o.area >= area_limit)
        throw DomainError("simulate: area must be below 2^24, got " + std::to_string(o.area));
}

/// log(k!) for k >= 0: a table below 10, Stirling's series beyond (error below 1e-15 relative there).
double log_factorial(double k) noexcept {
    static constexpr double table[10] = {0.0, 0.0, 0.69314718055994531, 1.791759469228055, 3.1780538303479458,
                                         4.7874917427820458, 6.5792512120101012, 8.5251613610654147,
                                         10.604602902745251, 12.801827480081469};
    if (k < 10) return table[static_cast<int>(k)];
    const double x = k + 1, r = 1 / x, r2 = r * r;
    return (x - 0.5) * std::log(x) - x + 0.91893853320467274 +
           r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 / 1680)));
}

/// Poisson(λ) with λ >= 0: Boost's inversion below 10, and above it Hörmann's PTRS (transformed rejection with
/// squeeze; W. Hörmann 1993, "The transformed rejection method for generating Poisson random variables",
/// Insurance: Mathematics and Economics 12), which accepts most draws from two uniforms and no logarithm.
std::int64_t draw_poisson(double lambda, stats::RandomStream& rs) {
    if (!(lambda > 0)) return 0;
    if (lambda < 10) return boost::random::poisson_distribution<std::int64_t, double>(lambda)(rs);
    const double slam = std::sqrt(lambda), b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b,
                 inv_alpha = 1.1239 + 1.1328 / (b - 3.4), v_r = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
        const double u = rs.uniform() - 0.5, v = rs.uniform(), us = 0.5 - std::abs(u);
        const double k = std::floor((2 * a / us + b) * u + lambda + 0.43);
        if (us >= 0.07 && v <= v_r) return static_cast<std::int64_t>(k);
        if (k < 0 || (us < 0.013 && v > us)) continue;
        if (std::log(v) + std::log(inv_alpha) - std::log(a / (us * us) + b) <=
            -lambda + k * std::log(lambda) - log_factorial(k))
            return static_cast<std::int64_t>(k);
    }
}
}  // namespace

std::uint64_t stream_id(std::uint64_t area, std::int64_t block) {
    if (area >= area_limit) throw DomainError("simulate: area must be below 2^24, got " + std::to_string(area));
    if (block < 0 || block >= block_limit)
        throw DomainError("simulate: block must be in [0, 2^40), got " + std::to_string(block));
    return (area << block_bits) | static_cast<std::uint64_t>(block);
}

SpendDraws simulate_spend(std::span<const Service> services, const std::vector<std::vector<double>>& population,
                          const SimulationOptions& o) {
    check_options(o);
    if (population.empty()) throw DomainError("simulate: years must be at least 1 (the population has no years)");
    if (services.empty()) throw DomainError("simulate: give at least one service");
    const std::size_t bands = population[0].size();
    for (std::size_t t = 0; t < population.size(); ++t) {
        if (population[t].size() != bands)
            throw DataError("simulate: population year " + std::to_string(t) + " has " +
                            std::to_string(population[t].size()) + " age bands, year 0 has " + std::to_string(bands));
        for (std::size_t b = 0; b < bands; ++b)
            if (!(std::isfinite(population[t][b]) && population[t][b] >= 0))
                throw DataError("simulate: population counts must be zero or positive, got " +
                                std::to_string(population[t][b]) + " in year " + std::to_string(t) + ", band " +
                                std::to_string(b));
    }
    for (const auto& s : services) validate(s, bands);

    const std::size_t S = services.size();
    const auto horizon = static_cast<std::int64_t>(population.size());
    const std::int64_t first = o.first_block * o.block_size;  // global index of this slice's first simulated year
    if (first % horizon != 0)
        throw DomainError("simulate: first_block · block_size (" + std::to_string(first) +
                          ") must be a multiple of the horizon (" + std::to_string(horizon) + " years)");
    if (o.sims > (block_limit * o.block_size - first) / horizon)
        throw DomainError("simulate: sims too large for the stream id's 2^40 blocks");
    SpendDraws d;
    d.services = S;
    d.horizon = horizon;
    d.sims = o.sims;
    const std::int64_t n = d.size();
    d.spend.assign(static_cast<std::size_t>(n) * S, 0.0);
    d.events.assign(static_cast<std::size_t>(n) * S, 0.0);

    std::vector<double> base(static_cast<std::size_t>(horizon) * S);  // expected events, year t, service s
    for (std::int64_t t = 0; t < horizon; ++t)
        for (std::size_t s = 0; s < S; ++s)
            base[static_cast<std::size_t>(t) * S + s] = expected_events(services[s], population[static_cast<std::size_t>(t)]);
    const double sigma = o.shock_sd, shared = std::sqrt(o.shock_correlation),
                 own = std::sqrt(1.0 - o.shock_correlation), drift = -0.5 * sigma * sigma;
    const std::int64_t n_blocks = (n + o.block_size - 1) / o.block_size;

    stats::parallel_for(n_blocks, o.threads, [&](std::int64_t b0, std::int64_t b1, int) {
        boost::random::normal_distribution<double> normal;
        for (std::int64_t b = b0; b < b1; ++b) {
            stats::RandomStream rs(o.seed, stream_id(o.area, o.first_block + b));
            const std::int64_t g1 = std::min(n, (b + 1) * o.block_size);
            for (std::int64_t g = b * o.block_size; g < g1; ++g) {
                const std::int64_t year = g % horizon;  // first is a multiple of the horizon
                const double* mean = &base[static_cast<std::size_t>(year) * S];
                double* spend = &d.spend[static_cast<std::size_t>(g) * S];
                double* events = &d.events[static_cast<std::size_t>(g) * S];
                // The shock's normals are drawn even when σ = 0, so runs differing only in σ or ρ share draws.
                const double w = normal(rs);
                for (std::size_t s = 0; s < S; ++s) {
                    const Service& sv = services[s];
                    const double z = shared * w + own * normal(rs);
                    double lambda = mean[s] * std::exp(sigma * z + drift);
                    if (sv.counts == Counts::negative_binomial)
                        lambda *= draw_gamma(1.0 / sv.dispersion, sv.dispersion, rs);
                    const std::int64_t k = draw_poisson(lambda, rs);
                    events[s] = static_cast<double>(k);
                    spend[s] = total_cost(sv.unit_cost, k, rs);
                }
            }
        }
    });
    return d;
}

double draw_variates_only(std::span<const double> mean_events, std::span<const double> gamma_shape,
                          const SimulationOptions& o) {
    check_options(o);
    const std::size_t S = std::min(mean_events.size(), gamma_shape.size());
    const std::int64_t n = o.sims;
    const std::int64_t n_blocks = (n + o.block_size - 1) / o.block_size;
    std::vector<double> sums(static_cast<std::size_t>(n_blocks), 0.0);
    stats::parallel_for(n_blocks, o.threads, [&](std::int64_t b0, std::int64_t b1, int) {
        boost::random::normal_distribution<double> normal;
        for (std::int64_t b = b0; b < b1; ++b) {
            stats::RandomStream rs(o.seed, stream_id(o.area, o.first_block + b));
            double sum = 0.0;
            const std::int64_t g1 = std::min(n, (b + 1) * o.block_size);
            for (std::int64_t g = b * o.block_size; g < g1; ++g) {
                sum += normal(rs);
                for (std::size_t s = 0; s < S; ++s) {
                    sum += normal(rs);
                    const std::int64_t k = draw_poisson(mean_events[s], rs);
                    if (k > 0) sum += draw_gamma(static_cast<double>(k) * gamma_shape[s], 1.0, rs);
                }
            }
            sums[static_cast<std::size_t>(b)] = sum;
        }
    });
    double total = 0.0;
    for (double x : sums) total += x;
    return total;
}

}  // namespace hp::finance
