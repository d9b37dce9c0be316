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
    bind_dimension(m, "Budgets", "Budgets, least to most integrated.",
                   std::array{Budgets::separate, Budgets::aligned, Budgets::pooled, Budgets::single});
    bind_dimension(m, "Staff", "Staffing, least to most integrated.",
                   std::array{Staff::separate, Staff::seconded, Staff::joint_posts, Staff::merged});
    bind_dimension(m, "Leadership", "Leadership, least to most integrated.",
                   std::array{Leadership::separate, Leadership::joint_posts, Leadership::joint_chief_executive,
                              Leadership::single});
    bind_dimension(m, "Governance", "Governance, least to most integrated.",
                   std::array{Governance::separate_boards, Governance::joint_committee,
                              Governance::councillor_majority_board, Governance::single_body});
    bind_dimension(m, "LegalBasis", "Legal basis, least to most integrated.",
                   std::array{LegalBasis::none, LegalBasis::section_75, LegalBasis::care_trust,
                              LegalBasis::public_service_trust});

    py::class_<Arrangement>(m, "Arrangement",
                            "An integration arrangement as five dimensions. Construction validates coherence and "
                            "raises ArrangementError listing every contradiction.")
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
             "'less', 'greater', 'equivalent' or 'unordered': dimension by dimension, as sets compare.")
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

    m.def("incoherences", &incoherences, py::arg("arrangement"),
          "Reasons an arrangement cannot exist as stated (empty when coherent).");
    m.def("arrangement_presets", &arrangements::presets, "The seeds' models, closer working to full merger.");
    m.def("arrangement_preset", &arrangements::preset, py::arg("key"),
          "A preset by key: closer_working, swindon, herefordshire, nlgn_proposal, torbay, public_service_trust.");

    py::class_<CaseStudy>(m, "CaseStudy", "An integration case study from the seeds.")
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
