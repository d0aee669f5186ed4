// SPDX-License-Identifier: GPL-3.0-or-later
// What retention reads from a store or a user: the first byte picks the parser. 0: a
// DeleteObjects answer; 1: a policy; 2: tiers; 3: a whole catalog described line by line
// ("B ID STATUS KEEP BEGIN_WAL END_WAL TIMELINE END_USEC" and "W NAME SIZE", names as hostile as
// the bucket's) planned under the policy of the first line. Nothing may crash, hang or trip a
// sanitizer, and a plan may never name a key outside the server, a history file, or a backup
// that is not OBSOLETE.
#include "engine/catalog/ServerCatalog.h"
#include "engine/retention/RetentionPlanner.h"
#include "engine/retention/RetentionTiers.h"
#include "engine/storage/ListObjectsParser.h"

#include <QSet>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace tideline;

namespace {

void planCatalog(const QByteArray& text)
{
    const QList<QByteArray> lines = text.split('\n');
    if (lines.isEmpty())
        return;
    auto policy = retention::RetentionPolicy::parse(QString::fromUtf8(lines.first()));
    if (!policy)
        policy = retention::RetentionPolicy{retention::RetentionPolicy::Kind::Redundancy, 1, 'd'};
    catalog::ServerCatalog c;
    c.source = *storage::SourceUrl::parse(QStringLiteral("s3://b/p"));
    c.server = QStringLiteral("srv");
    const QString walsPrefix = QStringLiteral("p/srv/wals/");
    QList<storage::ObjectInfo> wals;
    for (qsizetype i = 1; i < lines.size() && i < 200; ++i) {
        const QList<QByteArray> f = lines[i].split(' ');
        if (f.size() >= 8 && f[0] == "B") {
            catalog::BackupEntry b;
            b.id = QString::fromUtf8(f[1]);
            catalog::BackupInfo info;
            info.backupId = b.id;
            info.status = QString::fromUtf8(f[2]);
            b.keep = f[3] == "-" ? QString() : QString::fromUtf8(f[3]);
            info.beginWal = QString::fromUtf8(f[4]);
            info.endWal = QString::fromUtf8(f[5]);
            info.timeline = f[6].toUInt();
            info.endTime = Timestamp::fromUsec(f[7].toLongLong());
            b.info = info;
            b.state = info.status == u"DONE" ? catalog::BackupEntry::State::Done : catalog::BackupEntry::State::Other;
            const QString dir = QStringLiteral("p/srv/base/") + b.id + QLatin1Char('/');
            b.objectList = {{dir + QStringLiteral("backup.info"), 10, 0, {}}, {dir + QStringLiteral("data.tar"), 100, 0, {}}};
            b.dataFiles = {QStringLiteral("data.tar")};
            c.backups.append(b);
        } else if (f.size() >= 3 && f[0] == "W") {
            const QString name = QString::fromUtf8(f[1]);
            wals.append({walsPrefix + name.left(16) + QLatin1Char('/') + name, f[2].toLongLong(), 0, {}});
        }
    }
    std::sort(c.backups.begin(), c.backups.end(), [](const auto& x, const auto& y) { return x.id < y.id; });
    c.wals = catalog::WalArchive::build(walsPrefix, wals, std::nullopt);
    const auto plan = retention::planRetention(c, *policy, 1, 1'764'798'000'000'000);
    QSet<QString> obsolete;
    for (const auto& v : plan.backups)
        if (v.remove)
            obsolete.insert(QStringLiteral("p/srv/base/") + v.backupId + QLatin1Char('/'));
    for (const QString& key : plan.keys()) {
        const bool history = key.startsWith(QStringLiteral("p/srv/wals/"))
            && key.section(QLatin1Char('/'), -1).contains(QStringLiteral(".history"));
        const bool outside = !key.startsWith(QStringLiteral("p/srv/")) || history;
        const bool kept = key.startsWith(QStringLiteral("p/srv/base/"))
            && !std::any_of(obsolete.cbegin(), obsolete.cend(), [&](const QString& dir) { return key.startsWith(dir); });
        if (outside || kept) {
            fprintf(stderr, "retention would delete %s\n", qPrintable(key));
            std::abort();
        }
    }
    const auto tiers = retention::planTiers(c, {1, 1, 1}, 1'764'798'000'000'000);
    (void)retention::withTierAnnotations(c, tiers);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1)
        return 0;
    const QByteArray text(reinterpret_cast<const char*>(data + 1), static_cast<qsizetype>(size - 1));
    switch (data[0] % 4) {
    case 0: (void)storage::parseDeleteResult(text); break;
    case 1: (void)retention::RetentionPolicy::parse(QString::fromUtf8(text)); break;
    case 2: (void)retention::RetentionTiers::parse(QString::fromUtf8(text)); break;
    case 3: planCatalog(text); break;
    }
    return 0;
}
