// The one translation unit that holds Catch2's runner; compiled once, linked into every suite.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
