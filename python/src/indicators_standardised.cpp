// hp::indicators bindings: standardised (see include/healthyplaces/indicators/).
#include "bindings.hpp"

void bind_indicators_standardised(py::module_& indicators) {
    (void)indicators;
}
