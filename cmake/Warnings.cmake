# Warnings for every target of ours: -Wall -Wextra -Wpedantic, plus -Werror with -DNWN_WERROR=ON
# (scripts/build.sh, which the CI runs through scripts/test.sh, turns it on). Include after
# Sanitizers.cmake (it uses _nwn_collect_targets); call nwn_warnings_targets() once every
# subdirectory is added (and after nwn_sanitize_targets(), whose helper object library is ours too).
#
# Not checked, as not ours:
#   - cmpp, ngspice's code-model preprocessor (already built with -w, cmake/NgspiceXspice.cmake);
#   - the ngspice sources (dlmain.c, dstring.c) and cmpp's generated ifspec.c compiled into a code
#     model: nwn_add_codemodel() marks them -w (our cfunc.mod, which cmpp turns into cfunc.c, is checked);
#   - third-party headers of imported targets (Eigen, Boost, Catch2, ...), which are SYSTEM includes.
option(NWN_WERROR "Make compiler warnings errors in our targets (scripts/build.sh turns it on)" OFF)

set(NWN_WARNING_FLAGS -Wall -Wextra -Wpedantic)
if(NWN_WERROR)
  list(APPEND NWN_WARNING_FLAGS -Werror)
endif()
# GCC 12 at -O3 (Release) inlines `"literal" + std::string&&` into libstdc++'s insert(0, ...) and then warns
# that its memcpy may overlap (-Wrestrict): a false positive inside std::string (GCC bug 105329, fixed in GCC
# 13) that the code base has in dozens of places (a Release build with -DNWN_WERROR=ON failed on it). At -O3
# it also calls the std::string members of a value-initialised aggregate "maybe uninitialized" (runner/
# experiments/run/network_run.cpp's Context{..., {}, ...}). Both off for exactly that compiler and build
# type; RelWithDebInfo (-O2, what CI builds) and other compilers keep the checks.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12
   AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  list(APPEND NWN_WARNING_FLAGS $<$<CONFIG:Release>:-Wno-restrict> $<$<CONFIG:Release>:-Wno-maybe-uninitialized>)
endif()

function(nwn_warnings_targets)
  _nwn_collect_targets(${PROJECT_SOURCE_DIR} _targets)
  foreach(t ${_targets})
    get_target_property(_type ${t} TYPE)
    if(t STREQUAL "cmpp" OR NOT _type MATCHES "^(EXECUTABLE|STATIC_LIBRARY|SHARED_LIBRARY|MODULE_LIBRARY|OBJECT_LIBRARY)$")
      continue()
    endif()
    target_compile_options(${t} PRIVATE ${NWN_WARNING_FLAGS})
  endforeach()
endfunction()
