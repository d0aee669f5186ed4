// SPDX-License-Identifier: GPL-3.0-or-later
// tideline-cli's launcher: links no Qt. PostgreSQL starts one restore_command per WAL segment, and
// a spool hit needs nothing but a rename, while loading Qt and the engine (about fifty shared
// libraries) took about 9 ms of each. Everything else loads libtideline-cli (found through this
// executable's RUNPATH) and runs it.
#include "src/cli/WalRestoreFastPath.h"

#include <cstdio>
#include <cstring>
#include <string_view>

#include <dlfcn.h>

namespace {

// DESIGN.md: a restore_command that cannot run must stop recovery (PostgreSQL reads 1-125 as
// "not found"); any other verb exits 1 like every other failure.
int cannotRun(int argc, char** argv, const char* why)
{
    std::fprintf(stderr,
                 "tideline-cli: cannot load libtideline-cli: %s. Hint: Reinstall Tideline; the library belongs "
                 "in the lib/tideline directory beside bin/ (or beside the executable in a build tree).\n",
                 why ? why : "unknown error");
    for (int i = 1; i < argc; ++i)
        if (std::string_view(argv[i]) == "wal-restore")
            return 255;
    return 1;
}

} // namespace

int main(int argc, char* argv[])
{
    if (const auto served = tideline::cli::walRestoreFastPath(argc, argv))
        return *served;
    void* library = ::dlopen("libtideline-cli.so", RTLD_NOW | RTLD_LOCAL);
    if (!library)
        return cannotRun(argc, argv, ::dlerror());
    using Main = int (*)(int, char**);
    const auto run = reinterpret_cast<Main>(::dlsym(library, "tideline_cli_main"));
    if (!run)
        return cannotRun(argc, argv, ::dlerror());
    return run(argc, argv);
}
