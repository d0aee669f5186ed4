// SPDX-License-Identifier: GPL-3.0-or-later
// loadServerCatalog on a local copy of a bucket written by barman-cloud, altered the ways real
// buckets go wrong: a clock that lies, a keep annotation, a crashed backup, no segment size.
#include "engine/catalog/ServerCatalog.h"
#include "engine/catalog/WalEventIndex.h"
#include "tests/support/FixtureEnv.h"

#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <climits>

using namespace tideline;
using tideline::test::FixtureEnv;

namespace {
bool copyTree(const QString& from, const QString& to)
{
    QDirIterator it(from, QDir::Files | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString src = it.next();
        const QString dst = to + src.mid(from.size());
        QDir().mkpath(QFileInfo(dst).path());
        if (!QFile::copy(src, dst))
            return false;
        QFile f(dst);
        f.open(QIODevice::ReadWrite);
        f.setFileTime(QFileInfo(src).lastModified(), QFileDevice::FileModificationTime);
    }
    return true;
}

bool hasWarning(const catalog::ServerCatalog& c, const QString& code)
{
    for (const auto& w : c.warnings)
        if (w.code == code)
            return true;
    return false;
}
} // namespace

class TestServerCatalog : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_server;
    storage::SourceUrl m_url;

    Result<catalog::ServerCatalog> load(const Clock& clock = Clock::system())
    {
        auto store = storage::openStore(m_url, {});
        if (!store)
            return fail(store.error());
        JobContext context;
        return catalog::loadServerCatalog(**store, m_url, m_server, context, clock);
    }
    QString backupDir(const QString& id) const
    {
        return m_url.localPath + QLatin1Char('/') + m_server + QStringLiteral("/base/") + id;
    }
    // The catalog with backup `b`'s backup.info saying end_wal=`endWal`, then put back as it was.
    Result<catalog::ServerCatalog> loadWithEndWal(const catalog::BackupEntry& b, const QByteArray& endWal)
    {
        QFile info(backupDir(b.id) + QStringLiteral("/backup.info"));
        if (!info.open(QIODevice::ReadOnly))
            return fail(ErrorCode::Internal, info.errorString());
        const QByteArray original = info.readAll();
        info.close();
        QByteArray hostile = original;
        hostile.replace("end_wal=" + b.info->endWal.toLatin1(), "end_wal=" + endWal);
        if (hostile == original || !info.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return fail(ErrorCode::Internal, QStringLiteral("backup.info not altered"));
        info.write(hostile);
        info.close();
        auto c = load();
        if (!info.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return fail(ErrorCode::Internal, info.errorString());
        info.write(original);
        return c;
    }

private slots:
    void initTestCase()
    {
        const FixtureEnv& env = FixtureEnv::instance();
        QVERIFY2(env.ok(), "fixture env.json missing");
        QVERIFY(copyTree(env.localMirror(), m_dir.path()));
        m_server = env.server(QStringLiteral("main"));
        const QString path = env.scenario(QStringLiteral("main")).value(QStringLiteral("path")).toString();
        m_url = *storage::SourceUrl::parse(QStringLiteral("file://") + m_dir.path() + QLatin1Char('/') + path);
    }

    void pristineBucketHasNoWarnings()
    {
        const auto c = load();
        QVERIFY2(c, qPrintable(c ? QString() : c.error().oneLine()));
        QVERIFY2(c->warnings.isEmpty(), qPrintable(c->warnings.value(0).message));
        QVERIFY(c->requests > 0);
        for (const auto& b : c->backups) {
            QCOMPARE(b.state, catalog::BackupEntry::State::Done);
            QVERIFY(b.restorable);
        }
        QVERIFY(c->findBackup(QStringLiteral("latest")));
        QCOMPARE(c->findBackup(QStringLiteral("oldest"))->id, c->backups.first().id);
    }

    void clockSkewIsReported()
    {
        const auto before = load();
        QVERIFY(before);
        const auto& b = before->backups.first();
        QFile info(backupDir(b.id) + QStringLiteral("/backup.info"));
        QVERIFY(info.open(QIODevice::ReadWrite));
        const QDateTime original = info.fileTime(QFileDevice::FileModificationTime);
        QVERIFY(info.setFileTime(QDateTime::fromMSecsSinceEpoch(b.info->endTime->usecUtc / 1000).addSecs(2 * 3600),
                                 QFileDevice::FileModificationTime));
        const auto after = load();
        QVERIFY(after);
        QVERIFY(hasWarning(*after, QStringLiteral("clock_skew")));
        info.setFileTime(original, QFileDevice::FileModificationTime);
        QVERIFY(!hasWarning(*load(), QStringLiteral("clock_skew")));
    }

    void keepAnnotationIsRead()
    {
        const QString id = load()->backups.at(1).id;
        QDir().mkpath(backupDir(id) + QStringLiteral("/annotations"));
        QFile keep(backupDir(id) + QStringLiteral("/annotations/keep"));
        QVERIFY(keep.open(QIODevice::WriteOnly));
        keep.write("standalone");
        keep.close();
        const auto c = load();
        QCOMPARE(c->findBackup(id)->keep, QStringLiteral("standalone"));
        QVERIFY(keep.remove());
    }

    // Found by fuzz_retention: restorability counted segment by segment, so a backup.info naming
    // a range of 2^40 segments kept the loader busy for hours. It is now counted from the archive.
    void hugeWalRangeIsCountedNotWalked()
    {
        const auto before = load();
        QVERIFY(before);
        const catalog::BackupEntry& b = before->backups.first();
        const auto c = loadWithEndWal(b, "00000001FFFFFFFF000000FF");
        QVERIFY2(c, qPrintable(c ? QString() : c.error().oneLine()));
        const catalog::BackupEntry* e = c->findBackup(b.id);
        QVERIFY(!e->restorable);
        // Every segment from begin to 0xFFFFFFFF_FF is missing except those of timeline 1 on disk
        // (16 MiB segments: 256 per log id), counted from the file names barman wrote.
        const quint64 span = e->endSegno - e->beginSegno + 1;
        quint64 archived = 0;
        QDirIterator files(m_url.localPath + QLatin1Char('/') + m_server + QStringLiteral("/wals"), QDir::Files,
                           QDirIterator::Subdirectories);
        while (files.hasNext()) {
            const QString name = QFileInfo(files.next()).fileName();
            bool ok = false;
            const quint64 segno = name.mid(8, 8).toULongLong(&ok, 16) * 256 + name.mid(16, 8).toULongLong(nullptr, 16);
            if (ok && name.startsWith(QStringLiteral("00000001")) && name.size() >= 24
                && (name.size() == 24 || name.at(24) == u'.') && !name.contains(QStringLiteral(".backup"))
                && !name.contains(QStringLiteral(".partial")) && segno >= e->beginSegno)
                ++archived;
        }
        QCOMPARE(e->missingWalCount, span - archived);
        QVERIFY(!e->firstMissingWal.isEmpty());
        // A count past int is printed whole, never wrapped or as 0.
        QVERIFY(e->missingWalCount > quint64(INT_MAX));
        QCOMPARE(e->unrestorableCause(), catalog::BackupEntry::Unrestorable::MissingWal);
        QVERIFY2(e->unrestorableReason().contains(QLocale().toString(e->missingWalCount)),
                 qPrintable(e->unrestorableReason()));
        QVERIFY2(e->restorableSummary().contains(QLocale().toString(e->missingWalCount)), qPrintable(e->restorableSummary()));
    }

    // A backup.info whose end_wal is before its begin_wal, or on another timeline, names no range
    // a recovery could replay: never restorable, whatever WAL the archive holds.
    void aBackwardOrCrossTimelineWalRangeIsNotRestorable()
    {
        const auto before = load();
        QVERIFY(before);
        const catalog::BackupEntry& b = before->backups.last();
        QVERIFY(b.restorable);
        const QString begin = b.info->beginWal;
        QVERIFY(begin.mid(16, 8) != QLatin1String("00000000"));
        const QByteArray backwards = (begin.left(16) + QStringLiteral("00000000")).toLatin1();
        const QByteArray otherTimeline =
            (QStringLiteral("%1").arg(b.info->timeline + 1, 8, 16, QLatin1Char('0')).toUpper() + b.info->endWal.mid(8)).toLatin1();
        using Cause = catalog::BackupEntry::Unrestorable;
        const struct {
            QByteArray endWal;
            Cause cause;
            const char* summary;
        } cases[] = {{backwards, Cause::WalRangeBackward, "no: end_wal before begin_wal"},
                     {otherTimeline, Cause::WalRangeOtherTimeline, "no: end_wal on another timeline"}};
        for (const auto& [endWal, cause, summary] : cases) {
            const auto c = loadWithEndWal(b, endWal);
            QVERIFY2(c, qPrintable(c ? QString() : c.error().oneLine()));
            const catalog::BackupEntry* e = c->findBackup(b.id);
            QVERIFY2(!e->restorable, endWal.constData());
            QCOMPARE(e->missingWalCount, 0u);
            QVERIFY(e->firstMissingWal.isEmpty());
            QCOMPARE(e->unrestorableCause(), cause);
            // The reason names the range, not a count of nothing missing from nowhere.
            QVERIFY2(e->unrestorableReason().contains(QString::fromLatin1(endWal)), qPrintable(e->unrestorableReason()));
            QCOMPARE(e->restorableSummary(), QString::fromLatin1(summary));
        }
        const auto garbled = loadWithEndWal(b, "0000000100000000000000ZZ");
        QVERIFY(garbled);
        QCOMPARE(garbled->findBackup(b.id)->unrestorableCause(), Cause::WalRangeUnreadable);
        QCOMPARE(garbled->findBackup(b.id)->restorableSummary(), QStringLiteral("no: WAL range unreadable"));
        QVERIFY(garbled->findBackup(b.id)->unrestorableReason().contains(QStringLiteral("no readable WAL range")));
        // A name past the last segment of a log at 16 MiB (0x100 of them) does not fit.
        const auto unfit = loadWithEndWal(b, (b.info->endWal.left(16) + QStringLiteral("00000100")).toLatin1());
        QVERIFY(unfit);
        QCOMPARE(unfit->findBackup(b.id)->unrestorableCause(), Cause::WalRangeUnfit);
        QCOMPARE(catalog::BackupEntry::causeCode(Cause::WalRangeUnfit), QStringLiteral("wal_range_unfit"));
        QVERIFY(load()->findBackup(b.id)->restorable);
        QCOMPARE(load()->findBackup(b.id)->restorableSummary(), QStringLiteral("yes"));
    }

    // barman reads the first line of annotations/keep as it is; so does the catalog.
    void keepAnnotationIsReadLiterally()
    {
        const QString id = load()->backups.at(1).id;
        QDir().mkpath(backupDir(id) + QStringLiteral("/annotations"));
        QFile keep(backupDir(id) + QStringLiteral("/annotations/keep"));
        QVERIFY(keep.open(QIODevice::WriteOnly));
        keep.write("standalone\nsecond line");
        keep.close();
        const auto c = load();
        QCOMPARE(c->findBackup(id)->keep, QStringLiteral("standalone\n"));
        QCOMPARE(c->findBackup(id)->keepTarget(), QStringLiteral("full")); // as barman acts on it
        QVERIFY(keep.remove());
    }

    void crashedBackupIsStartedThenIncomplete()
    {
        const QString id = QStringLiteral("29991231T235959"); // newer than every finished backup
        QDir().mkpath(backupDir(id));
        QFile tar(backupDir(id) + QStringLiteral("/data.tar"));
        QVERIFY(tar.open(QIODevice::WriteOnly));
        tar.write(QByteArray(4096, 'x'));
        tar.close();
        const qint64 uploaded = QFileInfo(tar).lastModified().toMSecsSinceEpoch() * 1000;
        // Just uploaded: barman may still be running.
        FixedClock soon(uploaded + 60'000'000);
        auto c = load(soon);
        QCOMPARE(c->findBackup(id)->state, catalog::BackupEntry::State::InProgress);
        QCOMPARE(c->findBackup(id)->statusText(), QStringLiteral("STARTED"));
        QCOMPARE(c->findBackup(id)->bytes, 4096);
        // Two days later nothing finished it: it crashed.
        FixedClock later(uploaded + 48LL * 3600 * 1'000'000);
        c = load(later);
        QCOMPARE(c->findBackup(id)->statusText(), QStringLiteral("INCOMPLETE"));
        QVERIFY(hasWarning(*c, QStringLiteral("incomplete_backup")));
        QVERIFY(!c->findBackup(id)->restorable);
        QCOMPARE(c->findBackup(QStringLiteral("latest"))->state, catalog::BackupEntry::State::Done);
        QVERIFY(QDir(backupDir(id)).removeRecursively());
    }

    void segmentSizeIsInferredWhenNoBackupSaysIt()
    {
        const auto c0 = load();
        QStringList infos;
        for (const auto& b : c0->backups)
            infos.append(backupDir(b.id) + QStringLiteral("/backup.info"));
        QHash<QString, QByteArray> saved;
        for (const QString& path : infos) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            saved.insert(path, f.readAll());
            f.close();
            QByteArray text = saved.value(path);
            text.replace("xlog_segment_size=16777216\n", "");
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(text);
        }
        const auto c = load();
        QVERIFY(c);
        QVERIFY(c->wals.segmentSizeInferred());
        QCOMPARE(c->wals.segmentSize(), 16ull * 1024 * 1024);
        QVERIFY(hasWarning(*c, QStringLiteral("segment_size_inferred")));
        for (auto it = saved.cbegin(); it != saved.cend(); ++it) {
            QFile f(it.key());
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(it.value());
        }
    }

    // One cluster has one segment size: a backup.info that states another is warned about by name,
    // and the newest backup's size stays the one used.
    void aSegmentSizeConflictIsWarnedAbout()
    {
        const auto before = load();
        QVERIFY(before);
        QVERIFY(!hasWarning(*before, QStringLiteral("segment_size_conflict")));
        const catalog::BackupEntry& oldest = before->backups.first();
        QFile info(backupDir(oldest.id) + QStringLiteral("/backup.info"));
        QVERIFY(info.open(QIODevice::ReadOnly));
        const QByteArray original = info.readAll();
        info.close();
        QByteArray other = original;
        other.replace("xlog_segment_size=16777216\n", "xlog_segment_size=67108864\n");
        QVERIFY(other != original);
        QVERIFY(info.open(QIODevice::WriteOnly | QIODevice::Truncate));
        info.write(other);
        info.close();
        const auto c = load();
        QVERIFY(info.open(QIODevice::WriteOnly | QIODevice::Truncate));
        info.write(original);
        info.close();
        QVERIFY(c);
        QCOMPARE(c->wals.segmentSize(), 16ull * 1024 * 1024);
        QVERIFY(hasWarning(*c, QStringLiteral("segment_size_conflict")));
        for (const auto& w : c->warnings)
            if (w.code == QLatin1String("segment_size_conflict"))
                QVERIFY2(w.message.contains(QStringLiteral("64 MiB (backup %1)").arg(oldest.id)), qPrintable(w.message));
    }

    // A look nobody asked for stops at a number of objects too, however little they weigh: an
    // idle archive's segments compress to KiB, and a hundred thousand of them are minutes of GETs.
    void anUnaskedWalReadIsCappedInObjects()
    {
        const auto c = load();
        QVERIFY(c);
        auto store = storage::openStore(m_url, {});
        QVERIFY(store);
        catalog::WalEventIndexOptions options;
        options.limitAsUnasked();
        options.maxDownloadObjects = 1;
        JobContext context;
        const auto refused = catalog::buildWalEventIndex(**store, *c, options, context);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::Refused);
        QVERIFY2(refused.error().message.contains(QStringLiteral("are not read yet")), qPrintable(refused.error().message));
        options.maxDownloadObjects = catalog::kAutomaticWalReadObjects;
        const auto read = catalog::buildWalEventIndex(**store, *c, options, context);
        QVERIFY2(read, qPrintable(read ? QString() : read.error().oneLine()));
        QVERIFY(!read->segments.isEmpty());
    }

    void cancellingStopsTheLoad()
    {
        auto store = storage::openStore(m_url, {});
        QVERIFY(store);
        CancelToken cancel;
        cancel.cancel();
        JobContext context(cancel);
        const auto c = catalog::loadServerCatalog(**store, m_url, m_server, context);
        QVERIFY(!c);
        QCOMPARE(c.error().code, ErrorCode::Cancelled);
    }
};

QTEST_GUILESS_MAIN(TestServerCatalog)
#include "TestServerCatalog.moc"
