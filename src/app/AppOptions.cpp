// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/app/AppOptions.h"

#include <QCommandLineParser>

namespace tideline::gui {

namespace {
struct Parser {
    QCommandLineParser parser;
    QCommandLineOption endpoint{QStringLiteral("endpoint-url"), QStringLiteral("S3 endpoint, e.g. https://<account>.r2.cloudflarestorage.com."), QStringLiteral("URL")};
    QCommandLineOption profile{QStringLiteral("profile"), QStringLiteral("AWS profile for credentials and region."), QStringLiteral("NAME")};
    QCommandLineOption region{QStringLiteral("region"), QStringLiteral("Region (auto for R2)."), QStringLiteral("R")};
    QCommandLineOption screenshot{QStringLiteral("screenshot"), QStringLiteral("Render --view to a PNG once its data has loaded, then exit."), QStringLiteral("FILE")};
    QCommandLineOption view{QStringLiteral("view"), QStringLiteral("The view to render: %1.").arg(AppOptions::viewNames().join(QStringLiteral(", "))), QStringLiteral("NAME")};
    QCommandLineOption help{{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help.")};
    QCommandLineOption version{QStringLiteral("version"), QStringLiteral("Show the version.")};

    Parser()
    {
        parser.setApplicationDescription(QStringLiteral("Tideline: Barman Cloud backups of CloudNativePG clusters."));
        parser.addOptions({endpoint, profile, region, screenshot, view, help, version});
        parser.addPositionalArgument(QStringLiteral("SOURCE_URL"), QStringLiteral("s3://bucket/path: CNPG's destinationPath."), QStringLiteral("[SOURCE_URL"));
        parser.addPositionalArgument(QStringLiteral("SERVER"), QStringLiteral("CNPG's serverName (default: the first one found)."), QStringLiteral("[SERVER]]"));
    }
};
} // namespace

QStringList AppOptions::viewNames()
{
    return {QStringLiteral("overview"), QStringLiteral("backups"), QStringLiteral("wals"), QStringLiteral("bucket"),
            QStringLiteral("usage"), QStringLiteral("timeline"), QStringLiteral("transfers")};
}

QString AppOptions::helpText()
{
    Parser p;
    return p.parser.helpText();
}

Result<AppOptions> AppOptions::parse(const QStringList& args)
{
    Parser p;
    const QString usageHint = QStringLiteral("Run tideline --help for the options.");
    if (!p.parser.parse(args))
        return fail(ErrorCode::Usage, p.parser.errorText(), usageHint);
    AppOptions o;
    o.help = p.parser.isSet(p.help);
    o.version = p.parser.isSet(p.version);
    o.endpoint = p.parser.value(p.endpoint);
    o.profile = p.parser.value(p.profile);
    o.region = p.parser.value(p.region);
    o.screenshot = p.parser.value(p.screenshot);
    o.view = p.parser.value(p.view);
    const QStringList positional = p.parser.positionalArguments();
    if (positional.size() > 2)
        return fail(ErrorCode::Usage, QStringLiteral("Too many arguments: %1").arg(positional.mid(2).join(QLatin1Char(' '))),
                    usageHint);
    o.source = positional.value(0);
    o.server = positional.value(1);
    if (!o.view.isEmpty() && !viewNames().contains(o.view))
        return fail(ErrorCode::Usage, QStringLiteral("Unknown view '%1'.").arg(o.view),
                    QStringLiteral("--view is one of %1.").arg(viewNames().join(QStringLiteral(", "))));
    if (!o.screenshot.isEmpty()) {
        if (o.source.isEmpty())
            return fail(ErrorCode::Usage, QStringLiteral("--screenshot needs a SOURCE_URL."),
                        QStringLiteral("tideline s3://bucket/path SERVER --screenshot FILE.png --view backups"));
        if (o.view.isEmpty())
            o.view = QStringLiteral("overview");
    }
    return o;
}

} // namespace tideline::gui
