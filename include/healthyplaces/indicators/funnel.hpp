#pragma once
// Funnel plots: control limits around a target for organisations of different sizes, with Spiegelhalter's
// (2005, 2012) overdispersion adjustments. Limits for proportions (Wilson-score based as OHID's
// PHEindicatormethods, or exact binomial), indirectly standardised ratios (observed/expected) and rates
// (exact Poisson), z-scores on the variance-stabilising scale FunnelPlotR uses (arcsine-square-root for
// proportions, log for ratios and rates), winsorised or truncated, the dispersion ratio phi, and the
// between-organisation variance tau² by DerSimonian–Laird. Every value, target and limit is on the reported
// scale (× multiplier). Bad data is a DataError naming the organisation index and the value.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "healthyplaces/indicators/intervals.hpp"

namespace hp::indicators {

enum class FunnelKind {
    proportion,  ///< numerator / denominator, 0 <= numerator <= denominator
    ratio,       ///< observed / expected (an indirectly standardised ratio), target 1 by default
    rate,        ///< events / population (a crude rate), target the overall rate by default
};

enum class FunnelMethod {
    automatic,  ///< wilson for proportions, exact for ratios and rates
    wilson,     ///< proportions: target ± z·√(target(1 − target)/n), the Wilson score test inverted (PHE)
    exact,      ///< Spiegelhalter (2005) interpolated binomial (proportions) or Poisson (ratios, rates) quantiles
    chisq,      ///< ratios and rates: FunnelPlotR's limits, chi-square limits of a count equal to the expected
};

enum class Overdispersion {
    none,            ///< limits from `method`, no adjustment
    multiplicative,  ///< target ± z·√φ·s on the transformed scale when φ > 1 (Spiegelhalter 2005)
    additive,        ///< target ± z·√(s² + τ²) on the transformed scale (Spiegelhalter 2012, DerSimonian–Laird)
};

/// The names of the funnel enums, parsed in this one place (DomainError naming the allowed names otherwise), and
/// back: "proportion", "ratio", "rate"; "auto", "wilson", "exact", "chisq"; "none", "multiplicative", "additive".
FunnelKind parse_funnel_kind(std::string_view name);
FunnelMethod parse_funnel_method(std::string_view name);
Overdispersion parse_overdispersion(std::string_view name);
std::string to_string(FunnelKind kind);
std::string to_string(FunnelMethod method);
std::string to_string(Overdispersion overdispersion);

struct FunnelOptions {
    FunnelKind kind = FunnelKind::proportion;
    FunnelMethod method = FunnelMethod::automatic;
    std::vector<double> confidence_level{0.95, 0.998};
    double multiplier = 1.0;  ///< reported scale: 100 for percentages, 100000 for rates per 100,000
    Overdispersion overdispersion = Overdispersion::none;
    double winsorise = 0.1;   ///< fraction of z-scores pulled in at each tail before φ, in [0, 0.5)
    double truncate = 0.0;    ///< > 0: drop that fraction at each tail instead of winsorising (NHS Digital SHMI)
};

/// The dispersion ratio φ (mean of squared winsorised or kept z-scores) and τ², from z-scores and their
/// standard errors s on the transformed scale; n_used is the number of z-scores φ averages over.
struct Dispersion {
    double phi = 1.0;
    double tau2 = 0.0;
    std::size_t n_used = 0;
};

/// φ and τ² as FunnelPlotR computes them: z winsorised to the R type-7 quantiles at `winsorise` and
/// 1 − `winsorise` (or, with truncate > 0, only the z-scores whose rank group floor(rank·k/(n+1)), k = 1/truncate,
/// is neither the first nor the last kept); φ = Σz²/n; τ² = max(0, (nφ − (n − 1)) / (Σw − Σw²/Σw)), w = 1/s²,
/// over the kept organisations (0 when nφ < n − 1).
Dispersion dispersion(std::span<const double> z, std::span<const double> s, double winsorise = 0.1,
                      double truncate = 0.0);

/// The target (reported scale) a funnel takes when none is given: 1 × multiplier for ratios, Σnumerator /
/// Σdenominator × multiplier for proportions and rates (DomainError naming target= and numerator= when a proportion
/// or rate has no numerators to take it from). The sums run in order.
double default_target(const FunnelOptions& options, std::span<const double> numerator,
                      std::span<const double> denominator);

/// n_points denominators (n_points >= 2) spaced geometrically from half the smallest positive finite denominator to
/// 1.1 times the largest, as numpy.geomspace spaces them: 10^(a + k(b − a)/(n − 1)), a and b the log10 of the ends,
/// the ends exact (by std::pow, which may differ from numpy's own pow in the last bit). The x values to draw funnel
/// limits over the data's range. DomainError for n_points < 2, DataError when no denominator is positive and finite.
std::vector<double> funnel_grid(std::span<const double> denominator, std::int64_t n_points);

/// Control limits at each denominator (or expected count, for ratios) around `target` (on the reported
/// scale): value[i] = target, lower[level][i], upper[level][i]. `phi` and `tau2` apply when
/// options.overdispersion asks for them (pass a Funnel's to draw its adjusted curves).
Intervals funnel_limits(std::span<const double> denominator, double target, const FunnelOptions& options = {},
                        double phi = 1.0, double tau2 = 0.0);

/// One funnel: every organisation's value, z-score and limits at its own denominator, and where it sits.
struct Funnel {
    FunnelKind kind = FunnelKind::proportion;
    std::string method;                      ///< in words, e.g. "Wilson score" or "additive (random effects)"
    double target = 0;                       ///< on the reported scale
    std::vector<double> confidence_level;    ///< the levels asked for
    std::vector<double> value;               ///< numerator / denominator × multiplier
    std::vector<double> z;                   ///< (Y − target) / s, transformed scale, unadjusted; a zero count
                                             ///< in a ratio or rate uses half an event (log 0 is −∞)
    std::vector<double> z_adjusted;          ///< z / √φ (multiplicative), (Y − target)/√(s² + τ²) (additive), or z
    std::vector<double> s;                   ///< standard error on the transformed scale
    std::vector<std::vector<double>> lower;  ///< lower[level][organisation]
    std::vector<std::vector<double>> upper;  ///< upper[level][organisation]
    std::vector<std::int8_t> direction;      ///< +1 above the widest limits it crosses, −1 below, 0 within all
    std::vector<double> beyond;              ///< the highest level whose limits it is outside (NaN if within)
    std::vector<std::string> significance;   ///< "high 99.8%", "high 95%", "within", "low 95%", "low 99.8%"
    double phi = 1.0;                        ///< dispersion ratio (always computed; applied as asked)
    double tau2 = 0.0;                       ///< between-organisation variance on the transformed scale
    std::size_t n_used = 0;                  ///< organisations φ is averaged over (after truncation)

    std::size_t size() const noexcept { return value.size(); }
};

/// The funnel for numerator[i] / denominator[i]. target (reported scale) defaults to Σnumerator/Σdenominator
/// × multiplier for proportions and rates and to 1 × multiplier for ratios.
Funnel funnel(std::span<const double> numerator, std::span<const double> denominator, const FunnelOptions& options = {},
              std::optional<double> target = std::nullopt);

/// "high 99.8%", "low 95%", "within": the label for a direction and level.
std::string significance_label(int direction, double level);

}  // namespace hp::indicators
