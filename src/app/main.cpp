// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop application: parses the command line and opens the window; everything else is in
// MainWindow and the engine.
#include "engine/core/CoreDumps.h"
#include "engine/core/Redactor.h"
#include "engine/core/Translations.h"
#include "src/app/AppOptions.h"
#include "src/app/MainWindow.h"

#include <QApplication>
#include <QLoggingCategory>
#include <QTextStream>

#include <cstdio>
#include <cstring>

using namespace tideline;
using namespace tideline::gui;

int main(int argc, char* argv[])
{
    forbidCoreDumps();
    // --screenshot is a batch command: its stderr is one line on failure, as the CLI's is. Qt's
    // chatter about the offscreen platform (propagateSizeHints, XDG_RUNTIME_DIR) would bury it,
    // and some of it comes while QApplication starts, before the options can be parsed.
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--screenshot") == 0 || std::strncmp(argv[i], "--screenshot=", 13) == 0)
            QLoggingCategory::setFilterRules(QStringLiteral("*.debug=false\n*.info=false\n*.warning=false"));
    }

    QGuiApplication::setHighDpiScaleFactorRoundingPolicy(Qt::HighDpiScaleFactorRoundingPolicy::PassThrough);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Tideline"));
    QApplication::setApplicationName(QStringLiteral("Tideline"));
    QApplication::setApplicationVersion(QStringLiteral(TIDELINE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("tideline"));
    Redactor::installMessageHandler();
    // The options' own messages follow the system; the window then applies the saved choice.
    Translations::install(QLocale::system());

    auto options = AppOptions::parse(QApplication::arguments());
    if (!options) {
        std::fprintf(stderr, "tideline: %s\n", qPrintable(options.error().oneLine()));
        return exitStatus(options.error().code);
    }
    if (options->help) {
        std::fputs(qPrintable(AppOptions::helpText()), stdout);
        return 0;
    }
    if (options->version) {
        std::printf("tideline %s\n", TIDELINE_VERSION);
        return 0;
    }

    const bool screenshot = !options->screenshot.isEmpty();
    // A screenshot must not depend on whoever runs it: no kubeconfig unless one is named.
    const bool cluster = options->source.startsWith(QLatin1String("cnpg://"));
    MainWindow window(MainWindow::Options{!screenshot,
                                          {},
                                          options->language,
                                          !screenshot || cluster || !options->kubeconfig.isEmpty(),
                                          options->kubeconfig});
    if (screenshot) {
        QObject::connect(&window, &MainWindow::screenshotFinished, &app, [](int status, const QString& message) {
            if (status != 0)
                std::fprintf(stderr, "tideline: %s\n", qPrintable(message));
            QCoreApplication::exit(status);
        });
        window.takeScreenshotWhenLoaded(options->screenshot, options->view);
    }
    if (cluster) {
        window.openCluster(options->source, options->context);
    } else if (!options->source.isEmpty()) {
        auto profile = ConnectionProfile::fromSourceUrl(options->source);
        if (!profile) {
            std::fprintf(stderr, "tideline: %s\n", qPrintable(profile.error().oneLine()));
            return exitStatus(profile.error().code);
        }
        profile->endpoint = options->endpoint;
        profile->region = options->region;
        if (!options->profile.isEmpty()) {
            profile->credentials = ConnectionProfile::CredentialSource::AwsProfile;
            profile->awsProfile = options->profile;
        }
        window.openSource(*profile, options->server);
    }
    window.show();
    return QApplication::exec();
}
