// hp::stats bindings: effect (see include/healthyplaces/stats/).
#include "bindings.hpp"

void bind_stats_effect(py::module_& stats) {
    (void)stats;
}
