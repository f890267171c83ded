# The arrows: which folder's code may include which folder's headers. One table for the layers and
# for the rooms inside bot/; the build checks every #include "x/…" of our code against it
# (cmake/check_arrows.cmake) and fails naming the file, the include and what the folder may use.
# A folder always uses itself. The libraries' link dependencies (each CMakeLists.txt) follow it.
set(INCIDENTD_ARROWS
  "core="
  "render=core"
  "store=core"
  "slack=core"
  "config=core"
  # bot/: the executable, in rooms (each room's README.md says what it owns).
  "bot/runtime=core render store slack config"
  "bot/ui=core slack"
  "bot/outbox=core render store slack config bot/runtime bot/ui"
  "bot/jobs=core store slack config bot/runtime bot/outbox"
  "bot/handlers=core render store slack config bot/runtime bot/ui bot/outbox"
  "bot/serve=core store slack config bot/runtime bot/handlers bot/outbox bot/jobs"
  "bot/cli=core render store slack config bot/runtime bot/serve"
  "bot=bot/cli"
  # The local Slack shares no code with incidentd but the transport helpers it needs to speak HTTP:
  # what is valid is decided by its own rules, never by ours.
  "emulator=slack"
  "bench=render store slack")

# Adds the check as part of every build; it reruns only when a source file changes.
function(incidentd_check_arrows)
  set(sources)
  set(folders)
  foreach(rule IN LISTS INCIDENTD_ARROWS)
    string(REGEX REPLACE "=.*" "" folder "${rule}")
    list(APPEND folders ${folder})
    file(GLOB files CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/${folder}/*.cpp ${CMAKE_SOURCE_DIR}/${folder}/*.hpp)
    list(APPEND sources ${files})
  endforeach()
  string(REPLACE ";" "|" rules "${INCIDENTD_ARROWS}")
  set(stamp ${CMAKE_BINARY_DIR}/arrows.checked)
  add_custom_command(
    OUTPUT ${stamp}
    COMMAND ${CMAKE_COMMAND} "-DROOT=${CMAKE_SOURCE_DIR}" "-DRULES=${rules}" "-DSTAMP=${stamp}"
            -P ${CMAKE_SOURCE_DIR}/cmake/check_arrows.cmake
    DEPENDS ${sources} ${CMAKE_SOURCE_DIR}/cmake/check_arrows.cmake ${CMAKE_SOURCE_DIR}/cmake/Arrows.cmake
    COMMENT "Checking the arrows between layers and rooms"
    VERBATIM)
  add_custom_target(incidentd_arrows ALL DEPENDS ${stamp})
endfunction()
