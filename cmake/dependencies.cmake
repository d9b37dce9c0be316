# Find the system packages healthyplaces builds on, with an error naming the package to install when one
# is missing (Debian/Ubuntu names; `make install-deps` installs them all).
function(hp_require pkg target debian)
  if(NOT TARGET ${target})
    message(FATAL_ERROR
      "healthyplaces needs ${pkg} (CMake target ${target}), which was not found.\n"
      "On Debian/Ubuntu: sudo apt-get install ${debian}   (or run `make install-deps`).\n"
      "Elsewhere, install ${pkg} and point CMAKE_PREFIX_PATH at it.")
  endif()
endfunction()

find_package(Eigen3 3.4 CONFIG QUIET)
hp_require("Eigen 3.4" Eigen3::Eigen libeigen3-dev)
find_package(Boost 1.74 CONFIG QUIET)   # Boost.Math is header-only: Boost::headers is all we link
hp_require("Boost (Boost.Math headers)" Boost::headers libboost-dev)

# Random123 (librandom123-dev) is header-only and ships no CMake config: find the header, make a target.
find_path(RANDOM123_INCLUDE_DIR Random123/philox.h)
if(RANDOM123_INCLUDE_DIR AND NOT TARGET Random123::Random123)
  add_library(Random123::Random123 INTERFACE IMPORTED)
  set_target_properties(Random123::Random123 PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${RANDOM123_INCLUDE_DIR}")
endif()
hp_require("Random123 (counter-based random numbers)" Random123::Random123 librandom123-dev)
find_package(Threads REQUIRED)
