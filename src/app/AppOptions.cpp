// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/app/AppOptions.h"

#include "engine/core/Translations.h"

#include <QCommandLineParser>

namespace tideline::gui {

namespace {
struct Parser {
    QCommandLineParser parser;
    QCommandLineOption endpoint{QStringLiteral("endpoint-url"),
                                AppOptions::tr("S3 endpoint, e.g. https://<account>.r2.cloudflarestorage.com."),
                                QStringLiteral("URL")};
    QCommandLineOption profile{QStringLiteral("profile"), AppOptions::tr("AWS profile for credentials and region."),
                               QStringLiteral("NAME")};
    QCommandLineOption region{QStringLiteral("region"), AppOptions::tr("Region (auto for R2)."), QStringLiteral("R")};
    QCommandLineOption screenshot{QStringLiteral("screenshot"),
                                  AppOptions::tr("Render --view to a PNG once its data has loaded, then exit."),
                                  QStringLiteral("FILE")};
    QCommandLineOption view{QStringLiteral("view"),
                            AppOptions::tr("The view to render: %1.").arg(AppOptions::viewNames().join(QStringLiteral(", "))),
                            QStringLiteral("NAME")};
    QCommandLineOption help{{QStringLiteral("h"), QStringLiteral("help")}, AppOptions::tr("Show this help.")};
    QCommandLineOption
        language{QStringLiteral("language"),
                 AppOptions::tr("Interface language: %1 (default: the one chosen in View > Language, else the system's).")
                     .arg(Translations::available().join(QStringLiteral(", "))),
                 QStringLiteral("CODE")};
    QCommandLineOption version{QStringLiteral("version"), AppOptions::tr("Show the version.")};
    QCommandLineOption kubeconfig{QStringLiteral("kubeconfig"),
                                  AppOptions::tr("kubeconfig to read (default: KUBECONFIG, else ~/.kube/config)."),
                                  QStringLiteral("FILE")};
    QCommandLineOption context{QStringLiteral("context"), AppOptions::tr("kubeconfig context for a cnpg:// SOURCE_URL."),
                               QStringLiteral("NAME")};

    Parser()
    {
        parser.setApplicationDescription(AppOptions::tr("Tideline: Barman Cloud backups of CloudNativePG clusters."));
        parser.addOptions({endpoint, profile, region, kubeconfig, context, screenshot, view, language, help, version});
        parser.addPositionalArgument(QStringLiteral("SOURCE_URL"),
                                     AppOptions::tr(
                                         "s3://bucket/path (CNPG's destinationPath), or cnpg://NAMESPACE/CLUSTER."),
                                     QStringLiteral("[SOURCE_URL"));
        parser.addPositionalArgument(QStringLiteral("SERVER"),
                                     AppOptions::tr("CNPG's serverName (default: the first one found)."),
                                     QStringLiteral("[SERVER]]"));
    }
};
} // namespace

QStringList AppOptions::viewNames()
{
    return {QStringLiteral("overview"), QStringLiteral("backups"),  QStringLiteral("wals"),      QStringLiteral("bucket"),
            QStringLiteral("usage"),    QStringLiteral("timeline"), QStringLiteral("transfers"), QStringLiteral("cluster")};
}

QString AppOptions::helpText()
{
    Parser p;
    return p.parser.helpText();
}

Result<AppOptions> AppOptions::parse(const QStringList& args)
{
    Parser p;
    const QString usageHint = tr("Run tideline --help for the options.");
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
    o.language = p.parser.value(p.language);
    o.kubeconfig = p.parser.value(p.kubeconfig);
    o.context = p.parser.value(p.context);
    const QStringList positional = p.parser.positionalArguments();
    if (positional.size() > 2)
        return fail(ErrorCode::Usage, tr("Too many arguments: %1").arg(positional.mid(2).join(QLatin1Char(' '))), usageHint);
    o.source = positional.value(0);
    o.server = positional.value(1);
    if (!o.view.isEmpty() && !viewNames().contains(o.view))
        return fail(ErrorCode::Usage, tr("Unknown view '%1'.").arg(o.view),
                    tr("--view is one of %1.").arg(viewNames().join(QStringLiteral(", "))));
    if (!o.language.isEmpty() && !Translations::available().contains(o.language))
        return fail(ErrorCode::Usage, tr("Unknown language '%1'.").arg(o.language),
                    tr("--language is one of %1.").arg(Translations::available().join(QStringLiteral(", "))));
    if (!o.screenshot.isEmpty()) {
        if (o.source.isEmpty())
            return fail(ErrorCode::Usage, tr("--screenshot needs a SOURCE_URL."),
                        QStringLiteral("tideline s3://bucket/path SERVER --screenshot FILE.png --view backups"));
        const bool cluster = o.source.startsWith(QLatin1String("cnpg://"));
        if (o.view.isEmpty())
            o.view = cluster ? QStringLiteral("cluster") : QStringLiteral("overview");
        if (cluster != (o.view == QLatin1String("cluster")))
            return fail(ErrorCode::Usage, tr("--view cluster goes with a cnpg://NAMESPACE/CLUSTER source, and only it."),
                        QStringLiteral("tideline cnpg://db/pg-main --screenshot FILE.png --view cluster"));
    }
    return o;
}

} // namespace tideline::gui
