// hp::evaluation bindings: panels, difference-in-differences, staggered adoption, synthetic control and power
// (the sub-boxes register below).
#include "box.hpp"

void bind_evaluation(py::module_& m) {
    bind_evaluation_panel(m);
    bind_evaluation_inference(m);
    bind_evaluation_power(m);
    bind_evaluation_att_gt(m);
    bind_evaluation_did(m);
    bind_evaluation_synth(m);
}
