// hp::finance bindings: unit costs, services, the spend simulation and budget arrangements
// (include/healthyplaces/finance/{cost,service,simulate,arrangement_risk}.hpp).
#include "box.hpp"

#include <boost/random/normal_distribution.hpp>

namespace {
namespace hf = hp::finance;

hf::CostFamily cost_family(const std::string& f) {
    if (f == "gamma") return hf::CostFamily::gamma;
    if (f == "lognormal") return hf::CostFamily::lognormal;
    throw hp::DomainError("unit cost: family must be \"gamma\" or \"lognormal\", got \"" + f + "\"");
}

hf::Counts counts_of(const std::string& c, const std::string& service) {
    if (c == "poisson") return hf::Counts::poisson;
    if (c == "negative_binomial") return hf::Counts::negative_binomial;
    throw hp::DataError("service \"" + service + "\": counts must be \"poisson\" or \"negative_binomial\", got \"" + c +
                        "\"");
}

hf::RiskShareRule rule_of(const std::string& r) {
    if (r == "proportional") return hf::RiskShareRule::proportional;
    if (r == "fixed") return hf::RiskShareRule::fixed;
    if (r == "lead_partner") return hf::RiskShareRule::lead_partner;
    if (r == "capped") return hf::RiskShareRule::capped;
    throw hp::DomainError("risk share: rule must be \"proportional\", \"fixed\", \"lead_partner\" or \"capped\", got \"" +
                          r + "\"");
}

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

/// (sims, horizon, services) view of one of the draws' matrices, copied.
py::array_t<double> cube(const hf::SpendDraws& d, const std::vector<double>& m) {
    py::array_t<double> out({static_cast<py::ssize_t>(d.sims), static_cast<py::ssize_t>(d.horizon),
                             static_cast<py::ssize_t>(d.services)});
    std::copy(m.begin(), m.end(), out.mutable_data());
    return out;
}

hf::SimulationOptions sim_options(std::int64_t sims, double rho, double sd, std::uint64_t seed, std::uint64_t area,
                                  std::int64_t block_size, std::int64_t first_block, int threads) {
    hf::SimulationOptions o;
    o.sims = sims;
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
                 hf::UnitCost c{cost_family(family), mean, sd};
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
                 const auto kind = counts_of(counts, name);
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
        .def_readonly("sims", &hf::SpendDraws::sims)
        .def_readonly("horizon", &hf::SpendDraws::horizon)
        .def_readonly("services", &hf::SpendDraws::services)
        .def_property_readonly("spend", [](const hf::SpendDraws& d) { return cube(d, d.spend); })
        .def_property_readonly("events", [](const hf::SpendDraws& d) { return cube(d, d.events); })
        // Pickles (results travel to and from worker processes): the shape and both matrices, checked on load.
        .def(py::pickle(
            [](const hf::SpendDraws& d) {
                return py::make_tuple(d.services, d.horizon, d.sims, cube(d, d.spend), cube(d, d.events));
            },
            [](const py::tuple& t) {
                if (t.size() != 5) throw hp::DataError("SpendDraws: a pickled state has 5 fields");
                hf::SpendDraws d;
                d.services = t[0].cast<std::size_t>();
                d.horizon = t[1].cast<std::int64_t>();
                d.sims = t[2].cast<std::int64_t>();
                const auto n = static_cast<std::size_t>(d.sims * d.horizon) * d.services;
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
           std::int64_t sims, double rho, double sd, std::uint64_t seed, std::uint64_t area, std::int64_t block_size,
           std::int64_t first_block, int threads) {
            const auto rows = population_rows(population);
            const auto o = sim_options(sims, rho, sd, seed, area, block_size, first_block, threads);
            py::gil_scoped_release release;
            return hf::simulate_spend(services, rows, o);
        },
        py::arg("services"), py::arg("population"), py::arg("sims"), py::arg("shock_correlation") = 0.0,
        py::arg("shock_sd") = 0.0, py::arg("seed") = 0, py::arg("area") = 0, py::arg("block_size") = 4096,
        py::arg("first_block") = 0, py::arg("threads") = 1,
        "Simulate sims replications of the horizon (population: years x bands); streams keyed by (seed, area, block).");
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
            out.sims = 0;
            for (std::size_t i = 0; i < parts.size(); ++i) {
                const auto& p = *parts[i];
                if (p.services != out.services || p.horizon != out.horizon)
                    throw hp::DataError("concatenate_draws: slice " + std::to_string(i) + " has " +
                                        std::to_string(p.services) + " services x " + std::to_string(p.horizon) +
                                        " years, slice 0 has " + std::to_string(out.services) + " x " +
                                        std::to_string(out.horizon) + "; slices of one run must match");
                out.sims += p.sims;
            }
            py::gil_scoped_release release;
            const auto n = static_cast<std::size_t>(out.size()) * out.services;
            out.spend.reserve(n);
            out.events.reserve(n);
            for (const auto* p : parts) {
                out.spend.insert(out.spend.end(), p->spend.begin(), p->spend.end());
                out.events.insert(out.events.end(), p->events.begin(), p->events.end());
            }
            return out;
        },
        py::arg("parts"), "One SpendDraws from slices of a run (replications in the order given).");
    m.def(
        "outturns",
        [](const hf::SpendDraws& d, const std::vector<hf::Service>& services, hp::integration::Budgets budgets,
           const std::string& rule, std::vector<std::pair<std::string, double>> shares, std::string lead, double cap,
           double collar, double disputed_share, double cost_per_case) {
            hf::RiskShare r{rule_of(rule), std::move(shares), std::move(lead), cap, collar};
            const hf::Friction f{disputed_share, cost_per_case};
            hf::PartnerOutturns out;
            {
                py::gil_scoped_release release;
                out = hf::outturns(d, services, budgets, r, f);
            }
            return py::make_tuple(out.partners, array_of(out.budgets),
                                  rows_of(out.overspend, static_cast<std::size_t>(d.size())));
        },
        py::arg("draws"), py::arg("services"), py::arg("budgets"), py::arg("rule") = "proportional",
        py::arg("shares") = std::vector<std::pair<std::string, double>>{}, py::arg("lead") = "",
        py::arg("cap") = std::numeric_limits<double>::infinity(),
        py::arg("collar") = -std::numeric_limits<double>::infinity(), py::arg("disputed_share") = 0.0,
        py::arg("cost_per_case") = 0.0,
        "(partners, budgets, overspend[partner, simulated year]) under a budget arrangement and risk-share rule.");
    m.def(
        "risk_measures",
        [](const DoubleArray& x, double level) {
            const auto r = hf::risk_measures(as_span(x, "overspends"), level);
            return py::make_tuple(r.mean, r.sd, r.p_overspend, r.var, r.es);
        },
        py::arg("overspend"), py::arg("level") = 0.95,
        "(mean, sd, P(overspend > 0), VaR, ES) of simulated overspends at level.");
    m.def(
        "total_cost_draws",
        [](const hf::UnitCost& c, std::int64_t events, std::int64_t size, std::uint64_t seed) {
            std::vector<double> out(static_cast<std::size_t>(std::max<std::int64_t>(size, 0)));
            {
                py::gil_scoped_release release;
                hp::stats::RandomStream rs(seed, 0);
                for (auto& x : out) x = hf::total_cost(c, events, rs);
            }
            return array_of(out);
        },
        py::arg("unit_cost"), py::arg("events"), py::arg("size"), py::arg("seed") = 0,
        "size independent draws of the total cost of `events` events (the aggregate sampling, for tests).");
    m.def(
        "draw_variates_only",
        [](const DoubleArray& mean_events, const DoubleArray& gamma_shape, std::int64_t sims, std::uint64_t seed,
           int threads) {
            auto me = as_span(mean_events, "mean events"), gs = as_span(gamma_shape, "gamma shapes");
            const auto o = sim_options(sims, 0, 0, seed, 0, 4096, 0, threads);
            py::gil_scoped_release release;
            return hf::draw_variates_only(me, gs, o);
        },
        py::arg("mean_events"), py::arg("gamma_shape"), py::arg("sims"), py::arg("seed") = 0, py::arg("threads") = 1,
        "Benchmark floor: only the variates the simulation draws (normals, Poisson counts, aggregate gammas), summed.");
}
