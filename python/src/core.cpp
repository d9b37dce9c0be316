// core/: Organisation, Framework, Area, ScoreTable.
#include "bindings.hpp"

namespace {
std::string repr_optional(const std::optional<int>& v) { return v ? std::to_string(*v) : "None"; }
}  // namespace

void bind_core(py::module_& m) {
    auto sector = py::native_enum<hp::Sector>(m, "Sector", "enum.Enum", "Which side of the partnership an organisation is on.");
    sector.value("local_authority", hp::Sector::local_authority).value("nhs_commissioner", hp::Sector::nhs_commissioner);
    sector.finalize();

    auto kind = py::native_enum<hp::OrganisationKind>(m, "OrganisationKind", "enum.Enum",
                                                      "Kinds of English council and NHS commissioner.");
    for (auto k : hp::all_organisation_kinds) kind.value(std::string(hp::to_string(k)).c_str(), k);
    kind.finalize();

    m.def("sector_of", &hp::sector_of, py::arg("kind"), "The sector a kind of organisation belongs to.");
    m.def("parse_sector", [](std::string_view s) { return hp::parse_sector(s); }, py::arg("text"),
          "Sector from spreadsheet text ('PCT', 'Local authority', ...), or None.");
    m.def("parse_organisation_kind", [](std::string_view s) { return hp::parse_organisation_kind(s); }, py::arg("text"),
          "Kind from spreadsheet text ('London borough', 'UA', 'CCG', ...), or None.");
    m.def("kind_label", [](hp::OrganisationKind k) { return std::string(hp::label(k)); }, py::arg("kind"));
    m.def("sector_label", [](hp::Sector s) { return std::string(hp::label(s)); }, py::arg("sector"));

    py::class_<hp::Organisation>(m, "Organisation", "A council or an NHS commissioner.")
        .def(py::init([](std::string code, std::string name, hp::OrganisationKind kind, std::optional<int> star_rating,
                         std::optional<double> population) {
                 hp::Organisation o{std::move(code), std::move(name), kind, star_rating, population};
                 if (o.name.empty()) o.name = o.code;
                 hp::validate(o);
                 return o;
             }),
             py::arg("code"), py::arg("name") = "", py::arg("kind") = hp::OrganisationKind::unitary_authority,
             py::arg("star_rating") = py::none(), py::arg("population") = py::none(),
             "Organisation(code, name='', kind=OrganisationKind.unitary_authority, star_rating=None, population=None).\n"
             "Raises DataError for a star rating outside 0-4 or a negative population.")
        .def_readonly("code", &hp::Organisation::code)
        .def_readonly("name", &hp::Organisation::name)
        .def_readonly("kind", &hp::Organisation::kind)
        .def_readonly("star_rating", &hp::Organisation::star_rating)
        .def_readonly("population", &hp::Organisation::population)
        .def_property_readonly("sector", &hp::Organisation::sector)
        .def(py::pickle(
            [](const hp::Organisation& o) { return py::make_tuple(o.code, o.name, o.kind, o.star_rating, o.population); },
            [](const py::tuple& t) {
                hp::Organisation o{t[0].cast<std::string>(), t[1].cast<std::string>(), t[2].cast<hp::OrganisationKind>(),
                                   t[3].cast<std::optional<int>>(), t[4].cast<std::optional<double>>()};
                hp::validate(o);
                return o;
            }))
        .def("__eq__", [](const hp::Organisation& a, const hp::Organisation& b) {
            return a.code == b.code && a.name == b.name && a.kind == b.kind && a.star_rating == b.star_rating &&
                   a.population == b.population;
        }, py::is_operator())
        .def("__repr__", [](const hp::Organisation& o) {
            return "Organisation(code='" + o.code + "', name='" + o.name + "', kind=" + std::string(hp::to_string(o.kind)) +
                   ", star_rating=" + repr_optional(o.star_rating) + ")";
        });

    py::class_<hp::Category>(m, "Category", "A category of a framework: key (snake_case) and label.")
        .def(py::init<std::string, std::string>(), py::arg("key"), py::arg("label") = "")
        .def_readonly("key", &hp::Category::key)
        .def_readonly("label", &hp::Category::label)
        .def(py::pickle([](const hp::Category& c) { return py::make_tuple(c.key, c.label); },
                        [](const py::tuple& t) { return hp::Category{t[0].cast<std::string>(), t[1].cast<std::string>()}; }))
        .def("__repr__", [](const hp::Category& c) { return "Category('" + c.key + "', '" + c.label + "')"; });

    py::class_<hp::Level>(m, "Level", "A level of a scale: value and label.")
        .def(py::init<int, std::string>(), py::arg("value"), py::arg("label") = "")
        .def_readonly("value", &hp::Level::value)
        .def_readonly("label", &hp::Level::label)
        .def(py::pickle([](const hp::Level& l) { return py::make_tuple(l.value, l.label); },
                        [](const py::tuple& t) { return hp::Level{t[0].cast<int>(), t[1].cast<std::string>()}; }))
        .def("__repr__", [](const hp::Level& l) { return "Level(" + std::to_string(l.value) + ", '" + l.label + "')"; });

    py::class_<hp::Framework>(m, "Framework", "A named set of ordinal categories scored on one scale.")
        .def(py::init<std::string, std::vector<hp::Category>, std::vector<hp::Level>>(), py::arg("name"),
             py::arg("categories"), py::arg("levels"))
        .def(py::init<std::string, std::vector<hp::Category>, int, int>(), py::arg("name"), py::arg("categories"),
             py::arg("lo"), py::arg("hi"))
        .def_static("use_of_resources", &hp::Framework::use_of_resources,
                    "Audit Commission use of resources / Auditors' Local Evaluation: five categories, 1-4.")
        .def_static("cpa_star_rating", &hp::Framework::cpa_star_rating, "CPA star rating: one category, 0-4.")
        .def_static("builtin", &hp::Framework::builtin, py::arg("name"))
        .def_static("builtin_names", &hp::Framework::builtin_names)
        .def_property_readonly("name", &hp::Framework::name)
        .def_property_readonly("categories", &hp::Framework::categories)
        .def_property_readonly("levels", &hp::Framework::levels)
        .def_property_readonly("min_level", &hp::Framework::min_level)
        .def_property_readonly("max_level", &hp::Framework::max_level)
        .def_property_readonly("max_total", &hp::Framework::max_total)
        .def_property_readonly("category_keys", [](const hp::Framework& f) {
            std::vector<std::string> keys;
            for (const auto& c : f.categories()) keys.push_back(c.key);
            return keys;
        })
        .def(py::pickle(
            [](const hp::Framework& f) { return py::make_tuple(f.name(), f.categories(), f.levels()); },
            [](const py::tuple& t) {
                return hp::Framework(t[0].cast<std::string>(), t[1].cast<std::vector<hp::Category>>(),
                                     t[2].cast<std::vector<hp::Level>>());
            }))
        .def("category_index", &hp::Framework::category_index, py::arg("key_or_label"))
        .def("level_of", &hp::Framework::level_of, py::arg("label"))
        .def("describe_scale", &hp::Framework::describe_scale)
        .def("__repr__", [](const hp::Framework& f) {
            return "Framework('" + f.name() + "', " + std::to_string(f.n_categories()) + " categories, scale " +
                   std::to_string(f.min_level()) + "-" + std::to_string(f.max_level()) + ")";
        });

    py::class_<hp::Area>(m, "Area", "A place pairing a council with its NHS commissioner.")
        .def(py::init([](std::string name, std::string council, std::string nhs_body, double coterminosity) {
                 return hp::Area{std::move(name), std::move(council), std::move(nhs_body), coterminosity};
             }),
             py::arg("name"), py::arg("council"), py::arg("nhs_body"), py::arg("coterminosity") = 1.0)
        .def_readonly("name", &hp::Area::name)
        .def_readonly("council", &hp::Area::council)
        .def_readonly("nhs_body", &hp::Area::nhs_body)
        .def_readonly("coterminosity", &hp::Area::coterminosity)
        .def(py::pickle(
            [](const hp::Area& a) { return py::make_tuple(a.name, a.council, a.nhs_body, a.coterminosity); },
            [](const py::tuple& t) {
                return hp::Area{t[0].cast<std::string>(), t[1].cast<std::string>(), t[2].cast<std::string>(),
                                t[3].cast<double>()};
            }))
        .def("__repr__", [](const hp::Area& a) {
            return "Area('" + a.name + "', council='" + a.council + "', nhs_body='" + a.nhs_body + "')";
        });

    py::class_<hp::TotalScore>(m, "TotalScore", "A total over scored categories against the maximum for them.")
        .def_readonly("total", &hp::TotalScore::total)
        .def_readonly("maximum", &hp::TotalScore::maximum)
        .def_readonly("n_scored", &hp::TotalScore::n_scored)
        .def_readonly("n_missing", &hp::TotalScore::n_missing)
        .def_property_readonly("complete", &hp::TotalScore::complete)
        .def("__repr__", [](const hp::TotalScore& t) {
            return std::to_string(t.total) + " out of " + std::to_string(t.maximum) +
                   (t.n_missing ? " (" + std::to_string(t.n_missing) + " missing)" : "");
        });

    py::class_<hp::ScoreTable>(m, "ScoreTable",
                               "Organisations x categories of one framework, validated on construction.\n"
                               "Missing scores are NaN in `scores`.")
        .def(py::init<hp::Framework, std::vector<hp::Organisation>, hp::ScoreMatrix, std::vector<hp::Area>>(),
             py::arg("framework"), py::arg("organisations"), py::arg("scores"), py::arg("areas") = std::vector<hp::Area>{})
        .def_property_readonly("framework", &hp::ScoreTable::framework)
        .def_property_readonly("organisations", &hp::ScoreTable::organisations)
        .def_property_readonly("areas", &hp::ScoreTable::areas)
        .def_property_readonly("scores", &hp::ScoreTable::scores, py::return_value_policy::reference_internal,
                               "Read-only (organisations x categories) float array; NaN = missing.")
        .def_property_readonly("n_organisations", &hp::ScoreTable::n_organisations)
        .def_property_readonly("n_categories", &hp::ScoreTable::n_categories)
        .def("score", py::overload_cast<std::string_view, std::string_view>(&hp::ScoreTable::score, py::const_),
             py::arg("code"), py::arg("category"))
        .def("index_of", &hp::ScoreTable::index_of, py::arg("code"))
        .def("organisation", &hp::ScoreTable::organisation, py::arg("code"), py::return_value_policy::copy)
        .def("subset", [](const hp::ScoreTable& t, std::vector<std::size_t> rows) { return t.subset(rows); },
             py::arg("rows"))
        .def("total_score", [](const hp::ScoreTable& t, std::string_view code) { return hp::total_score(t, t.index_of(code)); },
             py::arg("code"))
        // Pickling goes through the validating constructor, so a tampered pickle cannot make an invalid table.
        .def(py::pickle(
            [](const hp::ScoreTable& t) {
                return py::make_tuple(t.framework(), t.organisations(), hp::ScoreMatrix(t.scores()), t.areas());
            },
            [](const py::tuple& s) {
                return hp::ScoreTable(s[0].cast<hp::Framework>(), s[1].cast<std::vector<hp::Organisation>>(),
                                      s[2].cast<hp::ScoreMatrix>(), s[3].cast<std::vector<hp::Area>>());
            }))
        .def("__len__", &hp::ScoreTable::n_organisations)
        .def("__repr__", [](const hp::ScoreTable& t) {
            return "ScoreTable(framework='" + t.framework().name() + "', " + std::to_string(t.n_organisations()) +
                   " organisations, " + std::to_string(t.areas().size()) + " areas)";
        });
}
