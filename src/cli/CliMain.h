// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The whole command line, in libtideline-cli: what tideline-cli's launcher (main.cpp) runs when a
// call is not a wal-restore spool hit. The library exports these two symbols and nothing else
// (libtideline-cli.map).

extern "C" {
/// Runs tideline-cli with main()'s arguments and returns its exit status. Once per process, on
/// the main thread (it creates the QCoreApplication).
__attribute__((visibility("default"))) int tideline_cli_main(int argc, char** argv);
/// The launcher-library interface the library was built with (kCliInterface).
__attribute__((visibility("default"))) extern const int tideline_cli_interface;
}

/// Bumped when the launcher and the library could disagree: this entry point, or the spool's
/// format on disk (both sides compile the spool). Not the release: an upgrade replaces the two
/// files one after the other, and a restore_command run in between must not stop recovery.
inline constexpr int kCliInterface = 1;
