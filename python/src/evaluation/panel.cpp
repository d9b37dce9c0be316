// hp::evaluation::Panel (include/healthyplaces/evaluation/panel.hpp): the validated panel every evaluation
// method takes. Python builds one from a DataFrame in healthyplaces/evaluation/_panel.py.
#include "box.hpp"

#include <optional>

namespace {
namespace he = hp::evaluation;
using ColumnMajor = py::array_t<double, py::array::f_style | py::array::forcecast>;

std::vector<double> vector_of(const DoubleArray& a, const char* what) {
    const auto s = as_span(a, what);
    return {s.begin(), s.end()};
}
}  // namespace

void bind_evaluation_panel(py::module_& m) {
    py::class_<he::Panel>(m, "Panel", "Outcomes of units over periods (units x periods, NaN = not observed), each "
                                      "unit's adoption period (None = never) and optional covariates.")
        // No Python object is created, copied or released inside: the arrays are read through their buffers
        // (as_span, data()) with the GIL released, and taken by reference so no reference count changes.
        .def(py::init([](const std::vector<std::string>& unit, const IndexArray& period, const DoubleArray& outcome,
                         std::optional<std::vector<std::optional<std::int64_t>>> adoption,
                         const std::optional<DoubleArray>& treated, const std::vector<std::string>& covariate_names,
                         const std::optional<ColumnMajor>& covariates,
                         std::string outcome_name, std::string source, const std::optional<IndexArray>& lines,
                         std::vector<std::string> columns, std::string unit_name, std::string period_name,
                         std::string treated_name, std::string adoption_name) {
                 he::PanelRows rows;
                 rows.unit = unit;
                 const auto p = as_span(period, "periods");
                 rows.period.assign(p.begin(), p.end());
                 rows.outcome = vector_of(outcome, "outcomes");
                 if (adoption) rows.adoption = std::move(*adoption);
                 if (treated) rows.treated = vector_of(*treated, "treated indicators");
                 rows.covariate_names = covariate_names;
                 if (covariates) {
                     if (covariates->ndim() != 2)
                         throw hp::DataError("covariates must be a two-dimensional array (rows x covariates)");
                     const auto n = static_cast<std::size_t>(covariates->shape(0));
                     for (py::ssize_t c = 0; c < covariates->shape(1); ++c) {
                         const double* col = covariates->data() + c * covariates->shape(0);
                         rows.covariates.emplace_back(col, col + n);
                     }
                 }
                 rows.outcome_name = std::move(outcome_name);
                 rows.source = std::move(source);
                 if (lines) {
                     const auto l = as_span(*lines, "lines");
                     for (const auto v : l) {
                         if (v < 1) throw hp::DataError("line numbers start at 1; got " + std::to_string(v));
                         rows.lines.push_back(static_cast<std::size_t>(v));
                     }
                 }
                 rows.columns = std::move(columns);
                 rows.unit_name = std::move(unit_name);
                 rows.period_name = std::move(period_name);
                 rows.treated_name = std::move(treated_name);
                 rows.adoption_name = std::move(adoption_name);
                 return he::make_panel(rows);
             }),
             py::call_guard<Interruptible>(),
             py::arg("unit"), py::arg("period"), py::arg("outcome"), py::arg("adoption") = py::none(),
             py::arg("treated") = py::none(), py::arg("covariate_names") = std::vector<std::string>{},
             py::arg("covariates") = py::none(), py::arg("outcome_name") = "outcome", py::arg("source") = "",
             py::arg("lines") = py::none(), py::arg("columns") = std::vector<std::string>{},
             py::arg("unit_name") = "unit", py::arg("period_name") = "period", py::arg("treated_name") = "treated",
             py::arg("adoption_name") = "adoption",
             "Validates the long table (one row per unit and period). DataError naming unit and period for a NaN "
             "outcome, a duplicate row, an inconsistent adoption period or a non-absorbing treated indicator; with "
             "a source (a file name), the lines (each row's physical line) and the file's columns, also the file, "
             "line and column.")
        .def_readonly("outcome_name", &he::Panel::outcome_name)
        .def_readonly("units", &he::Panel::units)
        .def_property_readonly("periods", [](const he::Panel& p) {
            return py::array_t<std::int64_t>(static_cast<py::ssize_t>(p.periods.size()), p.periods.data());
        })
        .def_readonly("outcome", &he::Panel::outcome, "units x periods (a copy); NaN = not observed")
        .def_readonly("covariate_names", &he::Panel::covariate_names)
        .def("covariate", [](const he::Panel& p, std::string_view name) { return p.covariates[p.covariate_index(name)]; },
             py::arg("name"), "A covariate as units x periods (a copy); NaN = missing.")
        .def_readonly("adoption", &he::Panel::adoption)
        .def_property_readonly("n_units", &he::Panel::n_units)
        .def_property_readonly("n_periods", &he::Panel::n_periods)
        .def_property_readonly("balanced", &he::Panel::balanced)
        .def_property_readonly("treated_units", &he::Panel::treated_units)
        .def_property_readonly("never_treated", &he::Panel::never_treated)
        .def_property_readonly("cohorts", &he::Panel::cohorts)
        .def("pre_periods", [](const he::Panel& p, std::size_t unit) {
                 if (unit >= p.n_units()) throw hp::DomainError("unit index " + std::to_string(unit) + " is out of range");
                 return p.pre_periods(unit);
             }, py::arg("unit"))
        .def("unit_index", &he::Panel::unit_index, py::arg("name"))
        .def("period_index", &he::Panel::period_index, py::arg("period"))
        .def("subpanel", [](const he::Panel& p, const std::vector<std::size_t>& units, std::size_t first, std::size_t last) {
                 return he::subpanel(p, units, first, last);
             }, py::arg("units"), py::arg("first_period"), py::arg("last_period"),
             "The given units (indices, in that order) over periods first..last (indices, inclusive).")
        .def(py::pickle(
            [](const he::Panel& p) {
                return py::make_tuple(p.outcome_name, p.units, p.periods, p.outcome, p.covariate_names, p.covariates,
                                      p.adoption);
            },
            [](const py::tuple& t) {
                if (t.size() != 7) throw hp::DataError("not a pickled Panel");
                he::Panel p;
                p.outcome_name = t[0].cast<std::string>();
                p.units = t[1].cast<std::vector<std::string>>();
                p.periods = t[2].cast<std::vector<std::int64_t>>();
                p.outcome = t[3].cast<Eigen::MatrixXd>();
                p.covariate_names = t[4].cast<std::vector<std::string>>();
                p.covariates = t[5].cast<std::vector<Eigen::MatrixXd>>();
                p.adoption = t[6].cast<std::vector<std::optional<std::int64_t>>>();
                return p;
            }))
        .def("__repr__", [](const he::Panel& p) {
            return "Panel(" + std::to_string(p.n_units()) + " units x " + std::to_string(p.n_periods()) + " periods, " +
                   std::to_string(p.treated_units().size()) + " treated, " + (p.balanced() ? "balanced" : "unbalanced") + ")";
        });

    m.def("require_balanced", &he::require_balanced, py::arg("panel"), py::arg("method"));
    m.def("require_pre_periods", &he::require_pre_periods, py::arg("panel"), py::arg("method"), py::arg("min_pre") = 1);
    m.def("require_never_treated", &he::require_never_treated, py::arg("panel"), py::arg("method"));
    m.def("require_varying_outcome", &he::require_varying_outcome, py::arg("panel"), py::arg("method"));
}
