// hp::stats bindings: resampling (see include/healthyplaces/stats/).
#include "bindings.hpp"

void bind_stats_resampling(py::module_& stats) {
    (void)stats;
}
