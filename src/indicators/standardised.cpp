#include "healthyplaces/indicators/standardised.hpp"

#include "common.hpp"

#include <boost/math/distributions/normal.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include <cmath>
#include <limits>
#include <string>

#include "healthyplaces/io/embedded.hpp"
#include "healthyplaces/base/error.hpp"
#include "healthyplaces/io/csv.hpp"
#include "healthyplaces/stats/test_result.hpp"

namespace hp::indicators {

namespace {

using detail::nan;

using stats::format_number;

using detail::two_sided_z;

// Byar's approximation (Breslow & Day 1987) to the Poisson limits for a count x. The lower limit is NaN where the
// cubic goes negative, as byars_lower in the R package sets it to NA.
double byars_lower_z(double x, double z) {
    const double t = 1.0 - 1.0 / (9.0 * x) - z / (3.0 * std::sqrt(x));
    const double v = x * t * t * t;
    return v < 0.0 ? nan : v;
}
double byars_upper_z(double x, double z) {
    const double x1 = x + 1.0;
    const double t = 1.0 - 1.0 / (9.0 * x1) + z / (3.0 * std::sqrt(x1));
    return x1 * t * t * t;
}

// Exact Poisson limits for a count x: qchisq((1 - c) / 2, 2x) / 2 and qchisq(c + (1 - c) / 2, 2x + 2) / 2, that is
// the gamma quantiles with shape x and x + 1 (qchisq(p, 0) = 0 for the lower limit of a zero count).
double exact_lower(double x, double confidence_level) {
    if (x <= detail::tiny_count) return 0.0;  // the quantile underflows (and Boost's tgamma(5e-324) overflows)
    return boost::math::gamma_p_inv(x, (1.0 - confidence_level) / 2.0);
}
double exact_upper(double x, double confidence_level) {
    return boost::math::gamma_p_inv(x + 1.0, confidence_level + (1.0 - confidence_level) / 2.0);
}

void check_lengths(std::size_t n, std::initializer_list<std::pair<const char*, std::size_t>> others) {
    for (const auto& [what, size] : others)
        if (size != n)
            throw DomainError(std::string("dsr/isr: ") + what + " has " + std::to_string(size) + " rows, group has " +
                              std::to_string(n));
}

std::size_t group_of(std::span<const std::int64_t> group, std::size_t row, std::size_t n_groups) {
    const std::int64_t g = group[row];
    if (g < 0 || static_cast<std::uint64_t>(g) >= n_groups)
        throw DataError("row " + std::to_string(row) + ": group index " + std::to_string(g) + " is outside 0.." +
                        std::to_string(n_groups == 0 ? 0 : n_groups - 1));
    return static_cast<std::size_t>(g);
}

void check_count(double v, const char* what, std::size_t row, std::size_t g) {
    if (!(v >= 0.0) || std::isinf(v))
        throw DataError(std::string(what) + " must be a finite count >= 0; row " + std::to_string(row) + " (group " +
                        std::to_string(g) + ") has " + format_number(v));
}
void check_positive(double v, const char* what, std::size_t row, std::size_t g) {
    if (!(v > 0.0) || std::isinf(v))
        throw DataError(std::string(what) + " must be finite and > 0; row " + std::to_string(row) + " (group " +
                        std::to_string(g) + ") has " + format_number(v));
}

void check_multiplier(double m, const char* what) {
    if (!(m > 0.0) || std::isinf(m)) throw DomainError(std::string(what) + " must be finite and > 0, got " + format_number(m));
}

// Fills value and limits of group g from the per-group sums (PHEindicatormethods' dsr_inner).
void fill_dsr(DsrIntervals& out, std::size_t g, double weighted, double standard_total, double count, double variance,
              std::span<const double> z, double multiplier) {
    if (count < 10.0) return;  // "dsr NA for total count < 10": value and limits stay NaN
    const double value = weighted / standard_total * multiplier;
    out.value[g] = value;
    const double scale = std::sqrt(variance / count) * multiplier;
    bool finite = std::isfinite(value);
    for (std::size_t l = 0; l < z.size(); ++l) {
        out.lower[l][g] = value + scale * (byars_lower_z(count, z[l]) - count);
        out.upper[l][g] = value + scale * (byars_upper_z(count, z[l]) - count);
        finite = finite && std::isfinite(out.lower[l][g]) && std::isfinite(out.upper[l][g]);
    }
    if (!finite)  // counts near 1e300 over populations near 1e-300: refuse rather than give inf or NaN limits
        throw DataError("group " + std::to_string(g) + ": the directly standardised rate or its limits exceed the double "
                        "range (1.8e308); check the events and populations (or lower the multiplier)");
}

std::vector<double> z_values(std::span<const double> confidence_level) {
    check_levels(confidence_level);
    std::vector<double> z;
    for (double c : confidence_level) z.push_back(two_sided_z(c));
    return z;
}

}  // namespace

StandardPopulation standard_population(std::string_view name) {
    if (name != "ESP2013" && name != "ESP1976")
        throw DomainError("standard population '" + std::string(name) + "' is not built in; use ESP2013 or ESP1976, or give "
                          "the standard population per band");
    const auto doc = io::parse_csv(io::embedded_csv("european_standard_population"), "european_standard_population.csv");
    StandardPopulation sp;
    sp.name = std::string(name);
    for (const auto& r : doc.records) {
        if (r.fields.at(0) != name) continue;
        sp.bands.push_back(r.fields.at(1));
        sp.population.push_back(std::stod(r.fields.at(2)));
    }
    return sp;
}

DsrIntervals dsr(std::span<const std::int64_t> group, std::span<const double> events, std::span<const double> population,
                 std::span<const double> standard, std::size_t n_groups, const DsrOptions& options) {
    const std::size_t n = group.size();
    check_lengths(n, {{"events", events.size()}, {"population", population.size()}, {"standard", standard.size()}});
    check_multiplier(options.multiplier, "multiplier");
    const auto z = z_values(options.confidence_level);

    // One pass over the rows: per-group sums of events, population, standard, x*s/n and x*(s/n)^2.
    std::vector<double> weighted(n_groups, 0.0), squared(n_groups, 0.0), std_total(n_groups, 0.0);
    DsrIntervals out;
    out.resize(n_groups, options.confidence_level);
    out.total_count.assign(n_groups, 0.0);
    out.total_population.assign(n_groups, 0.0);
    // Sums are kept in locals while the group stays the same (rows sorted or grouped by group: one flush per
    // group) and added to the group's totals when it changes, so any row order is still right.
    constexpr double inf = std::numeric_limits<double>::infinity();
    std::size_t cur = 0;
    double w_sum = 0.0, sq_sum = 0.0, s_sum = 0.0, x_sum = 0.0, p_sum = 0.0;
    auto flush = [&] {
        weighted[cur] += w_sum;
        squared[cur] += sq_sum;
        std_total[cur] += s_sum;
        out.total_count[cur] += x_sum;
        out.total_population[cur] += p_sum;
        w_sum = sq_sum = s_sum = x_sum = p_sum = 0.0;
    };
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint64_t gi = static_cast<std::uint64_t>(group[i]);
        const double x = events[i], p = population[i], s = standard[i];
        if (gi >= n_groups || !(x >= 0.0 && x < inf && p > 0.0 && p < inf && s >= 0.0 && s < inf)) {
            const std::size_t g = group_of(group, i, n_groups);  // the slow path names the first problem
            check_count(x, "events", i, g);
            check_positive(p, "population", i, g);
            check_count(s, "standard population", i, g);
        }
        if (gi != cur) {
            flush();
            cur = static_cast<std::size_t>(gi);
        }
        const double w = s / p;
        w_sum += x * w;
        sq_sum += x * w * w;
        s_sum += s;
        x_sum += x;
        p_sum += p;
    }
    if (n_groups > 0) flush();
    for (std::size_t g = 0; g < n_groups; ++g) {
        if (out.total_count[g] >= 10.0 && !(std_total[g] > 0.0))
            throw DataError("group " + std::to_string(g) + ": the standard population sums to 0 over its bands");
        const double var = squared[g] / (std_total[g] * std_total[g]);
        fill_dsr(out, g, weighted[g], std_total[g], out.total_count[g], var, z, options.multiplier);
    }
    out.method = "Dobson";
    return out;
}

DsrIntervals dsr_nonindependent(std::span<const std::int64_t> group, std::span<const std::int64_t> band,
                                std::span<const double> frequency, std::span<const double> people,
                                std::span<const double> population, std::span<const double> standard,
                                std::size_t n_groups, const DsrOptions& options) {
    const std::size_t n = group.size();
    check_lengths(n, {{"band", band.size()},
                      {"frequency", frequency.size()},
                      {"people", people.size()},
                      {"population", population.size()},
                      {"standard", standard.size()}});
    check_multiplier(options.multiplier, "multiplier");
    const auto z = z_values(options.confidence_level);

    DsrIntervals out;
    out.resize(n_groups, options.confidence_level);
    out.total_count.assign(n_groups, 0.0);
    out.total_population.assign(n_groups, 0.0);
    std::vector<char> seen(n_groups, 0);

    struct Freq { double f, std_sum, sq_sum; };
    struct Band { std::int64_t id; double population, standard; };
    std::vector<Freq> freqs;
    std::vector<Band> bands;

    std::size_t i = 0;
    while (i < n) {
        const std::size_t g = group_of(group, i, n_groups);
        if (seen[g])
            throw DataError("row " + std::to_string(i) + ": the rows of group " + std::to_string(g) +
                            " are not contiguous (sort or group the rows by group first)");
        seen[g] = 1;
        freqs.clear();
        bands.clear();
        double weighted = 0.0, count = 0.0;
        const std::int64_t id = group[i];
        for (; i < n && group[i] == id; ++i) {
            const double f = frequency[i], x = people[i], p = population[i], s = standard[i];
            check_count(f, "event frequency", i, g);
            check_count(x, "people", i, g);
            check_positive(p, "population", i, g);
            check_count(s, "standard population", i, g);
            const double w = s / p;
            // Per (group, frequency): the Dobson variance pieces of the people with that frequency.
            Freq* fr = nullptr;
            for (auto& e : freqs)
                if (e.f == f) { fr = &e; break; }
            if (!fr) { freqs.push_back({f, 0.0, 0.0}); fr = &freqs.back(); }
            fr->std_sum += s;
            fr->sq_sum += x * w * w;
            // Per (group, band): the population and standard once, checked equal across frequencies.
            Band* b = nullptr;
            for (auto& e : bands)
                if (e.id == band[i]) { b = &e; break; }
            if (!b) {
                bands.push_back({band[i], p, s});
            } else if (b->population != p || b->standard != s) {
                throw DataError("row " + std::to_string(i) + " (group " + std::to_string(g) + ", band " +
                                std::to_string(band[i]) + "): population " + format_number(p) + " and standard " +
                                format_number(s) + " differ from an earlier row of the same band (" +
                                format_number(b->population) + ", " + format_number(b->standard) + ")");
            }
            weighted += f * x * w;
            count += f * x;
        }
        double std_total = 0.0, pop_total = 0.0;
        for (const auto& b : bands) { std_total += b.standard; pop_total += b.population; }
        double var = 0.0;
        for (const auto& e : freqs)
            if (e.std_sum > 0.0) var += e.f * e.f * e.sq_sum / (e.std_sum * e.std_sum);
        out.total_count[g] = count;
        out.total_population[g] = pop_total;
        if (count >= 10.0 && !(std_total > 0.0))
            throw DataError("group " + std::to_string(g) + ": the standard population sums to 0 over its bands");
        fill_dsr(out, g, weighted, std_total, count, var, z, options.multiplier);
    }
    out.method = "Dobson, with confidence adjusted for non-independent events";
    return out;
}

namespace {

IsrIntervals finish_isr(IsrIntervals out, std::span<const double> reference_events_total,
                        std::span<const double> reference_population_total, const IsrOptions& options) {
    const std::size_t n_groups = out.observed.size();
    if (options.kind == IsrKind::rate) out.reference_rate.assign(n_groups, nan);
    for (std::size_t g = 0; g < n_groups; ++g) {
        const double o = out.observed[g], e = out.expected[g];
        if (!(e > 0.0))
            throw DataError("group " + std::to_string(g) + ": the expected count is " + format_number(e) +
                            " (an indirectly standardised ratio needs expected > 0)");
        double factor = options.reference_value;
        if (options.kind == IsrKind::rate) {
            factor = reference_events_total[g] / reference_population_total[g] * options.multiplier;
            out.reference_rate[g] = factor;
        }
        out.value[g] = o / e * factor;
        for (std::size_t l = 0; l < options.confidence_level.size(); ++l) {
            const double c = options.confidence_level[l];
            double lo, hi;
            if (o < 10.0) {
                lo = exact_lower(o, c);
                hi = exact_upper(o, c);
            } else {
                const double z = two_sided_z(c);
                lo = byars_lower_z(o, z);
                hi = byars_upper_z(o, z);
            }
            out.lower[l][g] = lo / e * factor;
            out.upper[l][g] = hi / e * factor;
            if (!std::isfinite(out.value[g]) || !std::isfinite(out.upper[l][g]))  // e.g. expected 1e-300
                throw DataError("group " + std::to_string(g) + ": the standardised ratio or its limits exceed the double "
                                "range (1.8e308): observed " + format_number(o) + ", expected " + format_number(e));
        }
    }
    out.method = "Exact Poisson below 10 observed events, Byar's at 10 or more";
    return out;
}

void check_isr_options(const IsrOptions& options) {
    check_levels(options.confidence_level);
    if (options.kind == IsrKind::rate) check_multiplier(options.multiplier, "multiplier");
    else check_multiplier(options.reference_value, "reference_value");
}

}  // namespace

IsrIntervals isr(std::span<const std::int64_t> group, std::span<const double> observed, std::span<const double> population,
                 std::span<const double> reference_events, std::span<const double> reference_population,
                 std::size_t n_groups, const IsrOptions& options) {
    const std::size_t n = group.size();
    check_lengths(n, {{"observed", observed.size()},
                      {"population", population.size()},
                      {"reference_events", reference_events.size()},
                      {"reference_population", reference_population.size()}});
    check_isr_options(options);
    IsrIntervals out;
    out.resize(n_groups, options.confidence_level);
    out.observed.assign(n_groups, 0.0);
    out.expected.assign(n_groups, 0.0);
    std::vector<double> ref_events(n_groups, 0.0), ref_pop(n_groups, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t g = group_of(group, i, n_groups);
        check_count(observed[i], "observed", i, g);
        check_count(population[i], "population", i, g);
        check_count(reference_events[i], "reference events", i, g);
        check_positive(reference_population[i], "reference population", i, g);
        out.observed[g] += observed[i];
        out.expected[g] += reference_events[i] / reference_population[i] * population[i];
        ref_events[g] += reference_events[i];
        ref_pop[g] += reference_population[i];
    }
    return finish_isr(std::move(out), ref_events, ref_pop, options);
}

IsrIntervals isr_expected(std::span<const std::int64_t> group, std::span<const double> observed,
                          std::span<const double> expected, std::size_t n_groups, const IsrOptions& options) {
    const std::size_t n = group.size();
    check_lengths(n, {{"observed", observed.size()}, {"expected", expected.size()}});
    check_isr_options(options);
    if (options.kind == IsrKind::rate)
        throw DomainError("an indirectly standardised rate needs the reference events and populations, not only the "
                          "expected counts; use isr(...) or ask for the ratio");
    IsrIntervals out;
    out.resize(n_groups, options.confidence_level);
    out.observed.assign(n_groups, 0.0);
    out.expected.assign(n_groups, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t g = group_of(group, i, n_groups);
        check_count(observed[i], "observed", i, g);
        check_count(expected[i], "expected", i, g);
        out.observed[g] += observed[i];
        out.expected[g] += expected[i];
    }
    return finish_isr(std::move(out), {}, {}, options);
}

IsrKind parse_isr_kind(std::string_view name) {
    if (name == "ratio") return IsrKind::ratio;
    if (name == "rate") return IsrKind::rate;
    throw DomainError("isr: kind must be 'ratio' or 'rate', got '" + std::string(name) + "'");
}

std::string to_string(IsrKind kind) { return kind == IsrKind::rate ? "rate" : "ratio"; }

}  // namespace hp::indicators
