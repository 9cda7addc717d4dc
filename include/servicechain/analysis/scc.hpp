#pragma once
// Strongly connected components for analysis code: the algorithm lives below
// every layer (servicechain/detail/scc.hpp) because model validation uses it too.
#include "servicechain/detail/scc.hpp"
