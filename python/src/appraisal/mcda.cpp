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
// SMAA's result as the Python side takes it.
py::dict mcda_smaa_dict(const ha::SmaaResult& r) {
    py::dict d;
    d["rank_acceptability"] = rows_of(r.rank_acceptability, r.options.size());
    d["central_weights"] = rows_of(r.central_weights, r.criteria.size());
    d["confidence_factors"] = array_of(r.confidence_factors);
    d["holistic_acceptability"] = array_of(r.holistic_acceptability);
    d["first_counts"] = r.first_counts;
    d["criteria"] = mcda_criteria_rows(r.criteria);
    d["weight_method"] = mcda_method(r.weight_method);
    d["thinning"] = r.thinning;
    d["deterministic_performances"] = r.deterministic_performances;
    d["confidence_blocks"] = ha::smaa_confidence_blocks(r);
    return d;
}

ha::SmaaOptions mcda_smaa_options(std::int64_t n_sims, std::uint64_t seed, int threads) {
    ha::SmaaOptions o;
    o.n_sims = n_sims;
    o.seed = seed;
    o.threads = threads;
    return o;
}

// A slice as a plain tuple (first_block, n_blocks, counts...): picklable as it is, for Dask's workers.
using McdaPass1Row = std::tuple<std::int64_t, std::int64_t, std::vector<std::int64_t>, std::vector<std::int64_t>>;
using McdaPass2Row = std::tuple<std::int64_t, std::int64_t, std::vector<std::int64_t>>;
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
              const auto o = mcda_smaa_options(n_sims, seed, threads);
              ha::SmaaResult r;
              {
                  const Interruptible guard;  // the call guard's work, scoped: the dict below needs the GIL
                  r = ha::smaa(options, cs, table, spec, o);
              }
              return mcda_smaa_dict(r);
          },
          py::arg("options"), py::arg("criteria"), py::arg("performances"), py::arg("exact"), py::arg("lower"),
          py::arg("upper"), py::arg("ranking"), py::arg("constraints"), py::arg("thinning") = 0,
          py::arg("n_sims") = 10000, py::arg("seed") = 0, py::arg("threads") = 0,
          "SMAA-2 (hp::appraisal::smaa); healthyplaces.appraisal.smaa is the public wrapper.");

    // SMAA in slices of whole blocks (hp.distributed): pass 1, its merge, pass 2 on the merged central weights.
    m.def("smaa_blocks", [](Count<"n_sims", 1> n_sims) { return ha::smaa_blocks(n_sims); }, py::arg("n_sims"),
          "Pass 1's blocks for n_sims draws (hp::appraisal::smaa_blocks).");
    m.def("smaa_partial",
          [](const std::vector<std::string>& options, const std::vector<McdaCriterionRow>& criteria,
             const std::vector<std::vector<McdaPerformanceCell>>& performances, std::vector<double> exact,
             std::vector<double> lower, std::vector<double> upper, std::vector<int> ranking,
             const std::vector<McdaConstraintRow>& constraints, Count<"thinning", 0, 1000000> thinning,
             Count<"n_sims", 1> n_sims, Seed seed, Threads threads, Count<"first_block", 0> first_block,
             Count<"n_blocks", 1> n_blocks) {
              const auto cs = mcda_criteria(criteria);
              const auto table = mcda_table(performances);
              const auto spec = mcda_spec(std::move(exact), std::move(lower), std::move(upper), std::move(ranking),
                                          constraints, thinning);
              ha::SmaaPartial p;
              {
                  const Interruptible guard;
                  p = ha::smaa_partial(options, cs, table, spec, mcda_smaa_options(n_sims, seed, threads), first_block,
                                       n_blocks);
              }
              return McdaPass1Row{p.first_block, p.n_blocks, std::move(p.rank_counts),
                                  std::move(p.central_weight_sums)};
          },
          py::arg("options"), py::arg("criteria"), py::arg("performances"), py::arg("exact"), py::arg("lower"),
          py::arg("upper"), py::arg("ranking"), py::arg("constraints"), py::arg("thinning"), py::arg("n_sims"),
          py::arg("seed"), py::arg("threads"), py::arg("first_block"), py::arg("n_blocks"),
          "SMAA pass 1 over some blocks: (first_block, n_blocks, rank counts, central-weight sums in 2^-32 units).");
    m.def("smaa_confidence_partial",
          [](const std::vector<std::string>& options, const std::vector<McdaCriterionRow>& criteria,
             const std::vector<std::vector<McdaPerformanceCell>>& performances,
             const std::vector<std::vector<double>>& central_weights, Count<"n_sims", 1> n_sims, Seed seed,
             Threads threads, Count<"first_block", 0> first_block, Count<"n_blocks", 1> n_blocks) {
              const auto cs = mcda_criteria(criteria);
              const auto table = mcda_table(performances);
              ha::SmaaConfidencePartial p;
              {
                  const Interruptible guard;
                  p = ha::smaa_confidence_partial(options, cs, table, central_weights,
                                                  mcda_smaa_options(n_sims, seed, threads), first_block, n_blocks);
              }
              return McdaPass2Row{p.first_block, p.n_blocks, std::move(p.first_counts)};
          },
          py::arg("options"), py::arg("criteria"), py::arg("performances"), py::arg("central_weights"),
          py::arg("n_sims"), py::arg("seed"), py::arg("threads"), py::arg("first_block"), py::arg("n_blocks"),
          "SMAA pass 2 over some blocks: (first_block, n_blocks, first counts with the central weights).");
    m.def("smaa_merge",
          [](const std::vector<std::string>& options, const std::vector<McdaCriterionRow>& criteria,
             const std::vector<std::vector<McdaPerformanceCell>>& performances, std::vector<double> exact,
             std::vector<double> lower, std::vector<double> upper, std::vector<int> ranking,
             const std::vector<McdaConstraintRow>& constraints, Count<"thinning", 0, 1000000> thinning,
             Count<"n_sims", 1> n_sims, Seed seed, const std::vector<McdaPass1Row>& parts,
             const std::optional<std::vector<McdaPass2Row>>& confidence_parts) {
              const auto cs = mcda_criteria(criteria);
              const auto table = mcda_table(performances);
              const auto spec = mcda_spec(std::move(exact), std::move(lower), std::move(upper), std::move(ranking),
                                          constraints, thinning);
              std::vector<ha::SmaaPartial> pass1;
              for (const auto& [first, count, ranks, sums] : parts) pass1.push_back({first, count, ranks, sums});
              std::vector<ha::SmaaConfidencePartial> pass2;
              if (confidence_parts)
                  for (const auto& [first, count, firsts] : *confidence_parts) pass2.push_back({first, count, firsts});
              ha::SmaaResult r;
              {
                  const Interruptible guard;
                  r = ha::smaa_merge(options, cs, table, spec, mcda_smaa_options(n_sims, seed, 1), pass1);
                  if (confidence_parts) ha::smaa_confidence_merge(r, pass2);
              }
              return mcda_smaa_dict(r);
          },
          py::arg("options"), py::arg("criteria"), py::arg("performances"), py::arg("exact"), py::arg("lower"),
          py::arg("upper"), py::arg("ranking"), py::arg("constraints"), py::arg("thinning"), py::arg("n_sims"),
          py::arg("seed"), py::arg("parts"), py::arg("confidence_parts") = py::none(),
          "SMAA's result (as smaa's dict) from its pass-1 slices and, when given, its pass-2 slices (else the "
          "confidence factors NaN).");

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
