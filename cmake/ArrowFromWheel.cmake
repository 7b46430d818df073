# Wires Arrow C++ from the pinned pyarrow wheel in the project's virtual environment as IMPORTED
# targets. The wheel ships versioned shared libraries (libarrow.so.NN00) and all headers, but no
# unversioned .so symlinks and no CMake package, so we locate each library by glob.
set(TARN_VENV "${CMAKE_SOURCE_DIR}/.venv" CACHE PATH "virtual environment holding the pinned pyarrow")
if(TARN_PYTHON)
  # The Python package links the pyarrow of the interpreter that builds (and then imports) it.
  set(_py "${Python_EXECUTABLE}")
else()
  set(_py "${TARN_VENV}/bin/python")
endif()
if(NOT EXISTS "${_py}")
  message(FATAL_ERROR "No ${_py}: run scripts/bootstrap.sh first")
endif()
execute_process(
  COMMAND "${_py}" -c "import pyarrow, os; print(pyarrow.get_include()); print(os.path.dirname(pyarrow.__file__)); print(pyarrow.__version__)"
  OUTPUT_VARIABLE _out OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "pyarrow is not importable from ${_py}")
endif()
string(REPLACE "\n" ";" _out "${_out}")
list(GET _out 0 ARROW_INCLUDE_DIR)
list(GET _out 1 ARROW_LIB_DIR)
list(GET _out 2 ARROW_VERSION)
message(STATUS "Arrow C++ ${ARROW_VERSION} from ${ARROW_LIB_DIR}")

function(tarn_import_arrow_lib target stem)
  file(GLOB _candidates "${ARROW_LIB_DIR}/lib${stem}.so.[0-9]*")
  list(FILTER _candidates EXCLUDE REGEX "\\.so\\.[0-9]+\\.[0-9]+")
  if(NOT _candidates)
    file(GLOB _candidates "${ARROW_LIB_DIR}/lib${stem}.so*")
  endif()
  list(GET _candidates 0 _lib)
  add_library(${target} SHARED IMPORTED GLOBAL)
  set_target_properties(${target} PROPERTIES
    IMPORTED_LOCATION "${_lib}"
    INTERFACE_INCLUDE_DIRECTORIES "${ARROW_INCLUDE_DIR}")
  foreach(dep IN LISTS ARGN)
    set_property(TARGET ${target} APPEND PROPERTY INTERFACE_LINK_LIBRARIES ${dep})
  endforeach()
endfunction()

tarn_import_arrow_lib(Arrow::arrow arrow)
tarn_import_arrow_lib(Arrow::compute arrow_compute Arrow::arrow)
tarn_import_arrow_lib(Arrow::acero arrow_acero Arrow::compute)
tarn_import_arrow_lib(Arrow::dataset arrow_dataset Arrow::acero)
tarn_import_arrow_lib(Arrow::parquet parquet Arrow::arrow)
