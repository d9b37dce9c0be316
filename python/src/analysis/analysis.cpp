// analysis/: sector comparison, competency gaps, pilot candidates.
#include "box.hpp"

void bind_analysis(py::module_& m) {
    using namespace hp;
    using namespace hp::core;
    using namespace hp::analysis;
    py::native_enum<GroupBy>(m, "GroupBy", "enum.Enum")
        .value("sector", GroupBy::sector)
        .value("kind", GroupBy::kind)
        .value("star_rating", GroupBy::star_rating)
        .finalize();

    py::class_<SectorComparison>(m, "SectorComparison")
        .def_readonly("framework", &SectorComparison::framework)
        .def_readonly("groups", &SectorComparison::groups)
        .def_readonly("group_sizes", &SectorComparison::group_sizes)
        .def_readonly("categories", &SectorComparison::categories)
        .def_readonly("summaries", &SectorComparison::summaries)
        .def("at", &SectorComparison::at, py::arg("category"), py::arg("group"), py::return_value_policy::copy);

    // The table is kept alive by the caller's reference; summaries over large tables need no Python.
    m.def("compare_sectors", &compare_sectors, py::arg("table"), py::arg("by") = GroupBy::sector,
          py::arg("method") = stats::QuantileMethod::linear, py::call_guard<Interruptible>());
    m.def("compare_groups",
          [](const ScoreTable& t, const std::vector<std::string>& labels, stats::QuantileMethod method) {
              return compare_groups(t, labels, method);
          },
          py::arg("table"), py::arg("labels"), py::arg("method") = stats::QuantileMethod::linear,
          py::call_guard<Interruptible>());
    m.def("group_labels", &group_labels, py::arg("table"), py::arg("by"));

    py::class_<PairedCategoryTest>(m, "PairedCategoryTest",
                                   "One category: council minus NHS body across areas, Wilcoxon test and shift.")
        .def_readonly("category", &PairedCategoryTest::category)
        .def_readonly("n_pairs", &PairedCategoryTest::n_pairs)
        .def_readonly("council_higher", &PairedCategoryTest::council_higher)
        .def_readonly("tied", &PairedCategoryTest::tied)
        .def_readonly("nhs_higher", &PairedCategoryTest::nhs_higher)
        .def_readonly("mean_difference", &PairedCategoryTest::mean_difference)
        .def_readonly("wilcoxon", &PairedCategoryTest::wilcoxon)
        .def_readonly("pvalue_adjusted", &PairedCategoryTest::pvalue_adjusted)
        .def_readonly("shift", &PairedCategoryTest::shift)
        .def_readonly("rank_biserial", &PairedCategoryTest::rank_biserial)
        .def_readonly("note", &PairedCategoryTest::note)
        .def_property_readonly("tested", &PairedCategoryTest::tested);
    m.def("paired_sector_tests",
          [](const ScoreTable& t, const std::string& alternative, const std::string& method,
             const std::string& zero_method, const std::string& adjust, double confidence_level) {
              PairedComparisonOptions o;
              o.alternative = stats::parse_alternative(alternative);
              o.method = stats::parse_test_method(method);
              o.zero_method = stats::parse_zero_method(zero_method);
              o.adjust = stats::parse_adjust_method(adjust);
              o.confidence_level = confidence_level;
              return paired_sector_tests(t, o);
          },
          py::arg("table"), py::arg("alternative") = "two-sided", py::arg("method") = "exact",
          py::arg("zero_method") = "wilcox", py::arg("adjust") = "holm", py::arg("confidence_level") = 0.95,
          py::call_guard<Interruptible>(),
          "Per category, the paired Wilcoxon signed-rank test of council against NHS body across areas, "
          "multiplicity-adjusted p-values and the Hodges-Lehmann shift with its interval.");

    py::class_<AreaGap>(m, "AreaGap")
        .def_readonly("area", &AreaGap::area)
        .def_readonly("council", &AreaGap::council)
        .def_readonly("nhs_body", &AreaGap::nhs_body)
        .def_readonly("coterminosity", &AreaGap::coterminosity)
        .def_readonly("council_stars", &AreaGap::council_stars)
        .def_readonly("nhs_stars", &AreaGap::nhs_stars)
        .def_readonly("gaps", &AreaGap::gaps)
        .def_readonly("council_total", &AreaGap::council_total)
        .def_readonly("nhs_total", &AreaGap::nhs_total)
        .def_readonly("total_gap", &AreaGap::total_gap)
        .def_readonly("n_compared", &AreaGap::n_compared)
        .def_readonly("rank", &AreaGap::rank)
        .def("__repr__", [](const AreaGap& g) {
            return "AreaGap('" + g.area + "', total_gap=" + (g.total_gap ? std::to_string(*g.total_gap) : "None") +
                   ", rank=" + std::to_string(g.rank) + ")";
        });
    m.def("competency_gaps", &competency_gaps, py::arg("table"), py::call_guard<Interruptible>());

    py::class_<PilotCriteria>(m, "PilotCriteria")
        .def(py::init([](std::optional<int> min_council_stars, std::optional<int> max_nhs_stars, double min_coterminosity,
                         std::optional<int> min_total_gap) {
                 return PilotCriteria{min_council_stars, max_nhs_stars, min_coterminosity, min_total_gap};
             }),
             py::arg("min_council_stars") = 4, py::arg("max_nhs_stars") = 1, py::arg("min_coterminosity") = 1.0,
             py::arg("min_total_gap") = py::none())
        .def_readonly("min_council_stars", &PilotCriteria::min_council_stars)
        .def_readonly("max_nhs_stars", &PilotCriteria::max_nhs_stars)
        .def_readonly("min_coterminosity", &PilotCriteria::min_coterminosity)
        .def_readonly("min_total_gap", &PilotCriteria::min_total_gap);
    py::class_<PilotScreen>(m, "PilotScreen")
        .def_readonly("candidates", &PilotScreen::candidates)
        .def_readonly("excluded", &PilotScreen::excluded);
    m.def("pilot_candidates", &pilot_candidates, py::arg("table"), py::arg("criteria") = PilotCriteria{});
}
