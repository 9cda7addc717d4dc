#pragma once
// Kept for code that includes the old path: the internal-survey generator
// propagates quality through the chain, so it lives with the survey analyses.
#include "servicechain/analysis/survey/generate.hpp"
