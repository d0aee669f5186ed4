// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/cli/CommandLine.h"

namespace tideline::cli {

CommandLine::CommandLine(QList<std::shared_ptr<Command>> commands) : m_commands(std::move(commands)) {}

namespace {
std::unexpected<Error> usage(const QString& message, const QString& hint = QStringLiteral("See tideline-cli --help."))
{
    return fail(ErrorCode::Usage, message, hint);
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
        if (!arg.startsWith(QLatin1String("--")))
            return usage(QStringLiteral("unknown option '%1'").arg(arg));
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
                return usage(QStringLiteral("option --%1 needs a value").arg(name));
            return arguments[++i];
        };
        if (name == QLatin1String("json")) {
            inv.json = true;
        } else if (name == QLatin1String("no-verify-tls")) {
            inv.noVerifyTls = true;
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
            return usage(QStringLiteral("unknown option '--%1'").arg(name));
        }
    }

    if (help || positional.isEmpty()) {
        if (!help)
            return usage(QStringLiteral("no command given"));
        return std::pair{inv, std::shared_ptr<Command>()};
    }
    inv.verb = positional.takeFirst();
    inv.args = positional;
    std::shared_ptr<Command> command;
    for (const auto& c : m_commands)
        if (c->name() == inv.verb)
            command = c;
    if (!command)
        return usage(QStringLiteral("unknown command '%1'").arg(inv.verb));
    const auto own = command->options();
    for (const auto& [name, value] : verbOptions) {
        if (!own.contains(name))
            return usage(QStringLiteral("option --%1 does not apply to '%2'").arg(name, inv.verb),
                         QStringLiteral("Usage: tideline-cli %1 %2").arg(inv.verb, command->synopsis()));
        inv.options[name].append(value);
    }
    const auto [min, max] = command->arity();
    if (inv.args.size() < min || inv.args.size() > max)
        return usage(QStringLiteral("'%1' takes %2 argument(s), got %3")
                         .arg(inv.verb, min == max ? QString::number(min) : QStringLiteral("%1 to %2").arg(min).arg(max))
                         .arg(inv.args.size()),
                     QStringLiteral("Usage: tideline-cli %1 %2").arg(inv.verb, command->synopsis()));
    return std::pair{inv, command};
}

QString CommandLine::help() const
{
    QString text = QStringLiteral(
        "Usage: tideline-cli [--endpoint-url URL] [--profile NAME] [--region R] [--json] COMMAND ARGS\n\n"
        "Reads Barman Cloud backups of CloudNativePG clusters in S3-compatible object stores.\n\n"
        "Commands:\n");
    for (const auto& c : m_commands)
        text += QStringLiteral("  %1 %2\n      %3\n").arg(c->name().leftJustified(8), c->synopsis(), c->description());
    text += QStringLiteral(
        "\nGlobal options (before or after the command):\n"
        "  --endpoint-url URL   S3 endpoint (default: AWS_ENDPOINT_URL, else AWS); R2: https://<account>.r2.cloudflarestorage.com\n"
        "  --profile NAME       profile in ~/.aws/credentials and ~/.aws/config (default: AWS_PROFILE)\n"
        "  --region R           signing region (default: AWS_REGION, the profile, else us-east-1; R2: auto)\n"
        "  --ca-bundle FILE     extra trusted CA certificates (PEM)\n"
        "  --no-verify-tls      do not verify the endpoint's certificate (unsafe)\n"
        "  --json               print JSON for scripts\n\n"
        "SOURCE_URL: s3://bucket[/path] (CNPG's destinationPath) or file:///dir\n"
        "Credentials: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, or a profile.\n\n"
        "Exit status: 0 ok, 1 not found, 2 usage, 3 network, 4 authentication, 5 bucket/server/backup not found,\n"
        "6 corrupt data, 7 refused, 8 cancelled.\n");
    return text;
}

} // namespace tideline::cli
