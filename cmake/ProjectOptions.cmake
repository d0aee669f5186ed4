# One INTERFACE target carries the language level, warnings and sanitizer flags, so every
# target in the tree is built the same way without directory-wide add_definitions.
add_library(tideline_options INTERFACE)
target_compile_features(tideline_options INTERFACE cxx_std_23)
target_compile_options(tideline_options INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual
    -Wcast-align -Wimplicit-fallthrough -Wnull-dereference -Wold-style-cast -Wcast-qual)
target_compile_definitions(tideline_options INTERFACE
    QT_NO_CAST_TO_ASCII QT_NO_CAST_FROM_ASCII QT_NO_CAST_FROM_BYTEARRAY QT_NO_URL_CAST_FROM_STRING
    QT_NO_FOREACH)
if(TIDELINE_WERROR)
    target_compile_options(tideline_options INTERFACE -Werror)
endif()
if(TIDELINE_SANITIZE)
    target_compile_options(tideline_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
    target_link_options(tideline_options INTERFACE -fsanitize=address,undefined)
endif()

# Engine areas: one static library each, linked only downwards (core <- wal <- storage <- catalog ...),
# so an upward include fails to link in the area's own tests.
function(tideline_add_engine_area name)
    cmake_parse_arguments(ARG "" "" "SOURCES;DEPENDS" ${ARGN})
    add_library(tideline_${name} STATIC ${ARG_SOURCES})
    target_include_directories(tideline_${name} PUBLIC ${PROJECT_SOURCE_DIR})
    target_link_libraries(tideline_${name} PUBLIC tideline_options ${ARG_DEPENDS})
    # The engine computes with 64-bit LSNs, segment numbers and byte counts: no silent narrowing.
    # (clang's -Wconversion also means -Wsign-conversion, which GCC keeps apart; the fuzz build
    # uses clang, so both compilers check the same thing.)
    target_compile_options(tideline_${name} PRIVATE -Wconversion
                           $<$<CXX_COMPILER_ID:Clang>:-Wno-sign-conversion>)
endfunction()
if(TIDELINE_FUZZ)
    # Coverage for libFuzzer in every library a fuzz target links; the targets add the driver.
    target_compile_options(tideline_options INTERFACE -fsanitize=fuzzer-no-link)
endif()
