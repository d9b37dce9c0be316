// hp::finance bindings: unit costs, services, the spend simulation and budget arrangements
// (include/healthyplaces/finance/{cost,service,simulate,arrangement_risk}.hpp).
#include "box.hpp"

#include <boost/random/normal_distribution.hpp>

namespace {
namespace hf = hp::finance;

/// A (years × bands) population as rows.
std::vector<std::vector<double>> population_rows(const py::array_t<double, py::array::c_style | py::array::forcecast>& a) {
    if (a.ndim() != 2)
        throw hp::DataError("simulate: population must be a (years × bands) table, got " + std::to_string(a.ndim()) +
                            " dimensions");
    std::vector<std::vector<double>> rows(static_cast<std::size_t>(a.shape(0)));
    auto t = a.unchecked<2>();
    for (py::ssize_t i = 0; i < a.shape(0); ++i)
        for (py::ssize_t j = 0; j < a.shape(1); ++j) rows[static_cast<std::size_t>(i)].push_back(t(i, j));
    return rows;
}

/// Partners x simulated years, row-major: returned by value, pybind11 hands the buffer to numpy without a copy.
using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// (n_sims, horizon, services) view of one of the draws' matrices, copied.
py::array_t<double> cube(const hf::SpendDraws& d, const std::vector<double>& m) {
    py::array_t<double> out({static_cast<py::ssize_t>(d.n_sims), static_cast<py::ssize_t>(d.horizon),
                             static_cast<py::ssize_t>(d.services)});
    std::copy(m.begin(), m.end(), out.mutable_data());
    return out;
}

hf::SimulationOptions sim_options(std::int64_t n_sims, double rho, double sd, std::uint64_t seed, std::uint64_t area,
                                  std::int64_t block_size, std::int64_t first_block, int threads) {
    hf::SimulationOptions o;
    o.n_sims = n_sims;
    o.shock_correlation = rho;
    o.shock_sd = sd;
    o.seed = seed;
    o.area = area;
    o.block_size = block_size;
    o.first_block = first_block;
    o.threads = threads;
    return o;
}
}  // namespace

void bind_finance_simulate(py::module_& m) {
    py::class_<hf::UnitCost>(m, "UnitCost", "A unit-cost distribution (gamma or lognormal) by mean and sd.")
        .def(py::init([](const std::string& family, double mean, double sd) {
                 hf::UnitCost c{hf::parse_cost_family(family), mean, sd};
                 hf::validate(c, std::string(hf::to_string(c.family)) + " unit cost");
                 return c;
             }),
             py::arg("family"), py::arg("mean"), py::arg("sd"))
        .def_property_readonly("family", [](const hf::UnitCost& c) { return std::string(hf::to_string(c.family)); })
        .def_readonly("mean", &hf::UnitCost::mean)
        .def_readonly("sd", &hf::UnitCost::sd);
    py::class_<hf::Service>(m, "Service", "A demand-led service: rates by age band, unit cost, owner, budget.")
        .def(py::init([](std::string name, std::string owner, std::vector<double> rates, hf::UnitCost cost,
                         double budget, const std::string& counts, double dispersion) {
                 const auto kind = hf::parse_counts(counts, "service \"" + name + "\": counts");
                 hf::Service s{std::move(name), std::move(owner), std::move(rates), cost, budget, kind, dispersion};
                 hf::validate(s, s.rates.size());
                 return s;
             }),
             py::arg("name"), py::arg("owner"), py::arg("rates"), py::arg("unit_cost"), py::arg("budget"),
             py::arg("counts") = "poisson", py::arg("dispersion") = 0.0)
        .def_readonly("name", &hf::Service::name)
        .def_readonly("owner", &hf::Service::owner)
        .def_property_readonly("rates", [](const hf::Service& s) { return array_of(s.rates); })
        .def_readonly("unit_cost", &hf::Service::unit_cost)
        .def_readonly("budget", &hf::Service::budget)
        .def_property_readonly("counts", [](const hf::Service& s) { return std::string(hf::to_string(s.counts)); })
        .def_readonly("dispersion", &hf::Service::dispersion);
    py::class_<hf::SpendDraws>(m, "SpendDraws", "Simulated years: spend and events by replication, year, service.")
        .def_readonly("n_sims", &hf::SpendDraws::n_sims, "Replications of the horizon in these draws.")
        .def_readonly("horizon", &hf::SpendDraws::horizon)
        .def_readonly("services", &hf::SpendDraws::services)
        .def_property_readonly("spend", [](const hf::SpendDraws& d) { return cube(d, d.spend); })
        .def_property_readonly("events", [](const hf::SpendDraws& d) { return cube(d, d.events); })
        // Pickles (results travel to and from worker processes): the shape and both matrices, checked on load.
        .def(py::pickle(
            [](const hf::SpendDraws& d) {
                return py::make_tuple(d.services, d.horizon, d.n_sims, cube(d, d.spend), cube(d, d.events));
            },
            [](const py::tuple& t) {
                if (t.size() != 5) throw hp::DataError("SpendDraws: a pickled state has 5 fields");
                hf::SpendDraws d;
                d.services = t[0].cast<std::size_t>();
                d.horizon = t[1].cast<std::int64_t>();
                d.n_sims = t[2].cast<std::int64_t>();
                const auto n = static_cast<std::size_t>(d.n_sims * d.horizon) * d.services;
                for (auto* field : {&d.spend, &d.events}) {
                    const auto a = t[field == &d.spend ? 3 : 4].cast<py::array_t<double, py::array::c_style |
                                                                                     py::array::forcecast>>();
                    if (static_cast<std::size_t>(a.size()) != n)
                        throw hp::DataError("SpendDraws: a pickled matrix holds " + std::to_string(a.size()) +
                                            " values, its shape says " + std::to_string(n));
                    field->assign(a.data(), a.data() + n);
                }
                return d;
            }));
    m.def(
        "simulate_spend",
        [](const std::vector<hf::Service>& services, const py::array_t<double, py::array::c_style | py::array::forcecast>& population,
           Count<"n_sims", 1> n_sims, double rho, double sd, Seed seed, Count<"area", 0, (1 << 24) - 1> area, Count<"block_size", 1> block_size,
           Count<"first_block", 0, (std::int64_t{1} << 40) - 1> first_block, Threads threads) {
            return hf::simulate_spend(services, population_rows(population),
                                      sim_options(n_sims, rho, sd, seed, area, block_size, first_block, threads));
        },
        py::arg("services"), py::arg("population"), py::arg("n_sims"), py::arg("shock_correlation") = 0.0,
        py::arg("shock_sd") = 0.0, py::arg("seed") = 0, py::arg("area") = 0, py::arg("block_size") = 4096,
        py::arg("first_block") = 0, py::arg("threads") = 0, py::call_guard<Interruptible>(),
        "Simulate n_sims replications of the horizon (population: years x bands); streams keyed by (seed, area, block).");
    m.def(
        "integer_options",
        [](Count<"n_sims", 0> n_sims, Seed seed, Threads threads, Count<"area", 0, (1 << 24) - 1> area,
           Count<"block_size", 1> block_size, Count<"first_block", 0, (std::int64_t{1} << 40) - 1> first_block) {
            return std::make_tuple(static_cast<std::int64_t>(n_sims), static_cast<std::uint64_t>(seed),
                                   static_cast<int>(threads), static_cast<std::int64_t>(area),
                                   static_cast<std::int64_t>(block_size), static_cast<std::int64_t>(first_block));
        },
        py::arg("n_sims") = 1, py::arg("seed") = 0, py::arg("threads") = 0, py::arg("area") = 0,
        py::arg("block_size") = 1, py::arg("first_block") = 0,
        "(n_sims, seed, threads, area, block_size, first_block) as Python ints, each checked: a DomainError naming "
        "it and its range (10.5, None, -1, 2**70), before the Python side uses them.");
    // hp.distributed and the progress bar run a simulation as slices of whole blocks (first_block): this joins
    // the slices, in order, into the draws the single call would have made.
    m.def(
        "concatenate_draws",
        [](const std::vector<const hf::SpendDraws*>& parts) {
            if (parts.empty()) throw hp::DomainError("concatenate_draws: give at least one slice of simulated years");
            for (std::size_t i = 0; i < parts.size(); ++i)
                if (parts[i] == nullptr)
                    throw hp::DomainError("concatenate_draws: slice " + std::to_string(i) + " is None, not SpendDraws");
            hf::SpendDraws out;
            out.services = parts[0]->services;
            out.horizon = parts[0]->horizon;
            out.n_sims = 0;
            for (std::size_t i = 0; i < parts.size(); ++i) {
                const auto& p = *parts[i];
                if (p.services != out.services || p.horizon != out.horizon)
                    throw hp::DataError("concatenate_draws: slice " + std::to_string(i) + " has " +
                                        std::to_string(p.services) + " services x " + std::to_string(p.horizon) +
                                        " years, slice 0 has " + std::to_string(out.services) + " x " +
                                        std::to_string(out.horizon) + "; slices of one run must match");
                out.n_sims += p.n_sims;
            }
            const auto n = static_cast<std::size_t>(out.size()) * out.services;
            out.spend.reserve(n);
            out.events.reserve(n);
            for (const auto* p : parts) {
                out.spend.insert(out.spend.end(), p->spend.begin(), p->spend.end());
                out.events.insert(out.events.end(), p->events.begin(), p->events.end());
            }
            return out;
        },
        py::arg("parts"), py::call_guard<Interruptible>(), "One SpendDraws from slices of a run (replications in the order given).");
    m.def(
        "outturns",
        [](const hf::SpendDraws& d, const std::vector<hf::Service>& services, hp::integration::Budgets budgets,
           const std::string& rule, std::vector<std::pair<std::string, double>> shares, std::string lead, double cap,
           double collar, double disputed_share, double cost_per_case) {
            const hf::RiskShare r{hf::parse_risk_share_rule(rule), std::move(shares), std::move(lead), cap, collar};
            auto out = hf::outturns(d, services, budgets, r, hf::Friction{disputed_share, cost_per_case});
            const auto sims = static_cast<Eigen::Index>(d.size());
            RowMajor overspend(static_cast<Eigen::Index>(out.overspend.size()), sims);
            for (std::size_t p = 0; p < out.overspend.size(); ++p)
                std::copy(out.overspend[p].begin(), out.overspend[p].end(), overspend.row(static_cast<Eigen::Index>(p)).data());
            return std::make_tuple(std::move(out.partners), Eigen::VectorXd(Eigen::Map<const Eigen::VectorXd>(
                                       out.budgets.data(), static_cast<Eigen::Index>(out.budgets.size()))),
                                   std::move(overspend));
        },
        py::arg("draws"), py::arg("services"), py::arg("budgets"), py::arg("rule") = "proportional",
        py::arg("shares") = std::vector<std::pair<std::string, double>>{}, py::arg("lead") = "",
        py::arg("cap") = std::numeric_limits<double>::infinity(),
        py::arg("collar") = -std::numeric_limits<double>::infinity(), py::arg("disputed_share") = 0.0,
        py::arg("cost_per_case") = 0.0, py::call_guard<Interruptible>(),
        "(partners, budgets, overspend[partner, simulated year]) under a budget arrangement and risk-share rule.");
    m.def(
        "risk_measures",
        [](const DoubleArray& x, double var_level) {
            const auto r = hf::risk_measures(as_span(x, "overspends"), var_level);
            return py::make_tuple(r.mean, r.sd, r.p_overspend, r.var, r.es);
        },
        py::arg("overspend"), py::arg("var_level") = 0.95,
        "(mean, sd, P(overspend > 0), VaR, ES) of simulated overspends at the value-at-risk level var_level.");
    m.def(
        "total_cost_draws",
        [](const hf::UnitCost& c, std::int64_t events, std::int64_t size, Seed seed) {
            Eigen::VectorXd out(std::max<std::int64_t>(size, 0));
            hp::stats::RandomStream rs(seed, 0);
            for (auto& x : out) x = hf::total_cost(c, events, rs);
            return out;
        },
        py::arg("unit_cost"), py::arg("events"), py::arg("size"), py::arg("seed") = 0,
        py::call_guard<Interruptible>(),
        "size independent draws of the total cost of `events` events (the aggregate sampling, for tests).");
    m.def(
        "draw_variates_only",
        [](const DoubleArray& mean_events, const DoubleArray& gamma_shape, Count<"n_sims", 1> n_sims, Seed seed,
           Threads threads) {
            return hf::draw_variates_only(as_span(mean_events, "mean events"), as_span(gamma_shape, "gamma shapes"),
                                          sim_options(n_sims, 0, 0, seed, 0, 4096, 0, threads));
        },
        py::arg("mean_events"), py::arg("gamma_shape"), py::arg("n_sims"), py::arg("seed") = 0, py::arg("threads") = 0,
        py::call_guard<Interruptible>(),
        "Benchmark floor: only the variates the simulation draws (normals, Poisson counts, aggregate gammas), summed.");
}
