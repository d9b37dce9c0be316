#pragma once
// hp::appraisal: which integration arrangement fits a place, in one step or in stages: the long list and its
// filter, optimism bias, the economic appraisal of several options on common random numbers, the value of
// information, multi-criteria analysis (SMAA-2) and the staged decision. One header per idea; this one includes
// them all.
#include "healthyplaces/appraisal/normal.hpp"
#include "healthyplaces/appraisal/optimism_bias.hpp"
#include "healthyplaces/appraisal/long_list.hpp"
#include "healthyplaces/appraisal/staging.hpp"
#include "healthyplaces/appraisal/economic.hpp"
#include "healthyplaces/appraisal/value_of_information.hpp"
#include "healthyplaces/appraisal/weights.hpp"
#include "healthyplaces/appraisal/smaa.hpp"
#include "healthyplaces/appraisal/place.hpp"
