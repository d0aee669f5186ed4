// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/cli/CommandLine.h"

namespace tideline::cli {

CommandLine::CommandLine(QList<std::shared_ptr<Command>> commands) : m_commands(std::move(commands))
{}

namespace {
std::unexpected<Error> usage(const QString& message, const QString& hint = QString())
{
    return fail(ErrorCode::Usage, message, hint.isNull() ? CommandLine::tr("See tideline-cli --help.") : hint);
}
} // namespace

Result<std::pair<Invocation, std::shared_ptr<Command>>> CommandLine::parse(const QStringList& arguments) const
{
    Invocation inv;
    QStringList positional;
    QList<std::pair<QString, QString>> verbOptions; // name, value (value may be null: a flag)
    QStringList rawOptionsWithValue;
    bool optionsEnded = false;
    bool help = false;

    // Global options and their targets.
    const QMap<QString, QString Invocation::*> globalValues{
        {QStringLiteral("endpoint-url"), &Invocation::endpointUrl},
        {QStringLiteral("profile"), &Invocation::profile},
        {QStringLiteral("region"), &Invocation::region},
        {QStringLiteral("ca-bundle"), &Invocation::caBundle},
        {QStringLiteral("addressing-style"), &Invocation::addressingStyle},
        {QStringLiteral("kubeconfig"), &Invocation::kubeconfig},
        {QStringLiteral("context"), &Invocation::context},
        {QStringLiteral("namespace"), &Invocation::nameSpace},
        {QStringLiteral("helm-values"), &Invocation::helmValues},
    };
    // Every verb's options, so their values are consumed wherever they appear.
    QMap<QString, bool> verbOptionTakesValue;
    for (const auto& c : m_commands) {
        const auto opts = c->options();
        for (auto it = opts.cbegin(); it != opts.cend(); ++it)
            verbOptionTakesValue.insert(it.key(), it.value());
    }

    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString& arg = arguments[i];
        if (optionsEnded || !arg.startsWith(QLatin1Char('-')) || arg == QLatin1String("-")) {
            positional.append(arg);
            continue;
        }
        if (arg == QLatin1String("--")) {
            optionsEnded = true;
            continue;
        }
        if (arg == QLatin1String("-h") || arg == QLatin1String("--help")) {
            help = true;
            continue;
        }
        // kubectl's two short options, spelled as kubectl users type them.
        if (arg == QLatin1String("-A")) {
            inv.allNamespaces = true;
            continue;
        }
        if (arg == QLatin1String("-n") || arg.startsWith(QLatin1String("-n="))) {
            if (arg.size() > 3) {
                inv.nameSpace = arg.mid(3);
            } else if (i + 1 < arguments.size()) {
                inv.nameSpace = arguments[++i];
            } else {
                return usage(tr("option -n needs a namespace"));
            }
            continue;
        }
        if (!arg.startsWith(QLatin1String("--")))
            return usage(tr("unknown option '%1'").arg(arg));
        QString name = arg.mid(2);
        std::optional<QString> inlineValue;
        if (const qsizetype eq = name.indexOf(QLatin1Char('=')); eq >= 0) {
            inlineValue = name.mid(eq + 1);
            name = name.left(eq);
        }
        auto takeValue = [&]() -> Result<QString> {
            if (inlineValue)
                return *inlineValue;
            if (i + 1 >= arguments.size())
                return usage(tr("option --%1 needs a value").arg(name));
            return arguments[++i];
        };
        if (name == QLatin1String("json")) {
            inv.json = true;
        } else if (name == QLatin1String("no-verify-tls")) {
            inv.noVerifyTls = true;
        } else if (name == QLatin1String("all-namespaces")) {
            inv.allNamespaces = true;
        } else if (globalValues.contains(name)) {
            auto v = takeValue();
            if (!v)
                return fail(v.error());
            inv.*globalValues.value(name) = *v;
        } else if (verbOptionTakesValue.contains(name)) {
            if (verbOptionTakesValue.value(name)) {
                auto v = takeValue();
                if (!v)
                    return fail(v.error());
                verbOptions.append({name, *v});
            } else {
                verbOptions.append({name, QString()});
            }
        } else {
            return usage(tr("unknown option '--%1'").arg(name));
        }
    }

    if (help || positional.isEmpty()) {
        if (!help)
            return usage(tr("no command given"));
        return std::pair{inv, std::shared_ptr<Command>()};
    }
    inv.verb = positional.takeFirst();
    inv.args = positional;
    std::shared_ptr<Command> command;
    for (const auto& c : m_commands)
        if (c->name() == inv.verb)
            command = c;
    if (!command)
        return usage(tr("unknown command '%1'").arg(inv.verb));
    const QString usageHint = tr("Usage: tideline-cli %1 %2").arg(inv.verb, command->synopsis());
    const auto own = command->options();
    for (const auto& [name, value] : verbOptions) {
        if (!own.contains(name))
            return usage(tr("option --%1 does not apply to '%2'").arg(name, inv.verb), usageHint);
        inv.options[name].append(value);
    }
    const auto [min, max] = command->arity();
    const bool takesSource = command->synopsis().startsWith(QLatin1String("SOURCE_URL"));
    if (!inv.helmValues.isEmpty()) {
        if (!takesSource)
            return usage(tr("option --%1 does not apply to '%2'").arg(QStringLiteral("helm-values"), inv.verb), usageHint);
        if (!inv.args.isEmpty() && inv.args[0].contains(QLatin1String("://")))
            return usage(tr("--helm-values takes the place of SOURCE_URL: leave %1 out").arg(inv.args[0]), usageHint);
        inv.args.insert(0, QString()); // applyHelmValues() fills it in
    }
    // A cnpg:// source or a values file names the server itself (the cluster's): SERVER may go.
    if (min >= 2 && inv.args.size() == min - 1
        && (inv.args[0].startsWith(QLatin1String("cnpg://")) || !inv.helmValues.isEmpty())
        && command->synopsis().startsWith(QLatin1String("SOURCE_URL SERVER")))
        inv.args.insert(1, QString());
    if (inv.args.size() < min || inv.args.size() > max) {
        const QString got = QString::number(inv.args.size());
        if (min == max)
            //: %1 is the command, %n how many arguments it takes, %2 how many were given.
            return usage(tr("'%1' takes %n argument(s), got %2", nullptr, max).arg(inv.verb, got), usageHint);
        //: %1 is the command, %2 to %n the range of arguments it takes, %3 how many were given.
        return usage(tr("'%1' takes %2 to %n argument(s), got %3", nullptr, max).arg(inv.verb, QString::number(min), got),
                     usageHint);
    }
    return std::pair{inv, command};
}

QString CommandLine::help() const
{
    QString text =
        tr("Usage: %1").arg(QStringLiteral("tideline-cli [--endpoint-url URL] [--profile NAME] [--region R] [--json] COMMAND ARGS"))
        + QStringLiteral("\n\n") + tr("Reads Barman Cloud backups of CloudNativePG clusters in S3-compatible object stores.")
        + QStringLiteral("\n\n") + tr("Commands:") + QLatin1Char('\n');
    for (const auto& c : m_commands)
        text += QStringLiteral("  %1 %2\n      %3\n").arg(c->name().leftJustified(8), c->synopsis(), c->description());
    const std::pair<const char*, QString> globalOptions[] = {
        {"--endpoint-url URL",
         tr("S3 endpoint (default: AWS_ENDPOINT_URL, else AWS); R2: https://<account>.r2.cloudflarestorage.com")},
        {"--profile NAME", tr("profile in ~/.aws/credentials and ~/.aws/config (default: AWS_PROFILE)")},
        {"--region R", tr("signing region (default: AWS_REGION, the profile, else us-east-1; R2: auto)")},
        {"--ca-bundle FILE", tr("extra trusted CA certificates (PEM)")},
        {"--addressing-style S",
         tr("path or virtual: how the bucket is named in requests (default: the profile's s3.addressing_style, "
            "else virtual on AWS, path elsewhere)")},
        {"--no-verify-tls", tr("do not verify the endpoint's certificate (unsafe)")},
        {"--kubeconfig FILE", tr("kubeconfig for cnpg:// sources and k8s (default: KUBECONFIG, else ~/.kube/config)")},
        {"--context NAME", tr("kubeconfig context (default: the current one)")},
        {"-n, --namespace NS", tr("namespace for k8s (default: the context's)")},
        {"-A, --all-namespaces", tr("k8s: every namespace")},
        {"--helm-values FILE", tr("the cluster chart's values file (its backups: block) in place of SOURCE_URL")},
        {"--json", tr("print JSON for scripts")},
    };
    text += QLatin1Char('\n') + tr("Global options (before or after the command):") + QLatin1Char('\n');
    for (const auto& [option, description] : globalOptions)
        text += QStringLiteral("  %1 %2\n").arg(QString::fromLatin1(option).leftJustified(20), description);
    text += QLatin1Char('\n')
        + tr("SOURCE_URL: s3://bucket[/path] (CNPG's destinationPath), file:///dir, or cnpg://NAMESPACE/CLUSTER\n"
             "(the cluster's own bucket, credentials and serverName, read through the kubeconfig; SERVER may be left out)")
        + QLatin1Char('\n') + tr("Credentials: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, or a profile.")
        + QStringLiteral("\n\n")
        + tr("Exit status: 0 ok, 1 not found, 2 usage, 3 network, 4 authentication, 5 bucket/server/backup not found,\n"
             "6 corrupt data, 7 refused, 8 cancelled.")
        + QLatin1Char('\n');
    return text;
}

} // namespace tideline::cli
