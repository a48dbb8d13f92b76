cmake_minimum_required(VERSION 3.25)
# cmake -DDIR=... -DOUT=... -DNAMESPACE=... -DFUNCTION=... -P EmbedDirectory.cmake
# Embeds every file under DIR (a build step's output, whose names are not
# known at configure time) with bb_write_embedded_source().
include(${CMAKE_CURRENT_LIST_DIR}/EmbedFiles.cmake)
file(GLOB_RECURSE files LIST_DIRECTORIES false RELATIVE "${DIR}" "${DIR}/*")
list(SORT files)
bb_write_embedded_source("${OUT}" "${NAMESPACE}" "${FUNCTION}" "${DIR}" ${files})
