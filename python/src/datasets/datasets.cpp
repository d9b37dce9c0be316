// datasets/: the embedded tables as domain objects.
#include "box.hpp"

void bind_datasets(py::module_& m) {
    m.def("nlgn2008", &hp::datasets::nlgn2008, "The green paper's nine areas as a ScoreTable.");
    m.def("case_studies", &hp::datasets::case_studies, "Torbay, Herefordshire and Swindon as the green paper describes them.");
}
