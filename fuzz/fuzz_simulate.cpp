// Finance simulation of demand-led spend with small n_sims: hostile rates (1e19 events per person, subnormal),
// populations, unit costs, dispersions and shock parameters; a few services, bands and years.
#include "fuzz.hpp"

#include "healthyplaces/finance/simulate.hpp"

HP_FUZZ_TARGET(simulate) {
    namespace hf = hp::finance;
    hp::fuzz::Input in(data, size);
    const std::size_t bands = 1 + in.below(2), n_services = in.below(3), horizon = in.below(3);
    std::vector<hf::Service> services(n_services);
    for (std::size_t s = 0; s < n_services; ++s) {
        auto& sv = services[s];
        sv.name = in.byte() < 250 ? "service " + std::to_string(s) : "";
        sv.owner = in.flag() ? "council" : "nhs";
        sv.rates.resize(in.byte() < 240 ? bands : in.below(3));
        for (auto& r : sv.rates) r = in.byte() < 128 ? static_cast<double>(in.byte()) / 100.0 : in.number();
        sv.unit_cost.family = in.choice<hf::CostFamily>(2);
        sv.unit_cost.mean = in.byte() < 128 ? 1000.0 : in.number();
        sv.unit_cost.sd = in.byte() < 128 ? 300.0 : in.number();
        sv.budget = in.finite();
        sv.counts = in.choice<hf::Counts>(2);
        sv.dispersion = in.byte() < 128 ? (sv.counts == hf::Counts::poisson ? 0.0 : 0.2) : in.number();
    }
    std::vector<std::vector<double>> population(horizon, std::vector<double>(bands));
    for (auto& row : population)
        for (auto& p : row) p = in.byte() < 128 ? static_cast<double>(in.below(60000)) : in.number();
    hf::SimulationOptions o;
    o.n_sims = static_cast<std::int64_t>(in.below(12)) - 1;
    o.shock_correlation = in.byte() < 128 ? 0.5 : in.number();
    o.shock_sd = in.byte() < 128 ? 0.1 : in.number();
    o.seed = in.u64();
    o.area = in.byte() < 250 ? in.byte() : in.u64();
    o.block_size = static_cast<std::int64_t>(in.below(20)) - 1;
    o.first_block = in.byte() < 250 ? in.byte() : static_cast<std::int64_t>(in.u64());
    o.threads = 1;
    const auto d = hf::simulate_spend(services, population, o);
    hp::fuzz::require(d.spend.size() == d.events.size(), "simulate: spend and events differ in length");
    for (std::size_t i = 0; i < d.spend.size(); ++i) {
        hp::fuzz::require(std::isfinite(d.spend[i]) && d.spend[i] >= 0, "simulate: spend negative or not finite");
        hp::fuzz::require(std::isfinite(d.events[i]) && d.events[i] >= 0, "simulate: events negative or not finite");
    }
}
