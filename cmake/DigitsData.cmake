# The 8 x 8 handwritten digits of `nwn reservoir digits`: digits.csv.gz of Debian's python3-sklearn.
#   -DNWN_DIGITS_DATA=<file>   a copy of your own
#   -DNWN_DIGITS_DATA=OFF      none: the task then needs --digits FILE or $NWN_DIGITS, its tests are skipped
#   (default)                  the system's file when python3-sklearn is installed, else the package fetched
#                              and unpacked under the build tree (cmake/fetch-digits.sh)
# Sets NWN_DIGITS_FILE (compiled into nwn as the last place it looks) or leaves it empty.
set(NWN_DIGITS_DATA "" CACHE STRING "digits.csv.gz of python3-sklearn; OFF for none; empty for the system's or a fetched copy")
set(NWN_DIGITS_FILE "")
set(_sk_system /usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz)
if(NWN_DIGITS_DATA STREQUAL "OFF")
  message(STATUS "digits data: off (NWN_DIGITS_DATA=OFF)")
elseif(NWN_DIGITS_DATA)
  set(NWN_DIGITS_FILE ${NWN_DIGITS_DATA})
elseif(EXISTS ${_sk_system})
  set(NWN_DIGITS_FILE ${_sk_system})
else()
  execute_process(COMMAND ${CMAKE_CURRENT_LIST_DIR}/fetch-digits.sh ${CMAKE_BINARY_DIR}/digits
                  OUTPUT_VARIABLE _digits ERROR_VARIABLE _digits_err RESULT_VARIABLE _rc OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(_rc EQUAL 0)
    set(NWN_DIGITS_FILE ${_digits})
  else()
    message(WARNING "Could not fetch python3-sklearn's digits (${_digits_err}); nwn reservoir digits needs --digits "
                    "FILE and its tests are skipped. Give a copy with -DNWN_DIGITS_DATA=<digits.csv.gz>.")
  endif()
endif()
if(NWN_DIGITS_FILE)
  message(STATUS "digits data: ${NWN_DIGITS_FILE}")
endif()
