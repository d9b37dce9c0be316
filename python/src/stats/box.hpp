#pragma once
// The bindings of the stats box (hp::stats): its headers only, and its registration functions.
#include "../common.hpp"

#include "healthyplaces/stats/bootstrap.hpp"
#include "healthyplaces/stats/brunner_munzel.hpp"
#include "healthyplaces/stats/effect_size.hpp"
#include "healthyplaces/stats/fast_variates.hpp"
#include "healthyplaces/stats/hodges_lehmann.hpp"
#include "healthyplaces/stats/kruskal_wallis.hpp"
#include "healthyplaces/stats/mann_whitney.hpp"
#include "healthyplaces/stats/multiple_testing.hpp"
#include "healthyplaces/stats/ordinal.hpp"
#include "healthyplaces/stats/parallel.hpp"
#include "healthyplaces/stats/permutation.hpp"
#include "healthyplaces/stats/random.hpp"
#include "healthyplaces/stats/ranks.hpp"
#include "healthyplaces/stats/statistic.hpp"
#include "healthyplaces/stats/test_result.hpp"
#include "healthyplaces/stats/wilcoxon.hpp"

/// Registers hp::stats into the submodule healthyplaces._core.stats.
void bind_stats(py::module_& m);
void bind_stats_rank(py::module_& m);
void bind_stats_effect(py::module_& m);
void bind_stats_resampling(py::module_& m);

/// The Monte Carlo options the bindings' keyword arguments spell out.
inline hp::stats::MonteCarloOptions monte_carlo(std::int64_t n_resamples, std::uint64_t seed, int threads) {
    hp::stats::MonteCarloOptions mc;
    mc.n_resamples = n_resamples;
    mc.seed = seed;
    mc.threads = threads;
    return mc;
}
