# Helpers shared by every module's CMakeLists.txt.

# The layering of docs/design.md (base <- domain <- storage/text <-
# search/match/solve <- service <- api/cli <- app), enforced by the compiler:
# the sources of module M see only the headers of the modules BB_SEES_M names,
# through a view of src/ made of symbolic links (build/layers/M), so an
# include across the layering does not compile. api/ sees no storage/: the
# services speak for the store (their headers forward-declare it).
set(BB_SEES_base base)
set(BB_SEES_files files base)
set(BB_SEES_domain domain base)
set(BB_SEES_storage storage domain base)
set(BB_SEES_text text domain base)
set(BB_SEES_solve solve base)
set(BB_SEES_mail mail base)
set(BB_SEES_search search text storage domain base)
set(BB_SEES_match match search text storage domain base)
set(BB_SEES_service service match search solve mail files text storage domain base)
set(BB_SEES_api api service match search solve mail files text domain base)
set(BB_SEES_cli cli service match search solve mail files text storage domain base)

# bb_library(NAME SOURCES ... DEPS ...): one module (NAME is bb_<module>) as a
# static library whose headers are included as "module/header.h". Tests,
# benchmarks and the app see all of src/ (include_directories in theirs).
function(bb_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  string(REGEX REPLACE "^bb_" "" module ${name})
  if(NOT DEFINED BB_SEES_${module})
    message(FATAL_ERROR "${name}: add BB_SEES_${module} (the modules it may include) to cmake/BioBridge.cmake")
  endif()
  set(view ${CMAKE_BINARY_DIR}/layers/${module})
  file(REMOVE_RECURSE ${view})
  file(MAKE_DIRECTORY ${view})
  foreach(seen IN LISTS BB_SEES_${module})
    file(CREATE_LINK ${PROJECT_SOURCE_DIR}/src/${seen} ${view}/${seen} SYMBOLIC)
  endforeach()
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PRIVATE ${view})
  target_link_libraries(${name} PUBLIC ${ARG_DEPS})
endfunction()

# Where tests that talk to the API write down every answer (src/api/exchange_log.h),
# checked against openapi.json once they have all run (tests/openapi/responses.mjs).
set(BB_EXCHANGES_DIR ${CMAKE_BINARY_DIR}/exchanges)
set(BB_RECORDS_EXCHANGES
    ENVIRONMENT_MODIFICATION "BIOBRIDGE_RECORD_EXCHANGES=set:${BB_EXCHANGES_DIR}" FIXTURES_REQUIRED exchanges)

# bb_test(NAME SOURCES ... DEPS ... [RECORDS_EXCHANGES]): a GoogleTest binary whose
# tests CTest runs one by one (so that `ctest -j` spreads them over the cores).
# RECORDS_EXCHANGES: its API answers are checked against the OpenAPI document.
function(bb_test name)
  cmake_parse_arguments(ARG "RECORDS_EXCHANGES" "" "SOURCES;DEPS;LABELS;PROPERTIES" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR})
  set(properties TIMEOUT 300)
  if(ARG_LABELS)
    list(APPEND properties LABELS "${ARG_LABELS}")
  endif()
  list(APPEND properties ${ARG_PROPERTIES})
  if(ARG_RECORDS_EXCHANGES)
    list(APPEND properties ${BB_RECORDS_EXCHANGES})
  endif()
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES ${properties})
endfunction()

include(${CMAKE_CURRENT_LIST_DIR}/EmbedFiles.cmake)

# bb_embed(TARGET NAMESPACE ns BASE dir FILES rel/path ...): compiles the files
# into the target's binary and defines
#   std::string_view ns::EmbeddedFile(std::string_view rel_path)
# returning the bytes of one of them (empty when the path is unknown), so that
# the biobridge binary carries its data (taxonomies, migrations, demo data,
# OpenAPI document) and runs from any directory.
function(bb_embed target)
  cmake_parse_arguments(ARG "" "NAMESPACE;BASE" "FILES" ${ARGN})
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${target}_embedded.cc")
  bb_write_embedded_source("${out}" "${ARG_NAMESPACE}" EmbeddedFile "${ARG_BASE}" ${ARG_FILES})
  set(deps "")
  foreach(rel IN LISTS ARG_FILES)
    list(APPEND deps "${ARG_BASE}/${rel}")
  endforeach()
  set_source_files_properties("${out}" PROPERTIES OBJECT_DEPENDS "${deps}")
  target_sources(${target} PRIVATE "${out}")
endfunction()
