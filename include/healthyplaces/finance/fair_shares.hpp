#pragma once
// Weighted capitation: how a budget would be shared between areas if each got its fair share of need. Each
// area's population by age band is weighted by the band's relative cost per head (the age-cost weights):
// weighted population W_a = Σ_b population[a][b] · weight[b]; target share W_a / Σ W; target allocation =
// share × budget; distance from target = (actual − target) / target. This is the shape of the NHS resource
// allocation formulae (the age-cost curve is their largest component); need, market-forces and unmet-need
// adjustments are further weights an analyst can fold into the bands' weights. Bad data is a DataError naming
// the area, band and value.
#include <span>
#include <vector>

namespace hp::finance {

struct FairShares {
    std::vector<double> population;  ///< Σ_b population[a][b]
    std::vector<double> weighted;    ///< W_a
    std::vector<double> share;       ///< W_a / Σ W
    std::vector<double> target;      ///< share × budget
    std::vector<double> actual;      ///< as given (empty when not given)
    std::vector<double> distance;    ///< (actual − target) / target (empty when actual is not given)
    double budget = 0;
};

/// Fair shares of `budget` for areas with populations[a][b] people in band b; `weights` one per band;
/// `actual` (optional) one allocation per area. The budget must be finite and >= 0; populations and
/// weights finite and >= 0, with a positive total weighted population.
FairShares fair_shares(const std::vector<std::vector<double>>& populations, std::span<const double> weights,
                       double budget, std::span<const double> actual = {});

}  // namespace hp::finance
