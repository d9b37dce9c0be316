#include "healthyplaces/demography/projection.hpp"

#include <boost/random/normal_distribution.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <utility>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/base/params.hpp"
#include "healthyplaces/stats/parallel.hpp"
#include "healthyplaces/stats/random.hpp"
#include "healthyplaces/stats/test_result.hpp"

namespace hp::demography {
namespace {

using stats::format_number;

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

// One rate vector: empty (when allowed) or one finite value per band, >= 0 unless `signed_ok`.
void check_rates(const std::vector<double>& r, const Population& p, const char* what, bool may_be_empty,
                 bool signed_ok) {
    if (r.empty() && may_be_empty) return;
    if (r.size() != p.size())
        throw DataError(std::string("project: ") + what + " has " + std::to_string(r.size()) + " rates for " +
                        std::to_string(p.size()) + " age bands; give one per band");
    for (std::size_t i = 0; i < r.size(); ++i)
        if (!std::isfinite(r[i]) || (!signed_ok && r[i] < 0))
            throw DataError(std::string("project: ") + what + " for band " + quoted(p.bands[i].label) + " is " +
                            format_number(r[i]) + (signed_ok ? "; it must be finite" : "; it must be finite and >= 0"));
}

void check(const Population& p, const Rates& rates, double female_fraction) {
    if (p.bands.empty() || p.bands.front().start != 0)
        throw DataError("project: the population's bands must start at age 0 (births enter the first band)");
    check_rates(rates.mortality, p, "mortality", false, false);
    check_rates(rates.fertility, p, "fertility", true, false);
    check_rates(rates.migration, p, "migration", true, true);
    if (!(female_fraction >= 0 && female_fraction <= 1))
        throw DomainError("project: female_fraction must be in [0, 1], got " + format_number(female_fraction));
}

// One step's coefficients: survival s_i and the first row b_i (births surviving into band 0 per person in
// band i), with the mortality and fertility rates scaled by the given multipliers.
struct Step {
    std::vector<double> survival;
    std::vector<double> births;
};

Step step_of(const Rates& rates, double w, double female_fraction, double mortality_x = 1, double fertility_x = 1) {
    const std::size_t n = rates.mortality.size();
    Step s;
    s.survival.resize(n);
    s.births.assign(n, 0.0);
    for (std::size_t i = 0; i < n; ++i) s.survival[i] = std::exp(-w * rates.mortality[i] * mortality_x);
    if (!rates.fertility.empty()) {
        const double infant = std::exp(-w * rates.mortality[0] * mortality_x / 2);
        for (std::size_t i = 0; i < n; ++i) {
            const double next = i + 1 < n ? rates.fertility[i + 1] : rates.fertility[i];
            s.births[i] = w * female_fraction * fertility_x * (rates.fertility[i] + s.survival[i] * next) / 2 * infant;
            // fertility near the double max: the births coefficient overflows (inf, or NaN as inf × 0)
            if (!std::isfinite(s.births[i]))
                throw DataError("project: fertility for band " + std::to_string(i) + " (" + format_number(rates.fertility[i]) +
                                " births per woman per year) gives births beyond the double range; rates must be realistic "
                                "(a few per woman per year)");
        }
    }
    return s;
}

// P ← L·(P + w·M/2) + w·M/2, counts floored at zero (no more emigrants than residents).
void advance(Eigen::VectorXd& p, const Step& s, const std::vector<double>& migration, double w, double migration_x) {
    const auto n = p.size();
    if (!migration.empty())
        for (Eigen::Index i = 0; i < n; ++i) p[i] = std::max(0.0, p[i] + w * migration[static_cast<std::size_t>(i)] * migration_x / 2);
    double births = 0;
    for (Eigen::Index i = 0; i < n; ++i) births += s.births[static_cast<std::size_t>(i)] * p[i];
    const double last = p[n - 1] * s.survival[static_cast<std::size_t>(n - 1)];
    for (Eigen::Index i = n - 1; i >= 1; --i) p[i] = p[i - 1] * s.survival[static_cast<std::size_t>(i - 1)];
    p[n - 1] += n > 1 ? last : 0.0;
    p[0] = n > 1 ? births : births + last;
    if (!migration.empty())
        for (Eigen::Index i = 0; i < n; ++i) p[i] = std::max(0.0, p[i] + w * migration[static_cast<std::size_t>(i)] * migration_x / 2);
}

int steps_of(const Population& p, const ProjectionOptions& o) {
    const int w = step_width(p.bands);
    check_count(o.years, "project: years", 1, max_projection_years);
    if (o.years % w != 0)
        throw DomainError("project: years must be a positive multiple of the band width (" + std::to_string(w) +
                          " year" + (w == 1 ? "" : "s") + "), got " + std::to_string(o.years));
    return o.years / w;
}

Projection frame(const Population& p, int steps, int w) {
    Projection out;
    out.bands = p.bands;
    for (int k = 0; k <= steps; ++k) out.years.push_back(k * w);
    out.counts.resize(steps + 1, static_cast<Eigen::Index>(p.size()));
    return out;
}

// One projection path; multipliers(k) gives the step's (mortality, fertility, migration) multipliers.
template <class Multipliers>
void run(const Population& p, const Rates& rates, double female_fraction, int steps, int w, Multipliers&& multipliers,
         Eigen::MatrixXd& out, bool fresh_each_step) {
    Eigen::VectorXd pop = Eigen::Map<const Eigen::VectorXd>(p.counts.data(), static_cast<Eigen::Index>(p.size()));
    out.row(0) = pop.transpose();
    std::array<double, 3> x = multipliers();
    Step s = step_of(rates, w, female_fraction, x[0], x[1]);
    for (int k = 1; k <= steps; ++k) {
        if (fresh_each_step && k > 1) {
            x = multipliers();
            s = step_of(rates, w, female_fraction, x[0], x[1]);
        }
        advance(pop, s, rates.migration, w, x[2]);
        // growth beyond the double range would give an infinite (or NaN) population: refuse, naming the year
        if (!std::isfinite(pop.sum()))
            throw DomainError("project: the projected population exceeds the double range (1.8e308) by year " +
                              std::to_string(k * w) + "; the counts or the fertility rates are too large");
        out.row(k) = pop.transpose();
    }
}

}  // namespace

int step_width(const std::vector<AgeBand>& bands) {
    if (bands.size() < 2) return 1;
    const double w = bands.front().width();
    for (std::size_t i = 0; i + 1 < bands.size(); ++i)
        if (bands[i].width() != w)
            throw DomainError("project: band " + quoted(bands[i].label) + " is " + format_number(bands[i].width()) +
                              " years wide but band " + quoted(bands.front().label) + " is " + format_number(w) +
                              "; a Leslie projection needs equal bands (single years or 5-year bands; regroup first) "
                              "with a final open band");
    return static_cast<int>(w);
}

Eigen::MatrixXd leslie(const Population& population, const Rates& rates, double female_fraction) {
    check(population, rates, female_fraction);
    const double w = step_width(population.bands);
    const auto n = static_cast<Eigen::Index>(population.size());
    const Step s = step_of(rates, w, female_fraction);
    Eigen::MatrixXd L = Eigen::MatrixXd::Zero(n, n);
    for (Eigen::Index i = 0; i < n; ++i) L(0, i) = s.births[static_cast<std::size_t>(i)];
    for (Eigen::Index i = 0; i + 1 < n; ++i) L(i + 1, i) += s.survival[static_cast<std::size_t>(i)];
    L(n - 1, n - 1) += s.survival[static_cast<std::size_t>(n - 1)];
    return L;
}

Projection project(const Population& population, const Rates& rates, const ProjectionOptions& options) {
    check(population, rates, options.female_fraction);
    const int steps = steps_of(population, options);
    const int w = step_width(population.bands);
    Projection out = frame(population, steps, w);
    run(population, rates, options.female_fraction, steps, w, [] { return std::array<double, 3>{1, 1, 1}; },
        out.counts, false);
    return out;
}

Projection project(const Population& population, const Rates& rates, const ProjectionOptions& options,
                   const RateUncertainty& uncertainty, const StochasticOptions& stochastic) {
    for (auto [sd, name] : {std::pair{uncertainty.mortality_sd, "mortality_sd"},
                            std::pair{uncertainty.fertility_sd, "fertility_sd"},
                            std::pair{uncertainty.migration_sd, "migration_sd"}})
        if (!(sd >= 0) || !std::isfinite(sd))
            throw DomainError(std::string("project: ") + name + " must be a finite number >= 0 (the log-scale standard "
                              "deviation of the rate multiplier), got " + format_number(sd));
    if (stochastic.n_sims < 1)
        throw DomainError("project: n_sims must be at least 1, got " + std::to_string(stochastic.n_sims));
    Projection out = project(population, rates, options);
    const int w = step_width(population.bands);
    const int steps = static_cast<int>(out.years.size()) - 1;
    out.simulations.assign(static_cast<std::size_t>(stochastic.n_sims), Eigen::MatrixXd(out.counts.rows(), out.counts.cols()));
    const double sd[3] = {uncertainty.mortality_sd, uncertainty.fertility_sd, uncertainty.migration_sd};
    stats::parallel_for(stochastic.n_sims, stochastic.threads, [&](std::int64_t begin, std::int64_t end, int) {
        for (std::int64_t d = begin; d < end; ++d) {
            boost::random::normal_distribution<double> normal;
            stats::RandomStream rng(stochastic.seed, static_cast<std::uint64_t>(d));
            // Three normals per draw (or per step), always drawn, so a zero sd leaves the other streams alone.
            auto multipliers = [&] {
                std::array<double, 3> x{};
                for (int r = 0; r < 3; ++r) {
                    const double z = normal(rng);
                    x[r] = std::exp(sd[r] * z - sd[r] * sd[r] / 2);
                }
                return x;
            };
            run(population, rates, options.female_fraction, steps, w, multipliers, out.simulations[static_cast<std::size_t>(d)],
                uncertainty.per_year);
        }
    });
    return out;
}

}  // namespace hp::demography
