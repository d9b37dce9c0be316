// hp::indicators bindings: funnel-plot limits and overdispersion (include/healthyplaces/indicators/funnel.hpp).
#include "box.hpp"

#include <optional>

namespace {
namespace hi = hp::indicators;

hi::FunnelKind funnel_kind(const std::string& k) {
    if (k == "proportion") return hi::FunnelKind::proportion;
    if (k == "ratio") return hi::FunnelKind::ratio;
    if (k == "rate") return hi::FunnelKind::rate;
    throw hp::DomainError("funnel: kind must be \"proportion\", \"ratio\" or \"rate\", got \"" + k + "\"");
}

hi::FunnelMethod funnel_method(const std::string& m) {
    if (m == "auto") return hi::FunnelMethod::automatic;
    if (m == "wilson") return hi::FunnelMethod::wilson;
    if (m == "exact") return hi::FunnelMethod::exact;
    if (m == "chisq") return hi::FunnelMethod::chisq;
    throw hp::DomainError("funnel: method must be \"auto\", \"wilson\", \"exact\" or \"chisq\", got \"" + m + "\"");
}

hi::Overdispersion overdispersion(const std::string& o) {
    if (o == "none") return hi::Overdispersion::none;
    if (o == "multiplicative") return hi::Overdispersion::multiplicative;
    if (o == "additive") return hi::Overdispersion::additive;
    throw hp::DomainError("funnel: overdispersion must be None, \"multiplicative\" or \"additive\", got \"" + o + "\"");
}

hi::FunnelOptions options_of(const std::string& kind, const std::string& method, std::vector<double> confidence,
                             double multiplier, const std::string& od, double winsorise, double truncate) {
    hi::FunnelOptions o;
    o.kind = funnel_kind(kind);
    o.method = funnel_method(method);
    o.confidence = std::move(confidence);
    o.multiplier = multiplier;
    o.overdispersion = overdispersion(od);
    o.winsorise = winsorise;
    o.truncate = truncate;
    return o;
}
}  // namespace

void bind_indicators_funnel(py::module_& m) {
    using hi::Funnel;
    py::class_<Funnel>(m, "Funnel", "Funnel-plot result: values, z-scores, limits at each organisation's denominator, "
                                    "significance, phi and tau2.")
        .def_property_readonly("kind", [](const Funnel& f) {
            return f.kind == hi::FunnelKind::proportion ? "proportion" : f.kind == hi::FunnelKind::ratio ? "ratio" : "rate";
        })
        .def_readonly("method", &Funnel::method)
        .def_readonly("target", &Funnel::target)
        .def_readonly("confidence", &Funnel::confidence)
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
    m.def(
        "funnel",
        [](const DoubleArray& numerator, const DoubleArray& denominator, const std::string& kind,
           const std::string& method, std::vector<double> confidence, double multiplier, const std::string& od,
           double winsorise, double truncate, std::optional<double> target) {
            const auto o = options_of(kind, method, std::move(confidence), multiplier, od, winsorise, truncate);
            auto x = as_span(numerator, "numerators"), n = as_span(denominator, "denominators");
            py::gil_scoped_release release;
            return hi::funnel(x, n, o, target);
        },
        py::arg("numerator"), py::arg("denominator"), py::arg("kind") = "proportion", py::arg("method") = "auto",
        py::arg("confidence") = std::vector<double>{0.95, 0.998}, py::arg("multiplier") = 1.0,
        py::arg("overdispersion") = "none", py::arg("winsorise") = 0.1, py::arg("truncate") = 0.0,
        py::arg("target") = py::none(),
        "Funnel plot for numerator/denominator per organisation: z-scores, phi, tau2, limits and significance.");
    m.def(
        "funnel_limits",
        [](const DoubleArray& denominator, double target, const std::string& kind, const std::string& method,
           std::vector<double> confidence, double multiplier, const std::string& od, double phi, double tau2) {
            const auto o = options_of(kind, method, std::move(confidence), multiplier, od, 0.1, 0.0);
            auto n = as_span(denominator, "denominators");
            py::gil_scoped_release release;
            return hi::funnel_limits(n, target, o, phi, tau2);
        },
        py::arg("denominator"), py::arg("target"), py::arg("kind") = "proportion", py::arg("method") = "auto",
        py::arg("confidence") = std::vector<double>{0.95, 0.998}, py::arg("multiplier") = 1.0,
        py::arg("overdispersion") = "none", py::arg("phi") = 1.0, py::arg("tau2") = 0.0,
        "Funnel control limits around target at each denominator (expected count for ratios), as Intervals.");
    m.def(
        "funnel_dispersion",
        [](const DoubleArray& z, const DoubleArray& s, double winsorise, double truncate) {
            const auto d = hi::dispersion(as_span(z, "z-scores"), as_span(s, "standard errors"), winsorise, truncate);
            return py::make_tuple(d.phi, d.tau2, d.n_used);
        },
        py::arg("z"), py::arg("s"), py::arg("winsorise") = 0.1, py::arg("truncate") = 0.0,
        "(phi, tau2, n_used) from z-scores and standard errors, winsorised or truncated as FunnelPlotR.");
}
