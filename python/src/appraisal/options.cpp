// hp::appraisal bindings, the options part: the long list, critical success factors and the options framework filter,
// optimism bias (include/healthyplaces/appraisal/{long_list,optimism_bias}.hpp). Each call is quick (the long list is
// at most 1,024 combinations), so none needs the interrupt guard. Results go out as plain tuples that
// python/healthyplaces/appraisal/_options.py shapes into result classes.
#include "box.hpp"

namespace {
namespace ha = hp::appraisal;

py::tuple options_bias_tuple(const ha::OptimismBias& b) { return py::make_tuple(b.capital, b.operating, b.duration); }

py::list options_rows(const ha::LongList& list) {
    py::list out;
    for (const auto& o : list.options)
        out.append(py::make_tuple(o.arrangement, std::string(ha::to_string(o.kind)), o.integration_level, o.preset));
    return out;
}

std::vector<ha::ProjectShare> options_project(const std::vector<std::pair<std::string, double>>& parts) {
    std::vector<ha::ProjectShare> out;
    for (const auto& [type, share] : parts) out.push_back({ha::parse_project_type(type), share});
    return out;
}
}  // namespace

void bind_appraisal_options(py::module_& m) {
    namespace hi = hp::integration;
    m.def("long_list", [](const hi::Arrangement& current) {
        const auto list = ha::long_list(current);
        return py::make_tuple(options_rows(list), list.do_minimum_rule, list.coherent, list.behind_current);
    }, py::arg("current"),
          "The long list from the current arrangement: ([(Arrangement, kind, integration_level, preset)], "
          "do_minimum_rule, coherent, behind_current).");

    m.def("critical_success_factors", [] {
        std::vector<std::pair<std::string, std::string>> out;
        for (const auto& f : ha::critical_success_factors()) out.emplace_back(f.key, f.reason);
        return out;
    }, "The built-in critical success factors as (key, reason) pairs.");

    m.def("critical_success_factor", [](const std::string& spec, const std::string& reason) {
        const auto f = ha::critical_success_factor(spec, reason);
        return std::make_pair(f.key, f.reason);
    }, py::arg("spec"), py::arg("reason") = "",
          "A factor by built-in key or limit text, as (key, reason); DomainError listing the known ones.");

    m.def("shortlist",
          [](const hi::Arrangement& current, const std::vector<std::pair<std::string, std::string>>& specs) {
              std::vector<ha::CriticalSuccessFactor> factors;
              for (const auto& [spec, reason] : specs) factors.push_back(ha::critical_success_factor(spec, reason));
              const auto s = ha::shortlist(ha::long_list(current), factors);
              std::vector<std::pair<std::string, std::string>> fs;
              for (const auto& f : s.factors) fs.emplace_back(f.key, f.reason);
              py::list rows;
              for (const auto& r : s.rows)
                  rows.append(py::make_tuple(r.option, r.kept, r.dropped_by, r.fails, r.reason));
              return py::make_tuple(options_rows(s.long_list), fs, rows);
          },
          py::arg("current"), py::arg("factors"),
          "The options framework filter of the long list from `current` by (spec, reason) factors: (long-list rows, "
          "[(key, reason)], [(option, kept, dropped_by, fails, reason)]).");

    m.def("optimism_bias_table", [] {
        py::list out;
        const auto& t = ha::optimism_bias_table();
        for (std::size_t i = 0; i < t.size(); ++i)
            out.append(py::make_tuple(std::string(ha::to_string(static_cast<ha::ProjectType>(i))),
                                      options_bias_tuple(t[i].upper), options_bias_tuple(t[i].lower)));
        return out;
    }, "Table 2 of the Green Book's optimism bias guidance: [(type, (capital, operating, duration) upper, lower)].");

    m.def("optimism_bias",
          [](const std::vector<std::pair<std::string, double>>& project, double capital, double operating,
             double duration) {
              const auto parts = options_project(project);
              const auto bias = ha::optimism_bias(parts, ha::Mitigation{capital, operating, duration});
              const auto bounds = ha::optimism_bias_bounds(parts);
              return py::make_tuple(options_bias_tuple(bias), options_bias_tuple(bounds.upper),
                                    options_bias_tuple(bounds.lower));
          },
          py::arg("project"), py::arg("capital"), py::arg("operating"), py::arg("duration"),
          "Optimism bias of a project [(type, share)] with mitigations per measure: (bias, upper, lower), each "
          "(capital, operating, duration).");

    m.def("apply_optimism_bias",
          [](const std::vector<std::tuple<std::string, std::string, hp::finance::Uncertain, int, int, int, double>>& rows,
             double capital, double operating, double duration, Count<"works_years", 0, 10000> works_years,
             Count<"horizon", 1, 10000> horizon) {
              std::vector<hp::finance::Flow> flows;
              for (const auto& [name, kind, amount, start, end, years, baseline] : rows)
                  flows.push_back({name, hp::finance::parse_flow_kind(kind), amount, start, end, years, baseline});
              const auto out = ha::apply_optimism_bias(std::move(flows), {capital, operating, duration},
                                                       static_cast<int>(works_years), static_cast<int>(horizon));
              std::vector<std::tuple<std::string, std::string, hp::finance::Uncertain, int, int, int, double>> res;
              for (const auto& f : out)
                  res.emplace_back(f.name, hp::finance::to_string(f.kind), f.amount, f.start, f.end, f.years, f.baseline);
              return res;
          },
          py::arg("flows"), py::arg("capital"), py::arg("operating"), py::arg("duration"), py::arg("works_years"),
          py::arg("horizon"),
          "Flows (name, kind, amount, start, end, years, baseline) with optimism bias applied.");
}
