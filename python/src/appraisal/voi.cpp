// EVPI and EVPPI (healthyplaces/appraisal/value_of_information.hpp).
#include "box.hpp"

using namespace hp::appraisal;

void bind_appraisal_voi(py::module_& m) {
    py::class_<EvpiResult>(m, "EvpiResult")
        .def_readonly("n_sims", &EvpiResult::n_sims)
        .def_readonly("options", &EvpiResult::options)
        .def_readonly("mean_net_benefit", &EvpiResult::mean_net_benefit)
        .def_readonly("p_best", &EvpiResult::p_best)
        .def_readonly("best", &EvpiResult::best)
        .def_readonly("evpi", &EvpiResult::evpi)
        .def_readonly("standard_error", &EvpiResult::standard_error);
    py::class_<EvppiEstimate>(m, "EvppiEstimate")
        .def_readonly("group", &EvppiEstimate::group)
        .def_readonly("inputs", &EvppiEstimate::inputs)
        .def_readonly("evppi", &EvppiEstimate::evppi)
        .def_readonly("standard_error", &EvppiEstimate::standard_error)
        .def_readonly("basis_size", &EvppiEstimate::basis_size)
        .def_readonly("edf", &EvppiEstimate::edf)
        .def_readonly("smoothing", &EvppiEstimate::smoothing);
    py::class_<EvppiResult>(m, "EvppiResult")
        .def_readonly("perfect", &EvppiResult::perfect)
        .def_readonly("reference", &EvppiResult::reference)
        .def_readonly("estimates", &EvppiResult::estimates);
    m.attr("max_evppi_group") = max_evppi_group;
    m.def("evpi", &evpi, py::arg("net_benefit"), py::arg("options") = std::vector<std::string>{},
          py::call_guard<Interruptible>(),
          "EVPI of a PSA (net_benefit: n_sims x options), its Monte Carlo standard error and P(best) per option.");
    m.def(
        "evppi",
        [](const Eigen::MatrixXd& net_benefit, const Eigen::MatrixXd& inputs, const std::vector<std::vector<int>>& groups,
           const std::vector<std::string>& options, const std::vector<std::string>& input_names, Threads threads) {
            return evppi(net_benefit, inputs, groups, EvppiOptions{options, input_names, threads});
        },
        py::arg("net_benefit"), py::arg("inputs"), py::arg("groups"), py::arg("options") = std::vector<std::string>{},
        py::arg("input_names") = std::vector<std::string>{}, py::arg("threads") = Threads{},
        py::call_guard<Interruptible>(),
        "EVPPI of each group of input columns by Strong, Oakley & Brennan's regression (P-spline, GCV).");
}
