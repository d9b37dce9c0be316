#include "healthyplaces/indicators/life_expectancy.hpp"

#include "common.hpp"

#include <boost/math/distributions/normal.hpp>

#include <cmath>
#include <limits>
#include <string>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/test_result.hpp"

namespace hp::indicators {

namespace {

using detail::nan;
constexpr double radix = 100000.0;  // l_0; the life expectancies do not depend on it

using stats::format_number;

using detail::two_sided_z;

std::string where(std::size_t row, std::size_t g, double age) {
    return "row " + std::to_string(row) + " (group " + std::to_string(g) + ", band starting at age " +
           format_number(age) + ")";
}

// One group's life table columns (scratch reused across groups).
struct Table {
    std::vector<double> n, a, q, l, e, se;
};

}  // namespace

const char* life_expectancy_note(LifeExpectancyNote note) noexcept {
    switch (note) {
        case LifeExpectancyNote::none: return "";
        case LifeExpectancyNote::zero_population: return "a band has population 0";
        case LifeExpectancyNote::deaths_above_population: return "a band has more deaths than population";
        case LifeExpectancyNote::small_population: return "total population at or below the minimum";
        case LifeExpectancyNote::no_deaths_in_open_band: return "no deaths in the final open band";
        case LifeExpectancyNote::wide_interval: return "95% interval wider than 20 years";
    }
    return "";
}

LifeExpectancyIntervals life_expectancy(std::span<const std::int64_t> group, std::span<const double> age_start,
                                        std::span<const double> deaths, std::span<const double> population,
                                        std::span<const double> ax, std::size_t n_groups,
                                        const LifeExpectancyOptions& options) {
    const std::size_t rows = group.size();
    auto length = [&](const char* what, std::size_t size) {
        if (size != rows)
            throw DomainError(std::string("life_expectancy: ") + what + " has " + std::to_string(size) +
                              " rows, group has " + std::to_string(rows));
    };
    length("age_start", age_start.size());
    length("deaths", deaths.size());
    length("population", population.size());
    if (!ax.empty()) length("ax", ax.size());
    check_levels(options.confidence_level);
    if (std::isnan(options.min_population))
        throw DomainError("life_expectancy: min_population must be a number (0 to suppress nothing), got NaN");
    for (std::size_t i = 0; i + 1 < options.le_age.size(); ++i)
        for (std::size_t j = i + 1; j < options.le_age.size(); ++j)
            if (options.le_age[i] == options.le_age[j])
                throw DomainError("life_expectancy: le_age lists age " + format_number(options.le_age[i]) + " twice");
    std::vector<double> z;
    for (double c : options.confidence_level) z.push_back(two_sided_z(c));
    const double z95 = two_sided_z(0.95);  // the R package's 20-year rule is on the 95% interval

    // Where each group's rows start and end (contiguous, checked), in one pass.
    std::vector<std::size_t> first(n_groups, rows), last(n_groups, 0);
    for (std::size_t i = 0; i < rows; ++i) {
        const std::int64_t gi = group[i];
        if (gi < 0 || static_cast<std::uint64_t>(gi) >= n_groups)
            throw DataError("life_expectancy: row " + std::to_string(i) + ": group index " + std::to_string(gi) +
                            " is outside 0.." + std::to_string(n_groups == 0 ? 0 : n_groups - 1));
        const auto g = static_cast<std::size_t>(gi);
        if (first[g] == rows) {
            first[g] = i;
        } else if (last[g] + 1 != i) {
            throw DataError("life_expectancy: row " + std::to_string(i) + ": the rows of group " + std::to_string(g) +
                            " are not contiguous (sort the rows by group, then age)");
        }
        last[g] = i;
        const double x = age_start[i], d = deaths[i], p = population[i];
        if (!std::isfinite(x) || x < 0.0)
            throw DataError("life_expectancy: row " + std::to_string(i) + " (group " + std::to_string(g) +
                            "): the band's start age must be a finite age >= 0, got " + format_number(x));
        if (i != first[g] && !(x > age_start[i - 1]))
            throw DataError("life_expectancy: " + where(i, g, x) + ": age bands must start at strictly increasing "
                            "ages within a group; the previous band starts at " + format_number(age_start[i - 1]));
        if (!(d >= 0.0) || std::isinf(d))
            throw DataError("life_expectancy: " + where(i, g, x) + ": deaths must be a finite count >= 0, got " +
                            format_number(d));
        if (!(p >= 0.0) || std::isinf(p))
            throw DataError("life_expectancy: " + where(i, g, x) + ": population must be finite and >= 0, got " +
                            format_number(p));
        if (!ax.empty() && !(ax[i] >= 0.0 && ax[i] <= 1.0))
            throw DataError("life_expectancy: " + where(i, g, x) + ": ax (the fraction of the band lived by those "
                            "who die in it) must be between 0 and 1, got " + format_number(ax[i]));
    }
    std::size_t out_rows = 0;
    for (std::size_t g = 0; g < n_groups; ++g) {
        if (first[g] == rows)
            throw DataError("life_expectancy: group " + std::to_string(g) + " has no rows (no age bands)");
        const std::size_t k = last[g] - first[g] + 1;
        if (options.le_age.empty()) {
            out_rows += k;
            continue;
        }
        for (double want : options.le_age) {
            bool found = false;
            for (std::size_t i = first[g]; i <= last[g] && !found; ++i) found = age_start[i] == want;
            if (!found)
                throw DataError("life_expectancy: le_age " + format_number(want) + " is not the start of an age band "
                                "of group " + std::to_string(g) + " (its bands start at " +
                                format_number(age_start[first[g]]) + ", ..., " + format_number(age_start[last[g]]) +
                                ")");
        }
        out_rows += options.le_age.size();
    }

    LifeExpectancyIntervals out;
    out.resize(out_rows, options.confidence_level);
    out.group.resize(out_rows);
    out.le_age.resize(out_rows);
    out.standard_error.assign(out_rows, nan);
    out.population_used.resize(out_rows);
    out.deaths_used.resize(out_rows);
    out.note.assign(out_rows, LifeExpectancyNote::none);

    Table t;
    std::vector<double> pop_from, deaths_from;
    std::size_t row = 0;
    for (std::size_t g = 0; g < n_groups; ++g) {
        const std::size_t b0 = first[g], k = last[g] - first[g] + 1;
        auto D = [&](std::size_t i) { return deaths[b0 + i]; };
        auto P = [&](std::size_t i) { return population[b0 + i]; };
        // Suppression rules of the R package, whole group (first that applies is reported).
        LifeExpectancyNote group_note = LifeExpectancyNote::none;
        double total_pop = 0.0;
        pop_from.assign(k + 1, 0.0);
        deaths_from.assign(k + 1, 0.0);
        for (std::size_t i = k; i-- > 0;) {
            pop_from[i] = pop_from[i + 1] + P(i);
            deaths_from[i] = deaths_from[i + 1] + D(i);
        }
        total_pop = pop_from[0];
        for (std::size_t i = 0; i < k && group_note == LifeExpectancyNote::none; ++i)
            if (P(i) == 0.0) group_note = LifeExpectancyNote::zero_population;
        for (std::size_t i = 0; i < k && group_note == LifeExpectancyNote::none; ++i)
            if (D(i) > P(i)) group_note = LifeExpectancyNote::deaths_above_population;
        if (group_note == LifeExpectancyNote::none && total_pop <= options.min_population)
            group_note = LifeExpectancyNote::small_population;
        if (group_note == LifeExpectancyNote::none && D(k - 1) == 0.0)
            group_note = LifeExpectancyNote::no_deaths_in_open_band;

        if (group_note == LifeExpectancyNote::none) {
            t.n.resize(k);
            t.a.resize(k);
            t.q.resize(k);
            t.l.resize(k + 1);
            t.e.resize(k + 1);
            t.se.resize(k);
            for (std::size_t i = 0; i < k; ++i) {
                const double x = age_start[b0 + i];
                t.a[i] = ax.empty() ? (x == 0.0 ? 0.1 : 0.5) : ax[b0 + i];
                t.n[i] = i + 1 < k ? age_start[b0 + i + 1] - x : nan;
            }
            // Probabilities of dying and survivors.
            t.l[0] = radix;
            for (std::size_t i = 0; i + 1 < k; ++i) {
                const double m = D(i) / P(i), n = t.n[i], a = t.a[i];
                t.q[i] = D(i) * n * a > P(i) ? 1.0 : m * n / (1.0 + m * n * (1.0 - a));
                t.l[i + 1] = t.l[i] * (1.0 - t.q[i]);
            }
            t.q[k - 1] = 1.0;
            t.l[k] = 0.0;
            // Person-years lived from each band on, and the life expectancies.
            const double m_open = D(k - 1) / P(k - 1);
            double T = t.l[k - 1] / m_open;
            t.e[k] = 0.0;
            t.e[k - 1] = t.l[k - 1] == 0.0 ? 0.0 : T / t.l[k - 1];
            for (std::size_t i = k - 1; i-- > 0;) {
                const double d = t.l[i] - t.l[i + 1];
                T += t.n[i] * (t.l[i + 1] + t.a[i] * d);
                t.e[i] = t.l[i] == 0.0 ? 0.0 : T / t.l[i];
            }
            // Chiang II variance, with Silcocks' term for the open band: l^2 var(1/M) = l^2 / (D M^2).
            double S = t.l[k - 1] * t.l[k - 1] / (D(k - 1) * m_open * m_open);
            t.se[k - 1] = std::sqrt(S / (t.l[k - 1] * t.l[k - 1]));
            for (std::size_t i = k - 1; i-- > 0;) {
                const double d = t.l[i] - t.l[i + 1], q = t.q[i];
                if (d != 0.0) {
                    const double w = (1.0 - t.a[i]) * t.n[i] + t.e[i + 1];
                    S += q * q * (1.0 - q) / D(i) * t.l[i] * t.l[i] * w * w;
                }
                t.se[i] = std::sqrt(S / (t.l[i] * t.l[i]));
            }
        }

        auto emit = [&](std::size_t i) {
            out.group[row] = static_cast<std::int64_t>(g);
            out.le_age[row] = age_start[b0 + i];
            out.population_used[row] = pop_from[i];
            out.deaths_used[row] = deaths_from[i];
            out.note[row] = group_note;
            if (group_note == LifeExpectancyNote::none) {
                const double e = t.e[i], se = t.se[i];
                out.standard_error[row] = se;
                for (std::size_t lv = 0; lv < z.size(); ++lv) {
                    out.lower[lv][row] = e - z[lv] * se;
                    out.upper[lv][row] = e + z[lv] * se;
                }
                if (z95 * se > 10.0) {
                    out.note[row] = LifeExpectancyNote::wide_interval;  // value suppressed, limits kept
                } else {
                    out.value[row] = e;
                }
            }
            ++row;
        };
        if (options.le_age.empty()) {
            for (std::size_t i = 0; i < k; ++i) emit(i);
        } else {
            for (double want : options.le_age)
                for (std::size_t i = 0; i < k; ++i)
                    if (age_start[b0 + i] == want) {
                        emit(i);
                        break;
                    }
        }
    }
    out.method = "Chiang, using Silcocks et al for confidence limits";
    return out;
}

}  // namespace hp::indicators
