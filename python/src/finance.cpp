// hp::finance bindings: demand-led spend, budget arrangements and risk sharing, the business case and fair shares
// (the sub-boxes register below).
#include "bindings.hpp"

void bind_finance(py::module_& root) {
    auto m = root.def_submodule("finance", "Demand-led spend under uncertainty, pooled budgets and risk shares, the "
                                           "integration business case and fair shares.");
    bind_finance_simulate(m);
    bind_finance_business(m);
}
