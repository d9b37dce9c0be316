// Multi-criteria analysis: SMAA-2, weight sampling, the weighted sum and swing weights
// (include/healthyplaces/appraisal/{smaa,weights}.hpp). Criteria, performances and weight statements arrive as
// plain tuples (converted before the call guard); results go back as dicts of arrays.
#include "box.hpp"

#include <optional>

namespace {
namespace ha = hp::appraisal;  // the same alias in another part's file denotes the same namespace: allowed

using McdaCriterionRow = std::tuple<std::string, std::string, std::string, double, double>;
using McdaPerformanceCell = std::tuple<std::string, double, double, std::vector<double>>;
using McdaConstraintRow = std::tuple<std::vector<double>, double, bool, std::string>;

ha::Direction mcda_direction(const std::string& s, const std::string& name) {
    if (s == "more is better") return ha::Direction::more_is_better;
    if (s == "less is better") return ha::Direction::less_is_better;
    throw hp::DomainError("criterion '" + name + "': direction must be 'more is better' or 'less is better', got '" +
                          s + "'");
}

std::string mcda_direction_name(ha::Direction d) {
    return d == ha::Direction::more_is_better ? "more is better" : "less is better";
}

std::vector<ha::Criterion> mcda_criteria(const std::vector<McdaCriterionRow>& rows) {
    std::vector<ha::Criterion> out;
    for (const auto& [name, direction, unit, worst, best] : rows)
        out.push_back({name, mcda_direction(direction, name), unit, worst, best});
    return out;
}

py::list mcda_criteria_rows(const std::vector<ha::Criterion>& cs) {
    py::list out;
    for (const auto& c : cs) out.append(py::make_tuple(c.name, mcda_direction_name(c.direction), c.unit, c.worst, c.best));
    return out;
}

ha::PerformanceTable mcda_table(const std::vector<std::vector<McdaPerformanceCell>>& cells) {
    ha::PerformanceTable t;
    for (const auto& row : cells) {
        t.emplace_back();
        for (const auto& [kind, a, b, values] : row) {
            if (kind == "point") t.back().push_back(ha::Performance::point(a));
            else if (kind == "range") t.back().push_back(ha::Performance::range(a, b));
            else if (kind == "normal") t.back().push_back(ha::Performance::normal(a, b));
            else if (kind == "samples") t.back().push_back(ha::Performance::samples(values));
            else throw hp::DomainError("performance kind must be point, range, normal or samples, got '" + kind + "'");
        }
    }
    return t;
}

ha::WeightSpec mcda_spec(std::vector<double> exact, std::vector<double> lower, std::vector<double> upper,
                         std::vector<int> ranking, const std::vector<McdaConstraintRow>& constraints,
                         std::int64_t thinning) {
    ha::WeightSpec s;
    s.exact = std::move(exact);
    s.lower = std::move(lower);
    s.upper = std::move(upper);
    s.ranking = std::move(ranking);
    for (const auto& [coef, bound, at_least, name] : constraints) s.constraints.push_back({coef, bound, at_least, name});
    s.thinning = thinning;
    return s;
}

std::vector<std::string> mcda_names(const std::vector<ha::Criterion>& cs) {
    std::vector<std::string> out;
    for (const auto& c : cs) out.push_back(c.name);
    return out;
}

const char* mcda_method(ha::WeightMethod m) {
    switch (m) {
        case ha::WeightMethod::exact: return "exact";
        case ha::WeightMethod::dirichlet: return "dirichlet";
        case ha::WeightMethod::ranking: return "ranking";
        case ha::WeightMethod::hit_and_run: return "hit_and_run";
    }
    return "";
}
}  // namespace

void bind_appraisal_mcda(py::module_& m) {
    m.def("green_paper_criteria", [] { return mcda_criteria_rows(ha::green_paper_criteria()); },
          "The green paper's benefit areas and barriers as (name, direction, unit, worst, best) rows.");

    m.def("smaa",
          [](const std::vector<std::string>& options, const std::vector<McdaCriterionRow>& criteria,
             const std::vector<std::vector<McdaPerformanceCell>>& performances, std::vector<double> exact,
             std::vector<double> lower, std::vector<double> upper, std::vector<int> ranking,
             const std::vector<McdaConstraintRow>& constraints, Count<"thinning", 0, 1000000> thinning,
             Count<"n_sims", 1> n_sims, Seed seed, Threads threads) {
              const auto cs = mcda_criteria(criteria);
              const auto table = mcda_table(performances);
              const auto spec = mcda_spec(std::move(exact), std::move(lower), std::move(upper), std::move(ranking),
                                          constraints, thinning);
              ha::SmaaOptions o;
              o.n_sims = n_sims;
              o.seed = seed;
              o.threads = threads;
              ha::SmaaResult r;
              {
                  const Interruptible guard;  // the call guard's work, scoped: the dict below needs the GIL
                  r = ha::smaa(options, cs, table, spec, o);
              }
              py::dict d;
              d["rank_acceptability"] = rows_of(r.rank_acceptability, options.size());
              d["central_weights"] = rows_of(r.central_weights, cs.size());
              d["confidence_factors"] = array_of(r.confidence_factors);
              d["holistic_acceptability"] = array_of(r.holistic_acceptability);
              d["first_counts"] = r.first_counts;
              d["criteria"] = mcda_criteria_rows(r.criteria);
              d["weight_method"] = mcda_method(r.weight_method);
              d["thinning"] = r.thinning;
              d["deterministic_performances"] = r.deterministic_performances;
              return d;
          },
          py::arg("options"), py::arg("criteria"), py::arg("performances"), py::arg("exact"), py::arg("lower"),
          py::arg("upper"), py::arg("ranking"), py::arg("constraints"), py::arg("thinning") = 0,
          py::arg("n_sims") = 10000, py::arg("seed") = 0, py::arg("threads") = 0,
          "SMAA-2 (hp::appraisal::smaa); healthyplaces.appraisal.smaa is the public wrapper.");

    m.def("sample_weights",
          [](const std::vector<std::string>& names, std::vector<double> exact, std::vector<double> lower,
             std::vector<double> upper, std::vector<int> ranking, const std::vector<McdaConstraintRow>& constraints,
             Count<"thinning", 0, 1000000> thinning, Count<"n_sims", 1> n_sims, Seed seed, Threads threads) {
              const auto spec = mcda_spec(std::move(exact), std::move(lower), std::move(upper), std::move(ranking),
                                          constraints, thinning);
              std::vector<double> w;
              {
                  const Interruptible guard;
                  w = ha::sample_weights(spec, names, n_sims, seed, threads);
              }
              py::array_t<double> out({static_cast<py::ssize_t>(n_sims.value), static_cast<py::ssize_t>(names.size())});
              std::copy(w.begin(), w.end(), out.mutable_data());
              return out;
          },
          py::arg("names"), py::arg("exact"), py::arg("lower"), py::arg("upper"), py::arg("ranking"),
          py::arg("constraints"), py::arg("thinning") = 0, py::arg("n_sims") = 1000, py::arg("seed") = 0,
          py::arg("threads") = 0, "Weights as SMAA draws them (hp::appraisal::sample_weights).");

    m.def("weighted_sum",
          [](const std::vector<std::string>& options, const std::vector<McdaCriterionRow>& criteria,
             const std::vector<std::vector<McdaPerformanceCell>>& performances, const std::vector<double>& weights) {
              const auto r = ha::weighted_sum(options, mcda_criteria(criteria), mcda_table(performances), weights);
              py::dict d;
              d["values"] = rows_of(r.values, r.criteria.size());
              d["scores"] = array_of(r.scores);
              d["ranks"] = r.ranks;
              d["criteria"] = mcda_criteria_rows(r.criteria);
              return d;
          },
          py::arg("options"), py::arg("criteria"), py::arg("performances"), py::arg("weights"),
          "The weighted sum of linear partial values (hp::appraisal::weighted_sum).");

    m.def("swing_weights",
          [](const std::vector<double>& points, const std::vector<std::string>& names) {
              return array_of(ha::swing_weights(points, names));
          },
          py::arg("points"), py::arg("names"), "Weights = points / Σ points (hp::appraisal::swing_weights).");
}
