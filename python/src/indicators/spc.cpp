// hp::indicators bindings: XmR statistical process control charts (include/healthyplaces/indicators/spc.hpp).
#include "box.hpp"

namespace {
namespace hi = hp::indicators;

hi::Improvement improvement_of(const std::string& s) {
    if (s == "increase") return hi::Improvement::increase;
    if (s == "decrease") return hi::Improvement::decrease;
    if (s == "neither" || s == "neutral") return hi::Improvement::neither;
    throw hp::DomainError("xmr: improvement must be \"increase\", \"decrease\" or \"neither\" (None), got \"" + s +
                          "\"");
}

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
        "xmr",
        [](const DoubleArray& values, const IndexArray& time, const std::string& improvement, double target,
           std::vector<std::int64_t> rebase, std::int64_t fix_after, bool screen_outliers, std::int64_t shift_length,
           std::int64_t trend_length, std::int64_t time_step) {
            hi::XmrOptions o;
            o.improvement = improvement_of(improvement);
            o.target = target;
            o.rebase = std::move(rebase);
            o.fix_after = fix_after;
            o.screen_outliers = screen_outliers;
            o.shift_length = shift_length;
            o.trend_length = trend_length;
            o.time_step = time_step;
            auto y = as_span(values, "values");
            auto t = as_span(time, "time indices");
            hi::XmrResult r;
            {
                py::gil_scoped_release release;
                r = hi::xmr(y, t, o);
            }
            py::dict d;
            d["centre"] = array_of(r.centre);
            d["lower"] = array_of(r.lower);
            d["upper"] = array_of(r.upper);
            d["lower_2sigma"] = array_of(r.lower_2sigma);
            d["upper_2sigma"] = array_of(r.upper_2sigma);
            d["moving_range"] = array_of(r.moving_range);
            d["moving_range_used"] = array_as<bool>(r.moving_range_used);
            d["rule"] = array_as<std::int8_t>(r.rule);
            d["variation"] = array_as<std::int8_t>(r.variation);
            d["direction"] = array_as<std::int8_t>(r.direction);
            d["segment"] = array_as<std::int64_t>(r.segment);
            d["missing"] = array_as<std::int64_t>(r.missing);
            d["gaps"] = array_as<std::int64_t>(r.gaps);
            d["assurance"] = hi::to_string(r.assurance);
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
            d["segments"] = segs;
            return d;
        },
        py::arg("values"), py::arg("time"), py::arg("improvement") = "increase",
        py::arg("target") = std::numeric_limits<double>::quiet_NaN(), py::arg("rebase") = std::vector<std::int64_t>{},
        py::arg("fix_after") = 0, py::arg("screen_outliers") = false, py::arg("shift_length") = 7,
        py::arg("trend_length") = 7, py::arg("time_step") = 1,
        "XmR chart (NHS Making Data Count rules) of values at integer time indices (empty: 0, 1, 2, ...): a dict of "
        "per-point arrays (centre, lower, upper, lower_2sigma, upper_2sigma, moving_range, moving_range_used, rule "
        "codes 0 none 1 outside limits 2 trend 3 two of three 4 shift, variation codes 0 missing 1 common cause 2 "
        "improvement 3 concern 4 neither, direction, segment), missing and gaps (point indices), assurance and "
        "segments (a list of dicts).");
}
