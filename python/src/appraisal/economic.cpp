// hp::appraisal economic appraisal bindings (include/healthyplaces/appraisal/economic.hpp): the options go in as
// plain tuples (the Python side builds them from hp.appraisal.Option), the result comes out as a read-only object
// whose matrices are numpy arrays.
#include "box.hpp"

#include <optional>

namespace {
namespace ha = hp::appraisal;
namespace hf = hp::finance;

// (name, kind, amount, start, end, years, baseline), as hp.finance.business_case takes them.
using EconomicFlowRow = std::tuple<std::string, std::string, hf::Uncertain, int, int, int, double>;
// (name, flows, (capital, operating, duration), benefit name, benefit amount or None)
using EconomicOptionRow = std::tuple<std::string, std::vector<EconomicFlowRow>, std::tuple<double, double, double>,
                                     std::string, std::optional<hf::Uncertain>>;

// The C++ call's arguments from the plain rows and settings (every economic entry point takes the same ones).
std::pair<std::vector<ha::Option>, ha::EconomicOptions> economic_inputs(
    const std::vector<EconomicOptionRow>& rows, const std::string& business_as_usual, int horizon, double rate,
    bool declining, std::int64_t n_sims, std::uint64_t seed, int threads, std::int64_t block_size,
    const std::vector<double>& wtp, double range_low, double range_high,
    const std::vector<std::tuple<std::string, double, double>>& ranges) {
    std::vector<ha::Option> options;
    for (const auto& [name, flows, ob, benefit_name, benefit] : rows) {
        ha::Option o;
        o.name = name;
        for (const auto& [fname, kind, amount, start, end, years, baseline] : flows)
            o.flows.push_back({fname, hf::parse_flow_kind(kind), amount, start, end, years, baseline});
        o.optimism_bias = {std::get<0>(ob), std::get<1>(ob), std::get<2>(ob)};
        if (benefit) o.benefit = ha::NonMonetisedBenefit{benefit_name, *benefit};
        options.push_back(std::move(o));
    }
    ha::EconomicOptions s;
    s.business_as_usual = business_as_usual;
    s.horizon = horizon;
    s.discounting.rate = rate;
    s.discounting.declining = declining;
    s.n_sims = n_sims;
    s.seed = seed;
    s.threads = threads;
    s.block_size = block_size;
    s.wtp = wtp;
    s.range_low = range_low;
    s.range_high = range_high;
    for (const auto& [input, low, high] : ranges) s.ranges.push_back({input, low, high});
    return {std::move(options), std::move(s)};
}

py::array_t<double> economic_matrix(const std::vector<double>& v, std::size_t rows, std::size_t cols) {
    py::array_t<double> out({rows, cols});
    if (!v.empty()) std::copy(v.begin(), v.end(), out.mutable_data());
    return out;
}
}  // namespace

void bind_appraisal_economic(py::module_& m) {
    using ha::EconomicAppraisal;
    py::class_<EconomicAppraisal>(m, "EconomicAppraisal",
                                  "The economic appraisal of several options (hp.appraisal.appraise builds the result).")
        .def_readonly("horizon", &EconomicAppraisal::horizon)
        .def_property_readonly("rate", [](const EconomicAppraisal& a) { return a.discounting.rate; })
        .def_property_readonly("declining", [](const EconomicAppraisal& a) { return a.discounting.declining; })
        .def_property_readonly("discount_factor", [](const EconomicAppraisal& a) { return array_of(a.discount_factor); })
        .def_readonly("business_as_usual", &EconomicAppraisal::business_as_usual)
        .def_readonly("preferred", &EconomicAppraisal::preferred)
        .def_readonly("n_sims", &EconomicAppraisal::n_sims)
        .def_readonly("seed", &EconomicAppraisal::seed)
        .def_readonly("block_size", &EconomicAppraisal::block_size)
        .def_readonly("evpi", &EconomicAppraisal::evpi)
        .def_readonly("se_evpi", &EconomicAppraisal::se_evpi)
        .def_property_readonly("quantile_levels", [](const EconomicAppraisal& a) { return array_of(a.quantile_levels); })
        .def_property_readonly("options", [](const EconomicAppraisal& a) {
            // One dict per option: the Python side makes the frame.
            py::list rows;
            for (const auto& o : a.options) {
                py::dict d;
                d["name"] = o.name;
                d["capital"] = o.optimism_bias.capital;
                d["operating"] = o.optimism_bias.operating;
                d["duration"] = o.optimism_bias.duration;
                d["works_years"] = o.works_years;
                d["benefit_delay"] = o.benefit_delay;
                d["costs"] = array_of(o.costs);
                d["benefits"] = array_of(o.benefits);
                d["pv_costs"] = o.pv_costs;
                d["pv_benefits"] = o.pv_benefits;
                d["npsv"] = o.npsv;
                d["bcr"] = o.bcr;
                d["incremental_npsv"] = o.incremental_npsv;
                d["incremental_bcr"] = o.incremental_bcr;
                d["non_monetised"] = o.non_monetised;
                d["mean_npsv"] = o.mean_npsv;
                d["sd_npsv"] = o.sd_npsv;
                d["se_mean_npsv"] = o.se_mean_npsv;
                d["quantiles"] = array_of(o.quantiles);
                d["mean_incremental"] = o.mean_incremental;
                d["sd_incremental"] = o.sd_incremental;
                d["p_incremental_positive"] = o.p_incremental_positive;
                d["p_best"] = o.p_best;
                rows.append(d);
            }
            return rows;
        })
        .def_property_readonly("inputs", [](const EconomicAppraisal& a) {
            py::list rows;
            for (const auto& in : a.inputs)
                rows.append(py::make_tuple(in.name, hf::to_string(in.distribution), in.mean, in.options,
                                           in.non_monetised));
            return rows;
        })
        .def_property_readonly("net_benefit", [](const EconomicAppraisal& a) {
            return economic_matrix(a.net_benefit, static_cast<std::size_t>(a.n_sims), a.options.size());
        })
        .def_property_readonly("non_monetised", [](const EconomicAppraisal& a) {
            return economic_matrix(a.non_monetised, static_cast<std::size_t>(a.n_sims), a.options.size());
        })
        .def_property_readonly("input_draws", [](const EconomicAppraisal& a) {
            return economic_matrix(a.input_draws, static_cast<std::size_t>(a.n_sims), a.inputs.size());
        })
        .def_property_readonly("acceptability", [](const EconomicAppraisal& a) {
            const auto& c = a.acceptability;
            const std::size_t n_w = c.wtp.size(), n_o = a.options.size();
            std::vector<std::int64_t> preferred(c.preferred.begin(), c.preferred.end());
            return py::make_tuple(array_of(c.wtp), economic_matrix(c.p_best, n_w, n_o),
                                  economic_matrix(c.expected_net_benefit, n_w, n_o),
                                  py::array_t<std::int64_t>(static_cast<py::ssize_t>(n_w), preferred.data()),
                                  array_of(c.evpi));
        })
        .def_property_readonly("switching", [](const EconomicAppraisal& a) {
            py::list rows;
            for (const auto& s : a.switching)
                rows.append(py::make_tuple(s.input, s.mean, s.low, s.high, s.found, s.value, s.takes_over));
            return rows;
        })
        .def("net_benefit_at", [](const EconomicAppraisal& a, double wtp) {
            return economic_matrix(ha::net_benefit_at(a, wtp), static_cast<std::size_t>(a.n_sims), a.options.size());
        }, py::arg("wtp"), "NPSV + wtp × non-monetised quantity by simulation and option.");

    using Ranges = std::vector<std::tuple<std::string, double, double>>;
    m.def("appraise_economic",
          [](const std::vector<EconomicOptionRow>& rows, const std::string& business_as_usual, int horizon, double rate,
             bool declining, Count<"n_sims", 0> n_sims, Seed seed, Threads threads, Count<"block_size", 1> block_size,
             const std::vector<double>& wtp, double range_low, double range_high, const Ranges& ranges) {
              const auto [options, s] = economic_inputs(rows, business_as_usual, horizon, rate, declining, n_sims, seed,
                                                        threads, block_size, wtp, range_low, range_high, ranges);
              return ha::appraise(options, s);
          },
          py::arg("options"), py::arg("business_as_usual") = "", py::arg("horizon") = 10, py::arg("rate") = 0.035,
          py::arg("declining") = false, py::arg("n_sims") = 10000, py::arg("seed") = 0, py::arg("threads") = 0,
          py::arg("block_size") = 256, py::arg("wtp") = std::vector<double>{}, py::arg("range_low") = 0.001,
          py::arg("range_high") = 0.999, py::arg("ranges") = Ranges{},
          py::call_guard<Interruptible>(),
          "The economic appraisal; options are (name, flow rows, (capital, operating, duration), benefit name, "
          "benefit Uncertain or None) tuples.");

    // hp.distributed runs the appraisal as slices of whole blocks of simulations and finishes it once.
    using ha::EconomicDraws;
    py::class_<EconomicDraws>(m, "EconomicDraws",
                              "The simulations of a slice of whole blocks of an economic appraisal (appraise_draws).")
        .def_readonly("first_block", &EconomicDraws::first_block)
        .def_readonly("n_sims", &EconomicDraws::n_sims)
        .def_property_readonly("net_benefit", [](const EconomicDraws& d) {
            return economic_matrix(d.net_benefit, static_cast<std::size_t>(d.n_sims), d.n_options);
        })
        .def_property_readonly("non_monetised", [](const EconomicDraws& d) {
            return economic_matrix(d.non_monetised, static_cast<std::size_t>(d.n_sims), d.n_options);
        })
        .def_property_readonly("input_draws", [](const EconomicDraws& d) {
            return economic_matrix(d.input_draws, static_cast<std::size_t>(d.n_sims), d.n_inputs);
        })
        // Pickles (slices travel back from worker processes): the shape and the three matrices, checked on load.
        .def(py::pickle(
            [](const EconomicDraws& d) {
                const auto n = static_cast<std::size_t>(d.n_sims);
                return py::make_tuple(d.first_block, d.n_sims, d.n_options, d.n_inputs,
                                      economic_matrix(d.input_draws, n, d.n_inputs),
                                      economic_matrix(d.net_benefit, n, d.n_options),
                                      economic_matrix(d.non_monetised, n, d.n_options));
            },
            [](const py::tuple& t) {
                if (t.size() != 7) throw hp::DataError("EconomicDraws: a pickled state has 7 fields");
                EconomicDraws d;
                d.first_block = t[0].cast<std::int64_t>();
                d.n_sims = t[1].cast<std::int64_t>();
                d.n_options = t[2].cast<std::size_t>();
                d.n_inputs = t[3].cast<std::size_t>();
                if (d.first_block < 0 || d.n_sims < 0)
                    throw hp::DataError("EconomicDraws: a pickled state has a negative block or size");
                const auto n = static_cast<std::size_t>(d.n_sims);
                std::vector<double>* fields[] = {&d.input_draws, &d.net_benefit, &d.non_monetised};
                const std::size_t sizes[] = {n * d.n_inputs, n * d.n_options, n * d.n_options};
                for (int i = 0; i < 3; ++i) {
                    const auto a = t[static_cast<std::size_t>(4 + i)]
                                       .cast<py::array_t<double, py::array::c_style | py::array::forcecast>>();
                    if (static_cast<std::size_t>(a.size()) != sizes[i])
                        throw hp::DataError("EconomicDraws: a pickled matrix holds " + std::to_string(a.size()) +
                                            " values, its shape says " + std::to_string(sizes[i]));
                    fields[i]->assign(a.data(), a.data() + sizes[i]);
                }
                return d;
            }));

    m.def("appraise_economic_draws",
          [](const std::vector<EconomicOptionRow>& rows, const std::string& business_as_usual, int horizon, double rate,
             bool declining, Count<"n_sims", 0> n_sims, Seed seed, Threads threads, Count<"block_size", 1> block_size,
             const std::vector<double>& wtp, double range_low, double range_high, const Ranges& ranges,
             Count<"first_block", 0> first_block, Count<"n_blocks", 0> n_blocks) {
              const auto [options, s] = economic_inputs(rows, business_as_usual, horizon, rate, declining, n_sims, seed,
                                                        threads, block_size, wtp, range_low, range_high, ranges);
              return ha::appraise_draws(options, s, first_block, n_blocks);
          },
          py::arg("options"), py::arg("business_as_usual"), py::arg("horizon"), py::arg("rate"), py::arg("declining"),
          py::arg("n_sims"), py::arg("seed"), py::arg("threads"), py::arg("block_size"), py::arg("wtp"),
          py::arg("range_low"), py::arg("range_high"), py::arg("ranges"), py::arg("first_block"), py::arg("n_blocks"),
          py::call_guard<Interruptible>(),
          "The draws of blocks [first_block, first_block + n_blocks) of appraise_economic with the same arguments.");

    m.def("appraise_economic_from_draws",
          [](const std::vector<EconomicOptionRow>& rows, const std::string& business_as_usual, int horizon, double rate,
             bool declining, Count<"n_sims", 0> n_sims, Seed seed, Threads threads, Count<"block_size", 1> block_size,
             const std::vector<double>& wtp, double range_low, double range_high, const Ranges& ranges,
             const std::vector<const EconomicDraws*>& parts) {
              const auto [options, s] = economic_inputs(rows, business_as_usual, horizon, rate, declining, n_sims, seed,
                                                        threads, block_size, wtp, range_low, range_high, ranges);
              return ha::appraise_from_draws(options, s, ha::concatenate_draws(parts));
          },
          py::arg("options"), py::arg("business_as_usual"), py::arg("horizon"), py::arg("rate"), py::arg("declining"),
          py::arg("n_sims"), py::arg("seed"), py::arg("threads"), py::arg("block_size"), py::arg("wtp"),
          py::arg("range_low"), py::arg("range_high"), py::arg("ranges"), py::arg("parts"),
          py::call_guard<Interruptible>(),
          "appraise_economic from the slices of its draws (appraise_economic_draws), joined in the order given.");
}
