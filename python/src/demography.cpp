// hp::demography bindings: populations by age band and their projection (the sub-boxes register below).
#include "bindings.hpp"

void bind_demography(py::module_& root) {
    auto m = root.def_submodule("demography", "Populations by age band, their shares and dependency ratios, and "
                                              "cohort-component projections.");
    bind_demography_population(m);
}
