# Warnings are errors in our code; third-party headers come in as SYSTEM and stay quiet.
function(incidentd_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror -Wpedantic -Wshadow
                                           -Wnon-virtual-dtor -Wold-style-cast
                                           # GCC 12 at -O2 misreports Asio's coroutine-frame operator delete
                                           -Wno-mismatched-new-delete)
endfunction()

# A layer library: every .cpp in the folder but main.cpp, headers included as "layer/name.hpp".
function(incidentd_layer target dir)
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/${dir}/*.cpp)
  list(REMOVE_ITEM sources ${CMAKE_SOURCE_DIR}/${dir}/main.cpp)
  add_library(${target} STATIC ${sources})
  target_include_directories(${target} PUBLIC ${CMAKE_SOURCE_DIR})
  incidentd_warnings(${target})
endfunction()

# Test infrastructure (the suites, their helpers, the Slack emulator) is compiled without
# optimisation even in an optimised build: at -O2 it was over half of the build's compile time,
# and none of it is what ships. It already runs unoptimised (and slower still) in the sanitizer
# build, so no test depends on its speed.
#
# Its debug information is line tables only (-g1): enough for stack traces and the sanitizers'
# reports, and a fifth of the compile time of full -g on these Beast-heavy files (emulator/server.cpp:
# 101 s with -g, 82 s with -g1). INCIDENTD_TEST_DEBUG_INFO=ON keeps full -g for a debugger session.
option(INCIDENTD_TEST_DEBUG_INFO "Full debug information (-g) in the test infrastructure" OFF)
function(incidentd_unoptimised target)
  target_compile_options(${target} PRIVATE $<$<NOT:$<CONFIG:Debug>>:-O0>)
  if(NOT INCIDENTD_TEST_DEBUG_INFO)
    target_compile_options(${target} PRIVATE -g1)
  endif()
endfunction()
