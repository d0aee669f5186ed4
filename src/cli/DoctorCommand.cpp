// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/cli/DoctorCommand.h"

#include "engine/doctor/Doctor.h"
#include "engine/pitr/RecoveryTarget.h"
#include "src/cli/Interrupt.h"
#include "src/cli/KubeAccess.h"
#include "src/cli/Output.h"
#include "src/cli/SourceAccess.h"

namespace tideline::cli {

namespace {

QString statusLabel(doctor::DoctorCheck::Status s)
{
    switch (s) {
    case doctor::DoctorCheck::Status::Ok: return QStringLiteral("ok  ");
    case doctor::DoctorCheck::Status::Warn: return QStringLiteral("WARN");
    case doctor::DoctorCheck::Status::Fail: return QStringLiteral("FAIL");
    case doctor::DoctorCheck::Status::Skipped: break;
    }
    return QStringLiteral("skip");
}

} // namespace

int DoctorCommand::run(const Invocation& invocation)
{
    doctor::DoctorOptions options;
    options.writeProbe = !invocation.has(QStringLiteral("read-only"));
    options.retentionPolicy = invocation.value(QStringLiteral("policy"));
    std::optional<FixedClock> pinned;
    if (invocation.has(QStringLiteral("now"))) {
        auto now = pitr::RecoveryTarget::parseTime(invocation.value(QStringLiteral("now")));
        if (!now)
            return reportError(now.error());
        pinned.emplace(now->usecUtc);
    }
    const QString& url = invocation.args[0];
    OpenedSource source;
    if (k8s::ClusterRef::looksLike(url)) {
        auto ref = k8s::ClusterRef::parse(url);
        if (!ref)
            return reportError(ref.error());
        auto client = kubeClient(invocation);
        if (!client)
            return reportError(client.error());
        auto health = k8s::readClusterResources(**client, *ref, interruptToken());
        if (!health)
            return reportError(health.error());
        auto opened = openClusterBucket(invocation, health->bucket);
        if (!opened)
            return reportError(opened.error());
        source = std::move(*opened);
        options.cluster = std::move(*health);
    } else {
        auto opened = openSource(invocation, url);
        if (!opened)
            return reportError(opened.error());
        source = std::move(*opened);
        if (auto s3 = s3Options(invocation))
            options.endpoint = s3->endpoint.isEmpty() ? qEnvironmentVariable("AWS_ENDPOINT_URL") : s3->endpoint.toString();
    }
    for (const QString& note : source.notes)
        printNote(note);
    options.source = source.url;
    options.server = serverFor(source, invocation.args.value(1));

    JobContext context(interruptToken());
    auto report = doctor::runDoctor(*source.store, options, context, {}, pinned ? *pinned : Clock::system());
    if (!report)
        return reportError(report.error());
    const int exitCode = report->failed() ? static_cast<int>(ErrorCode::Refused) : 0;
    if (invocation.json) {
        printJson(report->toJson());
        return exitCode;
    }
    QString text;
    for (const doctor::DoctorCheck& c : report->checks) {
        text += statusLabel(c.status) + QStringLiteral("  ")
            + (c.server.isEmpty() ? QString() : c.server + QStringLiteral(": ")) + c.title + QStringLiteral("\n      ")
            + c.message + u'\n';
        if (!c.hint.isEmpty() && c.status != doctor::DoctorCheck::Status::Ok)
            text += QStringLiteral("      ") + tr("hint: %1").arg(c.hint) + u'\n';
    }
    //: %1 ok, %2 warnings, %3 failures, %4 skipped
    text += tr("%1 ok, %2 warning(s), %3 failure(s), %4 skipped")
                .arg(report->count(doctor::DoctorCheck::Status::Ok))
                .arg(report->count(doctor::DoctorCheck::Status::Warn))
                .arg(report->count(doctor::DoctorCheck::Status::Fail))
                .arg(report->count(doctor::DoctorCheck::Status::Skipped));
    printText(text + u'\n');
    return exitCode;
}

} // namespace tideline::cli
