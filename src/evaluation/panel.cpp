#include "healthyplaces/evaluation/panel.hpp"

#include "common.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <unordered_map>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/test_result.hpp"

namespace hp::evaluation {
namespace {

using detail::nan;

/// A name from the data on one line: line breaks and other control characters escaped, so a message stays one line.
std::string one_line(std::string_view s) {
    std::string out;
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (u < 0x20 && c != '\t') out += "\\x" + std::string(1, "0123456789ABCDEF"[u >> 4]) + "0123456789ABCDEF"[u & 15];
        else out += c;
    }
    return out;
}

std::string where(const std::string& unit, std::int64_t period) {
    return "unit \"" + one_line(unit) + "\", period " + std::to_string(period);
}

std::string row_where(std::size_t row, const std::string& unit, std::int64_t period) {
    return "row " + std::to_string(row + 1) + " (" + where(unit, period) + ")";
}

/// The place of row r's value in `column`: 'panel.csv, line 7, column 3 (admissions), unit "Torbay", period 2020'
/// when the rows came from a file, else 'row 5 (unit "Torbay", period 2020)'.
std::string located(const PanelRows& rows, std::size_t r, const std::string& column) {
    if (rows.source.empty()) return row_where(r, rows.unit[r], rows.period[r]);
    std::string s = rows.source + ", line " + std::to_string(rows.lines[r]);
    const auto c = std::find(rows.columns.begin(), rows.columns.end(), column);
    if (c != rows.columns.end())
        s += ", column " + std::to_string(c - rows.columns.begin() + 1) + " (" + one_line(column) + ")";
    return s + ", " + where(rows.unit[r], rows.period[r]);
}

/// "row 3" or, from a file, "line 4": another row named in a message.
std::string other_row(const PanelRows& rows, std::size_t r) {
    return rows.source.empty() ? "row " + std::to_string(r + 1) : "line " + std::to_string(rows.lines[r]);
}

std::string some_units(const Panel& p) {
    std::string s;
    const std::size_t n = std::min<std::size_t>(p.units.size(), 5);
    for (std::size_t i = 0; i < n; ++i) s += (i ? ", \"" : "\"") + p.units[i] + "\"";
    if (p.units.size() > n) s += ", ...";
    return s;
}

}  // namespace

bool Panel::observed(std::size_t unit, std::size_t t) const noexcept { return !std::isnan(outcome(unit, t)); }

bool Panel::balanced() const noexcept { return !outcome.array().isNaN().any(); }

bool Panel::treated(std::size_t unit, std::size_t t) const noexcept {
    return adoption[unit] && periods[t] >= *adoption[unit];
}

std::size_t Panel::unit_index(std::string_view name) const {
    for (std::size_t i = 0; i < units.size(); ++i)
        if (units[i] == name) return i;
    throw DomainError("no unit \"" + std::string(name) + "\" in the panel (units: " + some_units(*this) + ")");
}

std::size_t Panel::period_index(std::int64_t period) const {
    const auto it = std::lower_bound(periods.begin(), periods.end(), period);
    if (it == periods.end() || *it != period)
        throw DomainError("no period " + std::to_string(period) + " in the panel (periods " +
                          (periods.empty() ? std::string("none")
                                           : std::to_string(periods.front()) + " to " + std::to_string(periods.back())) +
                          ")");
    return static_cast<std::size_t>(it - periods.begin());
}

std::size_t Panel::covariate_index(std::string_view name) const {
    for (std::size_t i = 0; i < covariate_names.size(); ++i)
        if (covariate_names[i] == name) return i;
    std::string have;
    for (const auto& c : covariate_names) have += (have.empty() ? "" : ", ") + c;
    throw DomainError("no covariate \"" + std::string(name) + "\" in the panel (covariates: " +
                      (have.empty() ? std::string("none") : have) + ")");
}

std::vector<std::size_t> Panel::treated_units() const {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < units.size(); ++i)
        if (adoption[i]) out.push_back(i);
    return out;
}

std::vector<std::size_t> Panel::never_treated() const {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < units.size(); ++i)
        if (!adoption[i]) out.push_back(i);
    return out;
}

std::vector<std::int64_t> Panel::cohorts() const {
    std::vector<std::int64_t> out;
    for (const auto& a : adoption)
        if (a) out.push_back(*a);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::size_t Panel::pre_periods(std::size_t unit) const noexcept {
    if (!adoption[unit]) return periods.size();
    return static_cast<std::size_t>(std::lower_bound(periods.begin(), periods.end(), *adoption[unit]) - periods.begin());
}

Panel make_panel(const PanelRows& rows) {
    const std::size_t n = rows.unit.size();
    auto length_error = [&](const std::string& column, std::size_t got) {
        return DataError("column \"" + column + "\" has " + std::to_string(got) + " rows but \"unit\" has " +
                         std::to_string(n));
    };
    if (rows.period.size() != n) throw length_error("period", rows.period.size());
    if (rows.outcome.size() != n) throw length_error(rows.outcome_name, rows.outcome.size());
    if (!rows.adoption.empty() && rows.adoption.size() != n) throw length_error("adoption", rows.adoption.size());
    if (!rows.treated.empty() && rows.treated.size() != n) throw length_error("treated", rows.treated.size());
    if (!rows.adoption.empty() && !rows.treated.empty())
        throw DataError("give the adoption period or the treated indicator, not both");
    if (rows.covariates.size() != rows.covariate_names.size())
        throw DataError(std::to_string(rows.covariate_names.size()) + " covariate names for " +
                        std::to_string(rows.covariates.size()) + " covariate columns");
    for (std::size_t c = 0; c < rows.covariates.size(); ++c) {
        if (rows.covariates[c].size() != n) throw length_error(rows.covariate_names[c], rows.covariates[c].size());
        for (std::size_t d = 0; d < c; ++d)
            if (rows.covariate_names[c] == rows.covariate_names[d])
                throw DataError("covariate \"" + rows.covariate_names[c] + "\" is given twice");
    }
    if (n == 0) throw DataError("the panel has no rows");
    if (!rows.source.empty() && rows.lines.size() != n)
        throw DataError(rows.source + ": " + std::to_string(rows.lines.size()) + " line numbers for " +
                        std::to_string(n) + " rows");

    Panel p;
    p.outcome_name = rows.outcome_name;
    p.covariate_names = rows.covariate_names;
    std::unordered_map<std::string, std::size_t> unit_of;
    std::vector<std::size_t> row_unit(n);
    for (std::size_t r = 0; r < n; ++r) {
        if (rows.unit[r].empty())
            throw DataError(rows.source.empty()
                                ? "row " + std::to_string(r + 1) + " (period " + std::to_string(rows.period[r]) +
                                      ") has an empty unit name"
                                : located(rows, r, rows.unit_name) + ": the unit name is empty");
        auto [it, added] = unit_of.try_emplace(rows.unit[r], p.units.size());
        if (added) p.units.push_back(rows.unit[r]);
        row_unit[r] = it->second;
    }
    p.periods = rows.period;
    std::sort(p.periods.begin(), p.periods.end());
    p.periods.erase(std::unique(p.periods.begin(), p.periods.end()), p.periods.end());

    const auto U = static_cast<Eigen::Index>(p.units.size());
    const auto T = static_cast<Eigen::Index>(p.periods.size());
    p.outcome = Eigen::MatrixXd::Constant(U, T, nan);
    p.covariates.assign(rows.covariates.size(), Eigen::MatrixXd::Constant(U, T, nan));
    std::vector<std::size_t> first_row(static_cast<std::size_t>(U) * static_cast<std::size_t>(T), n);

    for (std::size_t r = 0; r < n; ++r) {
        const auto i = row_unit[r];
        const auto t = static_cast<std::size_t>(std::lower_bound(p.periods.begin(), p.periods.end(), rows.period[r]) -
                                                p.periods.begin());
        const double y = rows.outcome[r];
        if (!std::isfinite(y))
            throw DataError(located(rows, r, rows.outcome_name) + ": " + rows.outcome_name + " is " +
                            (std::isnan(y) ? "missing (NaN)" : "infinite") +
                            "; drop the row if the unit was not observed in that period");
        auto& first = first_row[i * static_cast<std::size_t>(T) + t];
        if (first != n)
            throw DataError(rows.source.empty()
                                ? row_where(r, rows.unit[r], rows.period[r]) + " duplicates row " +
                                      std::to_string(first + 1) + ": one row per unit and period"
                                : located(rows, r, rows.period_name) + ": duplicates " + other_row(rows, first) +
                                      ": one row per unit and period");
        first = r;
        p.outcome(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(t)) = y;
        for (std::size_t c = 0; c < rows.covariates.size(); ++c)
            p.covariates[c](static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(t)) = rows.covariates[c][r];
    }

    p.adoption.assign(p.units.size(), std::nullopt);
    if (!rows.adoption.empty()) {
        std::vector<std::size_t> seen(p.units.size(), n);
        for (std::size_t r = 0; r < n; ++r) {
            const auto i = row_unit[r];
            if (seen[i] == n) {
                seen[i] = r;
                p.adoption[i] = rows.adoption[r];
            } else if (p.adoption[i] != rows.adoption[r]) {
                auto text = [](const std::optional<std::int64_t>& a) { return a ? std::to_string(*a) : std::string("never"); };
                throw DataError(located(rows, r, rows.adoption_name) + ": adoption period " + text(rows.adoption[r]) +
                                " differs from " + text(p.adoption[i]) + " on " + other_row(rows, seen[i]) +
                                ": a unit adopts once");
            }
        }
    } else if (!rows.treated.empty()) {
        // Walk each unit's rows in period order: the first 1 is the adoption, a later 0 breaks absorption.
        std::vector<std::size_t> order(n);
        for (std::size_t r = 0; r < n; ++r) order[r] = r;
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return row_unit[a] != row_unit[b] ? row_unit[a] < row_unit[b] : rows.period[a] < rows.period[b];
        });
        for (const auto r : order) {
            const double d = rows.treated[r];
            const auto i = row_unit[r];
            if (d != 0.0 && d != 1.0)
                throw DataError(located(rows, r, rows.treated_name) + ": treated is " + stats::format_number(d) +
                                "; it must be 0 or 1");
            if (d == 1.0 && !p.adoption[i]) p.adoption[i] = rows.period[r];
            if (d == 0.0 && p.adoption[i])
                throw DataError(located(rows, r, rows.treated_name) + ": treated is 0 after the unit was treated in " +
                                std::to_string(*p.adoption[i]) + "; treatment must stay on once adopted");
        }
    }
    return p;
}

Panel subpanel(const Panel& panel, std::span<const std::size_t> units, std::size_t first_period,
               std::size_t last_period) {
    if (units.empty()) throw DomainError("a sub-panel needs at least one unit");
    if (first_period > last_period || last_period >= panel.n_periods())
        throw DomainError("periods " + std::to_string(first_period) + " to " + std::to_string(last_period) +
                          " are not a window of the panel's " + std::to_string(panel.n_periods()) + " periods");
    Panel out;
    out.outcome_name = panel.outcome_name;
    out.covariate_names = panel.covariate_names;
    out.periods.assign(panel.periods.begin() + static_cast<std::ptrdiff_t>(first_period),
                       panel.periods.begin() + static_cast<std::ptrdiff_t>(last_period) + 1);
    const auto U = static_cast<Eigen::Index>(units.size());
    const auto T = static_cast<Eigen::Index>(out.periods.size());
    out.outcome.resize(U, T);
    out.covariates.assign(panel.covariates.size(), Eigen::MatrixXd(U, T));
    for (Eigen::Index k = 0; k < U; ++k) {
        const auto i = units[static_cast<std::size_t>(k)];
        if (i >= panel.n_units())
            throw DomainError("unit index " + std::to_string(i) + " is out of range for a panel of " +
                              std::to_string(panel.n_units()) + " units");
        out.units.push_back(panel.units[i]);
        out.adoption.push_back(panel.adoption[i]);
        const auto ii = static_cast<Eigen::Index>(i);
        out.outcome.row(k) = panel.outcome.row(ii).segment(static_cast<Eigen::Index>(first_period), T);
        for (std::size_t c = 0; c < panel.covariates.size(); ++c)
            out.covariates[c].row(k) = panel.covariates[c].row(ii).segment(static_cast<Eigen::Index>(first_period), T);
    }
    return out;
}

void require_balanced(const Panel& panel, std::string_view method) {
    for (std::size_t i = 0; i < panel.n_units(); ++i)
        for (std::size_t t = 0; t < panel.n_periods(); ++t)
            if (!panel.observed(i, t))
                throw DomainError(std::string(method) + " needs a balanced panel, but " +
                                  where(panel.units[i], panel.periods[t]) + " has no row");
}

void require_pre_periods(const Panel& panel, std::string_view method, std::size_t min_pre) {
    const auto treated = panel.treated_units();
    if (treated.empty()) throw DomainError(std::string(method) + " needs a treated unit; no unit adopts in the panel");
    for (const auto i : treated) {
        if (panel.pre_periods(i) < min_pre)
            throw DomainError(std::string(method) + " needs " + std::to_string(min_pre) + " period" +
                              (min_pre == 1 ? "" : "s") + " before adoption, but unit \"" + panel.units[i] +
                              "\" adopts in period " + std::to_string(*panel.adoption[i]) + " with " +
                              std::to_string(panel.pre_periods(i)) + " before it" +
                              (panel.periods.empty() ? std::string()
                                                     : " (the panel starts in " + std::to_string(panel.periods.front()) + ")"));
    }
}

void require_never_treated(const Panel& panel, std::string_view method) {
    if (panel.never_treated().empty())
        throw DomainError(std::string(method) + " needs at least one never-treated unit (a donor or control); every one of the " +
                          std::to_string(panel.n_units()) + " units adopts");
}

void require_varying_outcome(const Panel& panel, std::string_view method) {
    double first = nan;
    for (Eigen::Index i = 0; i < panel.outcome.size(); ++i) {
        const double y = panel.outcome.data()[i];
        if (std::isnan(y)) continue;
        if (std::isnan(first)) first = y;
        else if (y != first) return;
    }
    throw DomainError(std::string(method) + ": " + panel.outcome_name + " is the same (" + stats::format_number(first) +
                      ") for every unit and period, so no effect can be estimated");
}

}  // namespace hp::evaluation
