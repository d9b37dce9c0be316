#include "box.hpp"

void bind_appraisal_economic(py::module_& m) { (void)m; }
