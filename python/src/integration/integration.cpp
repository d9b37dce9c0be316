// integration/: Arrangement, its presets, and the casebook.
#include "box.hpp"

namespace {
template <class E, std::size_t N>
void bind_dimension(py::module_& m, const char* name, const char* doc, const std::array<E, N>& values) {
    auto e = py::native_enum<E>(m, name, "enum.IntEnum", doc);
    for (auto v : values) e.value(hp::integration::to_string(v).data(), v);
    e.finalize();
}

std::string ordering_name(std::partial_ordering o) {
    if (o == std::partial_ordering::less) return "less";
    if (o == std::partial_ordering::greater) return "greater";
    if (o == std::partial_ordering::equivalent) return "equivalent";
    return "unordered";
}
}  // namespace

void bind_integration(py::module_& m) {
    using namespace hp;
    using namespace hp::integration;
    bind_dimension(m, "Budgets", R"doc(How the partners hold their money, least to most integrated: separate, aligned, pooled, single.

Its rank (0-3) counts towards an Arrangement's integration_level; in hp.finance.simulate it decides who
bears an overspend.

Examples
--------
>>> import healthyplaces as hp
>>> hp.Budgets.pooled > hp.Budgets.aligned, hp.Budgets["single"].value
(True, 3)
)doc",
                   std::array{Budgets::separate, Budgets::aligned, Budgets::pooled, Budgets::single});
    bind_dimension(m, "Staff", R"doc(How staff are employed, least to most integrated: separate, seconded, joint_posts, merged.

Examples
--------
>>> import healthyplaces as hp
>>> [s.name for s in hp.Staff]
['separate', 'seconded', 'joint_posts', 'merged']
)doc",
                   std::array{Staff::separate, Staff::seconded, Staff::joint_posts, Staff::merged});
    bind_dimension(m, "Leadership", R"doc(Who leads, least to most integrated: separate, joint_posts, joint_chief_executive, single.

Examples
--------
>>> import healthyplaces as hp
>>> hp.Leadership.joint_chief_executive.value
2
)doc",
                   std::array{Leadership::separate, Leadership::joint_posts, Leadership::joint_chief_executive,
                              Leadership::single});
    bind_dimension(m, "Governance", R"doc(Who governs, least to most integrated: separate_boards, joint_committee, councillor_majority_board, single_body.

Examples
--------
>>> import healthyplaces as hp
>>> hp.preset("torbay").governance
<Governance.joint_committee: 1>
)doc",
                   std::array{Governance::separate_boards, Governance::joint_committee,
                              Governance::councillor_majority_board, Governance::single_body});
    bind_dimension(m, "LegalBasis", R"doc(The legal basis, least to most integrated: none, section_75, care_trust, public_service_trust.

Examples
--------
>>> import healthyplaces as hp
>>> hp.preset("swindon").legal_basis.name
'section_75'
)doc",
                   std::array{LegalBasis::none, LegalBasis::section_75, LegalBasis::care_trust,
                              LegalBasis::public_service_trust});

    py::class_<Arrangement>(m, "Arrangement", R"doc(An integration arrangement as five dimensions.

Construction validates coherence and raises ArrangementError listing every contradiction (docs/arrangements.md).
Arrangements are partially ordered: ``a < b`` when ``a`` is no further than ``b`` on any dimension and short
on one; ``compare`` says 'less', 'greater', 'equivalent' or 'unordered'.

Parameters
----------
name : str
    A name for tables and charts.
budgets : Budgets
staff : Staff
leadership : Leadership
governance : Governance
legal_basis : LegalBasis
description : str
    Free text.

Examples
--------
>>> import healthyplaces as hp
>>> a = hp.Arrangement("pooled fund", budgets=hp.Budgets.pooled, legal_basis=hp.LegalBasis.section_75)
>>> a.integration_level, a < hp.preset("torbay")
(3, True)
>>> hp.preset("herefordshire").compare(hp.preset("swindon"))
'unordered'
)doc")
        .def(py::init([](std::string name, Budgets budgets, Staff staff, Leadership leadership, Governance governance,
                         LegalBasis legal_basis, std::string description) {
                 Arrangement a{std::move(name), budgets, staff, leadership, governance, legal_basis, std::move(description)};
                 validate(a);
                 return a;
             }),
             py::arg("name") = "", py::arg("budgets") = Budgets::separate, py::arg("staff") = Staff::separate,
             py::arg("leadership") = Leadership::separate, py::arg("governance") = Governance::separate_boards,
             py::arg("legal_basis") = LegalBasis::none, py::arg("description") = "")
        .def_readonly("name", &Arrangement::name)
        .def_readonly("budgets", &Arrangement::budgets)
        .def_readonly("staff", &Arrangement::staff)
        .def_readonly("leadership", &Arrangement::leadership)
        .def_readonly("governance", &Arrangement::governance)
        .def_readonly("legal_basis", &Arrangement::legal_basis)
        .def_readonly("description", &Arrangement::description)
        .def_property_readonly("integration_level", &integration_level,
                               "Sum of the dimension ranks: 0 (nothing shared) to 15 (full merger).")
        .def("compare", [](const Arrangement& a, const Arrangement& b) { return ordering_name(compare_integration(a, b)); },
             py::arg("other"),
             "How this arrangement compares with ``other``, dimension by dimension, as sets compare: 'less', "
             "'greater', 'equivalent' or 'unordered'.")
        .def(py::pickle(
            [](const Arrangement& a) {
                return py::make_tuple(a.name, a.budgets, a.staff, a.leadership, a.governance, a.legal_basis, a.description);
            },
            [](const py::tuple& t) {
                Arrangement a{t[0].cast<std::string>(), t[1].cast<Budgets>(),    t[2].cast<Staff>(),
                              t[3].cast<Leadership>(),  t[4].cast<Governance>(), t[5].cast<LegalBasis>(),
                              t[6].cast<std::string>()};
                validate(a);
                return a;
            }))
        .def("__eq__", [](const Arrangement& a, const Arrangement& b) { return a == b; }, py::is_operator())
        .def("__lt__", [](const Arrangement& a, const Arrangement& b) { return compare_integration(a, b) < 0; }, py::is_operator())
        .def("__le__", [](const Arrangement& a, const Arrangement& b) { return compare_integration(a, b) <= 0; }, py::is_operator())
        .def("__gt__", [](const Arrangement& a, const Arrangement& b) { return compare_integration(a, b) > 0; }, py::is_operator())
        .def("__ge__", [](const Arrangement& a, const Arrangement& b) { return compare_integration(a, b) >= 0; }, py::is_operator())
        .def("__hash__", [](const Arrangement& a) {
            return static_cast<std::size_t>(a.budgets) | static_cast<std::size_t>(a.staff) << 2 |
                   static_cast<std::size_t>(a.leadership) << 4 | static_cast<std::size_t>(a.governance) << 6 |
                   static_cast<std::size_t>(a.legal_basis) << 8;
        })
        .def("__repr__", [](const Arrangement& a) {
            return "Arrangement('" + a.name + "', budgets=" + std::string(to_string(a.budgets)) + ", staff=" +
                   std::string(to_string(a.staff)) + ", leadership=" + std::string(to_string(a.leadership)) +
                   ", governance=" + std::string(to_string(a.governance)) + ", legal_basis=" +
                   std::string(to_string(a.legal_basis)) + ")";
        });

    m.def("incoherences", &incoherences, py::arg("arrangement"), R"doc(The reasons an arrangement cannot exist as stated.

Parameters
----------
arrangement : Arrangement
    The arrangement to check (construction already refuses an incoherent one; presets and pickles are checked).

Returns
-------
list of str
    One sentence per contradiction; empty when the arrangement is coherent.

Examples
--------
>>> import healthyplaces as hp
>>> hp.incoherences(hp.preset("torbay"))
[]
)doc");
    m.def("arrangement_presets", &arrangements::presets, "The seeds' models, closer working to full merger.");
    m.def("arrangement_preset", &arrangements::preset, py::arg("key"),
          "A preset by key: closer_working, swindon, herefordshire, nlgn_proposal, torbay, public_service_trust.");

    py::class_<CaseStudy>(m, "CaseStudy", R"doc(An integration case study from the seed documents (Torbay, Herefordshire, Swindon).

Fields: area, source, integration_model, arrangement (an Arrangement), council_stars, nhs_stars,
anticipated_benefits, motivations, barriers, population, over_80_population, notes; over_80_share.

Examples
--------
>>> import healthyplaces as hp
>>> torbay = {c.area: c for c in hp._core.datasets.case_studies()}["Torbay"]
>>> torbay.arrangement.budgets.name, round(torbay.over_80_share, 3)
('pooled', 0.077)
)doc")
        .def_readonly("area", &CaseStudy::area)
        .def_readonly("source", &CaseStudy::source)
        .def_readonly("integration_model", &CaseStudy::integration_model)
        .def_readonly("arrangement", &CaseStudy::arrangement)
        .def_readonly("council_stars", &CaseStudy::council_stars)
        .def_readonly("nhs_stars", &CaseStudy::nhs_stars)
        .def_readonly("anticipated_benefits", &CaseStudy::anticipated_benefits)
        .def_readonly("motivations", &CaseStudy::motivations)
        .def_readonly("barriers", &CaseStudy::barriers)
        .def_readonly("population", &CaseStudy::population)
        .def_readonly("over_80_population", &CaseStudy::over_80_population)
        .def_readonly("notes", &CaseStudy::notes)
        .def_property_readonly("over_80_share", &CaseStudy::over_80_share)
        .def("__repr__", [](const CaseStudy& c) { return "CaseStudy('" + c.area + "', " + c.integration_model + ")"; });
    m.def("read_case_studies_text",
          [](std::string_view text, std::string source) {
              return hp::integration::read_case_studies(hp::io::parse_csv(text, std::move(source)));
          },
          py::arg("text"), py::arg("source"), "Case studies from CSV text (columns as data/case_studies.csv).");
}
