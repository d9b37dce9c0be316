// hp::indicators bindings: life expectancy (include/healthyplaces/indicators/life_expectancy.hpp).
#include "box.hpp"

void bind_indicators_life(py::module_& m) {
    using namespace hp::indicators;
    py::class_<LifeExpectancyIntervals, Intervals>(
        m, "LifeExpectancyIntervals",
        "Life expectancies per (group, starting age): the Intervals rows with their group, age and standard error.")
        .def_property_readonly("group",
                               [](const LifeExpectancyIntervals& r) {
                                   return py::array_t<std::int64_t>(static_cast<py::ssize_t>(r.group.size()),
                                                                    r.group.data());
                               })
        .def_property_readonly("le_age", [](const LifeExpectancyIntervals& r) { return array_of(r.le_age); })
        .def_property_readonly("standard_error",
                               [](const LifeExpectancyIntervals& r) { return array_of(r.standard_error); })
        .def_property_readonly("population_used",
                               [](const LifeExpectancyIntervals& r) { return array_of(r.population_used); })
        .def_property_readonly("deaths_used", [](const LifeExpectancyIntervals& r) { return array_of(r.deaths_used); })
        .def_property_readonly(
            "note_code",
            [](const LifeExpectancyIntervals& r) {
                py::array_t<std::int8_t> out(static_cast<py::ssize_t>(r.note.size()));
                auto* p = out.mutable_data();
                for (std::size_t i = 0; i < r.note.size(); ++i) p[i] = static_cast<std::int8_t>(r.note[i]);
                return out;
            },
            "Why each row's value is NaN, as a code into life_expectancy_notes() (0: it is not).");
    m.def(
        "life_expectancy_notes",
        [] {
            std::vector<std::string> out;
            for (int c = 0; c <= static_cast<int>(LifeExpectancyNote::wide_interval); ++c)
                out.emplace_back(life_expectancy_note(static_cast<LifeExpectancyNote>(c)));
            return out;
        },
        "The texts of the life expectancy note codes, in code order (code 0 is '').");
    m.def(
        "life_expectancy",
        [](const IndexArray& group, const DoubleArray& age_start, const DoubleArray& deaths,
           const DoubleArray& population, const std::optional<DoubleArray>& ax, std::size_t n_groups,
           std::vector<double> confidence_level, std::vector<double> le_age, double min_population) {
            auto g = as_span(group, "group indices");
            auto x = as_span(age_start, "age band starts");
            auto d = as_span(deaths, "deaths");
            auto p = as_span(population, "populations");
            std::span<const double> a;
            if (ax) a = as_span(*ax, "ax");
            LifeExpectancyOptions o;
            o.confidence_level = std::move(confidence_level);
            o.le_age = std::move(le_age);
            o.min_population = min_population;
            return life_expectancy(g, x, d, p, a, n_groups, o);
        },
        py::call_guard<Interruptible>(), py::arg("group"), py::arg("age_start"), py::arg("deaths"), py::arg("population"), py::arg("ax"),
        py::arg("n_groups"), py::arg("confidence_level") = std::vector<double>{0.95},
        py::arg("le_age") = std::vector<double>{}, py::arg("min_population") = 5000.0,
        "Life expectancy by Chiang II with Silcocks' variance for the open band; rows (group, band) sorted by "
        "group then age; ax None for the defaults (0.1 at age 0, 0.5 otherwise).");
}
