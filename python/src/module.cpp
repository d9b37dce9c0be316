// healthyplaces._core: the compiled core, one submodule per box (healthyplaces._core.<box>), registered bottom
// to top so that every type a box returns is known before a box above uses it. The Python package on top
// (python/healthyplaces/<box>/) re-exports each submodule with pandas in and out.
#include "common.hpp"

void bind_stats(py::module_& m);
void bind_numerics(py::module_& m);
void bind_core(py::module_& m);
void bind_io(py::module_& m);
void bind_integration(py::module_& m);
void bind_datasets(py::module_& m);
void bind_indicators(py::module_& m);
void bind_demography(py::module_& m);
void bind_finance(py::module_& m);
void bind_evaluation(py::module_& m);
void bind_analysis(py::module_& m);
void bind_appraisal(py::module_& m);

PYBIND11_MODULE(_core, m, py::mod_gil_not_used()) {
    m.doc() = "healthyplaces compiled core (C++20). Use the `healthyplaces` package, not this module directly.";
    m.attr("__version__") = HP_VERSION_INFO;

    // base: C++ hp::Error and its children become ValueError subclasses with the same message.
    // Registered base first: pybind11 tries translators newest first, so the most derived class wins.
    auto& error = py::register_exception<hp::Error>(m, "Error", PyExc_ValueError);
    auto& data_error = py::register_exception<hp::DataError>(m, "DataError", error.ptr());
    auto& domain_error = py::register_exception<hp::DomainError>(m, "DomainError", error.ptr());
    auto& arrangement_error = py::register_exception<hp::ArrangementError>(m, "ArrangementError", domain_error.ptr());
    error.attr("__doc__") = "Base of every healthyplaces error; a ValueError.";
    data_error.attr("__doc__") = "Malformed or out-of-range input data; the message names file, line, column, "
                                 "organisation and category where it can.";
    domain_error.attr("__doc__") = "A request outside the domain: unknown category, empty group, bad option.";
    arrangement_error.attr("__doc__") = "An integration arrangement whose dimensions contradict each other.";
    register_cancelled(m);  // hp::Cancelled (Ctrl-C during a long call) -> KeyboardInterrupt

    auto box = [&m](const char* name, const char* doc, void (*bind)(py::module_&)) {
        auto sub = m.def_submodule(name, doc);
        bind(sub);
    };
    box("stats", "Statistics with no domain words: ordinal summaries, rank tests, effect sizes, resampling, "
                 "multiple testing.", bind_stats);
    box("numerics", "General numerics: least squares with statsmodels' covariances, weighted logit, quadratic "
                    "programmes on the simplex.", bind_numerics);
    box("core", "The vocabulary: organisations, frameworks of scored categories, areas, score tables.", bind_core);
    box("io", "Reading users' files with located errors; the embedded CSV text.", bind_io);
    box("integration", "Integration arrangements as five dimensions, their presets and order, the casebook.",
        bind_integration);
    box("datasets", "The embedded tables as domain objects.", bind_datasets);
    box("indicators", "Public-health indicators with confidence intervals (PHEindicatormethods' methods), funnel "
                      "plots and SPC charts.", bind_indicators);
    box("demography", "Populations by age band, their shares and dependency ratios, and cohort-component "
                      "projections.", bind_demography);
    box("finance", "Demand-led spend under uncertainty, pooled budgets and risk shares, the integration business "
                   "case and fair shares.", bind_finance);
    box("evaluation", "Did the pilot work? Panels, difference-in-differences, staggered adoption, synthetic control "
                      "and power.", bind_evaluation);
    box("analysis", "Sector comparison, competency gaps, paired sector tests and pilot candidates.", bind_analysis);
    box("appraisal", "Options appraisal for integration (HM Treasury's Green Book): long list, optimism bias, "
                     "economic appraisal on common random numbers, value of information, SMAA-2, staged "
                     "decisions.", bind_appraisal);
}
