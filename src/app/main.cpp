// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop application: parses the command line and opens the window; everything else is in
// MainWindow and the engine.
#include "engine/core/Redactor.h"
#include "src/app/AppOptions.h"
#include "src/app/MainWindow.h"

#include <QApplication>
#include <QLoggingCategory>
#include <QTextStream>

#include <cstdio>

using namespace tideline;
using namespace tideline::gui;


int main(int argc, char* argv[])
{
    // Parsed before QApplication exists, so that --screenshot can quiet Qt's start-up chatter.
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args.append(QString::fromLocal8Bit(argv[i]));
    auto options = AppOptions::parse(args);
    const bool screenshot = options && !options->screenshot.isEmpty();
    // --screenshot is a batch command: its stderr is one line on failure, as the CLI's is. Qt's
    // chatter about the offscreen platform (propagateSizeHints, XDG_RUNTIME_DIR) would bury it.
    if (screenshot)
        QLoggingCategory::setFilterRules(QStringLiteral("*.debug=false\n*.info=false\n*.warning=false"));

    QGuiApplication::setHighDpiScaleFactorRoundingPolicy(Qt::HighDpiScaleFactorRoundingPolicy::PassThrough);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Tideline"));
    QApplication::setApplicationName(QStringLiteral("Tideline"));
    QApplication::setApplicationVersion(QStringLiteral(TIDELINE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("tideline"));
    Redactor::installMessageHandler();

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

    MainWindow window(MainWindow::Options{!screenshot, {}});
    if (!options->source.isEmpty()) {
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
        if (screenshot) {
            QObject::connect(&window, &MainWindow::screenshotFinished, &app, [](int status, const QString& message) {
                if (status != 0)
                    std::fprintf(stderr, "tideline: %s\n", qPrintable(message));
                QCoreApplication::exit(status);
            });
            window.takeScreenshotWhenLoaded(options->screenshot, options->view);
        }
        window.openSource(*profile, options->server);
    }
    window.show();
    return QApplication::exec();
}
