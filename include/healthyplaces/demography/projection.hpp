#pragma once
// Cohort-component projection in Leslie-matrix form (Leslie 1945; Preston, Heuveline & Guillot 2001, ch. 6).
// Bands all `w` years wide (single years or 5-year bands) with a final open band; each step moves time on
// by w years and every closed band's survivors into the next band:
//   survival   s_i = exp(−w·m_i)  (m_i the band's annual central death rate, constant over the step;
//              the open band keeps its own survivors: P_last(t+w) = s_{n−2}P_{n−2} + s_{n−1}P_{n−1})
//   births     B = w·φ·Σ_i P_i(t)·(f_i + s_i·f_{i+1})/2, f the annual births per woman, φ the female
//              fraction of each band (women are φ·P_i), f_{n} = f_{n−1} for the open band; the births enter
//              band 0 after surviving half a step, exp(−w·m_0/2)
//   migration  net migrants M_i a year (persons, by band at arrival): half arrive at the start of the step
//              and are projected with the residents, half at the end: P(t+w) = L·(P(t) + w·M/2) + w·M/2.
// With uncertainty, each draw scales the rates by mean-one lognormal multipliers exp(σZ − σ²/2) (per draw,
// or afresh each step), drawing from RandomStream(seed, draw): the same numbers for any thread count.
#include <cstdint>
#include <vector>

#include <Eigen/Dense>

#include "healthyplaces/demography/population.hpp"

namespace hp::demography {

/// Annual age-specific rates, one per band of the population projected. Empty fertility or migration means
/// none (a closed population without births).
struct Rates {
    std::vector<double> mortality;  ///< central death rate m_i per person-year, >= 0
    std::vector<double> fertility;  ///< births per woman-year f_i, >= 0 (empty: none)
    std::vector<double> migration;  ///< net migrants per year, persons (may be negative; empty: none)
};

/// The longest horizon project() accepts (10,000 years): the projection keeps every step's population.
inline constexpr int max_projection_years = 10000;

struct ProjectionOptions {
    int years = 10;                ///< horizon; a whole number of steps (multiple of the band width), at most 10,000
    double female_fraction = 0.5;  ///< φ: share of each band that is female (1 when fertility is per person)
};

/// Rate uncertainty: lognormal multipliers with these log-scale standard deviations.
struct RateUncertainty {
    double mortality_sd = 0;
    double fertility_sd = 0;
    double migration_sd = 0;
    bool per_year = false;  ///< false: one multiplier per draw for the whole horizon; true: fresh each step
};

struct StochasticOptions {
    std::int64_t n_sims = 1000;  ///< simulated projections (Monte Carlo replications)
    std::uint64_t seed = 0;
    int threads = 0;  ///< 0 = all cores
};

/// The band width w all closed bands share (the projection step), or a DomainError naming the band that differs.
int step_width(const std::vector<AgeBand>& bands);

/// The n×n Leslie matrix for one step of w years (see the header comment), validating the rates.
Eigen::MatrixXd leslie(const Population& population, const Rates& rates, double female_fraction = 0.5);

/// Populations at years 0, w, 2w, ..., horizon.
struct Projection {
    std::vector<AgeBand> bands;
    std::vector<int> years;    ///< 0, w, ..., horizon (years from the base)
    Eigen::MatrixXd counts;    ///< years × bands, the central (deterministic) projection
    /// With uncertainty: simulations[d] is a years × bands matrix, simulation d's projection; empty otherwise.
    std::vector<Eigen::MatrixXd> simulations;
};

/// The deterministic cohort-component projection.
Projection project(const Population& population, const Rates& rates, const ProjectionOptions& options = {});

/// The deterministic projection plus `n_sims` projections with rates scaled by lognormal multipliers.
Projection project(const Population& population, const Rates& rates, const ProjectionOptions& options,
                   const RateUncertainty& uncertainty, const StochasticOptions& stochastic);

}  // namespace hp::demography
