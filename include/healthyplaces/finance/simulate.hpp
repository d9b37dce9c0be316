#pragma once
// Simulated years of demand-led spend. Every simulated year draws one shared shock (a hard winter): service
// s's rate is multiplied by exp(σ·Z_s − σ²/2), Z_s = √ρ·W + √(1 − ρ)·ε_s with W, ε_s independent standard
// normals, so the multipliers have mean 1, log-scale sd σ and log-scale correlation ρ between services; the
// year's events are Poisson (or negative binomial) around Σ_b rate_b · population_b · multiplier, and their
// cost one aggregate draw (finance/cost.hpp). Simulated year g (= sim · horizon + year of the horizon) belongs
// to block g / block_size, and each block draws from its own stream keyed by (seed, area, block) (a xoshiro256++
// engine seeded by one Philox call, with exact ziggurat/Marsaglia–Tsang/PTRS samplers: stats/fast_variates.hpp):
// blocks run in parallel and any split of the blocks (threads, processes, Dask workers) gives the same numbers.
#include <cstdint>
#include <span>
#include <vector>

#include "healthyplaces/finance/service.hpp"

namespace hp::finance {

/// The most events a service may expect in a year (10^12: a thousand per person in the world), and the most a
/// simulated year may draw around them after its shock and negative-binomial gamma (2^53, where doubles stop
/// counting in ones). A Poisson mean beyond 2^63 used to come back as −9.22e18 events and zero spend (issue
/// 15); now the first is refused before any drawing and the second stops the run with a DomainError naming
/// the service (lower shock_sd or the dispersion).
inline constexpr double max_events_per_year = 1e12;
inline constexpr double max_drawn_events = 9007199254740992.0;  // 2^53

struct SimulationOptions {
    std::int64_t n_sims = 10000;      ///< replications of the horizon
    double shock_correlation = 0.0;   ///< ρ in [0, 1]
    double shock_sd = 0.0;            ///< σ >= 0 (log scale)
    std::uint64_t seed = 0;
    std::uint64_t area = 0;           ///< < 2^24: which area's streams (several areas, one seed)
    std::int64_t block_size = 4096;   ///< simulated years per block (per random stream)
    std::int64_t first_block = 0;     ///< start at simulated year first_block · block_size (a slice of a bigger run); in [0, 2^40)
    int threads = 0;                  ///< 0 = all cores
};

/// The simulated years, row-major: spend[g · services + s] and events[g · services + s] for local simulated
/// year g = sim · horizon + year (sim counted from this slice's first).
struct SpendDraws {
    std::size_t services = 0;
    std::int64_t horizon = 1;   ///< years per replication (the population's rows)
    std::int64_t n_sims = 0;    ///< replications in these draws
    std::vector<double> spend;
    std::vector<double> events;

    std::int64_t size() const noexcept { return n_sims * horizon; }  ///< simulated years
};

/// The random stream id of (area, block): area in the top 24 bits, block in the low 40.
std::uint64_t stream_id(std::uint64_t area, std::int64_t block);

/// Simulate options.n_sims replications of the horizon; population[t] is the population by band in year t of
/// the horizon (one row for a static population). DataError naming the field for negative or non-finite
/// populations, ragged rows, a service that does not match the bands; DomainError for n_sims < 1, a horizon
/// of zero years, ρ outside [0, 1], σ < 0, n_sims or block_size outside 1..10^9 (hp::max_count), threads < 0,
/// an area or block beyond the stream id's range, a service expecting more than max_events_per_year events in a
/// year, or a simulated year drawing more than max_drawn_events. Cancellable (hp::CancelScope).
SpendDraws simulate_spend(std::span<const Service> services, const std::vector<std::vector<double>>& population,
                          const SimulationOptions& options);

/// The floor for benchmarks: the same variates simulate_spend needs for `services` services (1 + services
/// normals, a Poisson count and an aggregate gamma cost per service per simulated year, with the given mean
/// events and gamma shape per event), summed, with none of the model around them. Returns the sum.
double draw_variates_only(std::span<const double> mean_events, std::span<const double> gamma_shape,
                          const SimulationOptions& options);

}  // namespace hp::finance
