#pragma once
// A panel: one outcome for each unit (area, council, trust) in each period, the period each unit adopted the
// intervention (or never), and optional covariates. Every evaluation method (difference-in-differences,
// Callaway-Sant'Anna, synthetic control, power by simulation) starts from one, so the long table is validated
// once, here, with errors naming the unit and period at fault.
#include <Eigen/Core>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hp::evaluation {

/// The long table as read: one row per unit and period, columns aligned.
struct PanelRows {
    std::vector<std::string> unit;
    std::vector<std::int64_t> period;
    std::vector<double> outcome;
    /// The first period a unit is treated (nullopt: never), repeated on every row of the unit; or empty.
    std::vector<std::optional<std::int64_t>> adoption;
    /// Alternatively 0/1 per row: treated in this period; once 1, 1 in every later period of the unit; or empty.
    std::vector<double> treated;
    std::vector<std::string> covariate_names;
    std::vector<std::vector<double>> covariates;  ///< one column per name, aligned with the rows; NaN = missing
    std::string outcome_name = "outcome";         ///< for messages

    // Where the rows came from, for messages. With a source, errors name the file, the physical line and the column
    // ("panel.csv, line 7, column 3 (admissions), unit "Torbay", period 2020: ..."); without one, the row (1-based).
    std::string source;                  ///< file name; empty: rows are named by number
    std::vector<std::size_t> lines;      ///< with a source: the physical line of each row in the file
    std::vector<std::string> columns;    ///< with a source: the file's header, to number the columns
    std::string unit_name = "unit";      ///< the column names of the unit, period, treated and adoption values
    std::string period_name = "period";
    std::string treated_name = "treated";
    std::string adoption_name = "adoption";
};

/// Outcomes in wide form: units x periods, NaN where a unit was not observed in a period.
struct Panel {
    std::string outcome_name = "outcome";
    std::vector<std::string> units;             ///< in order of first appearance in the rows
    std::vector<std::int64_t> periods;          ///< every period that occurs, ascending
    Eigen::MatrixXd outcome;                    ///< units x periods; NaN = not observed
    std::vector<std::string> covariate_names;
    std::vector<Eigen::MatrixXd> covariates;    ///< each units x periods; NaN = not observed or missing
    std::vector<std::optional<std::int64_t>> adoption;  ///< per unit: first treated period, nullopt = never

    std::size_t n_units() const noexcept { return units.size(); }
    std::size_t n_periods() const noexcept { return periods.size(); }
    bool observed(std::size_t unit, std::size_t t) const noexcept;
    /// Every unit observed in every period.
    bool balanced() const noexcept;
    /// Unit treated in period index t (adopted at or before periods[t]).
    bool treated(std::size_t unit, std::size_t t) const noexcept;
    bool ever_treated(std::size_t unit) const noexcept { return adoption[unit].has_value(); }

    /// Index of a unit by name; DomainError naming it (and listing a few units) when absent.
    std::size_t unit_index(std::string_view name) const;
    /// Index of a period; DomainError naming it when absent.
    std::size_t period_index(std::int64_t period) const;
    /// Index of a covariate by name; DomainError naming it when absent.
    std::size_t covariate_index(std::string_view name) const;

    std::vector<std::size_t> treated_units() const;  ///< units with an adoption period
    std::vector<std::size_t> never_treated() const;  ///< units without one
    /// Distinct adoption periods (the cohorts of a staggered design), ascending.
    std::vector<std::int64_t> cohorts() const;
    /// Number of periods before a unit's adoption (all periods for a never-treated unit).
    std::size_t pre_periods(std::size_t unit) const noexcept;
};

/// Validates a long table into a panel. DataError, naming the unit and period (and the file, line and column when
/// `rows.source` is given), for: columns
/// of different lengths, no rows, an empty unit name, a NaN or infinite outcome, a duplicate unit-period row,
/// an adoption period that differs between rows of one unit, a `treated` value other than 0/1, a unit whose
/// `treated` goes from 1 back to 0 (adoption must be absorbing), both `adoption` and `treated` given.
/// Covariates may be NaN (missing). Rows need not be sorted and the panel need not be balanced.
Panel make_panel(const PanelRows& rows);

/// The panel's outcome and covariates restricted to the given units (in that order) and periods [first, last]
/// (indices, inclusive). DomainError for an empty or out-of-range selection.
Panel subpanel(const Panel& panel, std::span<const std::size_t> units, std::size_t first_period,
               std::size_t last_period);

// Checks a method makes before it estimates, each a DomainError naming the unit and period at fault.

/// Every unit observed in every period; `method` names who needs it ("synthetic control needs ...").
void require_balanced(const Panel& panel, std::string_view method);
/// At least one treated unit, each with at least `min_pre` periods before adoption.
void require_pre_periods(const Panel& panel, std::string_view method, std::size_t min_pre = 1);
/// At least one never-treated unit (a donor or control).
void require_never_treated(const Panel& panel, std::string_view method);
/// The outcome varies across the observed cells (a constant outcome identifies nothing).
void require_varying_outcome(const Panel& panel, std::string_view method);

}  // namespace hp::evaluation
