// appraisal/: options appraisal for integration as HM Treasury's Green Book asks (docs/appraisal.md).
#include "box.hpp"

void bind_appraisal(py::module_& m) {
    bind_appraisal_options(m);
    bind_appraisal_economic(m);
    bind_appraisal_voi(m);
    bind_appraisal_mcda(m);
    bind_appraisal_staging(m);
    bind_appraisal_place(m);
}
