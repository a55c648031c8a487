# Common compile settings for every AICC target: C++20, strict warnings, optional sanitizers.
# (-Wnull-dereference is left out: with g++ 12 at -O2 it fires inside libstdc++ headers.
# -Wmaybe-uninitialized stays a warning, not an error, in optimised builds: g++ 12 reports
# false positives inside std::variant<…, std::string> at -O2.)
function(aicc_target_defaults target)
  target_compile_features(${target} PUBLIC cxx_std_20)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual
                                           -Wimplicit-fallthrough
                                           # designated initializers omit fields on purpose
                                           -Wno-missing-field-initializers)
  if(AICC_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
      target_compile_options(${target} PRIVATE
                             $<$<NOT:$<CONFIG:Debug>>:-Wno-error=maybe-uninitialized>)
    endif()
  endif()
endfunction()

# aicc_library(NAME SOURCES ... DEPS ...): a module library rooted at src/.
function(aicc_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${name} PUBLIC ${ARG_DEPS})
  aicc_target_defaults(${name})
endfunction()

# aicc_test(NAME SOURCES ... DEPS ... [LABELS ...]): a GoogleTest executable registered with CTest.
function(aicc_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  aicc_target_defaults(${name})
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES LABELS "${ARG_LABELS}")
endfunction()
