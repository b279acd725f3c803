// Catch2's main, with the exit status of support/skip.h: 0 passed, kSkipExitCode skipped, other failed.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "support/skip.h"

int main(int argc, char* argv[]) { return nwn::test::exit_status(Catch::Session().run(argc, argv)); }
