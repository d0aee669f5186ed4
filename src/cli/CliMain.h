// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The whole command line, in libtideline-cli: what tideline-cli's launcher (main.cpp) runs when a
// call is not a wal-restore spool hit. The library exports these two symbols and nothing else
// (libtideline-cli.map).

extern "C" {
/// Runs tideline-cli with main()'s arguments and returns its exit status. Once per process, on
/// the main thread (it creates the QCoreApplication).
__attribute__((visibility("default"))) int tideline_cli_main(int argc, char** argv);
/// The version the library was built as; the launcher refuses a library of another.
__attribute__((visibility("default"))) extern const char* const tideline_cli_version;
}
