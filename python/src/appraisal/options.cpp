#include "box.hpp"

void bind_appraisal_options(py::module_& m) { (void)m; }
