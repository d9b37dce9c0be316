#pragma once
// Life expectancy from an abridged life table for many groups at once, by the method of OHID's
// PHEindicatormethods (phe_life_expectancy): Chiang's method II (Chiang 1984) for the table and its variance,
// with Silcocks et al.'s (2001) term for the final, open-ended age band. Unlike the R package (20 fixed bands,
// 0, 1-4, 5-9, ..., 85-89, 90+), any band layout with increasing start ages and a final open band is accepted
// (e.g. 85+ or 95+, single years, 10-year bands).
//
// Input is long: one row per (group, age band), the rows of a group contiguous and in increasing order of age.
// Output has one row per (group, starting age asked for).
#include <cstdint>
#include <span>
#include <vector>

#include "healthyplaces/indicators/intervals.hpp"

namespace hp::indicators {

struct LifeExpectancyOptions {
    std::vector<double> confidence_level{0.95};
    /// Starting ages to report, each a band start of every group; empty: every band start of each group.
    std::vector<double> le_age;
    /// Groups whose population over all bands is <= this get NaN (the R package's 5,000 person-years).
    double min_population = 5000.0;
};

/// Why a row's value is NaN (none: it is not).
enum class LifeExpectancyNote : std::uint8_t {
    none,
    zero_population,          ///< a band of the group has population 0 (whole group NaN)
    deaths_above_population,  ///< a band of the group has more deaths than population (whole group NaN)
    small_population,         ///< the group's total population is <= min_population (whole group NaN)
    no_deaths_in_open_band,   ///< no deaths in the final open band: 1/M is infinite (whole group NaN)
    wide_interval,            ///< this row's 95% interval is wider than 20 years: value NaN, limits kept
};

/// The note in words ("" for none), e.g. "a band has population 0".
const char* life_expectancy_note(LifeExpectancyNote note) noexcept;

/// Life expectancies per (group, starting age) with the group's index and the starting age of each row.
struct LifeExpectancyIntervals : Intervals {
    std::vector<std::int64_t> group;      ///< per row
    std::vector<double> le_age;           ///< per row: the age the life expectancy is from
    std::vector<double> standard_error;   ///< per row: sqrt of the Chiang II / Silcocks variance
    std::vector<double> population_used;  ///< per row: population summed over the bands from le_age up
    std::vector<double> deaths_used;      ///< per row: deaths summed over the bands from le_age up
    std::vector<LifeExpectancyNote> note; ///< per row: why the value is NaN, if it is
};

/// Per group, bands i = 0..k-1 with start x_i, width n_i = x_{i+1} - x_i, deaths D_i, population P_i, M_i = D_i / P_i
/// and a_i the fraction of the band lived by those who die in it (`ax`, or empty for 0.1 in a band starting at
/// 0 and 0.5 otherwise; ignored in the final band):
///   q_i = n_i M_i / (1 + n_i M_i (1 - a_i)), or 1 when D_i > P_i / (n_i a_i);  q_{k-1} = 1;
///   l_0 = 100000, l_{i+1} = l_i (1 - q_i);  d_i = l_i - l_{i+1};
///   L_i = n_i (l_{i+1} + a_i d_i);  L_{k-1} = l_{k-1} / M_{k-1};  e_i = sum_{j>=i} L_j / l_i (0 where l_i = 0);
///   var(e_i) = sum_{j>=i} w_j / l_i^2 with w_j = l_j^2 q_j^2 (1 - q_j) / D_j ((1 - a_j) n_j + e_{j+1})^2 (0 when
///   D_j = 0) and, for the open band (Silcocks), w_{k-1} = l_{k-1}^2 / (D_{k-1} M_{k-1}^2).
/// Limits e_i -/+ z sqrt(var), z = qnorm(c + (1 - c) / 2).
///
/// NaN rather than an error (whole group: value and limits), as the R package suppresses to NA: a band with
/// population 0, a band with more deaths than population, a group population <= min_population, or no deaths in
/// the final band (its life expectancy 1/M is infinite). Per row, as the R package: the value (not the limits) is
/// NaN when the 95% interval is wider than 20 years (qnorm(0.975) * se > 10).
///
/// DataError (naming the row, group and band) for negative or NaN deaths or population, NaN or infinite ages,
/// ages not strictly increasing within a group, rows of a group not contiguous, a group index out of range, a
/// group with no rows, ax outside [0, 1], or an le_age that is not a band start of a group; DomainError for bad
/// levels, lengths that differ, or min_population NaN.
LifeExpectancyIntervals life_expectancy(std::span<const std::int64_t> group, std::span<const double> age_start,
                                        std::span<const double> deaths, std::span<const double> population,
                                        std::span<const double> ax, std::size_t n_groups,
                                        const LifeExpectancyOptions& options = {});

}  // namespace hp::indicators
