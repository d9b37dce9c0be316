// hp::stats bindings: rank (see include/healthyplaces/stats/).
#include "bindings.hpp"

void bind_stats_rank(py::module_& stats) {
    (void)stats;
}
