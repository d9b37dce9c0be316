#pragma once
// Optimism bias (HM Treasury Green Book, supplementary guidance, Mott MacDonald 2002): appraisers' estimates of
// costs and durations are systematically low, so the economic appraisal raises them by an uplift per project type,
// reduced as the causes of the bias are mitigated. This header's struct is what the economic appraisal applies;
// how the uplifts are derived from project types and mitigation is declared below it.

namespace hp::appraisal {

/// The uplifts applied to one option, as fractions (0.321 = +32.1%): capital costs (one-off costs) are multiplied
/// by 1 + capital, operating costs (running costs) by 1 + operating, and the works duration (the years until the
/// option's benefits start) by 1 + duration.
struct OptimismBias {
    double capital = 0;
    double operating = 0;
    double duration = 0;
};

}  // namespace hp::appraisal
