#include "healthyplaces/finance/simulate.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#ifdef __linux__
#include <sys/mman.h>
#endif

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/base/params.hpp"
#include "healthyplaces/stats/test_result.hpp"
#include "healthyplaces/stats/parallel.hpp"
#include "healthyplaces/stats/fast_variates.hpp"

namespace hp::finance {

namespace {
constexpr int block_bits = 40;
constexpr std::uint64_t area_limit = std::uint64_t{1} << (64 - block_bits);
constexpr std::int64_t block_limit = std::int64_t{1} << block_bits;

void check_options(const SimulationOptions& o) {
    check_count(o.n_sims, "simulate: n_sims", 1);
    check_threads(o.threads, "simulate: threads");
    if (!(o.shock_correlation >= 0 && o.shock_correlation <= 1))
        throw DomainError("simulate: shock_correlation must be in [0, 1], got " + std::to_string(o.shock_correlation));
    if (!(std::isfinite(o.shock_sd) && o.shock_sd >= 0))
        throw DomainError("simulate: shock_sd must be zero or positive, got " + std::to_string(o.shock_sd));
    check_count(o.block_size, "simulate: block_size", 1);
    if (o.first_block < 0 || o.first_block >= block_limit)
        throw DomainError("simulate: first_block must be in [0, 2^40) (the stream id's blocks), got " +
                          std::to_string(o.first_block));
    if (o.area >= area_limit)
        throw DomainError("simulate: area must be below 2^24, got " + std::to_string(o.area));
}

/// n zeros in v. The outputs are tens of megabytes and std::vector must zero them before they are drawn into;
/// faulting fresh memory in 4 KB pages cost more than the zeros (~50 ms for the benchmark's 96 MB), so on Linux
/// the kernel is asked for 2 MB pages first (~22 ms), and with several threads the pages are faulted in by all of
/// them (MADV_POPULATE_WRITE, Linux 5.14+) before the one-thread zeroing. Both are hints: when the kernel
/// declines, nothing changes but the time. The storage is only reserved, never touched, before assign().
void zeros(std::vector<double>& v, std::size_t n, int threads) {
    v.reserve(n);
#ifdef __linux__
    constexpr std::uintptr_t huge = std::uintptr_t{2} << 20;
    if (n * sizeof(double) >= 4 * huge) {
        const auto lo = (reinterpret_cast<std::uintptr_t>(v.data()) + huge - 1) & ~(huge - 1);
        const auto hi = reinterpret_cast<std::uintptr_t>(v.data() + n) & ~(huge - 1);
        if (hi > lo) {
            madvise(reinterpret_cast<void*>(lo), hi - lo, MADV_HUGEPAGE);
#ifdef MADV_POPULATE_WRITE
            const auto chunks = static_cast<std::int64_t>((hi - lo) / huge);
            if (stats::resolve_threads(threads, chunks) > 1)
                stats::parallel_for(chunks, threads, [&](std::int64_t c0, std::int64_t c1, int) {
                    madvise(reinterpret_cast<void*>(lo + static_cast<std::uintptr_t>(c0) * huge),
                            static_cast<std::size_t>(c1 - c0) * huge, MADV_POPULATE_WRITE);
                });
#endif
        }
    }
#endif
    v.assign(n, 0.0);
}

/// What a simulated year needs of a service, computed once.
struct Plan {
    CostSampler cost;
    bool negative_binomial;
    double nb_shape, nb_scale;  ///< the rate's gamma multiplier Gamma(1/α, α)
};
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
    // The global index of this slice's first simulated year, and the blocks the slice needs, in 128 bits: with
    // first_block < 2^40 and block_size <= 10^9 the product reaches 2^70, past int64 (fuzz finding 4).
    __extension__ typedef __int128 wide;  // GCC and Clang; __extension__ quiets -Wpedantic
    const wide first = wide{o.first_block} * o.block_size;
    if (first % horizon != 0)
        throw DomainError("simulate: first_block · block_size (" + std::to_string(o.first_block) + " · " +
                          std::to_string(o.block_size) + ") must be a multiple of the horizon (" +
                          std::to_string(horizon) + " years)");
    const wide years = wide{o.n_sims} * horizon;
    if (o.first_block + (years + o.block_size - 1) / o.block_size > block_limit)
        throw DomainError("simulate: n_sims too large for the stream id's 2^40 blocks");
    SpendDraws d;
    d.services = S;
    d.horizon = horizon;
    d.n_sims = o.n_sims;
    const std::int64_t n = d.size();
    zeros(d.spend, static_cast<std::size_t>(n) * S, o.threads);
    zeros(d.events, static_cast<std::size_t>(n) * S, o.threads);

    std::vector<double> base(static_cast<std::size_t>(horizon) * S);  // expected events, year t, service s
    for (std::int64_t t = 0; t < horizon; ++t)
        for (std::size_t s = 0; s < S; ++s)
            base[static_cast<std::size_t>(t) * S + s] = expected_events(services[s], population[static_cast<std::size_t>(t)]);
    for (std::size_t i = 0; i < base.size(); ++i)
        if (!(base[i] <= max_events_per_year))
            throw DomainError("simulate: service \"" + services[i % S].name + "\" expects " +
                              stats::format_number(base[i]) + " events in year " + std::to_string(i / S) +
                              ", more than the 1e12 a year the simulation can count; check its rates and the population");
    std::vector<double> log_base(base.size());
    for (std::size_t i = 0; i < base.size(); ++i) log_base[i] = std::log(base[i]);  // -inf for no events: unused then
    const double sigma = o.shock_sd, shared = std::sqrt(o.shock_correlation),
                 own = std::sqrt(1.0 - o.shock_correlation), drift = -0.5 * sigma * sigma;
    const std::int64_t n_blocks = (n + o.block_size - 1) / o.block_size;

    std::vector<Plan> plans;
    plans.reserve(S);
    for (const auto& sv : services)
        plans.push_back({CostSampler(sv.unit_cost), sv.counts == Counts::negative_binomial,
                         sv.dispersion > 0 ? 1.0 / sv.dispersion : 0.0, sv.dispersion});

    stats::parallel_for(n_blocks, o.threads, [&](std::int64_t b0, std::int64_t b1, int) {
        for (std::int64_t b = b0; b < b1; ++b) {
            stats::FastStream rs(o.seed, stream_id(o.area, o.first_block + b));
            const std::int64_t g1 = std::min(n, (b + 1) * o.block_size);
            for (std::int64_t g = b * o.block_size; g < g1; ++g) {
                const std::int64_t year = g % horizon;  // first is a multiple of the horizon
                const double* mean = &base[static_cast<std::size_t>(year) * S];
                const double* log_mean = &log_base[static_cast<std::size_t>(year) * S];
                double* spend = &d.spend[static_cast<std::size_t>(g) * S];
                double* events = &d.events[static_cast<std::size_t>(g) * S];
                // The shock's normals are drawn even when σ = 0, so runs differing only in σ or ρ share draws.
                const double w = stats::standard_normal(rs);
                for (std::size_t s = 0; s < S; ++s) {
                    const Plan& p = plans[s];
                    const double z = shared * w + own * stats::standard_normal(rs);
                    const double t = sigma * z + drift;
                    double lambda = mean[s] * std::exp(t), log_lambda = log_mean[s] + t;  // log λ spares PTRS a log
                    if (p.negative_binomial) {
                        lambda *= stats::standard_gamma(p.nb_shape, rs) * p.nb_scale;
                        log_lambda = std::numeric_limits<double>::quiet_NaN();  // computed if needed
                    }
                    if (!(lambda <= max_drawn_events))  // a huge shock_sd or dispersion: refuse, never wrap around
                        throw DomainError("simulate: service \"" + services[s].name + "\" drew a year of " +
                                          stats::format_number(lambda) + " expected events (shock and dispersion), "
                                          "beyond the 2^53 the simulation counts; lower shock_sd or the dispersion");
                    const std::int64_t k = stats::poisson(lambda, rs, log_lambda);
                    events[s] = static_cast<double>(k);
                    spend[s] = p.cost(k, rs);
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
    const std::int64_t n = o.n_sims;
    const std::int64_t n_blocks = (n + o.block_size - 1) / o.block_size;
    std::vector<double> sums(static_cast<std::size_t>(n_blocks), 0.0), log_mean(S);
    for (std::size_t s = 0; s < S; ++s) log_mean[s] = std::log(mean_events[s]);
    stats::parallel_for(n_blocks, o.threads, [&](std::int64_t b0, std::int64_t b1, int) {
        for (std::int64_t b = b0; b < b1; ++b) {
            stats::FastStream rs(o.seed, stream_id(o.area, o.first_block + b));
            double sum = 0.0;
            const std::int64_t g1 = std::min(n, (b + 1) * o.block_size);
            for (std::int64_t g = b * o.block_size; g < g1; ++g) {
                sum += stats::standard_normal(rs);
                for (std::size_t s = 0; s < S; ++s) {
                    sum += stats::standard_normal(rs);
                    const std::int64_t k = stats::poisson(mean_events[s], rs, log_mean[s]);
                    if (k > 0) sum += stats::standard_gamma(static_cast<double>(k) * gamma_shape[s], rs);
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
