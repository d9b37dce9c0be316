// hp::indicators bindings: XmR statistical process control charts (include/healthyplaces/indicators/spc.hpp).
#include "box.hpp"

namespace {
namespace hi = hp::indicators;

template <class T, class U>
py::array_t<T> array_as(const std::vector<U>& v) {
    py::array_t<T> out(static_cast<py::ssize_t>(v.size()));
    T* p = out.mutable_data();
    for (std::size_t i = 0; i < v.size(); ++i) p[i] = static_cast<T>(v[i]);
    return out;
}
}  // namespace

void bind_indicators_spc(py::module_& m) {
    m.def(
        "usual_time_step", [](const IndexArray& time) { return hi::usual_time_step(as_span(time, "time indices")); },
        py::call_guard<Interruptible>(), py::arg("time"),
        "The most common difference between consecutive time indices (the smallest if tied; 1 for fewer than two).");
    // The chart as a C++ value (the def runs without the GIL); its fields read as numpy arrays, by attribute or
    // by name (r["centre"]).
    using hi::XmrResult;
    py::class_<XmrResult>(m, "XmrChart", "An XmR chart's numbers: per-point arrays, per-segment dicts, gaps.")
        .def_property_readonly("centre", [](const XmrResult& r) { return array_of(r.centre); })
        .def_property_readonly("lower", [](const XmrResult& r) { return array_of(r.lower); })
        .def_property_readonly("upper", [](const XmrResult& r) { return array_of(r.upper); })
        .def_property_readonly("lower_2sigma", [](const XmrResult& r) { return array_of(r.lower_2sigma); })
        .def_property_readonly("upper_2sigma", [](const XmrResult& r) { return array_of(r.upper_2sigma); })
        .def_property_readonly("moving_range", [](const XmrResult& r) { return array_of(r.moving_range); })
        .def_property_readonly("moving_range_used", [](const XmrResult& r) { return array_as<bool>(r.moving_range_used); })
        .def_property_readonly("rule", [](const XmrResult& r) { return array_as<std::int8_t>(r.rule); })
        .def_property_readonly("variation", [](const XmrResult& r) { return array_as<std::int8_t>(r.variation); })
        .def_property_readonly("direction", [](const XmrResult& r) { return array_as<std::int8_t>(r.direction); })
        .def_property_readonly("segment", [](const XmrResult& r) { return array_as<std::int64_t>(r.segment); })
        .def_property_readonly("missing", [](const XmrResult& r) { return array_as<std::int64_t>(r.missing); })
        .def_property_readonly("gaps", [](const XmrResult& r) { return array_as<std::int64_t>(r.gaps); })
        .def_property_readonly("missing_periods", [](const XmrResult& r) { return array_of(r.missing_periods); })
        .def_property_readonly("assurance", [](const XmrResult& r) { return hi::to_string(r.assurance); })
        .def_property_readonly("improvement", [](const XmrResult& r) { return hi::to_string(r.improvement); })
        .def_property_readonly("segments",
                               [](const XmrResult& r) {
                                   py::list segs;
                                   for (const auto& s : r.segments) {
                                       py::dict e;
                                       e["start"] = s.start;
                                       e["size"] = s.size;
                                       e["baseline_points"] = s.baseline_points;
                                       e["moving_ranges"] = s.moving_ranges;
                                       e["centre"] = s.centre;
                                       e["mean_moving_range"] = s.mean_moving_range;
                                       e["lower"] = s.lower;
                                       e["upper"] = s.upper;
                                       e["lower_2sigma"] = s.lower_2sigma;
                                       e["upper_2sigma"] = s.upper_2sigma;
                                       segs.append(e);
                                   }
                                   return segs;
                               })
        .def("__getitem__", [](py::object self, const std::string& name) { return self.attr(name.c_str()); })
        .def("__len__", &XmrResult::size);
    m.def(
        "xmr",
        [](const DoubleArray& values, const IndexArray& time, const std::string& improvement, double target,
           std::vector<std::int64_t> rebase, std::int64_t fix_after, bool screen_outliers, std::int64_t shift_length,
           std::int64_t trend_length, std::int64_t time_step) {
            hi::XmrOptions o;
            o.improvement = hi::parse_improvement(improvement);
            o.target = target;
            o.rebase = std::move(rebase);
            o.fix_after = fix_after;
            o.screen_outliers = screen_outliers;
            o.shift_length = shift_length;
            o.trend_length = trend_length;
            o.time_step = time_step;
            return hi::xmr(as_span(values, "values"), as_span(time, "time indices"), o);
        },
        py::call_guard<Interruptible>(),
        py::arg("values"), py::arg("time"), py::arg("improvement") = "increase",
        py::arg("target") = std::numeric_limits<double>::quiet_NaN(), py::arg("rebase") = std::vector<std::int64_t>{},
        py::arg("fix_after") = 0, py::arg("screen_outliers") = false, py::arg("shift_length") = 7,
        py::arg("trend_length") = 7, py::arg("time_step") = 1,
        "XmR chart (NHS Making Data Count rules) of values at integer time indices (empty: 0, 1, 2, ...): an XmrChart of "
        "per-point arrays (centre, lower, upper, lower_2sigma, upper_2sigma, moving_range, moving_range_used, rule "
        "codes 0 none 1 outside limits 2 trend 3 two of three 4 shift, variation codes 0 missing 1 common cause 2 "
        "improvement 3 concern 4 neither, direction, segment), missing and gaps (point indices), assurance and "
        "segments (a list of dicts).");
}
