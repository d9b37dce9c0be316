#include "box.hpp"

void bind_appraisal_staging(py::module_& m) { (void)m; }
