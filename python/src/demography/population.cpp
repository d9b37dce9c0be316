// hp::demography bindings: populations by age band (include/healthyplaces/demography/population.hpp) and their
// cohort-component projection (projection.hpp).
#include "box.hpp"

#include <optional>

namespace {
namespace hd = hp::demography;

std::vector<double> vector_of(const std::optional<DoubleArray>& a, const char* what) {
    if (!a) return {};
    const auto s = as_span(*a, what);
    return {s.begin(), s.end()};
}

py::list labels_of(const std::vector<hd::AgeBand>& bands) {
    py::list out;
    for (const auto& b : bands) out.append(b.label);
    return out;
}
}  // namespace

void bind_demography_population(py::module_& m) {
    using hd::Population;
    py::class_<Population>(m, "Population", "Counts by age band (validated): contiguous bands, the last open.")
        .def(py::init([](const std::vector<std::string>& bands, const DoubleArray& counts) {
                 const auto c = as_span(counts, "counts");
                 return hd::make_population(hd::parse_bands(bands), {c.begin(), c.end()});
             }),
             py::arg("bands"), py::arg("counts"))
        .def_static(
            "from_starts",
            [](const DoubleArray& starts, const DoubleArray& counts) {
                const auto c = as_span(counts, "counts");
                return hd::make_population(hd::bands_from_starts(as_span(starts, "band start ages")), {c.begin(), c.end()});
            },
            py::arg("starts"), py::arg("counts"), "Bands [starts[i], starts[i+1]), the last open.")
        .def_property_readonly("bands", [](const Population& p) { return labels_of(p.bands); })
        .def_property_readonly("starts", [](const Population& p) {
            std::vector<double> v;
            for (const auto& b : p.bands) v.push_back(b.start);
            return array_of(v);
        })
        .def_property_readonly("ends", [](const Population& p) {
            std::vector<double> v;
            for (const auto& b : p.bands) v.push_back(b.end);
            return array_of(v);
        })
        .def_property_readonly("counts", [](const Population& p) { return array_of(p.counts); })
        .def_property_readonly("total", &Population::total)
        .def(
            "regroup",
            [](const Population& p, const std::vector<std::string>& bands) { return hd::regroup(p, hd::parse_bands(bands)); },
            py::arg("bands"), "The same people in coarser bands.")
        .def("count_between", &hd::count_between, py::arg("start"), py::arg("end") = std::numeric_limits<double>::infinity(),
             "People aged in [start, end); a cut inside a closed band is pro rata to the years.")
        .def("share_over", &hd::share_over, py::arg("age"), "Share of the population aged `age` and over.")
        .def(
            "dependency_ratios",
            [](const Population& p, double working_from, double old_from) {
                const auto d = hd::dependency_ratios(p, {working_from, old_from});
                return py::make_tuple(d.young, d.old, d.total);
            },
            py::arg("working_from") = 16.0, py::arg("old_from") = 65.0,
            "(young, old, total) dependency ratios as fractions of the working-age population.")
        .def("__len__", &Population::size);
    m.def("five_year_bands", [] { return labels_of(hd::five_year_bands()); }, "0-4, 5-9, ..., 85-89, 90+.");
    m.def("single_year_bands", [](int last) { return labels_of(hd::single_year_bands(last)); }, py::arg("last") = 90,
          "0, 1, ..., last - 1, last+.");

    py::class_<hd::Projection>(m, "Projection", "A cohort-component projection: counts by year and band, and simulated projections.")
        .def_property_readonly("bands", [](const hd::Projection& p) { return labels_of(p.bands); })
        .def_readonly("years", &hd::Projection::years)
        .def_property_readonly("counts", [](const hd::Projection& p) -> Eigen::MatrixXd { return p.counts; })
        .def_property_readonly("simulations", [](const hd::Projection& p) {
            const auto nd = p.simulations.size();
            const auto ny = static_cast<std::size_t>(p.counts.rows()), nb = static_cast<std::size_t>(p.counts.cols());
            py::array_t<double> out({nd, ny, nb});
            auto t = out.mutable_unchecked<3>();
            for (std::size_t d = 0; d < nd; ++d)
                for (std::size_t y = 0; y < ny; ++y)
                    for (std::size_t b = 0; b < nb; ++b)
                        t(static_cast<py::ssize_t>(d), static_cast<py::ssize_t>(y), static_cast<py::ssize_t>(b)) =
                            p.simulations[d](static_cast<Eigen::Index>(y), static_cast<Eigen::Index>(b));
            return out;
        });
    m.def(
        "leslie",
        [](const Population& p, const DoubleArray& mortality, const std::optional<DoubleArray>& fertility,
           double female_fraction) -> Eigen::MatrixXd {
            hd::Rates r{vector_of(mortality, "mortality rates"), vector_of(fertility, "fertility rates"), {}};
            return hd::leslie(p, r, female_fraction);
        },
        py::arg("population"), py::arg("mortality"), py::arg("fertility") = py::none(), py::arg("female_fraction") = 0.5,
        "The Leslie matrix of one step (the band width) of the projection.");
    m.def(
        "project",
        [](const Population& p, const DoubleArray& mortality, const std::optional<DoubleArray>& fertility,
           const std::optional<DoubleArray>& migration,
           Count<"years", 1, hd::max_projection_years> years, double female_fraction, double mortality_sd,
           double fertility_sd, double migration_sd, bool per_year, Count<"n_sims", 0> n_sims, Seed seed, Threads threads) {
            hd::Rates r{vector_of(mortality, "mortality rates"), vector_of(fertility, "fertility rates"),
                        vector_of(migration, "net migration")};
            hd::ProjectionOptions o{static_cast<int>(years.value), female_fraction};  // at most 10,000
            if (n_sims == 0) return hd::project(p, r, o);
            return hd::project(p, r, o, {mortality_sd, fertility_sd, migration_sd, per_year}, {n_sims, seed, threads});
        },
        py::arg("population"), py::arg("mortality"), py::arg("fertility") = py::none(), py::arg("migration") = py::none(),
        py::arg("years") = 10, py::arg("female_fraction") = 0.5, py::arg("mortality_sd") = 0.0,
        py::arg("fertility_sd") = 0.0, py::arg("migration_sd") = 0.0, py::arg("per_year") = false, py::arg("n_sims") = 0,
        py::arg("seed") = 0, py::arg("threads") = 0, py::call_guard<Interruptible>(),
        "Cohort-component projection; n_sims > 0 adds that many projections with lognormal rate multipliers.");
}
