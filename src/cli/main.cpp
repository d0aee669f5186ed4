// SPDX-License-Identifier: GPL-3.0-or-later
// tideline-cli's launcher: links no Qt. PostgreSQL starts one restore_command per WAL segment, and
// a spool hit needs nothing but a rename, while loading Qt and the engine (about fifty shared
// libraries) took about 9 ms of each. Everything else loads libtideline-cli and runs it.
//
// The library is loaded by absolute path beside this executable (the build tree) or in its
// installed private directory, never through a search path: a restore_command runs in a data
// directory restored from a bucket, and an empty search-path entry would mean that directory.
#include "engine/core/CoreDumps.h"
#include "src/cli/CliMain.h"
#include "src/cli/WalRestoreFastPath.h"

#include <cstdio>
#include <string>
#include <string_view>

#include <dlfcn.h>
#include <unistd.h>

namespace {

// DESIGN.md: a restore_command that cannot run must stop recovery (PostgreSQL reads 1-125 as
// "not found"); any other verb exits 1 like every other failure.
int cannotRun(int argc, char** argv, const std::string& why)
{
    std::fprintf(stderr,
                 "tideline-cli: cannot load libtideline-cli: %s. Hint: Reinstall Tideline (or install the library "
                 "it names), so that tideline-cli and libtideline-cli come from the same package.\n",
                 why.c_str());
    for (int i = 1; i < argc; ++i)
        if (std::string_view(argv[i]) == "wal-restore")
            return 255;
    return 1;
}

std::string executableDirectory()
{
    char exe[4096];
    const ssize_t n = ::readlink("/proc/self/exe", exe, sizeof exe);
    if (n <= 0 || std::size_t(n) >= sizeof exe)
        return {}; // unreadable, or cut short
    const std::string path(exe, std::size_t(n));
    return path.substr(0, path.rfind('/') + 1);
}

} // namespace

int main(int argc, char* argv[])
{
    // Before anything reads a credential; the spool hit's environment holds them too.
    tideline::forbidCoreDumps();
    if (const auto served = tideline::cli::walRestoreFastPath(argc, argv))
        return *served;
    const std::string dir = executableDirectory();
    if (dir.empty())
        return cannotRun(argc, argv, "its own path cannot be read from /proc/self/exe (is /proc mounted?)");
    // Installed first; beside the executable in a build tree.
    std::string path;
    for (const std::string& candidate : {dir + TIDELINE_CLI_LIBDIR + "/libtideline-cli.so", dir + "libtideline-cli.so"})
        if (::access(candidate.c_str(), F_OK) == 0) {
            path = candidate;
            break;
        }
    if (path.empty())
        return cannotRun(argc, argv, "it is not in " + dir + TIDELINE_CLI_LIBDIR + " nor in " + dir);
    void* library = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        // There but not loadable: usually a library it needs (Qt) is missing, which dlerror names.
        const char* why = ::dlerror();
        return cannotRun(argc, argv, path + " does not load (" + (why ? why : "unknown error") + ")");
    }
    const auto interface = static_cast<const int*>(::dlsym(library, "tideline_cli_interface"));
    if (!interface || *interface != kCliInterface)
        return cannotRun(argc, argv, path + " is from another build of Tideline");
    const auto run = reinterpret_cast<decltype(&tideline_cli_main)>(::dlsym(library, "tideline_cli_main"));
    if (!run)
        return cannotRun(argc, argv, path + " has no tideline_cli_main");
    return run(argc, argv);
}
