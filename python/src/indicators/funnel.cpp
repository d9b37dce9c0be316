// hp::indicators bindings: funnel-plot limits and overdispersion (include/healthyplaces/indicators/funnel.hpp).
#include "box.hpp"

#include <optional>

namespace {
namespace hi = hp::indicators;

hi::FunnelOptions options_of(const std::string& kind, const std::string& method, std::vector<double> confidence_level,
                             double multiplier, const std::string& od, double winsorise, double truncate) {
    hi::FunnelOptions o;
    o.kind = hi::parse_funnel_kind(kind);
    o.method = hi::parse_funnel_method(method);
    o.confidence_level = std::move(confidence_level);
    o.multiplier = multiplier;
    o.overdispersion = hi::parse_overdispersion(od);
    o.winsorise = winsorise;
    o.truncate = truncate;
    return o;
}
}  // namespace

void bind_indicators_funnel(py::module_& m) {
    using hi::Funnel;
    py::class_<Funnel>(m, "Funnel", "Funnel-plot result: values, z-scores, limits at each organisation's denominator, "
                                    "significance, phi and tau2.")
        .def_property_readonly("kind", [](const Funnel& f) { return hi::to_string(f.kind); })
        .def_readonly("method", &Funnel::method)
        .def_readonly("target", &Funnel::target)
        .def_readonly("confidence_level", &Funnel::confidence_level)
        .def_property_readonly("value", [](const Funnel& f) { return array_of(f.value); })
        .def_property_readonly("z", [](const Funnel& f) { return array_of(f.z); })
        .def_property_readonly("z_adjusted", [](const Funnel& f) { return array_of(f.z_adjusted); })
        .def_property_readonly("s", [](const Funnel& f) { return array_of(f.s); })
        .def_property_readonly("lower", [](const Funnel& f) { return rows_of(f.lower, f.size()); })
        .def_property_readonly("upper", [](const Funnel& f) { return rows_of(f.upper, f.size()); })
        .def_property_readonly("direction", [](const Funnel& f) {
            return py::array_t<std::int8_t>(static_cast<py::ssize_t>(f.direction.size()), f.direction.data());
        })
        .def_property_readonly("beyond", [](const Funnel& f) { return array_of(f.beyond); })
        .def_readonly("significance", &Funnel::significance)
        .def_readonly("phi", &Funnel::phi)
        .def_readonly("tau2", &Funnel::tau2)
        .def_readonly("n_used", &Funnel::n_used)
        .def("__len__", &Funnel::size);
    m.def("funnel_kind", [](const std::string& kind) { return hi::to_string(hi::parse_funnel_kind(kind)); },
          py::arg("kind"), "The kind's name, checked (DomainError naming the kinds otherwise).");
    m.def(
        "funnel",
        [](const DoubleArray& numerator, const DoubleArray& denominator, const std::string& kind,
           const std::string& method, std::vector<double> confidence_level, double multiplier, const std::string& od,
           double winsorise, double truncate, std::optional<double> target) {
            const auto o = options_of(kind, method, std::move(confidence_level), multiplier, od, winsorise, truncate);
            return hi::funnel(as_span(numerator, "numerators"), as_span(denominator, "denominators"), o, target);
        },
        py::call_guard<Interruptible>(), py::arg("numerator"), py::arg("denominator"),
        py::arg("kind") = "proportion", py::arg("method") = "auto",
        py::arg("confidence_level") = std::vector<double>{0.95, 0.998}, py::arg("multiplier") = 1.0,
        py::arg("overdispersion") = "none", py::arg("winsorise") = 0.1, py::arg("truncate") = 0.0,
        py::arg("target") = py::none(),
        "Funnel plot for numerator/denominator per organisation: z-scores, phi, tau2, limits and significance.");
    m.def(
        "funnel_limits",
        [](const DoubleArray& denominator, std::optional<double> target, const std::string& kind,
           const std::string& method, std::vector<double> confidence_level, double multiplier, const std::string& od,
           double phi, double tau2, const std::optional<DoubleArray>& numerator, std::optional<std::int64_t> n_points) {
            const auto o = options_of(kind, method, std::move(confidence_level), multiplier, od, 0.1, 0.0);
            const auto n = as_span(denominator, "denominators");
            const double t = target ? *target
                                    : hi::default_target(o, numerator ? as_span(*numerator, "numerators")
                                                                      : std::span<const double>{}, n);
            std::optional<std::vector<double>> grid;
            if (n_points) grid = hi::funnel_grid(n, *n_points);
            auto limits = hi::funnel_limits(grid ? std::span<const double>(*grid) : n, t, o, phi, tau2);
            return std::make_pair(std::move(grid), std::move(limits));
        },
        py::call_guard<Interruptible>(), py::arg("denominator"), py::arg("target") = py::none(),
        py::arg("kind") = "proportion", py::arg("method") = "auto",
        py::arg("confidence_level") = std::vector<double>{0.95, 0.998}, py::arg("multiplier") = 1.0,
        py::arg("overdispersion") = "none", py::arg("phi") = 1.0, py::arg("tau2") = 0.0,
        py::arg("numerator") = py::none(), py::arg("n_points") = py::none(),
        "Funnel control limits around target at each denominator (expected count for ratios), or at n_points "
        "denominators spanning them geometrically: (the grid or None, Intervals). Without target, the overall "
        "numerator/denominator (1 for ratios) x multiplier.");
    m.def(
        "funnel_dispersion",
        [](const DoubleArray& z, const DoubleArray& s, double winsorise, double truncate) {
            const auto d = hi::dispersion(as_span(z, "z-scores"), as_span(s, "standard errors"), winsorise, truncate);
            return std::make_tuple(d.phi, d.tau2, d.n_used);
        },
        py::call_guard<Interruptible>(), py::arg("z"), py::arg("s"), py::arg("winsorise") = 0.1, py::arg("truncate") = 0.0,
        "(phi, tau2, n_used) from z-scores and standard errors, winsorised or truncated as FunnelPlotR.");
}
