#include "healthyplaces/demography/population.hpp"

#include <cctype>
#include <cmath>
#include <numeric>
#include <string>
#include <string_view>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/test_result.hpp"

namespace hp::demography {
namespace {

using stats::format_number;
constexpr double inf = std::numeric_limits<double>::infinity();

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string trim(std::string_view s) {
    std::size_t a = 0, b = s.size();
    while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
    while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
    return std::string(s.substr(a, b - a));
}

// A whole number of years, or -1 when `s` is not one.
long parse_age(const std::string& s) {
    if (s.empty() || s.size() > 4) return -1;
    long v = 0;
    for (char c : s) {
        if (!std::isdigit(static_cast<unsigned char>(c))) return -1;
        v = v * 10 + (c - '0');
    }
    return v;
}

std::string label_of(double start, double end) {
    const auto a = std::to_string(static_cast<long>(start));
    if (end == inf) return a + "+";
    if (end - start == 1) return a;
    return a + "-" + std::to_string(static_cast<long>(end) - 1);
}

const char* allowed = "labels look like \"0-4\" (ages 0 to 4), \"85+\" (85 and over) or \"7\" (one year)";

// Bands sorted, contiguous and the last open.
void check_sequence(const std::vector<AgeBand>& bands, std::string_view fn) {
    if (bands.empty()) throw DataError(std::string(fn) + ": no age bands; give at least one (the last open, e.g. \"0+\")");
    for (std::size_t i = 1; i < bands.size(); ++i) {
        const auto& prev = bands[i - 1];
        const auto& b = bands[i];
        if (prev.open())
            throw DataError(std::string(fn) + ": band " + quoted(prev.label) + " is open (no upper age) but band " +
                            quoted(b.label) + " follows it; only the last band may be open");
        if (b.start != prev.end)
            throw DataError(std::string(fn) + ": band " + quoted(b.label) + " starts at age " + format_number(b.start) +
                            " but the band before it, " + quoted(prev.label) + ", ends at age " +
                            format_number(prev.end - 1) + (b.start < prev.end ? " (overlapping or unsorted)" : " (a gap)") +
                            "; bands must be sorted and contiguous");
    }
    if (!bands.back().open())
        throw DataError(std::string(fn) + ": the last band " + quoted(bands.back().label) +
                        " must be open (e.g. \"" + std::to_string(static_cast<long>(bands.back().start)) +
                        "+\"), so that everyone has a band");
}

}  // namespace

std::vector<AgeBand> parse_bands(std::span<const std::string> labels) {
    std::vector<AgeBand> out;
    out.reserve(labels.size());
    for (std::size_t i = 0; i < labels.size(); ++i) {
        std::string s = trim(labels[i]);
        AgeBand b;
        b.label = labels[i];
        const auto where = "Population: band " + std::to_string(i) + " " + quoted(labels[i]);
        if (!s.empty() && s.back() == '+') {
            const long a = parse_age(trim(std::string_view(s).substr(0, s.size() - 1)));
            if (a < 0) throw DataError(where + " is not an age band; " + allowed);
            b.start = static_cast<double>(a);
        } else if (const auto dash = s.find('-'); dash != std::string::npos) {
            const long a = parse_age(trim(std::string_view(s).substr(0, dash)));
            const long z = parse_age(trim(std::string_view(s).substr(dash + 1)));
            if (a < 0 || z < 0) throw DataError(where + " is not an age band; " + allowed);
            if (z < a) throw DataError(where + " ends before it starts; " + allowed);
            b.start = static_cast<double>(a);
            b.end = static_cast<double>(z + 1);
        } else {
            const long a = parse_age(s);
            if (a < 0) throw DataError(where + " is not an age band; " + allowed);
            b.start = static_cast<double>(a);
            b.end = b.start + 1;
        }
        out.push_back(std::move(b));
    }
    check_sequence(out, "Population");
    return out;
}

std::vector<AgeBand> bands_from_starts(std::span<const double> starts) {
    std::vector<AgeBand> out;
    for (std::size_t i = 0; i < starts.size(); ++i) {
        const double a = starts[i];
        if (!(a >= 0) || a != std::floor(a) || a > 9999)
            throw DataError("Population: band start " + std::to_string(i) + " is " + format_number(a) +
                            "; start ages must be whole numbers of years >= 0");
        if (i > 0 && !(a > starts[i - 1]))
            throw DataError("Population: band start " + std::to_string(i) + " (age " + format_number(a) +
                            ") is not after the one before it (age " + format_number(starts[i - 1]) +
                            "); start ages must be strictly increasing");
    }
    for (std::size_t i = 0; i < starts.size(); ++i) {
        const double end = i + 1 < starts.size() ? starts[i + 1] : inf;
        out.push_back({starts[i], end, label_of(starts[i], end)});
    }
    check_sequence(out, "Population");
    return out;
}

std::vector<AgeBand> five_year_bands() {
    std::vector<double> starts;
    for (int a = 0; a <= 90; a += 5) starts.push_back(a);
    return bands_from_starts(starts);
}

std::vector<AgeBand> single_year_bands(int last) {
    if (last < 1) throw DomainError("single_year_bands: last must be at least 1, got " + std::to_string(last));
    std::vector<double> starts;
    for (int a = 0; a <= last; ++a) starts.push_back(a);
    return bands_from_starts(starts);
}

double Population::total() const noexcept { return std::accumulate(counts.begin(), counts.end(), 0.0); }

std::vector<std::string> Population::labels() const {
    std::vector<std::string> out;
    out.reserve(bands.size());
    for (const auto& b : bands) out.push_back(b.label);
    return out;
}

Population make_population(std::vector<AgeBand> bands, std::vector<double> counts) {
    check_sequence(bands, "Population");
    if (counts.size() != bands.size())
        throw DataError("Population: " + std::to_string(counts.size()) + " counts for " + std::to_string(bands.size()) +
                        " age bands; give one count per band");
    for (std::size_t i = 0; i < counts.size(); ++i)
        if (!(counts[i] >= 0) || !std::isfinite(counts[i]))
            throw DataError("Population: band " + quoted(bands[i].label) + " has count " + format_number(counts[i]) +
                            "; counts must be finite and >= 0");
    double total = 0;  // the total (and every share) must be a finite number too
    for (double c : counts) total += c;
    if (!std::isfinite(total))
        throw DataError("Population: the counts sum to more than the double range (1.8e308); counts must total at "
                        "most that");
    return {std::move(bands), std::move(counts)};
}

Population regroup(const Population& population, const std::vector<AgeBand>& to) {
    check_sequence(to, "regroup");
    const auto& from = population.bands;
    if (to.front().start != from.front().start)
        throw DataError("regroup: the new bands start at age " + format_number(to.front().start) +
                        " but the population's start at age " + format_number(from.front().start) +
                        "; regroup only merges bands");
    std::vector<double> counts(to.size(), 0.0);
    std::size_t j = 0;
    for (std::size_t i = 0; i < from.size(); ++i) {
        while (j + 1 < to.size() && to[j + 1].start <= from[i].start) ++j;
        if (from[i].end > to[j].end)
            throw DataError("regroup: the new band " + quoted(to[j + 1].label) + " starts at age " +
                            format_number(to[j + 1].start) + ", inside the population's band " + quoted(from[i].label) +
                            "; regroup only merges bands into coarser ones");
        counts[j] += population.counts[i];
    }
    return {to, std::move(counts)};
}

double count_between(const Population& population, double from, double to) {
    if (!(to >= from) || std::isnan(from))
        throw DomainError("count_between: ages must satisfy from <= to, got " + format_number(from) + " and " +
                          format_number(to));
    double sum = 0;
    for (std::size_t i = 0; i < population.size(); ++i) {
        const auto& b = population.bands[i];
        const double lo = std::max(from, b.start), hi = std::min(to, b.end);
        if (!(hi > lo)) continue;
        if (b.open()) {
            if (lo != b.start || hi != b.end)
                throw DomainError("count_between: age " + format_number(lo != b.start ? lo : hi) +
                                  " falls inside the open band " + quoted(b.label) +
                                  ", which cannot be split; cut at or below age " + format_number(b.start));
            sum += population.counts[i];
        } else {
            sum += population.counts[i] * (hi - lo) / b.width();
        }
    }
    return sum;
}

double share_over(const Population& population, double age) {
    const double total = population.total();
    return total > 0 ? count_between(population, age) / total : 0.0;
}

DependencyRatios dependency_ratios(const Population& population, const DependencyOptions& options) {
    if (!(options.working_from >= 0 && options.old_from > options.working_from))
        throw DomainError("dependency_ratios: need 0 <= working_from < old_from, got working_from " +
                          format_number(options.working_from) + " and old_from " + format_number(options.old_from));
    const double young = count_between(population, 0, options.working_from);
    const double working = count_between(population, options.working_from, options.old_from);
    const double old = count_between(population, options.old_from);
    if (!(working > 0))
        throw DomainError("dependency_ratios: no one of working age (" + format_number(options.working_from) + " to " +
                          format_number(options.old_from - 1) + "); the ratios are undefined");
    const DependencyRatios r{young / working, old / working, (young + old) / working};
    if (!std::isfinite(r.total))  // e.g. 1e300 dependants per 1e-300 of working age
        throw DomainError("dependency_ratios: the ratios exceed the double range (1.8e308): " + format_number(young + old) +
                          " dependants per " + format_number(working) + " of working age");
    return r;
}

}  // namespace hp::demography
