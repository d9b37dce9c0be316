#include "box.hpp"

void bind_appraisal_mcda(py::module_& m) { (void)m; }
