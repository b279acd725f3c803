# A second, OSDI- and KLU-enabled ngspice next to the system's 39.3, for the OSDI device and its tests.
#   -DNGSPICE46=<dir>   an unpacked ngspice tree of your own (holding usr/bin/ngspice and
#                       usr/lib/<triplet>/libngspice.so.0), e.g. a KiCad or self-built ngspice >= 42
#   -DNGSPICE46=OFF     none: the OSDI device is still built, its ngspice tests are skipped
#   (default)           bookworm-backports' ngspice 46 binaries, fetched with a private sources list
#                       and unpacked under the build tree (cmake/fetch-ngspice-binaries.sh)
# Sets NWN_NGSPICE46_BIN, NWN_NGSPICE46_LIB, NWN_NGSPICE46_SCRIPTS (a dir with a private spinit) or
# leaves them empty.
set(NGSPICE46 "" CACHE STRING "Unpacked OSDI-enabled ngspice tree, OFF for none, empty to fetch bookworm-backports' 46")
set(NWN_NGSPICE46_BIN "")
set(NWN_NGSPICE46_LIB "")
set(NWN_NGSPICE46_SCRIPTS "")
set(_ng46_dir ${CMAKE_BINARY_DIR}/ngspice46)
if(NGSPICE46 STREQUAL "OFF")
  message(STATUS "ngspice 46: off (NGSPICE46=OFF); OSDI tests will be skipped")
  return()
endif()
if(NGSPICE46)
  set(_ng46_root ${NGSPICE46})
else()
  execute_process(COMMAND ${CMAKE_CURRENT_LIST_DIR}/fetch-ngspice-binaries.sh ${_ng46_dir}
                  OUTPUT_VARIABLE _ng46_root ERROR_VARIABLE _ng46_err RESULT_VARIABLE _rc
                  OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT _rc EQUAL 0)
    message(WARNING "Could not fetch bookworm-backports' ngspice 46 (${_ng46_err}); the OSDI device is "
                    "built but its ngspice tests are skipped. Give an unpacked tree with -DNGSPICE46=<dir>.")
    return()
  endif()
endif()
file(GLOB _ng46_libs ${_ng46_root}/usr/lib/*/libngspice.so.0 ${_ng46_root}/lib/libngspice.so.0
     ${_ng46_root}/usr/lib/libngspice.so.0)
find_program(_ng46_bin ngspice PATHS ${_ng46_root}/usr/bin ${_ng46_root}/bin NO_DEFAULT_PATH NO_CACHE)
if(NOT _ng46_libs OR NOT _ng46_bin)
  message(WARNING "NGSPICE46=${_ng46_root} holds no ngspice and libngspice.so.0; OSDI tests are skipped")
  return()
endif()
list(GET _ng46_libs 0 NWN_NGSPICE46_LIB)
set(NWN_NGSPICE46_BIN ${_ng46_bin})
# The packaged spinit loads the stock code models from absolute /usr/lib paths (the system's 39.3
# ones when both are installed: they crash 46) and asks OpenMP for 8 threads (pathological on a
# busy 2-core machine): a private copy with the unpacked paths and one thread.
file(GLOB_RECURSE _ng46_spinit ${_ng46_root}/usr/share/ngspice/scripts/spinit ${_ng46_root}/share/ngspice/scripts/spinit)
set(NWN_NGSPICE46_SCRIPTS ${_ng46_dir}/scripts)
get_filename_component(_ng46_cmdir ${NWN_NGSPICE46_LIB} DIRECTORY)
if(_ng46_spinit)
  list(GET _ng46_spinit 0 _s)
  file(READ ${_s} _txt)
  string(REGEX REPLACE "/usr/lib/[^ \n]*/ngspice/" "${_ng46_cmdir}/ngspice/" _txt "${_txt}")
  string(REGEX REPLACE "set num_threads=[0-9]+" "set num_threads=1" _txt "${_txt}")
else()
  set(_txt "* nwnspice: minimal spinit\nalias exit quit\nset num_threads=1\n")
endif()
file(WRITE ${NWN_NGSPICE46_SCRIPTS}/spinit "${_txt}")
execute_process(COMMAND ${CMAKE_COMMAND} -E env SPICE_SCRIPTS=${NWN_NGSPICE46_SCRIPTS} ${NWN_NGSPICE46_BIN} -v
                OUTPUT_VARIABLE _v ERROR_QUIET RESULT_VARIABLE _rc)
string(REGEX MATCH "ngspice-([0-9]+)" _m "${_v}")
message(STATUS "Second ngspice (OSDI, KLU): ${NWN_NGSPICE46_BIN} (ngspice-${CMAKE_MATCH_1}), ${NWN_NGSPICE46_LIB}")
