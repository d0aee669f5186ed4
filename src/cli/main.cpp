// SPDX-License-Identifier: GPL-3.0-or-later
// tideline-cli's launcher: links no Qt. PostgreSQL starts one restore_command per WAL segment, and
// a spool hit needs nothing but a rename, while loading Qt and the engine (about fifty shared
// libraries) took about 9 ms of each. Everything else loads libtideline-cli and runs it.
//
// The library is loaded by absolute path beside this executable (the build tree) or in its
// installed private directory, never through a search path: a restore_command runs in a data
// directory restored from a bucket, and an empty search-path entry would mean that directory.
#include "src/cli/CliMain.h"
#include "src/cli/WalRestoreFastPath.h"

#include <cstdio>
#include <cstring>
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
                 "tideline-cli: cannot load libtideline-cli: %s. Hint: Reinstall Tideline; the library belongs in "
                 "%s from the executable's directory (or beside it in a build tree).\n",
                 why.c_str(), TIDELINE_CLI_LIBDIR);
    for (int i = 1; i < argc; ++i)
        if (std::string_view(argv[i]) == "wal-restore")
            return 255;
    return 1;
}

std::string executableDirectory()
{
    char exe[4096];
    const ssize_t n = ::readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return {};
    const std::string path(exe, std::size_t(n));
    return path.substr(0, path.rfind('/') + 1);
}

} // namespace

int main(int argc, char* argv[])
{
    if (const auto served = tideline::cli::walRestoreFastPath(argc, argv))
        return *served;
    const std::string dir = executableDirectory();
    if (dir.empty())
        return cannotRun(argc, argv, "/proc/self/exe cannot be read");
    void* library = nullptr;
    std::string tried;
    for (const std::string& candidate : {dir + "libtideline-cli.so", dir + TIDELINE_CLI_LIBDIR + "/libtideline-cli.so"}) {
        if ((library = ::dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL)))
            break;
        const char* why = ::dlerror();
        tried += (tried.empty() ? "" : "; ") + std::string(why ? why : candidate.c_str());
    }
    if (!library)
        return cannotRun(argc, argv, tried);
    // Launcher and library from different builds (an upgrade landing between the two files)
    // could disagree about the spool: refuse instead.
    const auto version = reinterpret_cast<const char* const*>(::dlsym(library, "tideline_cli_version"));
    if (!version || std::strcmp(*version, TIDELINE_VERSION) != 0)
        return cannotRun(argc, argv,
                         std::string("it is version ") + (version ? *version : "unknown") + ", this launcher "
                             + TIDELINE_VERSION);
    const auto run = reinterpret_cast<decltype(&tideline_cli_main)>(::dlsym(library, "tideline_cli_main"));
    if (!run)
        return cannotRun(argc, argv, "it has no tideline_cli_main");
    return run(argc, argv);
}
