#pragma once
// Directly and indirectly standardised rates for many groups at once, by the methods of OHID's
// PHEindicatormethods: calculate_dsr (Dobson et al. 1991, with the adjustment for non-independent events) and
// calculate_ISRatio / calculate_ISRate (exact Poisson below 10 observed events, Byar's at 10 or more).
//
// Input is long: one row per (group, standardisation band), with a group index per row in 0..n_groups-1.
// Every output vector has one entry per group.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "healthyplaces/indicators/intervals.hpp"

namespace hp::indicators {

/// A standard population: band labels and their populations, in order.
struct StandardPopulation {
    std::string name;
    std::vector<std::string> bands;
    std::vector<double> population;
};

/// "ESP2013" (21 bands: 0, 1-4, 5-9, ..., 90-94, 95+; total 100,000) or "ESP1976" (18 bands: 0-4, ..., 80-84,
/// 85+; total 100,000), from the embedded data/european_standard_population.csv. DomainError for other names.
StandardPopulation standard_population(std::string_view name);

/// A directly standardised rate per group with the group's totals.
struct DsrIntervals : Intervals {
    std::vector<double> total_count;       ///< events summed over bands (sum of frequency x people when non-independent)
    std::vector<double> total_population;  ///< population summed over bands
};

struct DsrOptions {
    std::vector<double> confidence_level{0.95};
    double multiplier = 100000.0;
};

/// DSR = sum_b(events_b * standard_b / population_b) / sum_b(standard_b) * multiplier, with Dobson limits
/// DSR + sqrt(var / O) * (Byar(O) - O) * multiplier, var = sum_b(events_b * (standard_b / population_b)^2) /
/// (sum_b standard_b)^2, O the total count. As calculate_dsr, value and limits are NaN when O < 10.
/// DataError (naming the row and the value) for negative or NaN events, population <= 0 or NaN, negative or NaN
/// standard, or a group index out of range; DomainError for bad levels or multiplier <= 0.
DsrIntervals dsr(std::span<const std::int64_t> group, std::span<const double> events,
                 std::span<const double> population, std::span<const double> standard, std::size_t n_groups,
                 const DsrOptions& options = {});

/// The DSR for non-independent events (calculate_dsr with independent_events = FALSE): each row is
/// (group, band, event frequency f) with `people` = the number of distinct people who had f events in the band.
/// Events per band are sum_f f * people; the value is the DSR of those events, and the variance in the Dobson
/// limits is sum_f f^2 * var_f, var_f the Dobson variance of the people with frequency f (its standard total over
/// the rows with that frequency, as the R package computes it). Rows of one group must be contiguous; the
/// population and standard of a (group, band) must be the same on every frequency row (DataError otherwise).
DsrIntervals dsr_nonindependent(std::span<const std::int64_t> group, std::span<const std::int64_t> band,
                                std::span<const double> frequency, std::span<const double> people,
                                std::span<const double> population, std::span<const double> standard,
                                std::size_t n_groups, const DsrOptions& options = {});

enum class IsrKind { ratio, rate };

/// "ratio" or "rate"; DomainError naming them otherwise.
IsrKind parse_isr_kind(std::string_view name);
std::string to_string(IsrKind kind);  ///< "ratio" or "rate"

struct IsrOptions {
    std::vector<double> confidence_level{0.95};
    IsrKind kind = IsrKind::ratio;
    double reference_value = 1.0;  ///< ratio: the value of the ratio for the reference (1, or 100 for an SMR x 100)
    double multiplier = 100000.0;  ///< rate: per how many
};

/// Indirectly standardised ratios (or rates) per group with the group's observed and expected counts.
struct IsrIntervals : Intervals {
    std::vector<double> observed;
    std::vector<double> expected;
    std::vector<double> reference_rate;  ///< rate only: sum(reference events) / sum(reference population) x multiplier
};

/// ISR from rows (group, band): expected_b = reference_events_b / reference_population_b * population_b, summed
/// per group with the observed counts. Ratio = O / E x reference_value; rate = O / E x reference rate, the
/// reference rate being the group's sum of reference events over its sum of reference population x multiplier.
/// Limits: exact Poisson (chi-squared) below 10 observed events, Byar's at 10 or more (both then / E, x the same
/// factor). DataError for negative/NaN counts, negative populations, reference populations <= 0, zero expected.
IsrIntervals isr(std::span<const std::int64_t> group, std::span<const double> observed,
                 std::span<const double> population, std::span<const double> reference_events,
                 std::span<const double> reference_population, std::size_t n_groups, const IsrOptions& options = {});

/// ISR from expected counts already computed (ratio only: a rate needs the reference rate). Rows are summed
/// within groups as above.
IsrIntervals isr_expected(std::span<const std::int64_t> group, std::span<const double> observed,
                          std::span<const double> expected, std::size_t n_groups, const IsrOptions& options = {});

}  // namespace hp::indicators
