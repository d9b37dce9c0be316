#pragma once
// The criteria of a multi-criteria analysis and what is known of their weights. Stakeholders rarely agree on
// exact weights; they can more often say "commissioning matters more than communications" or "restructuring
// disruption weighs between 10% and 30%". SMAA (smaa.hpp) therefore samples weights UNIFORMLY over the set the
// statements leave open (a convex polytope in the simplex {w >= 0, Σw = 1}):
//   nothing said       Dirichlet(1) by sorted-uniform spacings (uniform on the simplex); for 2 to 16 criteria four
//                      draws at a time, from four xoshiro256++ generators side by side (each seeded by Philox from
//                      the seed and the block), 52-bit uniforms sorted by a network: the AVX2 path (where the CPU
//                      has it) and the baseline path give the same weights;
//   a ranking          Dirichlet(1) sorted and handed out in rank order (exactly uniform on the ordered region;
//                      tied criteria share a rank group and take its values in random order);
//   intervals or any   hit-and-run (Smith 1984, as in van Valkenhoef's R package `hitandrun`): from the polytope's
//   linear constraint  Chebyshev centre (found by a linear program: the point farthest from every face), a random
//                      direction in the plane Σw = 1, a uniform point on the chord; `thinning` steps per sample.
// Infeasible statements are a DomainError naming the first statement that cannot hold with those before it.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace hp::appraisal {

/// Whether more of a criterion is better (a benefit) or less is (a barrier, a cost).
enum class Direction { more_is_better, less_is_better };

/// One criterion of the multi-criteria analysis. `worst` and `best` fix its partial value scale (value 0 at
/// worst, 1 at best, linear between and beyond); NaN (the default) takes them from the performances: the worst
/// and best over every option's point, range end, sample or normal mean ± 3 sd.
struct Criterion {
    std::string name;
    Direction direction = Direction::more_is_better;
    std::string unit;
    double worst = std::numeric_limits<double>::quiet_NaN();
    double best = std::numeric_limits<double>::quiet_NaN();
};

/// The green paper's own criteria (NLGN, Healthy Places, 2008): the three areas where it expects benefits from
/// joint working (financial management, commissioning, communications and coordination; more is better) and
/// the barriers it names (governance and finance issues, restructuring disruption, democratic accountability
/// lost: less is better), each scored on a 0-10 judgement scale.
std::vector<Criterion> green_paper_criteria();

/// a · w <= bound (sense "<=") or a · w >= bound (">="), one coefficient per criterion; `name` labels errors.
struct LinearConstraint {
    std::vector<double> coefficients;
    double bound = 0;
    bool at_least = false;  ///< true: a · w >= bound
    std::string name;
};

/// What is known of the weights; every part is optional and they combine (all empty: nothing is known).
/// `exact` excludes the others. `ranking[j]` is criterion j's rank group (1 = most important; equal numbers are
/// ties; 0 = unranked) and means: every weight in a group is at least every weight in a later group.
struct WeightSpec {
    std::vector<double> exact;                    ///< one per criterion, >= 0, summing to 1 (within 1e-9)
    std::vector<double> lower, upper;             ///< intervals: one bound per criterion in [0, 1]
    std::vector<int> ranking;                     ///< rank group per criterion
    std::vector<LinearConstraint> constraints;    ///< general linear constraints
    std::int64_t thinning = 0;                    ///< hit-and-run steps per sample; 0: (criteria − 1)³, at least 10
};

/// How the weights are drawn (for reports and tests).
enum class WeightMethod { exact, dirichlet, ranking, hit_and_run };

/// Draws weights uniformly from the set a WeightSpec leaves open. Samples come in blocks of `block_size`: block
/// b is a pure function of (seed, b), so any split over threads gives the same weights.
class WeightSampler {
public:
    static constexpr std::int64_t block_size = 1024;

    /// Validates `spec` for `names.size()` criteria (errors name the criterion or constraint).
    WeightSampler(const WeightSpec& spec, const std::vector<std::string>& names);

    WeightMethod method() const { return method_; }
    std::size_t criteria() const { return n_; }
    std::int64_t thinning() const { return thinning_; }
    /// The start of every hit-and-run chain: the polytope's Chebyshev centre (the exact weights, or the simplex
    /// centre, for the other methods).
    const std::vector<double>& centre() const { return centre_; }

    /// Writes samples [0, count) of block `block` (count <= block_size), row-major count × criteria, to `out`.
    void sample_block(std::uint64_t seed, std::int64_t block, std::int64_t count, double* out) const;

    /// The constraints as rows g · w <= h (with w >= 0), for checks: every sample satisfies them to 1e-9.
    const std::vector<std::vector<double>>& rows() const { return g_; }
    const std::vector<double>& bounds() const { return h_; }

private:
    std::size_t n_ = 0;
    WeightMethod method_ = WeightMethod::dirichlet;
    std::int64_t thinning_ = 0;
    std::vector<double> exact_;
    std::vector<std::vector<int>> groups_;  // ranking: criteria per rank group, most important first
    std::vector<std::vector<double>> g_;    // hit-and-run: g · w <= h
    std::vector<double> h_;
    std::vector<double> centre_;
};

/// `n` weight vectors (row-major n × criteria) drawn as SMAA draws them: the same seed gives the weights
/// smaa() uses, for any `threads`.
std::vector<double> sample_weights(const WeightSpec& spec, const std::vector<std::string>& names, std::int64_t n,
                                   std::uint64_t seed = 0, int threads = 0);

/// Swing weighting (a single-score method): the user imagines each criterion swinging from its worst to its best
/// value, ranks the swings and gives each points from 0 to 100 relative to the most important swing (100).
/// Weights are points / Σ points. DomainError naming the criterion for points outside [0, 100], when no swing
/// has 100, or when `points` and `names` differ in length.
std::vector<double> swing_weights(const std::vector<double>& points, const std::vector<std::string>& names);

}  // namespace hp::appraisal
