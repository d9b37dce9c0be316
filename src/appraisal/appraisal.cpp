// The appraisal box's sources live beside this file, one per header of include/healthyplaces/appraisal/.
#include "healthyplaces/appraisal/appraisal.hpp"
