// hp::demography bindings: populations by age band and their projection (the sub-boxes register below).
#include "box.hpp"

void bind_demography(py::module_& m) {
    bind_demography_population(m);
}
