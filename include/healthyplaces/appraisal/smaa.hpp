#pragma once
// Multi-criteria analysis for what money cannot capture: SMAA-2 (Lahdelma and Salminen, "SMAA-2: Stochastic
// multicriteria acceptability analysis for group decision making", Operations Research 49(3), 2001), and the two
// single-score methods (weighted sum, swing weights) for users who want one number per option.
//
// SMAA-2 draws weights (weights.hpp: uniform over what the stakeholders' statements leave open) and performances
// jointly, ranks the options by their weighted partial values in each draw, and reports for option i
//   b_i^r   rank acceptability: the share of draws where i has rank r (1 = best);
//   w_i^c   central weights: the mean weight vector over the draws where i ranks first (NaN: never first);
//   p_i^c   confidence factor: the share of performance draws where i is first when weighted by w_i^c (a second
//           pass with its own draws);
//   a_i^h   holistic acceptability: Σ_r α_r b_i^r with linear meta-weights α_r = (m − r)/(m − 1).
// Partial values are linear: v = (x − worst)/(best − worst) for the criterion's worst and best (Criterion), which
// default to the extremes of the performances (points, range ends, samples, normal mean ± 3 sd); a criterion on
// which every option is the same has value 0 everywhere (it cannot discriminate). Ties in the weighted score go
// to the option listed first; scores are compared exactly (a unit in the last place apart ranks by value), as the
// weighted sum ranks them. For 2 to 16 options the draws are scored and ranked several at a time (vector lanes:
// AVX2 where the CPU has it, else SSE2), with the same numbers on either path.
#include <cstdint>
#include <string>
#include <vector>

#include "healthyplaces/appraisal/weights.hpp"

namespace hp::appraisal {

/// One option's performance on one criterion: a point, a range (uniform on [low, high]), a normal (mean, sd) or
/// samples (draws from a model: every samples cell of a table has the same number of draws, and one draw index
/// is taken for all of them at once, so correlations across options and criteria are kept).
struct Performance {
    enum class Kind { point, range, normal, samples };
    Kind kind = Kind::point;
    double a = 0;  ///< point value, range low, normal mean
    double b = 0;  ///< range high, normal sd
    std::vector<double> values;  /// samples: one value per draw of the model

    static Performance point(double value);
    static Performance range(double low, double high);
    static Performance normal(double mean, double sd);
    static Performance samples(std::vector<double> values);
};

/// performances[option][criterion].
using PerformanceTable = std::vector<std::vector<Performance>>;

struct SmaaOptions {
    std::int64_t n_sims = 10000;  ///< joint draws of weights and performances (1 to 10^9)
    std::uint64_t seed = 0;
    int threads = 0;
};

struct SmaaResult {
    std::vector<std::string> options;
    std::vector<Criterion> criteria;                     ///< with worst and best as used
    std::vector<std::vector<double>> rank_acceptability;  ///< [option][rank − 1]
    std::vector<std::vector<double>> central_weights;     ///< [option][criterion]; NaN row: never first
    std::vector<double> confidence_factors;              ///< NaN: never first
    std::vector<double> holistic_acceptability;
    std::vector<std::int64_t> first_counts;              ///< draws where each option ranked first
    WeightMethod weight_method = WeightMethod::dirichlet;
    std::int64_t thinning = 0;
    std::int64_t n_sims = 0;
    std::uint64_t seed = 0;
    bool deterministic_performances = true;              ///< every performance a point
};

/// SMAA-2 for options × criteria. DomainError for sizes that differ, no option or criterion, more than 1,000
/// options or 1,000 criteria, a non-finite performance, range low > high, sd < 0, empty or unequal sample columns
/// (naming option and criterion), a criterion with worst == best given, and for weights as WeightSampler says.
SmaaResult smaa(const std::vector<std::string>& options, const std::vector<Criterion>& criteria,
                const PerformanceTable& performances, const WeightSpec& weights, const SmaaOptions& opts = {});

// SMAA-2 in slices, for a run cut into tasks (hp.distributed): pass 1 in slices of whole blocks (of
// WeightSampler::block_size draws; block b's weights and performances come from streams keyed by (seed, b)),
// merged; then pass 2 (confidence factors, on the merged central weights) likewise. Every slice holds integer
// counts and integer sums (the central weights' sums rounded per block to units of 2^-32), so any split gives
// smaa's result bit for bit; smaa itself runs each pass as one slice through these functions.

/// Pass 1 over some blocks: counts of ranks and sums of central weights.
struct SmaaPartial {
    std::int64_t first_block = 0, n_blocks = 0;
    std::vector<std::int64_t> rank_counts;          ///< options × ranks, row-major: draws where i had rank r + 1
    std::vector<std::int64_t> central_weight_sums;  ///< options × criteria: Σ weights where i ranked first, in
                                                    ///< units of 2^-32 (each block's sum rounded)
};

/// Pass 2 over some blocks: per option, the draws where it is first when weighted by its central weights.
struct SmaaConfidencePartial {
    std::int64_t first_block = 0, n_blocks = 0;
    std::vector<std::int64_t> first_counts;
};

/// Pass 1's blocks: ceil(n_sims / WeightSampler::block_size) (n_sims as SmaaOptions says).
std::int64_t smaa_blocks(std::int64_t n_sims);

/// Pass 2's blocks for a merged pass 1: 1 when every performance is a point (one evaluation suffices), else
/// smaa_blocks(n_sims).
std::int64_t smaa_confidence_blocks(const SmaaResult& pass1);

/// Pass 1 over blocks [first_block, first_block + n_blocks). Validates as smaa does; DomainError for blocks
/// outside the run (n_blocks >= 1).
SmaaPartial smaa_partial(const std::vector<std::string>& options, const std::vector<Criterion>& criteria,
                         const PerformanceTable& performances, const WeightSpec& weights, const SmaaOptions& opts,
                         std::int64_t first_block, std::int64_t n_blocks);

/// Pass 1's result from slices covering every block in order (DomainError otherwise): everything smaa gives but
/// the confidence factors (NaN until smaa_confidence_merge).
SmaaResult smaa_merge(const std::vector<std::string>& options, const std::vector<Criterion>& criteria,
                      const PerformanceTable& performances, const WeightSpec& weights, const SmaaOptions& opts,
                      const std::vector<SmaaPartial>& parts);

/// Pass 2 over blocks [first_block, first_block + n_blocks) of smaa_confidence_blocks, with the merged pass 1's
/// central weights ([option][criterion]; a NaN row: never first, skipped).
SmaaConfidencePartial smaa_confidence_partial(const std::vector<std::string>& options,
                                              const std::vector<Criterion>& criteria,
                                              const PerformanceTable& performances,
                                              const std::vector<std::vector<double>>& central_weights,
                                              const SmaaOptions& opts, std::int64_t first_block,
                                              std::int64_t n_blocks);

/// Fills pass 1's confidence factors from pass-2 slices covering every block in order (DomainError otherwise).
void smaa_confidence_merge(SmaaResult& pass1, const std::vector<SmaaConfidencePartial>& parts);

/// The partial value scales as SMAA uses them: worst and best per criterion (filled in where NaN).
std::vector<Criterion> value_scales(const std::vector<Criterion>& criteria, const PerformanceTable& performances);

/// A single score per option (a deterministic method: no uncertainty shown): Σ_j w_j v_ij with the linear
/// partial values above, for point performances and weights summing to 1.
struct WeightedSum {
    std::vector<std::string> options;
    std::vector<Criterion> criteria;               ///< with worst and best as used
    std::vector<double> weights;
    std::vector<std::vector<double>> values;       ///< partial values [option][criterion], 0 to 1 within the scale
    std::vector<double> scores;                    ///< [option]
    std::vector<int> ranks;                        ///< 1 = best; ties to the option listed first
};

/// DomainError when a performance is not a point (use smaa for ranges, distributions and samples), or as smaa.
WeightedSum weighted_sum(const std::vector<std::string>& options, const std::vector<Criterion>& criteria,
                         const PerformanceTable& performances, const std::vector<double>& weights);

}  // namespace hp::appraisal
