#pragma once
// The multiplier bootstrap of Callaway and Sant'Anna (2021, section 4): perturb each unit's influence function
// by an independent mean-zero, unit-variance weight V_i and read standard errors and the sup-t critical value
// of a simultaneous band from the draws n^{-1/2} sum_i V_i psi_i. Units are the clusters (the influence
// function is already one value per unit), so errors are clustered at the unit as in R's did.
#include <Eigen/Core>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace hp::evaluation {

/// Rademacher (+-1 with probability 1/2; R's did/BMisc) or Mammen's two-point weights
/// ((1-sqrt5)/2 with probability (sqrt5+1)/(2 sqrt5), else (1+sqrt5)/2).
enum class Multiplier { rademacher, mammen };
/// "rademacher", "mammen".
std::string_view to_string(Multiplier) noexcept;
/// "rademacher", "mammen"; DomainError listing them otherwise.
Multiplier parse_multiplier(std::string_view name);

struct MultiplierOptions {
    std::size_t n_resamples = 1000;  ///< 0: no bootstrap (analytic standard errors, pointwise intervals)
    std::uint64_t seed = 0;
    Multiplier weights = Multiplier::rademacher;
    double confidence_level = 0.95;
    int threads = 0;  ///< 0 = all cores; results are identical for any value
};

/// Options from a signed draw count as a caller holds it: DomainError for n_resamples < 0 ("0 (no bootstrap) or more").
MultiplierOptions multiplier_options(std::int64_t n_resamples, std::uint64_t seed, Multiplier weights, double confidence_level,
                                     int threads);

/// Draws come in blocks of this many, block b from RandomStream(seed, b): the thread count only decides who
/// computes a block.
inline constexpr std::size_t multiplier_block = 512;

struct MultiplierBootstrap {
    Eigen::MatrixXd replicates;///< n_resamples x k: n^{-1/2} sum_i V_i psi_ik
    Eigen::VectorXd se;        ///< per column: IQR of the draws / (z_.75 - z_.25) / sqrt(n); NaN if degenerate
    double critical_value = 0; ///< the `confidence_level` quantile of max_k |draw_k| / sigma_k over the band's columns
};

/// influence: n units x k parameters. Columns whose draws are all ~0 (a parameter normalised to 0) get NaN
/// standard errors and stay out of the band, as in did's mboot. `band_columns` (default all) is how many
/// leading columns the simultaneous band covers. DomainError for confidence_level outside (0, 1) or fewer than 2 units.
MultiplierBootstrap multiplier_bootstrap(const Eigen::MatrixXd& influence, const MultiplierOptions& options,
                                         Eigen::Index band_columns = -1);

/// R's type-1 quantile (inverse of the empirical distribution function) of the values, which are reordered.
double quantile_type1(Eigen::Ref<Eigen::VectorXd> values, double p);

}  // namespace hp::evaluation
