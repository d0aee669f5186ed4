// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/cli/WalRestoreFastPath.h"

#include "engine/restore/WalRestoreRequest.h"

#include <string>
#include <vector>

namespace tideline::cli {

namespace {

// wal-restore's command line in plain strings, before Qt exists: mirrors CommandLine's grammar
// for this one verb; anything it does not know sends the call to
// the full path, which parses properly and reports errors.
std::optional<restore::WalRestoreRequest> parseRaw(int argc, char** argv)
{
    restore::WalRestoreRequest a;
    std::vector<std::string_view> positional;
    bool optionsEnded = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg(argv[i]);
        if (optionsEnded || arg.empty() || arg.front() != '-' || arg == "-") {
            positional.push_back(arg);
            continue;
        }
        if (arg == "--") {
            optionsEnded = true;
            continue;
        }
        if (!arg.starts_with("--"))
            return std::nullopt;
        std::string_view optionName = arg.substr(2);
        std::optional<std::string_view> value;
        if (const auto eq = optionName.find('='); eq != std::string_view::npos) {
            value = optionName.substr(eq + 1);
            optionName = optionName.substr(0, eq);
        }
        if (optionName == "no-verify-tls" || optionName == "json" || optionName == "prefetch-worker") {
            if (value)
                return std::nullopt;
            a.noVerifyTls = a.noVerifyTls || optionName == "no-verify-tls";
            a.worker = a.worker || optionName == "prefetch-worker";
            continue;
        }
        std::string* target = nullptr;
        if (optionName == "endpoint-url")
            target = &a.endpoint;
        else if (optionName == "profile")
            target = &a.profile;
        else if (optionName == "region")
            target = &a.region;
        else if (optionName == "ca-bundle")
            target = &a.caBundle;
        else if (optionName == "spool")
            target = &a.spool;
        else if (optionName == "addressing-style")
            target = &a.addressingStyle;
        else if (optionName != "prefetch" && optionName != "retry-for")
            return std::nullopt; // --help, --version, another verb's option...
        if (!value) {
            if (i + 1 >= argc)
                return std::nullopt;
            value = std::string_view(argv[++i]);
        }
        if (target)
            *target = std::string(*value);
        else if (optionName == "prefetch" ? !parseInt(*value, 0, restore::WalRestoreRequest::kMaxPrefetch, &a.prefetch)
                                          : !parseInt(*value, 0, 86400, &a.retryForSeconds))
            return std::nullopt;
    }
    if (positional.size() != 5 || positional[0] != "wal-restore")
        return std::nullopt;
    a.source = positional[1];
    a.server = positional[2];
    a.walName = positional[3];
    a.dest = positional[4];
    return a;
}

} // namespace

std::optional<int> walRestoreFastPath(int argc, char** argv)
{
    const auto args = parseRaw(argc, argv);
    if (!args || args->worker)
        return std::nullopt;
    const auto name = restore::WalName::parse(args->walName);
    if (!name)
        return std::nullopt;
    return args->serveFromSpool(*name);
}

} // namespace tideline::cli
