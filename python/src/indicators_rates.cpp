// hp::indicators bindings: rates (see include/healthyplaces/indicators/).
#include "bindings.hpp"

void bind_indicators_rates(py::module_& indicators) {
    (void)indicators;
}
