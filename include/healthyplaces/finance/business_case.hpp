#pragma once
// The integration business case: one-off restructuring costs, running costs and savings (shared management
// posts, prevention that lowers demand after a lag) over a horizon of years, each amount an uncertain input,
// discounted at the HM Treasury Green Book rate. business_case() gives the net present value at the inputs'
// means, the break-even year, and a probabilistic sensitivity analysis (PSA): the NPV's distribution,
// P(NPV > 0), the break-even year's distribution, a one-way (tornado) sensitivity table and the expected value
// of perfect information for the integrate/don't decision.
//
// Conventions: years run 0, 1, ..., horizon. Year 0 is the present and is not discounted; money in year t is
// discounted as if it falls at the end of year t, by D(t) = Π_{s=1..t} 1/(1 + r_s) (the Green Book's
// convention). With a constant rate, D(t) = (1 + r)^−t; the Green Book's declining schedule uses r_s = 3.5%
// for s = 1..30, 3.0% for 31..75, 2.5% for 76..125, 2.0% for 126..200, 1.5% for 201..300 and 1.0% after.
// Break-even is the first year from which the cumulative discounted net benefit stays >= 0 (for the usual
// costs-then-savings profile, the first year it is >= 0; a case with no year-0 cost that dips below zero later
// does not break even in year 0). Every PSA draw takes one value of each input and holds it for every year
// (an input is uncertain, not volatile), so NPV is linear in the inputs. Draws are made in blocks of
// `block_size`; block b uses RandomStream(seed, b) and draws every input in order for each of its draws, so
// the results are the same for any thread count.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "healthyplaces/finance/uncertain.hpp"

namespace hp::finance {

enum class FlowKind : std::uint8_t {
    one_off_cost,  ///< `amount` in total, spread equally over `years` years from `start` (restructuring)
    running_cost,  ///< `amount` a year from `start` to `end` (new posts, systems, the pooled fund's admin)
    saving,        ///< `amount` a year from `start` to `end` (shared management posts)
    prevention,    ///< `baseline` × `amount` a year from `start` to `end`: demand cost avoided, `amount` the
                   ///< uncertain effect (a fraction of the baseline demand cost), `start` the lag
};

std::string to_string(FlowKind k);
/// "one_off_cost", "running_cost", "saving", "prevention"; DomainError listing them otherwise.
FlowKind parse_flow_kind(std::string_view name);

/// One line of the business case.
struct Flow {
    std::string name;
    FlowKind kind = FlowKind::running_cost;
    Uncertain amount;     ///< see FlowKind
    int start = 1;        ///< first year (0 = now)
    int end = -1;         ///< last year, inclusive; −1 = the horizon (ignored for one-off costs)
    int years = 1;        ///< one-off costs: spread over this many years
    double baseline = 0;  ///< prevention: the annual demand cost the effect applies to (>= 0)
};

struct DiscountOptions {
    double rate = 0.035;     ///< the Green Book's Social Time Preference Rate, per year
    bool declining = false;  ///< the Green Book's declining schedule after year 30 (rate is then ignored)
};

/// The discount factor D(t) for years 0..horizon.
std::vector<double> discount_factors(int horizon, const DiscountOptions& options = {});

struct PsaOptions {
    std::int64_t n_sims = 10000;  ///< PSA draws; 0: no PSA, the deterministic case and tornado only
    std::uint64_t seed = 0;
    int threads = 0;             ///< 0 = all cores
    std::int64_t block_size = 256;
    double low = 0.1, high = 0.9;  ///< the tornado's percentiles
};

/// One bar of the tornado: the NPV with this input at its low and high percentile, the others at their means.
struct TornadoBar {
    std::string input;
    double low_value = 0, high_value = 0;  ///< the input's quantiles
    double npv_low = 0, npv_high = 0;
    double swing = 0;                      ///< |npv_high − npv_low|
};

struct BusinessCase {
    int horizon = 0;
    DiscountOptions discounting;
    std::vector<double> discount_factor;   ///< D(t), t = 0..horizon
    std::vector<std::string> inputs;       ///< the flows' names, in order
    std::vector<double> means;             ///< each input's mean
    std::vector<double> costs, savings;    ///< at the means, undiscounted, by year
    std::vector<double> net;               ///< savings − costs, undiscounted, by year
    std::vector<double> cumulative;        ///< cumulative discounted net benefit, by year
    double npv = 0;                        ///< at the means
    int break_even_year = -1;              ///< at the means: first t with cumulative[s] >= 0 for every s >= t (the
                                           ///< first year it is >= 0 for good); −1 = not within the horizon

    // PSA (empty draws and NaN summaries when n_sims = 0: no PSA was run, so P(NPV > 0) and EVPI are unknown)
    std::vector<double> npv_draws;
    std::vector<int> break_even_draws;     ///< −1 = not within the horizon
    double mean_npv = 0, sd_npv = 0;
    double se_mean_npv = 0;                ///< sd_npv / √n_sims
    double p_positive = 0;                 ///< P(NPV > 0): integration pays for itself
    double evpi = 0;                       ///< E[max(NPV, 0)] − max(E[NPV], 0)
    double se_evpi = 0;                    ///< Monte Carlo standard error of evpi (the sd of the per-draw
                                           ///< opportunity loss, max(−NPV, 0) or max(NPV, 0), over √n_sims)
    std::vector<TornadoBar> tornado;       ///< sorted by swing, largest first (ties in input order)
    PsaOptions psa;
};

/// The business case over years 0..horizon. DataError names the flow and field for a negative baseline, a
/// year outside 0..horizon, an end before the start or a spread of fewer than one year; DomainError for a
/// horizon < 1, a discount rate < 0, > 1 (a percentage given as a number) or not finite, n_sims outside
/// 0..10^9, block_size outside 1..10^9, threads < 0, percentiles outside (0, 1), or an NPV (at the means or of a
/// PSA draw) that overflows a double.
BusinessCase business_case(const std::vector<Flow>& flows, int horizon, const DiscountOptions& discounting = {},
                           const PsaOptions& psa = {});

}  // namespace hp::finance
