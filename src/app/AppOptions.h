// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/Error.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace tideline::gui {

/// The window's command line (DESIGN.md): tideline [SOURCE_URL [SERVER]] [--endpoint-url URL]
/// [--profile NAME] [--region R] [--kubeconfig FILE] [--context NAME] [--screenshot FILE --view NAME]
/// [--language CODE]. SOURCE_URL may be cnpg://NAMESPACE/CLUSTER: the window opens that cluster's page.
struct AppOptions {
    Q_DECLARE_TR_FUNCTIONS(AppOptions)

public:
    QString source;
    QString server;
    QString endpoint;
    QString profile;
    QString region;
    QString screenshot; ///< a PNG to write once the view's data has loaded; then exit
    QString view;       ///< overview, backups, wals, bucket, usage, timeline, transfers
    QString language;   ///< "en", "ru"; empty: the saved choice, else the system's
    QString kubeconfig; ///< --kubeconfig: instead of KUBECONFIG or ~/.kube/config
    QString context;    ///< --context: for a cnpg:// SOURCE (default: the kubeconfig's current one)
    bool help = false;
    bool version = false;

    static QStringList viewNames();
    /// args includes the program name. Errors: Usage with a hint. Messages are translated, so
    /// call it after QCoreApplication exists and a catalogue is installed.
    static Result<AppOptions> parse(const QStringList& args);
    static QString helpText();
};

} // namespace tideline::gui
