// hp::finance bindings: uncertain inputs, the integration business case and fair shares
// (include/healthyplaces/finance/{uncertain,business_case,fair_shares}.hpp).
#include "box.hpp"

#include <optional>

namespace {
namespace hf = hp::finance;

hf::DiscountOptions discounting(double rate, bool declining) {
    hf::DiscountOptions d;
    d.rate = rate;
    d.declining = declining;
    return d;
}

py::array_t<std::int64_t> ints_of(const std::vector<int>& v) {
    py::array_t<std::int64_t> out(static_cast<py::ssize_t>(v.size()));
    auto o = out.mutable_unchecked<1>();
    for (std::size_t i = 0; i < v.size(); ++i) o(static_cast<py::ssize_t>(i)) = v[i];
    return out;
}
}  // namespace

void bind_finance_business(py::module_& m) {
    using hf::Uncertain;
    py::class_<Uncertain>(m, "Uncertain", R"doc(An uncertain input of a business case, stated the way an analyst states it.

``normal(mean, sd)``, ``lognormal(mean, sd)`` (mean > 0; mean and sd of the value, not its log),
``gamma(mean, sd)`` (mean > 0), ``beta(mean, sd)`` (0 < mean < 1, sd² < mean(1 − mean)), ``uniform(low, high)``,
``triangular(low, mode, high)`` and ``fixed(value)``. ``quantile(p)`` is the inverse CDF, ``sample(n, seed)``
draws by inversion from the library's counter-based stream, the same numbers on every platform.

Examples
--------
>>> import healthyplaces as hp
>>> u = hp.finance.Uncertain.gamma(mean=200_000, sd=50_000)
>>> u.mean, u.sd, round(u.quantile(0.5))
(200000.0, 50000.0, 195849)
)doc")
        .def_static("fixed", &Uncertain::fixed, py::arg("value"), "A known amount: a point mass at value.")
        .def_static("normal", &Uncertain::normal, py::arg("mean"), py::arg("sd"), "N(mean, sd²); sd >= 0.")
        .def_static("lognormal", &Uncertain::lognormal, py::arg("mean"), py::arg("sd"),
                    "A lognormal with this mean (> 0) and sd of the value (not of its log).")
        .def_static("gamma", &Uncertain::gamma, py::arg("mean"), py::arg("sd"),
                    "A gamma with this mean (> 0) and sd: shape (mean/sd)², scale sd²/mean.")
        .def_static("beta", &Uncertain::beta, py::arg("mean"), py::arg("sd"),
                    "A beta with this mean in (0, 1) and sd (sd² < mean(1 − mean)): a fraction, e.g. an effect.")
        .def_static("uniform", &Uncertain::uniform, py::arg("low"), py::arg("high"), "U(low, high); low <= high.")
        .def_static("triangular", &Uncertain::triangular, py::arg("low"), py::arg("mode"), py::arg("high"),
                    "The triangular distribution a finance director gives: low <= mode <= high.")
        .def_property_readonly("kind", [](const Uncertain& u) {
            const std::string s = hf::to_string(u);
            return s.substr(0, s.find('('));
        })
        .def_property_readonly("mean", [](const Uncertain& u) { return hf::mean(u); })
        .def_property_readonly("sd", [](const Uncertain& u) { return hf::sd(u); })
        .def("quantile", [](const Uncertain& u, double p) { return hf::quantile(u, p); }, py::arg("p"),
             "The inverse CDF at p in (0, 1).")
        .def("sample", [](const Uncertain& u, Count<"n", 0> n, Seed seed) {
            if (n < 0) throw hp::DomainError("Uncertain.sample: n must be >= 0, got " + std::to_string(n));
            std::vector<double> out(static_cast<std::size_t>(n));
            hp::stats::RandomStream rng(seed, 0);
            for (auto& x : out) x = hf::draw(u, rng);
            return array_of(out);
        }, py::arg("n"), py::arg("seed") = 0,
           "n draws by inversion from the counter-based stream keyed by seed: the same numbers on every platform.")
        .def("__repr__", [](const Uncertain& u) { return "Uncertain." + hf::to_string(u); })
        // Pickles (business cases travel to worker processes): the kind and parameters as given, re-checked by
        // the named constructor on load.
        .def(py::pickle(
            [](const Uncertain& u) { return py::make_tuple(static_cast<int>(u.kind), u.a, u.b, u.c); },
            [](const py::tuple& t) {
                if (t.size() != 4) throw hp::DataError("Uncertain: a pickled state has 4 fields");
                const auto kind = t[0].cast<int>();
                const auto a = t[1].cast<double>(), b = t[2].cast<double>(), c = t[3].cast<double>();
                if (kind < 0 || kind > static_cast<int>(hf::UncertainKind::triangular))
                    throw hp::DataError("Uncertain: a pickled state has an unknown kind " + std::to_string(kind));
                switch (static_cast<hf::UncertainKind>(kind)) {
                    case hf::UncertainKind::fixed: return Uncertain::fixed(a);
                    case hf::UncertainKind::normal: return Uncertain::normal(a, b);
                    case hf::UncertainKind::lognormal: return Uncertain::lognormal(a, b);
                    case hf::UncertainKind::gamma: return Uncertain::gamma(a, b);
                    case hf::UncertainKind::beta: return Uncertain::beta(a, b);
                    case hf::UncertainKind::uniform: return Uncertain::uniform(a, b);
                    case hf::UncertainKind::triangular: return Uncertain::triangular(a, b, c);
                }
                throw hp::DataError("Uncertain: a pickled state has an unknown kind " + std::to_string(kind));
            }));

    py::class_<hf::BusinessCase>(m, "BusinessCase", "The integration business case: NPV at the means, break-even, PSA.")
        .def_readonly("horizon", &hf::BusinessCase::horizon)
        .def_property_readonly("rate", [](const hf::BusinessCase& b) { return b.discounting.rate; })
        .def_property_readonly("declining", [](const hf::BusinessCase& b) { return b.discounting.declining; })
        .def_property_readonly("discount_factor", [](const hf::BusinessCase& b) { return array_of(b.discount_factor); })
        .def_readonly("inputs", &hf::BusinessCase::inputs)
        .def_property_readonly("means", [](const hf::BusinessCase& b) { return array_of(b.means); })
        .def_property_readonly("costs", [](const hf::BusinessCase& b) { return array_of(b.costs); })
        .def_property_readonly("savings", [](const hf::BusinessCase& b) { return array_of(b.savings); })
        .def_property_readonly("net", [](const hf::BusinessCase& b) { return array_of(b.net); })
        .def_property_readonly("cumulative", [](const hf::BusinessCase& b) { return array_of(b.cumulative); })
        .def_readonly("npv", &hf::BusinessCase::npv)
        .def_readonly("break_even_year", &hf::BusinessCase::break_even_year)
        .def_property_readonly("npv_draws", [](const hf::BusinessCase& b) { return array_of(b.npv_draws); })
        .def_property_readonly("break_even_draws",
                               [](const hf::BusinessCase& b) { return ints_of(b.break_even_draws); })
        .def_readonly("mean_npv", &hf::BusinessCase::mean_npv)
        .def_readonly("sd_npv", &hf::BusinessCase::sd_npv)
        .def_readonly("se_mean_npv", &hf::BusinessCase::se_mean_npv)
        .def_readonly("p_positive", &hf::BusinessCase::p_positive)
        .def_readonly("evpi", &hf::BusinessCase::evpi)
        .def_readonly("se_evpi", &hf::BusinessCase::se_evpi)
        .def_property_readonly("tornado", [](const hf::BusinessCase& b) {
            py::list rows;
            for (const auto& t : b.tornado)
                rows.append(py::make_tuple(t.input, t.low_value, t.high_value, t.npv_low, t.npv_high, t.swing));
            return rows;
        })
        .def_property_readonly("n_sims", [](const hf::BusinessCase& b) { return b.psa.n_sims; })
        .def_property_readonly("seed", [](const hf::BusinessCase& b) { return b.psa.seed; })
        .def_property_readonly("low", [](const hf::BusinessCase& b) { return b.psa.low; })
        .def_property_readonly("high", [](const hf::BusinessCase& b) { return b.psa.high; });

    m.def("business_case",
          [](const std::vector<std::tuple<std::string, std::string, Uncertain, int, int, int, double>>& rows,
             int horizon, double rate, bool declining, Count<"n_sims", 0> n_sims, Seed seed, Threads threads,
             Count<"block_size", 1> block_size, double low, double high) {
              std::vector<hf::Flow> flows;
              for (const auto& [name, kind, amount, start, end, years, baseline] : rows)
                  flows.push_back({name, hf::parse_flow_kind(kind), amount, start, end, years, baseline});
              hf::PsaOptions p;
              p.n_sims = n_sims;
              p.seed = seed;
              p.threads = threads;
              p.block_size = block_size;
              p.low = low;
              p.high = high;
              return hf::business_case(flows, horizon, discounting(rate, declining), p);
          },
          py::arg("flows"), py::arg("horizon"), py::arg("rate") = 0.035, py::arg("declining") = false,
          py::arg("n_sims") = 10000, py::arg("seed") = 0, py::arg("threads") = 0, py::arg("block_size") = 256,
          py::arg("low") = 0.1, py::arg("high") = 0.9, py::call_guard<Interruptible>(),
          "The business case; flows are (name, kind, amount, start, end, years, baseline) tuples.");

    m.def("discount_factors", [](int horizon, double rate, bool declining) {
        return array_of(hf::discount_factors(horizon, discounting(rate, declining)));
    }, py::arg("horizon"), py::arg("rate") = 0.035, py::arg("declining") = false);

    py::class_<hf::FairShares>(m, "FairShares", "Weighted-capitation fair shares by area.")
        .def_property_readonly("population", [](const hf::FairShares& f) { return array_of(f.population); })
        .def_property_readonly("weighted", [](const hf::FairShares& f) { return array_of(f.weighted); })
        .def_property_readonly("share", [](const hf::FairShares& f) { return array_of(f.share); })
        .def_property_readonly("target", [](const hf::FairShares& f) { return array_of(f.target); })
        .def_property_readonly("actual", [](const hf::FairShares& f) { return array_of(f.actual); })
        .def_property_readonly("distance", [](const hf::FairShares& f) { return array_of(f.distance); })
        .def_readonly("budget", &hf::FairShares::budget);

    m.def("fair_shares", [](const std::vector<std::vector<double>>& populations, const DoubleArray& weights,
                            double budget, const std::optional<DoubleArray>& actual) {
        std::span<const double> act;
        if (actual) act = as_span(*actual, "actual allocations");
        return hf::fair_shares(populations, as_span(weights, "weights"), budget, act);
    }, py::arg("populations"), py::arg("weights"), py::arg("budget"), py::arg("actual") = py::none());
}
