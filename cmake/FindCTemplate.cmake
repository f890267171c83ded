# Finds Debian's libctemplate-dev (it ships a pkg-config file but no CMake package).
# Defines the imported target CTemplate::CTemplate.
find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
  pkg_check_modules(PC_CTEMPLATE QUIET libctemplate)
endif()
find_path(CTEMPLATE_INCLUDE_DIR ctemplate/template.h HINTS ${PC_CTEMPLATE_INCLUDE_DIRS})
find_library(CTEMPLATE_LIBRARY NAMES ctemplate HINTS ${PC_CTEMPLATE_LIBRARY_DIRS})
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(CTemplate REQUIRED_VARS CTEMPLATE_LIBRARY CTEMPLATE_INCLUDE_DIR)
if(CTemplate_FOUND AND NOT TARGET CTemplate::CTemplate)
  add_library(CTemplate::CTemplate UNKNOWN IMPORTED)
  set_target_properties(CTemplate::CTemplate PROPERTIES
    IMPORTED_LOCATION "${CTEMPLATE_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${CTEMPLATE_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES Threads::Threads)
endif()
mark_as_advanced(CTEMPLATE_INCLUDE_DIR CTEMPLATE_LIBRARY)
