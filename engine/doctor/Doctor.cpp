// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/doctor/Doctor.h"

#include "engine/catalog/ServerCatalog.h"
#include "engine/core/Excerpt.h"
#include "engine/core/Units.h"
#include "engine/pitr/RecoveryWindow.h"
#include "engine/pitr/ServerStatus.h"
#include "engine/restore/DrillJob.h"
#include "engine/retention/RetentionPlanner.h"

#include <QAnyStringView>
#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>
#include <QUuid>
#include <QXmlStreamReader>

#include <string_view>

namespace tideline::doctor {

namespace {

struct DoctorText {
    Q_DECLARE_TR_FUNCTIONS(Doctor)
};

using Status = DoctorCheck::Status;

constexpr qint64 kSecond = 1'000'000;
constexpr qint64 kMinute = 60 * kSecond;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;
// CNPG sets archive_timeout to 5min unless the Cluster overrides it.
constexpr qint64 kCnpgArchiveTimeoutSeconds = 300;
// Upload latency and a checkpoint's worth of slack before silence counts against archiving.
constexpr qint64 kArchiveGraceUsec = kMinute;
// CNPG runs retention every few minutes (the plugin's retentionPolicyIntervalSeconds: 30 min by
// default); what a policy made obsolete a day ago and is still there was never deleted.
constexpr qint64 kRetentionGraceUsec = kDay;
// A backup uploading for longer than this without backup.info is stuck, not slow.
constexpr qint64 kStuckBackupUsec = 12 * kHour;
constexpr qint64 kDrillMaxAgeUsec = 30 * kDay;
// S3 refuses signatures more than 15 minutes off; barman's logs and Tideline's upload-time
// answers drift long before that.
constexpr qint64 kClockWarnUsec = kMinute;
constexpr qint64 kClockFailUsec = 15 * kMinute;

// Every check in report order with what it looks at (the title shown and printed): one place
// for both, and the server checks' count and order for skipServerChecks and the progress total.
struct CheckKind {
    const char* id;
    const char* title;
};
constexpr CheckKind kChecks[] = {
    {"bucket_access", QT_TRANSLATE_NOOP("Doctor", "The bucket answers these credentials")},
    {"layout", QT_TRANSLATE_NOOP("Doctor", "The destination path holds Barman Cloud servers")},
    {"server_data", QT_TRANSLATE_NOOP("Doctor", "The server name has data")},
    {"permissions", QT_TRANSLATE_NOOP("Doctor", "The credentials may list, get, put and delete")},
    {"clock", QT_TRANSLATE_NOOP("Doctor", "The store's clock agrees with this machine's")},
    {"r2_checksum", QT_TRANSLATE_NOOP("Doctor", "barman-cloud can write to R2 (checksum headers)")},
    {"encryption", QT_TRANSLATE_NOOP("Doctor", "The bucket encrypts at rest")},
    {"replication", QT_TRANSLATE_NOOP("Doctor", "The bucket is replicated")},
    {"shared_bucket", QT_TRANSLATE_NOOP("Doctor", "Production does not share a bucket with dev or test")},
    {"recoverability", QT_TRANSLATE_NOOP("Doctor", "A backup and its WAL can be restored")},
    {"archiving", QT_TRANSLATE_NOOP("Doctor", "WAL archiving is recent")},
    {"wal_archive", QT_TRANSLATE_NOOP("Doctor", "Base backups come with a WAL archive (PITR)")},
    {"stuck_backups", QT_TRANSLATE_NOOP("Doctor", "No backup is stuck without backup.info")},
    {"system_ids", QT_TRANSLATE_NOOP("Doctor", "One database system per server name")},
    {"retention", QT_TRANSLATE_NOOP("Doctor", "Retention deletes what it should")},
    {"deleted_backups", QT_TRANSLATE_NOOP("Doctor", "Deleted Backup resources freed their objects")},
    {"drills", QT_TRANSLATE_NOOP("Doctor", "A restore drill passed in the last 30 days")},
};
// kChecks from "recoverability" on are run for each server.
constexpr qsizetype kFirstServerCheck = [] {
    qsizetype i = 0;
    while (std::string_view(kChecks[i].id) != "recoverability")
        ++i;
    return i;
}();
constexpr qsizetype kServerChecks = std::size(kChecks) - kFirstServerCheck;

std::unexpected<Error> cancelled(const QString& leftProbe = {})
{
    if (!leftProbe.isEmpty())
        return fail(ErrorCode::Cancelled, DoctorText::tr("cancelled; the probe object %1 could not be deleted").arg(leftProbe),
                    DoctorText::tr("Delete it by hand: it is outside base/ and wals/, so barman never reads it."));
    return fail(ErrorCode::Cancelled, DoctorText::tr("cancelled"));
}

bool isR2(const QString& endpoint)
{
    const QString host = QUrl(endpoint).host().toLower();
    return host.endsWith(QStringLiteral(".r2.cloudflarestorage.com")) || host == u"r2.cloudflarestorage.com";
}

/// The root element's name and the text of every element named `wanted` whose parent is named
/// `parent` (S3's settings nest a Status in several places: only the one of a Rule says whether
/// the rule is on), in document order; nullopt for a document that is not well-formed XML.
std::optional<std::pair<QString, QStringList>> xmlTexts(const QByteArray& document, QStringView parent, QStringView wanted)
{
    QXmlStreamReader xml(document);
    QStringList path;
    QString root;
    QStringList texts;
    while (!xml.atEnd()) {
        const auto token = xml.readNext();
        if (token == QXmlStreamReader::EndElement) {
            if (!path.isEmpty())
                path.removeLast();
            continue;
        }
        if (token != QXmlStreamReader::StartElement)
            continue;
        if (root.isEmpty())
            root = xml.name().toString();
        if (xml.name() == wanted && !path.isEmpty() && path.constLast() == parent) {
            texts.append(xml.readElementText(QXmlStreamReader::SkipChildElements).trimmed());
            continue; // readElementText consumed the end element
        }
        path.append(xml.name().toString());
    }
    if (xml.hasError() || root.isEmpty())
        return std::nullopt;
    return std::pair{root, texts};
}

/// Tokens of a name as people write environments into them: "pg-prod-eu" → {pg, prod, eu}.
QSet<QString> nameTokens(const QString& name)
{
    static const QRegularExpression separators(QStringLiteral("[^a-z0-9]+"));
    const QStringList parts = name.toLower().split(separators, Qt::SkipEmptyParts);
    return {parts.cbegin(), parts.cend()};
}

bool looksLike(const QString& name, std::initializer_list<const char*> words)
{
    const QSet<QString> tokens = nameTokens(name);
    return std::any_of(words.begin(), words.end(), [&](const char* w) { return tokens.contains(QLatin1StringView(w)); });
}

bool looksProduction(const QString& name)
{
    return looksLike(name, {"prod", "prd", "production", "live"});
}

bool looksNonProduction(const QString& name)
{
    return looksLike(name,
                     {"dev", "develop", "development", "test", "testing", "qa", "stage", "staging", "stg", "sandbox", "uat",
                      "preprod", "demo"});
}

class DoctorRun {
public:
    DoctorRun(storage::ObjectStore& store, const DoctorOptions& options, JobContext& context,
              const std::function<void(const DoctorCheck&)>& onCheck, const Clock& clock)
        : m_store(store), m_options(options), m_context(context), m_onCheck(onCheck), m_clock(clock),
          m_cancel(context.cancelToken())
    {
        m_report.source = options.source.toString();
    }

    Result<DoctorReport> run();

private:
    DoctorCheck& add(QAnyStringView id, const QString& server);
    void judge(DoctorCheck& check, Status status, const QString& message, const QString& hint = {});
    void progress(const QString& title);
    bool stopped() const { return m_cancel.isCancelled(); }

    bool checkBucketAccess();
    bool checkLayout();
    void checkServerData();
    void checkPermissionsAndClock();
    void checkR2Checksum();
    void checkBucketSetting(const QString& name);
    void checkSharedBucket();
    void checkServer(const QString& server);
    void skipServerChecks(const QString& server, const QString& why);

    const k8s::CnpgCluster* cluster() const { return m_options.cluster ? &m_options.cluster->bucket.cluster : nullptr; }
    const k8s::CnpgObjectStore* objectStore() const
    {
        return m_options.cluster && m_options.cluster->bucket.objectStore ? &*m_options.cluster->bucket.objectStore : nullptr;
    }
    QString root() const { return m_options.source.prefix.isEmpty() ? QString() : m_options.source.prefix + u'/'; }

    storage::ObjectStore& m_store;
    const DoctorOptions& m_options;
    JobContext& m_context;
    const std::function<void(const DoctorCheck&)>& m_onCheck;
    const Clock& m_clock;
    const CancelToken& m_cancel;
    DoctorReport m_report;
    int m_total = 0;

    QStringList m_topPrefixes; ///< first-level prefixes under the destination path
    QStringList m_servers;     ///< servers with base/ or wals/ under it
    QStringList m_bucketRoots; ///< first-level prefixes of the whole bucket
    std::optional<Error> m_accessError;
    QString m_leftProbe; ///< a probe that could not be deleted, named even when the run is cancelled
};

DoctorCheck& DoctorRun::add(QAnyStringView id, const QString& server)
{
    const auto kind = std::find_if(std::begin(kChecks), std::end(kChecks), [id](const CheckKind& k) {
        return QAnyStringView::compare(id, QLatin1StringView(k.id)) == 0;
    });
    Q_ASSERT(kind != std::end(kChecks));
    DoctorCheck check;
    check.id = id.toString();
    check.server = server;
    check.title = DoctorText::tr(kind->title);
    progress(check.title);
    m_report.checks.append(check);
    return m_report.checks.last();
}

void DoctorRun::judge(DoctorCheck& check, Status status, const QString& message, const QString& hint)
{
    // Names, ids, error details and condition messages come from the bucket and the API server:
    // one printable line each, so nothing they hold can forge a line of the report.
    check.status = status;
    check.message = excerpt::printable(message, 2000);
    check.hint = excerpt::printable(hint, 2000);
    check.server = excerpt::printable(check.server, 200);
    if (m_onCheck)
        m_onCheck(check);
}

void DoctorRun::progress(const QString& title)
{
    m_context.report({DoctorText::tr("checking: %1").arg(title), m_report.checks.size(), std::max<qint64>(m_total, 0), 0});
}

bool DoctorRun::checkBucketAccess()
{
    DoctorCheck& c = add(u"bucket_access", {});
    auto top = m_store.list(root(), QStringLiteral("/"), m_cancel);
    if (!top) {
        m_accessError = top.error();
        judge(c, Status::Fail,
              top.error().message
                  + (top.error().detail.isEmpty() ? QString() : QStringLiteral(" (") + top.error().detail + u')'),
              top.error().hint);
        return false;
    }
    m_topPrefixes = top->prefixes;
    // The bucket's own first level, for the dev/prod check: other clusters' destination paths.
    if (m_options.source.scheme == storage::SourceUrl::Scheme::File)
        ; // a directory of its own: no neighbours to judge
    else if (m_options.source.prefix.isEmpty())
        m_bucketRoots = m_topPrefixes;
    else if (auto bucketTop = m_store.list({}, QStringLiteral("/"), m_cancel))
        m_bucketRoots = bucketTop->prefixes;
    judge(c, Status::Ok,
          DoctorText::tr("%1 lists %2 (%n entries at the first level)", nullptr,
                         int(top->prefixes.size() + top->objects.size()))
              .arg(m_store.describe(), m_options.source.toString()));
    return true;
}

bool DoctorRun::checkLayout()
{
    DoctorCheck& c = add(u"layout", {});
    const QString r = root();
    if (m_topPrefixes.contains(r + QStringLiteral("base/")) || m_topPrefixes.contains(r + QStringLiteral("wals/"))) {
        // The path is a server's own directory: the classic destinationPath mistake.
        const bool local = m_options.source.scheme == storage::SourceUrl::Scheme::File;
        const QString path = local ? m_options.source.localPath : m_options.source.prefix;
        const qsizetype cut = path.lastIndexOf(u'/');
        const QString parent = cut < 0 ? QString() : path.left(cut);
        const QString server = path.mid(cut + 1);
        const QString parentUrl = local
            ? QStringLiteral("file://%1").arg(parent.isEmpty() ? QStringLiteral("/") : parent)
            : QStringLiteral("s3://%1%2").arg(m_options.source.bucket, parent.isEmpty() ? QString() : u'/' + parent);
        judge(c, Status::Fail,
              DoctorText::tr("%1 is a server's directory (it holds base/ or wals/), not a destination path")
                  .arg(m_options.source.toString()),
              DoctorText::tr("Set destinationPath to %1 and serverName to \"%2\": barman adds the server name itself.")
                  .arg(parentUrl, server));
        return false;
    }
    auto servers = catalog::listServers(m_store, m_options.source, m_context);
    if (!servers) {
        if (servers.error().code == ErrorCode::Cancelled)
            return false;
        if (servers.error().code != ErrorCode::MissingSource) { // a directory could not be listed: say why
            judge(c, Status::Fail, servers.error().message, servers.error().hint);
            return false;
        }
        QStringList seen;
        for (const QString& p : m_topPrefixes.mid(0, 8))
            seen.append(p.mid(r.size()));
        judge(c, Status::Fail,
              m_topPrefixes.isEmpty() ? DoctorText::tr("nothing is stored under %1").arg(m_options.source.toString())
                                      : DoctorText::tr("no directory under %1 holds base/ or wals/ (found: %2)")
                                            .arg(m_options.source.toString(), seen.join(QStringLiteral(", "))),
              DoctorText::tr("Check destinationPath: it is the path above the server directories, and a cluster "
                             "that never archived has written nothing yet."));
        return false;
    }
    m_servers = *servers;
    judge(c, Status::Ok,
          DoctorText::tr("%n server(s): %1", nullptr, int(m_servers.size())).arg(m_servers.join(QStringLiteral(", "))));
    return true;
}

void DoctorRun::checkServerData()
{
    if (m_options.server.isEmpty())
        return;
    DoctorCheck& c = add(u"server_data", m_options.server);
    if (m_servers.contains(m_options.server)) {
        judge(c, Status::Ok,
              DoctorText::tr("%1 holds base/ or wals/ under %2").arg(m_options.server, m_options.source.toString()));
        return;
    }
    judge(c, Status::Fail,
          m_servers.isEmpty()
              ? DoctorText::tr("server \"%1\" has no data under %2").arg(m_options.server, m_options.source.toString())
              : DoctorText::tr("server \"%1\" has no data under %2; the servers there are: %3")
                    .arg(m_options.server, m_options.source.toString(), m_servers.join(QStringLiteral(", "))),
          cluster() ? DoctorText::tr(
              "CNPG uses serverName, else the cluster's name: check spec.backup.barmanObjectStore.serverName "
              "(or the plugin's serverName parameter) against the names listed.")
                    : DoctorText::tr("Use one of the listed names, or check the cluster's serverName."));
}

void DoctorRun::checkPermissionsAndClock()
{
    // Two checks filled in together; QList may move its items as checks are added, so by index.
    add(u"permissions", m_options.server);
    const qsizetype permsIndex = m_report.checks.size() - 1;
    add(u"clock", {});
    const qsizetype clockIndex = m_report.checks.size() - 1;
    auto permsAt = [&]() -> DoctorCheck& { return m_report.checks[permsIndex]; };
    auto clockAt = [&]() -> DoctorCheck& { return m_report.checks[clockIndex]; };

    // The cluster's own credentials must write: archiving is a put. A DBA's may rightly be read-only.
    const Status cannotWrite = cluster() ? Status::Fail : Status::Warn;
    // In the server's directory when it exists (credentials are often scoped to it), else at
    // the destination path: never inside a server directory the probe would be the first to make.
    QString server = m_options.server.isEmpty() && m_servers.size() == 1 ? m_servers.first() : m_options.server;
    if (!m_servers.contains(server))
        server.clear();
    const QString dir = server.isEmpty() ? QString() : server + u'/';

    // get: a real object when the probe cannot be written (not an empty one: its first byte
    // does not exist, and the range request would be refused for that, not for permission).
    auto someObject = [&]() -> std::optional<QString> {
        const auto nonEmpty = [](const QList<storage::ObjectInfo>& objects) -> std::optional<QString> {
            for (const storage::ObjectInfo& o : objects)
                if (o.size > 0)
                    return o.key;
            return std::nullopt;
        };
        for (const QString& sub : {QStringLiteral("base/"), QStringLiteral("wals/")}) {
            if (server.isEmpty())
                break;
            auto listing = m_store.list(m_options.source.key(dir + sub), QStringLiteral("/"), m_cancel);
            if (!listing)
                continue;
            if (auto key = nonEmpty(listing->objects))
                return key;
            for (const QString& p : listing->prefixes.mid(0, 4))
                if (auto inner = m_store.list(p, {}, m_cancel))
                    if (auto key = nonEmpty(inner->objects))
                        return key;
        }
        return std::nullopt;
    };
    auto checkGet = [&](const QString& key) -> std::optional<Error> {
        auto got = m_store.get(key, m_cancel, storage::ByteRange{0, 1});
        if (got || got.error().code == ErrorCode::NotFound)
            return std::nullopt;
        return got.error();
    };

    // A versioned bucket keeps a deleted object as a noncurrent version (under Object Lock, for
    // as long as the lock says): the probe would never really go. Read-only there.
    QString noProbe = m_options.writeProbe ? QString() : QStringLiteral("--read-only");
    if (noProbe.isEmpty()) {
        if (auto versioning = m_store.bucketConfiguration(QStringLiteral("versioning"), m_cancel);
            versioning && versioning->state == storage::BucketConfiguration::State::Configured) {
            const auto state = xmlTexts(versioning->document, u"VersioningConfiguration", u"Status");
            if (state
                && (state->second.contains(QStringLiteral("Enabled")) || state->second.contains(QStringLiteral("Suspended"))))
                noProbe = DoctorText::tr("versioning %1: a deleted probe would stay as a noncurrent version")
                              .arg(state->second.constFirst());
        }
    }
    if (!noProbe.isEmpty()) {
        QString message = DoctorText::tr("listing works; put and delete were not tried (%1)").arg(noProbe);
        if (auto key = someObject()) {
            if (auto error = checkGet(*key)) {
                judge(permsAt(), Status::Fail, DoctorText::tr("get refused: %1").arg(error->message),
                      DoctorText::tr("Restores need s3:GetObject on the destination path."));
                judge(clockAt(), Status::Skipped, DoctorText::tr("needs the probe object (%1)").arg(noProbe));
                return;
            }
            message = DoctorText::tr("listing and get work; put and delete were not tried (%1)").arg(noProbe);
        }
        judge(permsAt(), Status::Skipped, message);
        judge(clockAt(), Status::Skipped, DoctorText::tr("needs the probe object (%1)").arg(noProbe));
        return;
    }

    const QString probe = m_options.source.key(dir + QStringLiteral("tideline-doctor-probe-")
                                               + QUuid::createUuid().toString(QUuid::WithoutBraces));
    const QByteArray body = QByteArrayLiteral("written by tideline doctor to test permissions; deleted at once\n");
    // The machine's real clock, whatever instant the ages are judged at: this is about the clock.
    const qint64 before = Clock::system().nowUsec();
    auto put = m_store.put(probe, body, m_cancel);
    const qint64 after = Clock::system().nowUsec();
    // Whatever happens from here, the probe goes: with a token of its own, so that stopping the
    // doctor never leaves it behind (a put cut short may still have landed).
    const auto removeProbe = [&]() -> storage::DeleteReport {
        const CancelToken cleanup;
        storage::DeleteReport report = m_store.deleteObjects({probe}, cleanup);
        if (!report.failed.isEmpty())
            m_leftProbe = probe;
        return report;
    };
    if (!put) {
        if (put.error().code == ErrorCode::Cancelled || put.error().code == ErrorCode::Network) {
            removeProbe();
            if (put.error().code == ErrorCode::Cancelled)
                return;
        }
        QString message = DoctorText::tr("put refused: %1").arg(put.error().message);
        if (auto key = someObject())
            if (auto error = checkGet(*key))
                message += QStringLiteral("; ") + DoctorText::tr("get refused: %1").arg(error->message);
        judge(permsAt(), cannotWrite, message,
              cluster() ? DoctorText::tr("barman-cloud-wal-archive and barman-cloud-backup need s3:PutObject: grant it to "
                                         "the cluster's credentials, or WAL piles up on the primary until its disk fills.")
                        : DoctorText::tr("Viewing and restoring need only list and get; the cluster's own credentials need "
                                         "s3:PutObject and s3:DeleteObject."));
        judge(clockAt(), Status::Skipped, DoctorText::tr("needs the probe object, which could not be written"));
        return;
    }

    QStringList refused;
    QString hint;
    auto got = m_store.get(probe, m_cancel);
    if (!got || *got != body) {
        refused.append(got ? DoctorText::tr("get returned other bytes than were put")
                           : DoctorText::tr("get refused: %1").arg(got.error().message));
        hint = DoctorText::tr("Restores need s3:GetObject on the destination path.");
    }

    // The clock: the store stamps the probe with its own time (whole seconds).
    auto head = m_store.head(probe, m_cancel);
    if (!head || head->lastModifiedUsec == 0) {
        judge(clockAt(), Status::Skipped, DoctorText::tr("the store gave the probe no modification time"));
    } else {
        const qint64 stamp = head->lastModifiedUsec;
        const qint64 skew = stamp < before - kSecond ? stamp - before : (stamp > after + kSecond ? stamp - after : 0);
        const QString text = skew == 0 ? DoctorText::tr("the store's time agrees with this machine's (within a second)")
                                       : (skew > 0 ? DoctorText::tr("the store's clock is %1 ahead of this machine's")
                                                   : DoctorText::tr("the store's clock is %1 behind this machine's"))
                                             .arg(units::duration(std::abs(skew)));
        const Status status =
            std::abs(skew) > kClockFailUsec ? Status::Fail : (std::abs(skew) > kClockWarnUsec ? Status::Warn : Status::Ok);
        judge(clockAt(), status, text,
              status == Status::Ok ? QString()
                                   : DoctorText::tr("Synchronise this machine's clock (NTP). Upload times, the archiving "
                                                    "checks and S3 signatures (valid 15 minutes) all depend on it."));
    }

    const storage::DeleteReport deleted = removeProbe();
    if (stopped())
        return;
    bool gone = deleted.failed.isEmpty();
    if (gone) {
        auto again = m_store.head(probe, m_cancel);
        gone = !again && again.error().code == ErrorCode::NotFound;
        if (!gone)
            m_leftProbe = probe;
    }
    Status status = refused.isEmpty() ? Status::Ok : Status::Fail;
    if (!gone) {
        refused.append(deleted.failed.isEmpty()
                           ? DoctorText::tr("delete was accepted but the probe %1 is still there").arg(probe)
                           : DoctorText::tr("delete refused (%1); the probe %2 is left behind")
                                 .arg(deleted.failed.first().second.message, probe));
        if (status == Status::Ok)
            status = Status::Warn;
        if (hint.isEmpty())
            hint = DoctorText::tr("Retention (CNPG's retentionPolicy, barman-cloud-backup-delete) needs s3:DeleteObject: "
                                  "without it the bucket only grows.");
    }
    judge(permsAt(), status,
          refused.isEmpty() ? DoctorText::tr("list, put, get and delete work (probe %1, deleted)").arg(probe)
                            : DoctorText::tr("list and put work; %1").arg(refused.join(QStringLiteral("; "))),
          hint);
}

void DoctorRun::checkR2Checksum()
{
    DoctorCheck& c = add(u"r2_checksum", {});
    const k8s::CnpgCluster* cl = cluster();
    QString endpoint = m_options.endpoint;
    if (cl) {
        const k8s::BarmanStoreConfig& conf = objectStore() ? objectStore()->configuration : cl->barmanObjectStore;
        endpoint = conf.endpointUrl;
    }
    if (!isR2(endpoint)) {
        judge(c, Status::Skipped, DoctorText::tr("the endpoint is not Cloudflare R2"));
        return;
    }
    const QString hint = DoctorText::tr(
        "Set AWS_REQUEST_CHECKSUM_CALCULATION=when_required and AWS_RESPONSE_CHECKSUM_VALIDATION=when_required where "
        "barman-cloud runs (the ObjectStore's spec.instanceSidecarConfiguration.env for the plugin, the Cluster's spec.env "
        "in-tree): boto3 1.36 and later send checksum headers R2 refuses.");
    if (!cl) {
        judge(c, Status::Warn,
              DoctorText::tr(
                  "R2 endpoint: whether the cluster's barman-cloud has the checksum settings can only be read from "
                  "the cluster (use a cnpg:// source)"),
              hint);
        return;
    }
    const bool plugin = cl->backupMethod == k8s::CnpgCluster::BackupMethod::Plugin;
    if (plugin && !objectStore()) {
        judge(c, Status::Skipped, DoctorText::tr("the plugin's ObjectStore could not be read"), hint);
        return;
    }
    const QMap<QString, std::optional<QString>>& env = plugin ? objectStore()->sidecarEnv : cl->env;
    const QString where =
        plugin ? QStringLiteral("ObjectStore spec.instanceSidecarConfiguration.env") : QStringLiteral("Cluster spec.env");
    QStringList missing, unknown;
    for (const QString& name :
         {QStringLiteral("AWS_REQUEST_CHECKSUM_CALCULATION"), QStringLiteral("AWS_RESPONSE_CHECKSUM_VALIDATION")}) {
        const auto it = env.constFind(name);
        if (it == env.cend())
            (!plugin && cl->envFrom ? unknown : missing).append(name);
        else if (!it->has_value())
            unknown.append(name); // valueFrom: a Secret or ConfigMap holds it
        else if (it->value().compare(u"when_required", Qt::CaseInsensitive) != 0)
            missing.append(name + u'=' + it->value());
    }
    if (!missing.isEmpty())
        judge(c, Status::Fail, DoctorText::tr("R2 endpoint without %1 in %2").arg(missing.join(QStringLiteral(", ")), where),
              hint);
    else if (!unknown.isEmpty())
        judge(c, Status::Warn,
              DoctorText::tr("%1 may come from a Secret or ConfigMap (valueFrom, envFrom), which is not read here")
                  .arg(unknown.join(QStringLiteral(", "))),
              hint);
    else
        judge(c, Status::Ok,
              plugin ? DoctorText::tr("the ObjectStore's sidecar environment sets both checksum variables to when_required")
                     : DoctorText::tr("the Cluster's environment sets both checksum variables to when_required"));
}

void DoctorRun::checkBucketSetting(const QString& name)
{
    add(name, {});
    const qsizetype index = m_report.checks.size() - 1;
    auto at = [&]() -> DoctorCheck& { return m_report.checks[index]; };
    if (m_options.source.scheme == storage::SourceUrl::Scheme::File) {
        judge(at(), Status::Skipped, DoctorText::tr("a local directory has no bucket settings"));
        return;
    }
    const bool encryption = name == u"encryption";
    auto setting = m_store.bucketConfiguration(name, m_cancel);
    if (!setting) {
        if (setting.error().code == ErrorCode::Cancelled)
            return;
        const bool denied = setting.error().code == ErrorCode::Auth;
        judge(at(), Status::Skipped, DoctorText::tr("could not read it: %1").arg(setting.error().message),
              !denied          ? setting.error().hint
                  : encryption ? DoctorText::tr("Reading it needs s3:GetEncryptionConfiguration.")
                               : DoctorText::tr("Reading it needs s3:GetReplicationConfiguration."));
        return;
    }
    const bool r2 = isR2(m_options.endpoint)
        || (cluster() && isR2((objectStore() ? objectStore()->configuration : cluster()->barmanObjectStore).endpointUrl));
    using State = storage::BucketConfiguration::State;
    if (setting->state == State::Configured) {
        // SSEAlgorithm sits in ApplyServerSideEncryptionByDefault; a rule's Status is the Rule's own
        // child (DeleteMarkerReplication, Metrics and others nest a Status of their own).
        auto parsed = encryption ? xmlTexts(setting->document, u"ApplyServerSideEncryptionByDefault", u"SSEAlgorithm")
                                 : xmlTexts(setting->document, u"Rule", u"Status");
        const QString expected =
            encryption ? QStringLiteral("ServerSideEncryptionConfiguration") : QStringLiteral("ReplicationConfiguration");
        if (!parsed || parsed->first != expected) {
            judge(at(), Status::Skipped,
                  DoctorText::tr("not supported by this store (it answered with %1)")
                      .arg(parsed ? u'<' + parsed->first + u'>' : DoctorText::tr("something that is not XML")));
            return;
        }
        if (encryption) {
            parsed->second.removeAll(QString());
            if (parsed->second.isEmpty())
                judge(at(), Status::Warn, DoctorText::tr("the encryption setting names no algorithm"),
                      DoctorText::tr("Turn on default encryption (SSE-S3 or SSE-KMS) for the bucket."));
            else
                judge(at(), Status::Ok,
                      DoctorText::tr("default encryption at rest: %1").arg(parsed->second.join(QStringLiteral(", "))));
            return;
        }
        const int enabled = int(parsed->second.count(QStringLiteral("Enabled")));
        if (enabled > 0)
            judge(at(), Status::Ok, DoctorText::tr("%n replication rule(s) enabled", nullptr, enabled));
        else
            judge(at(), Status::Warn, DoctorText::tr("replication is configured but no rule is enabled"),
                  DoctorText::tr("Enable a rule: a copy in another region survives the loss of this one."));
        return;
    }
    if (setting->state == State::NotConfigured) {
        if (encryption)
            judge(at(), Status::Warn, DoctorText::tr("the bucket has no default encryption (%1)").arg(setting->detail),
                  DoctorText::tr("Turn on default encryption (SSE-S3 or SSE-KMS), or set encryption in the cluster's "
                                 "barmanObjectStore.data/wal: backups hold every row of the database."));
        else
            judge(at(), Status::Warn, DoctorText::tr("the bucket is not replicated (%1)").arg(setting->detail),
                  DoctorText::tr("Replicate the bucket to another region (or a second provider): a backup in one place "
                                 "is lost with that place."));
        return;
    }
    if (encryption && r2) {
        judge(at(), Status::Ok, DoctorText::tr("R2 encrypts every object at rest (AES-256-GCM); it has no setting to read"));
        return;
    }
    judge(at(), Status::Skipped,
          DoctorText::tr("not supported by this store (%1)")
              .arg(setting->detail.isEmpty() ? m_store.describe() : setting->detail));
}

void DoctorRun::checkSharedBucket()
{
    DoctorCheck& c = add(u"shared_bucket", {});
    QStringList names = m_servers;
    for (const QString& p : m_bucketRoots)
        names.append(p.chopped(1));
    if (!m_options.source.prefix.isEmpty())
        names.append(m_options.source.prefix.section(u'/', 0, 0));
    names.removeDuplicates();
    names.removeAll(QString());
    if (names.isEmpty()) {
        judge(c, Status::Skipped, DoctorText::tr("no server or path names to judge"));
        return;
    }
    QStringList prod, other;
    for (const QString& n : names) {
        if (looksProduction(n))
            prod.append(n);
        else if (looksNonProduction(n))
            other.append(n);
    }
    if (!prod.isEmpty() && !other.isEmpty())
        judge(c, Status::Warn,
              DoctorText::tr("production-looking (%1) and dev- or test-looking (%2) servers or paths share s3://%3")
                  .arg(prod.join(QStringLiteral(", ")), other.join(QStringLiteral(", ")), m_options.source.bucket),
              DoctorText::tr("Give production its own bucket and credentials: a dev cluster's keys can then never "
                             "overwrite or delete production backups."));
    else
        judge(c, Status::Ok,
              DoctorText::tr("no mix of production and dev or test names among: %1").arg(names.join(QStringLiteral(", "))));
}

void DoctorRun::skipServerChecks(const QString& server, const QString& why)
{
    for (qsizetype i = kFirstServerCheck; i < qsizetype(std::size(kChecks)); ++i)
        judge(add(QLatin1StringView(kChecks[i].id), server), Status::Skipped, why);
}

void DoctorRun::checkServer(const QString& server)
{
    auto loaded = catalog::loadServerCatalog(m_store, m_options.source, server, m_context, m_clock);
    if (!loaded) {
        if (loaded.error().code != ErrorCode::Cancelled)
            skipServerChecks(server, DoctorText::tr("the catalog could not be read: %1").arg(loaded.error().message));
        return;
    }
    const catalog::ServerCatalog& cat = *loaded;
    const qint64 now = m_clock.nowUsec();
    const auto windows = pitr::computeRecoveryWindows(cat);
    const pitr::ServerStatus status = pitr::computeStatus(cat, windows);
    const k8s::CnpgCluster* cl = cluster() && server == m_options.cluster->bucket.serverName ? cluster() : nullptr;
    const bool hasWal = !cat.wals.timelines().isEmpty();

    {
        DoctorCheck& c = add(u"recoverability", server);
        switch (status.verdict) {
        case pitr::ServerStatus::Verdict::Recoverable:
            judge(c, Status::Ok,
                  DoctorText::tr("restorable from %1 to %2")
                      .arg(status.window->firstRecoverabilityPoint->toIso(), Timestamp::fromUsec(status.untilUsec).toIso()));
            break;
        case pitr::ServerStatus::Verdict::LimitedByGap:
            judge(c, Status::Warn, DoctorText::tr("a gap in the WAL archive stops replay after %1").arg(status.untilWal),
                  DoctorText::tr("Take a new base backup now: only it makes the time after the gap restorable "
                                 "(`tideline-cli wals` shows the gap)."));
            break;
        case pitr::ServerStatus::Verdict::LatestNotRecoverable:
            judge(c, Status::Fail,
                  DoctorText::tr("the latest timeline %1 cannot be restored; only older timelines can").arg(status.latestTimeline),
                  DoctorText::tr("Take a new base backup now."));
            break;
        case pitr::ServerStatus::Verdict::NotRecoverable:
            judge(c, Status::Fail, DoctorText::tr("no finished backup has all of its files and WAL in the archive"),
                  DoctorText::tr("Take a base backup now (kubectl cnpg backup) and check the archiving checks below."));
            break;
        }
    }

    {
        DoctorCheck& c = add(u"archiving", server);
        qint64 timeoutSeconds = kCnpgArchiveTimeoutSeconds;
        QString timeoutNote = DoctorText::tr("CNPG's archive_timeout of 5 min");
        if (cl && !cl->archiveTimeout.isEmpty()) {
            if (auto parsed = parseArchiveTimeout(cl->archiveTimeout)) {
                timeoutSeconds = *parsed;
                timeoutNote = DoctorText::tr("the cluster's archive_timeout of %1").arg(cl->archiveTimeout);
            }
        }
        const k8s::ClusterCondition* archiving = cl ? cl->condition(u"ContinuousArchiving") : nullptr;
        const qint64 silence = status.lastWalUsec ? now - status.lastWalUsec : 0;
        const qint64 timeout = timeoutSeconds * kSecond;
        if (archiving && archiving->status == u"False") {
            judge(c, Status::Fail,
                  DoctorText::tr("the operator reports ContinuousArchiving False: %1")
                      .arg(archiving->message.isEmpty() ? archiving->reason : archiving->message),
                  DoctorText::tr(
                      "WAL is not reaching the bucket; read the instance pod's log for barman-cloud-wal-archive's "
                      "error (credentials, endpoint, the R2 checksum settings)."));
        } else if (!hasWal) {
            judge(c, Status::Fail, DoctorText::tr("nothing has ever been archived under wals/"),
                  DoctorText::tr("Check the cluster's WAL archiving (kubectl cnpg status) and its credentials."));
        } else if (timeoutSeconds == 0) {
            // archive_timeout off: a quiet database keeps its last changes in a segment that is
            // archived only when full, however long that takes.
            judge(c, Status::Warn,
                  DoctorText::tr("archive_timeout is 0 (off): the last segment %1 was uploaded %2 ago, and changes "
                                 "since wait for a full segment")
                      .arg(status.lastWal, units::duration(std::max<qint64>(silence, 0))),
                  DoctorText::tr("Set archive_timeout (CNPG's default is 5min): it bounds what a lost primary takes "
                                 "with it."));
        } else if (silence <= timeout + kArchiveGraceUsec) {
            judge(c, Status::Ok,
                  DoctorText::tr("last segment %1 uploaded %2 ago (within %3)")
                      .arg(status.lastWal, units::duration(std::max<qint64>(silence, 0)), timeoutNote));
        } else {
            // Silence alone is a warning, never a failure: an idle database and a retired server
            // archive nothing either. The operator's ContinuousArchiving False (above) fails.
            judge(c, Status::Warn,
                  DoctorText::tr("nothing archived for %1: the last segment %2 was uploaded at %3, and with %4 a busy "
                                 "cluster archives at least that often")
                      .arg(units::duration(silence), status.lastWal, Timestamp::fromUsec(status.lastWalUsec).toIso(),
                           timeoutNote),
                  DoctorText::tr("If the database is not idle, its archiving is stuck: kubectl cnpg status shows the "
                                 "failing WAL and pg_stat_archiver the error count (tideline-cli archiver). An idle "
                                 "database archives nothing: PostgreSQL switches segments only after some activity."));
        }
    }

    {
        DoctorCheck& c = add(u"wal_archive", server);
        const bool hasBackups = std::any_of(cat.backups.cbegin(), cat.backups.cend(), [](const catalog::BackupEntry& b) {
            return b.state == catalog::BackupEntry::State::Done;
        });
        if (hasBackups && !hasWal)
            judge(c, Status::Warn,
                  DoctorText::tr(
                      "%n finished base backup(s) and no WAL archive: only the instants the backups ended can be restored",
                      nullptr, status.done),
                  DoctorText::tr("Use continuous archiving with point-in-time recovery for production: CNPG archives WAL "
                                 "whenever backup.barmanObjectStore (or the plugin as WAL archiver) is configured."));
        else if (!hasBackups && hasWal)
            judge(c, Status::Fail,
                  DoctorText::tr("WAL is archived but no base backup has finished: nothing to replay it onto"),
                  DoctorText::tr("Take a base backup (kubectl cnpg backup, or a ScheduledBackup)."));
        else if (!hasBackups)
            judge(c, Status::Fail, DoctorText::tr("neither base backups nor WAL"), DoctorText::tr("Take a base backup."));
        else
            judge(c, Status::Ok, DoctorText::tr("%n finished base backup(s) with a WAL archive", nullptr, status.done));
    }

    {
        DoctorCheck& c = add(u"stuck_backups", server);
        QStringList stuck;
        qint64 stuckBytes = 0;
        for (const catalog::BackupEntry& b : cat.backups) {
            const bool longRunning =
                b.state == catalog::BackupEntry::State::InProgress && now - b.firstUploadUsec > kStuckBackupUsec;
            if (b.state == catalog::BackupEntry::State::Incomplete || longRunning) {
                stuck.append(longRunning
                                 ? DoctorText::tr("%1 (uploading for %2)").arg(b.id, units::duration(now - b.firstUploadUsec))
                                 : b.id);
                stuckBytes += b.bytes;
            }
        }
        if (stuck.isEmpty())
            judge(c, Status::Ok,
                  status.inProgress ? DoctorText::tr("%n backup(s) uploading now", nullptr, status.inProgress)
                                    : DoctorText::tr("every backup directory has its backup.info"));
        else
            judge(c, Status::Warn,
                  DoctorText::tr("%n backup(s) without backup.info: %1 (%2)", nullptr, int(stuck.size()))
                      .arg(stuck.join(QStringLiteral(", ")), units::bytes(stuckBytes)),
                  DoctorText::tr("barman-cloud-backup died before finishing: these are not restorable, and neither "
                                 "retention nor barman-cloud-backup-delete removes them. Delete the directories by hand "
                                 "once no backup is running."));
    }

    {
        DoctorCheck& c = add(u"system_ids", server);
        auto it = std::find_if(cat.warnings.cbegin(), cat.warnings.cend(),
                               [](const catalog::CatalogWarning& w) { return w.code == u"mixed_system_ids"; });
        if (it != cat.warnings.cend())
            judge(c, Status::Fail, it->message,
                  DoctorText::tr("Two clusters write under one server name. Give each its own serverName: a restore "
                                 "may otherwise replay another database's WAL, and CNPG refuses to archive into a "
                                 "server whose archive is not empty (barman-cloud-check-wal-archive)."));
        else
            judge(c, Status::Ok, DoctorText::tr("every backup names the same system identifier"));
    }

    {
        DoctorCheck& c = add(u"retention", server);
        QString policyText = m_options.retentionPolicy;
        if (cl)
            policyText = objectStore() ? objectStore()->retentionPolicy : cl->retentionPolicy;
        if (policyText.isEmpty()) {
            judge(c, cl ? Status::Warn : Status::Skipped,
                  cl ? DoctorText::tr(
                      "the cluster sets no retentionPolicy: the bucket keeps every backup and all WAL forever")
                     : DoctorText::tr("no retention policy given (--policy, or a cnpg:// source)"),
                  cl ? DoctorText::tr("Set retentionPolicy (e.g. \"30d\") on the %1.")
                           .arg(objectStore() ? QStringLiteral("ObjectStore") : QStringLiteral("Cluster's backup section"))
                     : QString());
        } else if (auto policy = retention::RetentionPolicy::parse(policyText); !policy) {
            judge(c, Status::Fail, policy.error().message, policy.error().hint);
        } else {
            // The policy as it stood a day ago, on the backups that existed then: what it made
            // obsolete then and is still here was never deleted.
            const qint64 then = now - kRetentionGraceUsec;
            QSet<QString> later;
            for (const catalog::BackupEntry& b : cat.backups)
                if (!b.info || !b.info->endTime || b.info->endTime->usecUtc > then)
                    for (const storage::ObjectInfo& o : b.objectList)
                        later.insert(o.key);
            const retention::RetentionPlan plan =
                retention::planRetention(catalog::catalogWithout(cat, later), *policy, 0, then);
            QStringList overdue;
            for (const retention::BackupVerdict& v : plan.backups)
                if (v.remove)
                    overdue.append(v.backupId);
            if (overdue.isEmpty())
                judge(c, Status::Ok,
                      DoctorText::tr("%1: nothing it made obsolete more than a day ago is still here").arg(policy->barmanText()));
            else
                judge(c, Status::Warn,
                      DoctorText::tr("%1 made %n backup(s) obsolete more than a day ago, still in the bucket: %2", nullptr,
                                     int(overdue.size()))
                          .arg(policy->barmanText(), overdue.join(QStringLiteral(", "))),
                      cl ? DoctorText::tr(
                          "CNPG's retention is not deleting (its credentials may lack s3:DeleteObject, "
                          "or the store refuses DeleteObjects): run tideline-cli retention to see and apply it.")
                         : DoctorText::tr("Nothing enforces the policy here: run tideline-cli retention --policy %1 to see "
                                          "and apply it.")
                               .arg(policyText));
        }
    }

    {
        DoctorCheck& c = add(u"deleted_backups", server);
        if (!cl) {
            judge(c, Status::Skipped, DoctorText::tr("needs the cluster's Backup resources (a cnpg:// source)"));
        } else {
            k8s::ClusterHealth health = *m_options.cluster;
            k8s::judgeAgainstBucket(health, cat, m_clock);
            QStringList orphans;
            qint64 bytes = 0;
            for (const k8s::Discrepancy& d : health.discrepancies)
                if (d.kind == u"backup_without_resource") {
                    orphans.append(d.backupId);
                    if (const catalog::BackupEntry* b = cat.findBackup(d.backupId))
                        bytes += b->bytes;
                }
            if (orphans.isEmpty())
                judge(c, Status::Ok, DoctorText::tr("every backup in the bucket has its Backup resource"));
            else
                judge(c, Status::Warn,
                      DoctorText::tr("%n backup(s) in the bucket have no Backup resource (%1 held): %2", nullptr,
                                     int(orphans.size()))
                          .arg(units::bytes(bytes), orphans.join(QStringLiteral(", "))),
                      DoctorText::tr("kubectl delete backup removes only the resource, never the objects: the retention "
                                     "policy (or tideline-cli retention) is what frees the bucket."));
        }
    }

    {
        DoctorCheck& c = add(u"drills", server);
        const restore::DrillHistorySummary drills =
            restore::summarizeDrills(restore::drillHistory(server, m_options.source.toString()));
        const auto last = Timestamp::parse(drills.lastPassedAt);
        if (!last)
            judge(c, Status::Warn,
                  drills.drills ? DoctorText::tr("%n drill(s) run here, none passed", nullptr, drills.drills)
                                : DoctorText::tr("no restore drill has been run from this machine"),
                  DoctorText::tr("Test restores regularly: tideline-cli drill %1 %2 restores and checks a copy.")
                      .arg(m_options.source.toString(), server));
        else if (now - last->usecUtc > kDrillMaxAgeUsec)
            judge(c, Status::Warn,
                  DoctorText::tr("the last passing drill was %1 ago (%2)")
                      .arg(units::duration(now - last->usecUtc), last->toIso()),
                  DoctorText::tr("Test restores regularly: a monthly drill catches what changed since."));
        else
            judge(c, Status::Ok,
                  DoctorText::tr("the last passing drill was %1 ago").arg(units::duration(now - last->usecUtc)));
    }
}

Result<DoctorReport> DoctorRun::run()
{
    m_total = int(kFirstServerCheck);
    const bool reachable = checkBucketAccess();
    if (stopped())
        return cancelled(m_leftProbe);
    if (!reachable) {
        const QString why = DoctorText::tr("the bucket did not answer");
        DoctorCheck& clock = add(u"clock", {});
        if (m_accessError && m_accessError->detail.contains(u"RequestTimeTooSkewed"))
            judge(clock, Status::Fail, m_accessError->message, m_accessError->hint);
        else
            judge(clock, Status::Skipped, why);
        checkR2Checksum();
        return m_report;
    }
    const bool layout = checkLayout();
    if (stopped())
        return cancelled(m_leftProbe);
    checkServerData();
    checkPermissionsAndClock();
    if (stopped())
        return cancelled(m_leftProbe);
    checkR2Checksum();
    checkBucketSetting(QStringLiteral("encryption"));
    checkBucketSetting(QStringLiteral("replication"));
    if (stopped())
        return cancelled(m_leftProbe);
    checkSharedBucket();
    if (!layout)
        return m_report;
    QStringList servers = m_options.server.isEmpty() ? m_servers : QStringList{m_options.server};
    if (!m_options.server.isEmpty() && !m_servers.contains(m_options.server))
        servers.clear(); // server_data said why
    m_total = int(m_report.checks.size() + kServerChecks * servers.size());
    for (const QString& server : servers) {
        checkServer(server);
        if (stopped())
            return cancelled(m_leftProbe);
    }
    return m_report;
}

} // namespace

std::optional<qint64> parseArchiveTimeout(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("^\\s*(\\d{1,12})\\s*(ms|s|min|h|d)?\\s*$"));
    const auto m = re.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const qint64 n = m.captured(1).toLongLong();
    const QString unit = m.captured(2);
    if (unit == u"ms")
        return n > 1'073'741'823'000LL ? std::nullopt : std::optional<qint64>((n + 999) / 1000);
    const qint64 scale = unit == u"min" ? 60 : unit == u"h" ? 3600 : unit == u"d" ? 86400 : 1;
    // PostgreSQL's own limit for archive_timeout (INT_MAX / 2 seconds); 12 digits times a day still fits.
    constexpr qint64 kMaxSeconds = 1'073'741'823;
    if (n > kMaxSeconds || n * scale > kMaxSeconds)
        return std::nullopt;
    return n * scale;
}

Result<DoctorReport> runDoctor(storage::ObjectStore& store, const DoctorOptions& options, JobContext& context,
                               const std::function<void(const DoctorCheck&)>& onCheck, const Clock& clock)
{
    return DoctorRun(store, options, context, onCheck, clock).run();
}

} // namespace tideline::doctor
