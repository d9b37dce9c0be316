#include "box.hpp"

void bind_appraisal_voi(py::module_& m) { (void)m; }
