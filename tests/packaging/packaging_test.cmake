# Packaging tests, run by ctest as `cmake -D... -P packaging_test.cmake` (docs/packaging.md).
#   MODE=install         cmake --install the build tree into WORK_DIR/prefix
#   MODE=find_package    configure, build and run tests/consumer against that prefix
#   MODE=pkg_config      compile C++ and C programs with pkg-config flags from that prefix
#   MODE=add_subdirectory  build tests/consumer_subdirectory (servicechain from source)
# Inputs: SOURCE_DIR BUILD_DIR WORK_DIR GENERATOR BUILD_TYPE LIBDIR C_COMPILER CXX_COMPILER CLI HAVE_C_API
cmake_minimum_required(VERSION 3.25)

set(prefix "${WORK_DIR}/prefix")
set(model "${SOURCE_DIR}/examples/hotel.json")

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    string(REPLACE ";" " " line "${ARGN}")
    message(FATAL_ERROR "failed (${rc}): ${line}\n${out}\n${err}")
  endif()
  set(run_output "${out}" PARENT_SCOPE)
endfunction()

# The consumer prints "servicechain VERSION units N": N is the hotel's unit count.
function(check_consumer output)
  if(NOT output MATCHES "^servicechain [0-9]+\\.[0-9]+\\.[0-9]+ units 18\n$")
    message(FATAL_ERROR "unexpected consumer output: ${output}")
  endif()
endfunction()

# Runs the C consumer on one request and checks that it prints exactly what the
# CLI prints for the same command with --json. An "analyze" absent from this
# build's registry is tolerated (exit 3 = unknown command); nothing else is.
function(check_c_request consumer request cli_args required)
  execute_process(COMMAND ${consumer} ${model} ${request} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(rc EQUAL 3 AND NOT required)
    message(STATUS "skipped (command not in this build): ${request}")
    return()
  endif()
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "C consumer failed (${rc}) on ${request}: ${err}")
  endif()
  execute_process(COMMAND ${CLI} ${cli_args} RESULT_VARIABLE cli_rc OUTPUT_VARIABLE expected)
  if(NOT out STREQUAL expected)
    message(FATAL_ERROR "sc_run ${request} differs from the CLI:\n--- sc_run\n${out}\n--- CLI\n${expected}")
  endif()
  message(STATUS "same as the CLI: ${request}")
endfunction()

function(check_c_consumer consumer)
  run(${consumer} --malformed)
  check_c_request(${consumer} [[{"command": "validate"}]] "validate;${model};--json" TRUE)
  check_c_request(${consumer} [[{"command": "analyze"}]] "analyze;${model};--json" FALSE)
  check_c_request(${consumer} [[{"command": "analyze", "model": "geometric"}]]
                  "analyze;${model};--json;--model;geometric" FALSE)
endfunction()

if(MODE STREQUAL "install")
  file(REMOVE_RECURSE "${prefix}")
  run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix} --config ${BUILD_TYPE})
  foreach(file include/servicechain/servicechain.h include/servicechain/model.hpp
               ${LIBDIR}/cmake/servicechain/servicechainConfig.cmake
               ${LIBDIR}/cmake/servicechain/servicechainConfigVersion.cmake
               ${LIBDIR}/pkgconfig/servicechain.pc)
    if(NOT EXISTS "${prefix}/${file}")
      message(FATAL_ERROR "not installed: ${file}")
    endif()
  endforeach()

elseif(MODE STREQUAL "find_package")
  set(build "${WORK_DIR}/find_package")
  file(REMOVE_RECURSE "${build}")
  run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/consumer -B ${build} -G ${GENERATOR}
      -DCMAKE_BUILD_TYPE=${BUILD_TYPE} -DCMAKE_PREFIX_PATH=${prefix}
      -DCMAKE_C_COMPILER=${C_COMPILER} -DCMAKE_CXX_COMPILER=${CXX_COMPILER})
  run(${CMAKE_COMMAND} --build ${build} --config ${BUILD_TYPE})
  run(${build}/consumer ${model})
  check_consumer("${run_output}")
  if(HAVE_C_API)
    check_c_consumer(${build}/c_consumer)
  endif()

elseif(MODE STREQUAL "pkg_config")
  find_program(PKG_CONFIG pkg-config REQUIRED)
  set(ENV{PKG_CONFIG_PATH} "${prefix}/${LIBDIR}/pkgconfig")
  set(build "${WORK_DIR}/pkg_config")
  file(REMOVE_RECURSE "${build}")
  file(MAKE_DIRECTORY "${build}")
  # C++: everything a static libservicechain.a needs comes from Libs.private.
  run(${PKG_CONFIG} --static --cflags --libs servicechain)
  separate_arguments(flags UNIX_COMMAND "${run_output}")
  run(${CXX_COMPILER} -std=c++20 ${SOURCE_DIR}/tests/consumer/consumer.cpp -o ${build}/consumer ${flags}
      -Wl,-rpath,${prefix}/${LIBDIR})
  run(${build}/consumer ${model})
  check_consumer("${run_output}")
  if(HAVE_C_API)
    # C: the same flags plus the C API library.
    run(${PKG_CONFIG} --static --cflags --libs servicechain servicechain_c)
    separate_arguments(flags UNIX_COMMAND "${run_output}")
    run(${C_COMPILER} -std=c99 -Wall -Wextra -Wpedantic -Werror ${SOURCE_DIR}/tests/consumer/c_consumer.c
        -o ${build}/c_consumer ${flags} -Wl,-rpath,${prefix}/${LIBDIR})
    check_c_consumer(${build}/c_consumer)
  endif()

elseif(MODE STREQUAL "add_subdirectory")
  set(build "${WORK_DIR}/add_subdirectory")
  file(REMOVE_RECURSE "${build}")
  # This compiles the whole library: no build type (no -g, no -O) keeps it quickest.
  run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/consumer_subdirectory -B ${build} -G ${GENERATOR}
      -DCMAKE_BUILD_TYPE= -DSERVICECHAIN_SOURCE_DIR=${SOURCE_DIR}
      -DCMAKE_C_COMPILER=${C_COMPILER} -DCMAKE_CXX_COMPILER=${CXX_COMPILER})
  run(${CMAKE_COMMAND} --build ${build} --target consumer)
  run(${build}/consumer ${model})
  check_consumer("${run_output}")

else()
  message(FATAL_ERROR "unknown MODE \"${MODE}\"")
endif()
