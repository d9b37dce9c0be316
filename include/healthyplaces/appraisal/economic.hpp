#pragma once
// The economic appraisal of a short list (HM Treasury Green Book, the economic case): several options side by
// side, one of them business as usual (the comparator), each a set of flows with the semantics of
// finance::business_case (one-off costs, running costs, savings, prevention), raised by the option's optimism
// bias, discounted with finance::discount_factors over years 0..horizon. Results per option: the net present
// social value (NPSV = PV benefits − PV costs) at the inputs' means and its distribution by Monte Carlo, the
// increment over business as usual, the benefit-cost ratio, the probability of being best and the acceptability
// curve over a value per unit of a non-monetised benefit; then the preferred option, the expected value of
// perfect information and switching values.
//
// Optimism bias, applied inside: one-off costs × (1 + capital), running costs × (1 + operating), and benefits
// (savings and prevention) start later by round(duration × W) years, W the option's works period (the years
// spanned by its one-off costs, from the first one's start to the last one's end; 0 without one-off costs, so no
// delay). A delayed benefit keeps its last year: it runs from start + delay to its end, and is lost if that is
// past its end. Costs keep their years (their totals are already raised by the capital and operating uplifts).
//
// Inputs are NAMED: a flow's name is its input (an unnamed flow is "<option>: flow <i>", its own input), and so
// is a non-monetised benefit's. The same name in several options (or twice in one) is the SAME quantity, drawn
// once per simulation and shared: common random numbers, so differences between options carry no Monte Carlo
// noise from shared inputs. The same name with different distributions is a DomainError naming the input and
// both options. Simulation d of block b = d / block_size draws every input, in order of first appearance
// (options in order, flows in order, then the option's benefit), from RandomStream(seed, b); a fixed input draws
// nothing. So the numbers are the same for any thread count, and a single option whose flows have distinct names
// draws exactly what finance::business_case draws with the same seed and block size.
//
// Every flow is linear in its input (prevention: baseline × effect), so NPSV is linear in each input: the NPSV
// at the means is its expectation, and switching values are solved exactly.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "healthyplaces/appraisal/optimism_bias.hpp"
#include "healthyplaces/finance/business_case.hpp"
#include "healthyplaces/finance/uncertain.hpp"

namespace hp::appraisal {

/// A benefit money does not capture (people supported at home, complaints avoided), as a quantity in its own
/// unit over the appraisal period. It enters the net benefit as wtp × quantity (the acceptability curve's value
/// per unit); the NPSV leaves it out.
struct NonMonetisedBenefit {
    std::string name;            ///< its input name (shared across options like any input)
    finance::Uncertain amount;   ///< the quantity
};

/// One option of the short list.
struct Option {
    std::string name;
    std::vector<finance::Flow> flows;
    OptimismBias optimism_bias;                  ///< each uplift finite and >= 0
    std::optional<NonMonetisedBenefit> benefit;  ///< none: quantity 0
};

/// A plausible range of one input for its switching value (instead of its quantiles).
struct InputRange {
    std::string input;
    double low = 0, high = 0;  ///< finite, low <= mean <= high
};

struct EconomicOptions {
    std::string business_as_usual;  ///< the comparator's name; empty = the first option
    int horizon = 10;               ///< years 0..horizon, 1..10,000
    finance::DiscountOptions discounting;
    std::int64_t n_sims = 10000;    ///< 0..10^9, and n_sims × (2 × options + inputs) <= 250,000,000 (the draws
                                    ///< kept); 0: at the means only (every PSA output NaN)
    std::uint64_t seed = 0;
    int threads = 0;                ///< 0 = all cores; results do not depend on it
    std::int64_t block_size = 256;  ///< simulations per random stream, 1..10^9
    std::vector<double> wtp;        ///< the acceptability curve's values per unit of non-monetised benefit
                                    ///< (each finite, >= 0, at most 1,000 values); empty = default_wtp()
    double range_low = 0.001, range_high = 0.999;  ///< switching values: each input's plausible range as
                                                   ///< these quantiles, 0 < range_low < range_high < 1
    std::vector<InputRange> ranges;  ///< user ranges, replacing the quantiles for these inputs
};

/// One named input.
struct AppraisalInput {
    std::string name;
    finance::Uncertain distribution;
    double mean = 0;
    std::vector<std::string> options;  ///< the options that use it, in order
    bool non_monetised = false;        ///< a non-monetised benefit quantity (not in the NPSV)
};

/// One option's results. Money in £ (whatever the flows' unit), present values at year 0.
struct OptionAppraisal {
    std::string name;
    OptimismBias optimism_bias;
    int works_years = 0;                 ///< W: the years spanned by its one-off costs
    int benefit_delay = 0;               ///< round(duration × W): years its benefits start later
    std::vector<double> costs, benefits; ///< by year 0..horizon at the means, with optimism bias, undiscounted
    double pv_costs = 0, pv_benefits = 0;
    double npsv = 0;                     ///< pv_benefits − pv_costs at the means (= its expectation)
    /// pv_benefits / pv_costs; NaN when pv_costs <= 0 (no costs: the ratio is not defined, judge by NPSV).
    double bcr = 0;
    /// (pv_benefits − BAU's) / (pv_costs − BAU's); NaN for business as usual itself and when the option costs
    /// no more than business as usual (the increment then has no cost to divide by: judge by incremental NPSV).
    double incremental_bcr = 0;
    double incremental_npsv = 0;         ///< npsv − BAU's npsv, at the means
    double non_monetised = 0;            ///< the non-monetised benefit's mean (0 without one)
    // PSA (NaN when n_sims = 0)
    double mean_npsv = 0, sd_npsv = 0, se_mean_npsv = 0;
    std::vector<double> quantiles;       ///< of the NPSV draws, at EconomicAppraisal::quantile_levels (type 7)
    double mean_incremental = 0, sd_incremental = 0;  ///< of NPSV − BAU's NPSV, draw by draw (0 for BAU)
    double p_incremental_positive = 0;   ///< P(NPSV > BAU's NPSV); NaN for business as usual itself
    double p_best = 0;                   ///< P(highest NPSV); exact ties share the draw equally
};

/// The value at which the preferred option changes as one input moves from its mean, the others at their means.
struct SwitchingValue {
    std::string input;
    double mean = 0, low = 0, high = 0;  ///< the input's mean and the range searched
    bool found = false;                  ///< false: "none in range"
    double value = 0;                    ///< the nearest switch to the mean within [low, high] (NaN if none)
    std::string takes_over;              ///< the option preferred just past it ("" if none)
    int takes_over_index = -1;
};

/// The acceptability curve: by value per unit of non-monetised benefit, NB = NPSV + wtp × quantity.
struct Acceptability {
    std::vector<double> wtp;
    std::vector<double> p_best;                ///< wtp.size() × options, row-major; NaN when n_sims = 0
    std::vector<double> expected_net_benefit;  ///< wtp.size() × options, exact (at the means)
    std::vector<int> preferred;                ///< per wtp: the highest expected net benefit (first on ties)
    std::vector<double> evpi;                  ///< per wtp (NaN when n_sims = 0)
};

struct EconomicAppraisal {
    int horizon = 0;
    finance::DiscountOptions discounting;
    std::vector<double> discount_factor;  ///< D(t), t = 0..horizon
    std::vector<OptionAppraisal> options;
    int business_as_usual = 0;            ///< index of the comparator
    int preferred = 0;                    ///< highest NPSV at the means (its expectation); first on ties
    std::vector<AppraisalInput> inputs;   ///< in order of first appearance
    std::int64_t n_sims = 0, block_size = 256;
    std::uint64_t seed = 0;
    std::vector<double> quantile_levels{0.05, 0.25, 0.5, 0.75, 0.95};
    std::vector<double> net_benefit;      ///< NPSV by simulation and option: n_sims × options, row-major
    std::vector<double> non_monetised;    ///< the benefit quantity by simulation and option (0 without one)
    std::vector<double> input_draws;      ///< n_sims × inputs, row-major (a fixed input's column is constant)
    /// E[max_k NPSV_k] − max_k E[NPSV_k] over the draws, and its Monte Carlo standard error (the sd of the
    /// per-draw opportunity loss max_k NPSV_k − NPSV_k* over √n_sims, k* the best mean); NaN when n_sims = 0.
    double evpi = 0, se_evpi = 0;
    Acceptability acceptability;
    std::vector<SwitchingValue> switching;  ///< one per input, in input order
};

/// The appraisal. DomainError for no options, an empty or duplicate option name, an unknown business-as-usual
/// name, a negative or non-finite optimism bias, the same input name with different distributions (naming the
/// input and both options), a bad horizon, rate, n_sims, block_size, threads, wtp or range; DataError naming the
/// option and flow for a flow outside the horizon (as finance::business_case); DomainError when an NPSV
/// overflows.
EconomicAppraisal appraise(const std::vector<Option>& options, const EconomicOptions& settings = {});

/// The simulations of a slice of whole blocks of a run (block b = simulations b × block_size onwards, drawn from
/// RandomStream(seed, b)): what appraise keeps, for those simulations only. Slices made anywhere (threads,
/// processes, machines: hp.distributed) and joined in block order are the whole run's draws, bit for bit.
struct EconomicDraws {
    std::int64_t first_block = 0;       ///< the slice's first block
    std::int64_t n_sims = 0;            ///< simulations in the slice
    std::size_t n_options = 0, n_inputs = 0;
    std::vector<double> input_draws;    ///< n_sims × inputs, row-major
    std::vector<double> net_benefit;    ///< NPSV, n_sims × options, row-major
    std::vector<double> non_monetised;  ///< n_sims × options, row-major
};

/// The draws of blocks [first_block, first_block + n_blocks) of appraise(options, settings): the run has
/// ceil(n_sims / block_size) blocks, the last one short when block_size does not divide n_sims. Validates as
/// appraise does (so a bad input fails in every slice alike); DomainError for blocks outside the run.
/// settings.threads run the slice's blocks in parallel.
EconomicDraws appraise_draws(const std::vector<Option>& options, const EconomicOptions& settings,
                             std::int64_t first_block, std::int64_t n_blocks);

/// Slices of one run joined in the order given (they must follow each other: block order). DomainError for a
/// missing slice or slices of different sizes of run.
EconomicDraws concatenate_draws(const std::vector<const EconomicDraws*>& parts);

/// The appraisal from the whole run's draws (every block, from block 0, as concatenate_draws joins them):
/// appraise(options, settings) is appraise_from_draws(options, settings, appraise_draws(options, settings, 0,
/// all blocks)), and that is how appraise runs. DomainError when the draws are not the whole run's.
EconomicAppraisal appraise_from_draws(const std::vector<Option>& options, const EconomicOptions& settings,
                                      EconomicDraws joined);

/// The net benefit NPSV + wtp × non-monetised quantity by simulation and option (n_sims × options, row-major):
/// what the EVPPI estimators regress on the input draws.
std::vector<double> net_benefit_at(const EconomicAppraisal& appraisal, double wtp);

/// The default acceptability grid: {0} when no option has a non-monetised benefit, else 21 values from 0 to
/// twice the largest value per unit at which the option with the highest expected net benefit changes (or, when
/// it never changes, to max|E NPSV| / max|E quantity|, or 1 when that is 0).
std::vector<double> default_wtp(const std::vector<double>& npsv, const std::vector<double>& quantity);

namespace economic_detail {
/// F⁻¹(p) for each p as appraise computes its draws in runs of 20,000 simulations or more: gamma and beta inputs
/// from a table of finance::quantile polished by Newton steps on the CDF (the same values to a few ulps, about
/// ten times faster), every other input by finance::quantile. Exposed for its test.
std::vector<double> fast_quantiles(const finance::Uncertain& u, const std::vector<double>& p);
}  // namespace economic_detail

}  // namespace hp::appraisal
