#pragma once
// An area's population by age band: any contiguous bands ("0-4", "85+", single years "0" ... "89", "90+"),
// the last one open. Shares over an age, dependency ratios, and regrouping to coarser bands. Bad bands or
// counts are a DataError naming the band.
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace hp::demography {

/// Ages [start, end) in whole years; end is +infinity for the open last band ("90+").
struct AgeBand {
    double start = 0;
    double end = std::numeric_limits<double>::infinity();
    std::string label;  ///< "0-4", "85+", "7"

    bool open() const noexcept { return end == std::numeric_limits<double>::infinity(); }
    double width() const noexcept { return end - start; }
};

/// Bands from labels: "a-b" is ages a to b inclusive, "a+" is a and over, "a" is the single year a. The bands
/// must be sorted, contiguous and not overlap, and the last must be open; DataError naming the band otherwise.
std::vector<AgeBand> parse_bands(std::span<const std::string> labels);

/// Bands from start ages: band i is [starts[i], starts[i+1]), the last open; labels "a-b" ("a" when a band is
/// one year wide) and "a+". Starts must be whole numbers, >= 0 and strictly increasing.
std::vector<AgeBand> bands_from_starts(std::span<const double> starts);

/// 0-4, 5-9, ..., 85-89, 90+ (19 bands): the bands ONS and NHS England publish.
std::vector<AgeBand> five_year_bands();

/// Single years 0, 1, ..., last - 1, then "last+".
std::vector<AgeBand> single_year_bands(int last = 90);

/// Counts by age band. Make one with make_population, which validates.
struct Population {
    std::vector<AgeBand> bands;
    std::vector<double> counts;

    std::size_t size() const noexcept { return counts.size(); }
    double total() const noexcept;
    std::vector<std::string> labels() const;
};

/// A validated population: one finite count >= 0 per band (DataError naming the band otherwise), bands as
/// parse_bands requires.
Population make_population(std::vector<AgeBand> bands, std::vector<double> counts);

/// The same people in coarser bands: every boundary of `to` must be a boundary of the population's bands
/// and `to` must start where they start (DataError naming the band that would split one).
Population regroup(const Population& population, const std::vector<AgeBand>& to);

/// People aged in [from, to). A cut inside a closed band takes the band's count in proportion to the years
/// (people spread evenly over the band's ages); a cut inside the open band is a DomainError.
double count_between(const Population& population, double from,
                     double to = std::numeric_limits<double>::infinity());

/// The share of the population aged `age` and over (count_between(age, ∞) / total); 0 for an empty population.
double share_over(const Population& population, double age);

/// Age cuts for dependency ratios: young are [0, working_from), working [working_from, old_from), old the rest.
struct DependencyOptions {
    double working_from = 16;
    double old_from = 65;
};

/// Dependency ratios as fractions of the working-age population (× 100 for "per 100 of working age").
struct DependencyRatios {
    double young = 0;  ///< aged under working_from / working age
    double old = 0;    ///< aged old_from and over / working age
    double total = 0;  ///< young + old
};

/// Young, old and total dependency ratios; DomainError when the working-age population is zero or the cuts
/// are out of order.
DependencyRatios dependency_ratios(const Population& population, const DependencyOptions& options = {});

}  // namespace hp::demography
