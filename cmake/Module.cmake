# sportello_module(NAME DEPS ...): a static library made of every .cpp in src/NAME.
# Each domain folder is one module; the folder tree is the architecture (docs/ARCHITECTURE.md).
function(sportello_module name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/${name}/*.cpp)
  if(sources)
    add_library(sportello_${name} STATIC ${sources})
    target_include_directories(sportello_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(sportello_${name} PUBLIC ${ARG_DEPS})
  else()  # a folder of headers only
    add_library(sportello_${name} INTERFACE)
    target_include_directories(sportello_${name} INTERFACE ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(sportello_${name} INTERFACE ${ARG_DEPS})
  endif()
endfunction()

# sportello_tests(FOLDER DEPS ...): one GoogleTest binary per folder of tests/unit.
function(sportello_tests folder)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/${folder}/*_test.cpp)
  if(NOT sources)
    return()
  endif()
  add_executable(${folder}_tests ${sources})
  target_link_libraries(${folder}_tests PRIVATE ${ARG_DEPS} sportello_test_support GTest::gtest GTest::gmock GTest::gtest_main)
  gtest_discover_tests(${folder}_tests DISCOVERY_TIMEOUT 60
    PROPERTIES ENVIRONMENT "SPORTELLO_DATA_DIR=${SPORTELLO_DATA_DIR}")
endfunction()
