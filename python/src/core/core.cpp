// core/: Organisation, Framework, Area, ScoreTable.
#include "box.hpp"

namespace {
std::string repr_optional(const std::optional<int>& v) { return v ? std::to_string(*v) : "None"; }
}  // namespace

void bind_core(py::module_& m) {
    auto sector = py::native_enum<hp::core::Sector>(m, "Sector", "enum.Enum", "Which side of the partnership an organisation is on.\n\n"
                                                  "Examples\n--------\n"
                                                  ">>> import healthyplaces as hp\n"
                                                  ">>> hp.Sector.local_authority.name\n"
                                                  "'local_authority'\n");
    sector.value("local_authority", hp::core::Sector::local_authority).value("nhs_commissioner", hp::core::Sector::nhs_commissioner);
    sector.finalize();

    auto kind = py::native_enum<hp::core::OrganisationKind>(m, "OrganisationKind", "enum.Enum",
                                                      "Kinds of English council and NHS commissioner.\n\n"
                                                      "Examples\n--------\n"
                                                      ">>> import healthyplaces as hp\n"
                                                      ">>> hp.OrganisationKind.london_borough.name\n"
                                                      "'london_borough'\n");
    for (auto k : hp::core::all_organisation_kinds) kind.value(std::string(hp::core::to_string(k)).c_str(), k);
    kind.finalize();

    m.def("sector_of", &hp::core::sector_of, py::arg("kind"), "The sector a kind of organisation belongs to.");
    m.def("parse_sector", [](std::string_view s) { return hp::core::parse_sector(s); }, py::arg("text"),
          "Sector from spreadsheet text ('PCT', 'Local authority', ...), or None.");
    m.def("parse_organisation_kind", [](std::string_view s) { return hp::core::parse_organisation_kind(s); }, py::arg("text"),
          "Kind from spreadsheet text ('London borough', 'UA', 'CCG', ...), or None.");
    m.def("kind_label", [](hp::core::OrganisationKind k) { return std::string(hp::core::label(k)); }, py::arg("kind"));
    m.def("sector_label", [](hp::core::Sector s) { return std::string(hp::core::label(s)); }, py::arg("sector"));

    py::class_<hp::core::Organisation>(m, "Organisation",
                                              "A council or an NHS commissioner: code, name, kind, sector, star rating "
                                              "and population.\n\n"
                                              "Examples\n--------\n"
                                              ">>> import healthyplaces as hp\n"
                                              ">>> o = hp.Organisation('E09000004', 'LB Bexley', hp.OrganisationKind.london_borough, 3)\n"
                                              ">>> o.sector.name, o.star_rating\n"
                                              "('local_authority', 3)\n")
        .def(py::init([](std::string code, std::string name, hp::core::OrganisationKind kind, std::optional<int> star_rating,
                         std::optional<double> population) {
                 hp::core::Organisation o{std::move(code), std::move(name), kind, star_rating, population};
                 if (o.name.empty()) o.name = o.code;
                 hp::core::validate(o);
                 return o;
             }),
             py::arg("code"), py::arg("name") = "", py::arg("kind") = hp::core::OrganisationKind::unitary_authority,
             py::arg("star_rating") = py::none(), py::arg("population") = py::none(),
             "Organisation(code, name='', kind=OrganisationKind.unitary_authority, star_rating=None, population=None).\n"
             "Raises DataError for a star rating outside 0-4 or a negative population.")
        .def_readonly("code", &hp::core::Organisation::code)
        .def_readonly("name", &hp::core::Organisation::name)
        .def_readonly("kind", &hp::core::Organisation::kind)
        .def_readonly("star_rating", &hp::core::Organisation::star_rating)
        .def_readonly("population", &hp::core::Organisation::population)
        .def_property_readonly("sector", &hp::core::Organisation::sector)
        .def(py::pickle(
            [](const hp::core::Organisation& o) { return py::make_tuple(o.code, o.name, o.kind, o.star_rating, o.population); },
            [](const py::tuple& t) {
                hp::core::Organisation o{t[0].cast<std::string>(), t[1].cast<std::string>(), t[2].cast<hp::core::OrganisationKind>(),
                                   t[3].cast<std::optional<int>>(), t[4].cast<std::optional<double>>()};
                hp::core::validate(o);
                return o;
            }))
        .def("__eq__", [](const hp::core::Organisation& a, const hp::core::Organisation& b) {
            return a.code == b.code && a.name == b.name && a.kind == b.kind && a.star_rating == b.star_rating &&
                   a.population == b.population;
        }, py::is_operator())
        .def("__repr__", [](const hp::core::Organisation& o) {
            return "Organisation(code='" + o.code + "', name='" + o.name + "', kind=" + std::string(hp::core::to_string(o.kind)) +
                   ", star_rating=" + repr_optional(o.star_rating) + ")";
        });

    py::class_<hp::core::Category>(m, "Category", "A category of a framework: key (snake_case) and label.\n\n"
                                          "Examples\n--------\n"
                                          ">>> import healthyplaces as hp\n"
                                          ">>> hp.Category('financial_reporting', 'Financial reporting').label\n"
                                          "'Financial reporting'\n")
        .def(py::init<std::string, std::string>(), py::arg("key"), py::arg("label") = "")
        .def_readonly("key", &hp::core::Category::key)
        .def_readonly("label", &hp::core::Category::label)
        .def(py::pickle([](const hp::core::Category& c) { return py::make_tuple(c.key, c.label); },
                        [](const py::tuple& t) { return hp::core::Category{t[0].cast<std::string>(), t[1].cast<std::string>()}; }))
        .def("__repr__", [](const hp::core::Category& c) { return "Category('" + c.key + "', '" + c.label + "')"; });

    py::class_<hp::core::Level>(m, "Level", R"doc(A level of a framework's ordinal scale: its value and label.

Parameters
----------
value : int
    The score.
label : str
    What the score means.

Examples
--------
>>> import healthyplaces as hp
>>> hp.Framework.use_of_resources().levels[0]
Level(1, 'inadequate')
)doc")
        .def(py::init<int, std::string>(), py::arg("value"), py::arg("label") = "")
        .def_readonly("value", &hp::core::Level::value)
        .def_readonly("label", &hp::core::Level::label)
        .def(py::pickle([](const hp::core::Level& l) { return py::make_tuple(l.value, l.label); },
                        [](const py::tuple& t) { return hp::core::Level{t[0].cast<int>(), t[1].cast<std::string>()}; }))
        .def("__repr__", [](const hp::core::Level& l) { return "Level(" + std::to_string(l.value) + ", '" + l.label + "')"; });

    py::class_<hp::core::Framework>(m, "Framework", R"doc(A named set of ordinal categories scored on one scale.

Parameters
----------
name : str
    The framework's name.
categories : list of Category
    The categories scored.
levels : list of Level
    The scale, lowest first (or ``lo`` and ``hi``: whole numbers lo..hi without labels).

Examples
--------
>>> import healthyplaces as hp
>>> f = hp.Framework("wellbeing", [hp.Category("housing"), hp.Category("transport")], lo=1, hi=5)
>>> f.category_keys, f.min_level, f.max_level
(['housing', 'transport'], 1, 5)
>>> hp.Framework.use_of_resources()
Framework('use_of_resources', 5 categories, scale 1-4)
)doc")
        .def(py::init<std::string, std::vector<hp::core::Category>, std::vector<hp::core::Level>>(), py::arg("name"),
             py::arg("categories"), py::arg("levels"))
        .def(py::init<std::string, std::vector<hp::core::Category>, int, int>(), py::arg("name"), py::arg("categories"),
             py::arg("lo"), py::arg("hi"))
        .def_static("use_of_resources", &hp::core::Framework::use_of_resources,
                    "Audit Commission use of resources / Auditors' Local Evaluation: five categories, 1-4.")
        .def_static("cpa_star_rating", &hp::core::Framework::cpa_star_rating, "CPA star rating: one category, 0-4.")
        .def_static("builtin", &hp::core::Framework::builtin, py::arg("name"))
        .def_static("builtin_names", &hp::core::Framework::builtin_names)
        .def_property_readonly("name", &hp::core::Framework::name)
        .def_property_readonly("categories", &hp::core::Framework::categories)
        .def_property_readonly("levels", &hp::core::Framework::levels)
        .def_property_readonly("min_level", &hp::core::Framework::min_level)
        .def_property_readonly("max_level", &hp::core::Framework::max_level)
        .def_property_readonly("max_total", &hp::core::Framework::max_total)
        .def_property_readonly("category_keys", [](const hp::core::Framework& f) {
            std::vector<std::string> keys;
            for (const auto& c : f.categories()) keys.push_back(c.key);
            return keys;
        })
        .def(py::pickle(
            [](const hp::core::Framework& f) { return py::make_tuple(f.name(), f.categories(), f.levels()); },
            [](const py::tuple& t) {
                return hp::core::Framework(t[0].cast<std::string>(), t[1].cast<std::vector<hp::core::Category>>(),
                                     t[2].cast<std::vector<hp::core::Level>>());
            }))
        .def("category_index", &hp::core::Framework::category_index, py::arg("key_or_label"))
        .def("level_of", &hp::core::Framework::level_of, py::arg("label"))
        .def("describe_scale", &hp::core::Framework::describe_scale)
        .def("__repr__", [](const hp::core::Framework& f) {
            return "Framework('" + f.name() + "', " + std::to_string(f.n_categories()) + " categories, scale " +
                   std::to_string(f.min_level()) + "-" + std::to_string(f.max_level()) + ")";
        });

    py::class_<hp::core::Area>(m, "Area", "A place pairing a council with its NHS commissioner; coterminosity is the "
                                      "share of population they have in common.\n\n"
                                      "Examples\n--------\n"
                                      ">>> import healthyplaces as hp\n"
                                      ">>> hp.Area('Bexley', council='LB Bexley', nhs_body='Bexley PCT').coterminosity\n"
                                      "1.0\n")
        .def(py::init([](std::string name, std::string council, std::string nhs_body, double coterminosity) {
                 return hp::core::Area{std::move(name), std::move(council), std::move(nhs_body), coterminosity};
             }),
             py::arg("name"), py::arg("council"), py::arg("nhs_body"), py::arg("coterminosity") = 1.0)
        .def_readonly("name", &hp::core::Area::name)
        .def_readonly("council", &hp::core::Area::council)
        .def_readonly("nhs_body", &hp::core::Area::nhs_body)
        .def_readonly("coterminosity", &hp::core::Area::coterminosity)
        .def(py::pickle(
            [](const hp::core::Area& a) { return py::make_tuple(a.name, a.council, a.nhs_body, a.coterminosity); },
            [](const py::tuple& t) {
                return hp::core::Area{t[0].cast<std::string>(), t[1].cast<std::string>(), t[2].cast<std::string>(),
                                t[3].cast<double>()};
            }))
        .def("__repr__", [](const hp::core::Area& a) {
            return "Area('" + a.name + "', council='" + a.council + "', nhs_body='" + a.nhs_body + "')";
        });

    py::class_<hp::core::TotalScore>(m, "TotalScore", "A total over scored categories against the maximum for them.\n\n"
                                                 "Examples\n--------\n"
                                                 ">>> import healthyplaces as hp\n"
                                                 ">>> t = hp.datasets.nlgn2008_table()\n"
                                                 ">>> t.total_score('Bexley PCT')\n"
                                                 "6 out of 20\n")
        .def_readonly("total", &hp::core::TotalScore::total)
        .def_readonly("maximum", &hp::core::TotalScore::maximum)
        .def_readonly("n_scored", &hp::core::TotalScore::n_scored)
        .def_readonly("n_missing", &hp::core::TotalScore::n_missing)
        .def_property_readonly("complete", &hp::core::TotalScore::complete)
        .def("__eq__", [](const hp::core::TotalScore& a, const hp::core::TotalScore& b) {
            return a.total == b.total && a.maximum == b.maximum && a.n_scored == b.n_scored && a.n_missing == b.n_missing;
        }, py::is_operator())
        .def(py::pickle(
            [](const hp::core::TotalScore& t) { return py::make_tuple(t.total, t.maximum, t.n_scored, t.n_missing); },
            [](const py::tuple& t) {
                if (t.size() != 4) throw hp::DataError("not a pickled TotalScore");
                return hp::core::TotalScore{t[0].cast<int>(), t[1].cast<int>(), t[2].cast<int>(), t[3].cast<int>()};
            }))
        .def("__repr__", [](const hp::core::TotalScore& t) {
            return std::to_string(t.total) + " out of " + std::to_string(t.maximum) +
                   (t.n_missing ? " (" + std::to_string(t.n_missing) + " missing)" : "");
        });

    py::class_<hp::core::ScoreTable>(m, "ScoreTable",
                               "Organisations x categories of one framework, validated on construction.\n"
                               "Missing scores are NaN in `scores`.\n\n"
                               "Examples\n--------\n"
                               ">>> import healthyplaces as hp\n"
                               ">>> t = hp.datasets.nlgn2008_table()\n"
                               ">>> len(t), t.framework.name\n"
                               "(18, 'use_of_resources')\n")
        .def(py::init<hp::core::Framework, std::vector<hp::core::Organisation>, hp::core::ScoreMatrix, std::vector<hp::core::Area>>(),
             py::arg("framework"), py::arg("organisations"), py::arg("scores"), py::arg("areas") = std::vector<hp::core::Area>{})
        .def_property_readonly("framework", &hp::core::ScoreTable::framework)
        .def_property_readonly("organisations", &hp::core::ScoreTable::organisations)
        .def_property_readonly("areas", &hp::core::ScoreTable::areas)
        .def_property_readonly("codes", [](const hp::core::ScoreTable& t) {
            std::vector<std::string_view> out;
            out.reserve(t.n_organisations());
            for (const auto& o : t.organisations()) out.emplace_back(o.code);
            return out;
        }, "The organisations' codes in table order (a list of str: cheaper than `organisations` on a large table).")
        .def_property_readonly("names", [](const hp::core::ScoreTable& t) {
            std::vector<std::string_view> out;
            out.reserve(t.n_organisations());
            for (const auto& o : t.organisations()) out.emplace_back(o.name);
            return out;
        }, "The organisations' names in table order (a list of str).")
        .def_property_readonly("scores", &hp::core::ScoreTable::scores, py::return_value_policy::reference_internal,
                               "Read-only (organisations x categories) float array; NaN = missing.")
        .def_property_readonly("n_organisations", &hp::core::ScoreTable::n_organisations)
        .def_property_readonly("n_categories", &hp::core::ScoreTable::n_categories)
        .def("score", py::overload_cast<std::string_view, std::string_view>(&hp::core::ScoreTable::score, py::const_),
             py::arg("code"), py::arg("category"))
        .def("index_of", &hp::core::ScoreTable::index_of, py::arg("code"))
        .def("organisation", &hp::core::ScoreTable::organisation, py::arg("code"), py::return_value_policy::copy)
        .def("subset", [](const hp::core::ScoreTable& t, std::vector<std::size_t> rows) { return t.subset(rows); },
             py::arg("rows"))
        .def("total_score", [](const hp::core::ScoreTable& t, std::string_view code) { return hp::core::total_score(t, t.index_of(code)); },
             py::arg("code"))
        // Pickling goes through the validating constructor, so a tampered pickle cannot make an invalid table.
        .def(py::pickle(
            [](const hp::core::ScoreTable& t) {
                return py::make_tuple(t.framework(), t.organisations(), hp::core::ScoreMatrix(t.scores()), t.areas());
            },
            [](const py::tuple& s) {
                return hp::core::ScoreTable(s[0].cast<hp::core::Framework>(), s[1].cast<std::vector<hp::core::Organisation>>(),
                                      s[2].cast<hp::core::ScoreMatrix>(), s[3].cast<std::vector<hp::core::Area>>());
            }))
        .def("__len__", &hp::core::ScoreTable::n_organisations)
        .def("__repr__", [](const hp::core::ScoreTable& t) {
            return "ScoreTable(framework='" + t.framework().name() + "', " + std::to_string(t.n_organisations()) +
                   " organisations, " + std::to_string(t.areas().size()) + " areas)";
        });
}
