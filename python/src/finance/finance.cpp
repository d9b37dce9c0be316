// hp::finance bindings: demand-led spend, budget arrangements and risk sharing, the business case and fair shares
// (the sub-boxes register below).
#include "box.hpp"

void bind_finance(py::module_& m) {
    bind_finance_simulate(m);
    bind_finance_business(m);
}
