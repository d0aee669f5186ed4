// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/restore/VerifyJob.h"

#include "engine/catalog/BackupFiles.h"
#include "engine/catalog/WalEventIndex.h"
#include "engine/core/Decompressor.h"
#include "engine/core/Parallel.h"
#include "engine/restore/TarExtractor.h"
#include "engine/storage/ObjectStore.h"
#include "engine/wal/WalSegment.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <mutex>

namespace tideline::restore {

namespace {

struct VerifyJobText {
    Q_DECLARE_TR_FUNCTIONS(VerifyJob)
};

constexpr qint64 kLabelLimit = 64 * 1024; // a backup_label is a few hundred bytes

// The same identity the WAL cache uses: the ETag, else size and time (file:// has no ETag).
QString identityOf(const storage::ObjectInfo& o)
{
    return o.etag.isEmpty() ? QStringLiteral("%1:%2").arg(o.size).arg(o.lastModifiedUsec) : o.etag;
}

// What a backup's parts were when they last passed: backup id -> {key: identity}.
using Remembered = QMap<QString, QMap<QString, QString>>;

Remembered readRemembered(const QString& file)
{
    Remembered out;
    QFile f(file);
    if (file.isEmpty() || !f.open(QIODevice::ReadOnly))
        return out;
    const QJsonObject root = QJsonDocument::fromJson(f.read(16 << 20)).object();
    if (root.value(QStringLiteral("format")).toInt() != 1)
        return out; // unknown or damaged: everything is checked again
    const QJsonObject backups = root.value(QStringLiteral("backups")).toObject();
    for (auto b = backups.begin(); b != backups.end(); ++b) {
        const QJsonObject parts = b.value().toObject();
        for (auto p = parts.begin(); p != parts.end(); ++p)
            out[b.key()].insert(p.key(), p.value().toString());
    }
    return out;
}

void writeRemembered(const QString& file, const Remembered& remembered)
{
    if (file.isEmpty())
        return;
    const QString dir = QFileInfo(file).absolutePath();
    if (!QDir().mkpath(dir))
        return; // not remembering costs only a second read
    QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QJsonObject backups;
    for (auto b = remembered.begin(); b != remembered.end(); ++b) {
        QJsonObject parts;
        for (auto p = b.value().begin(); p != b.value().end(); ++p)
            parts.insert(p.key(), p.value());
        backups.insert(b.key(), parts);
    }
    QSaveFile f(file);
    if (!f.open(QIODevice::WriteOnly))
        return;
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    f.write(QJsonDocument(QJsonObject{{QStringLiteral("format"), 1}, {QStringLiteral("backups"), backups}}).toJson());
    f.commit();
}

// A file of a data directory as the archive leaves it: the last entry of its name wins, as on
// disk after extraction.
struct FileSeen {
    char type = 0; // 0: not in the archive; else the tar type of the last entry ('0', '1', '2', '5')
    qint64 size = 0;
    QByteArray head; // the first kLabelLimit bytes
    bool overflow = false;
};

// What one data tar part showed of the files a data directory must hold.
struct DataDirectory {
    FileSeen pgControl;
    FileSeen pgVersion;
    FileSeen label;

    FileSeen* of(const QString& path)
    {
        if (path == QLatin1String("global/pg_control"))
            return &pgControl;
        if (path == QLatin1String("PG_VERSION"))
            return &pgVersion;
        if (path == QLatin1String("backup_label"))
            return &label;
        return nullptr;
    }
    // `later` is a later part of the same backup: what it holds replaces what this one held.
    void overlay(const DataDirectory& later)
    {
        for (auto [mine, theirs] : {std::pair{&pgControl, &later.pgControl}, std::pair{&pgVersion, &later.pgVersion},
                                    std::pair{&label, &later.label}})
            if (theirs->type)
                *mine = *theirs;
    }
};

struct PartOutcome {
    std::optional<VerifyProblem> problem;
    std::optional<Error> fatal; // the run cannot go on (network, auth, cancel)
    qint64 bytes = 0;
};

// Downloads one tar part, decompresses it and walks it without writing; `data` is filled for a
// data part.
PartOutcome checkPart(storage::ObjectStore& store, const catalog::TarPart& part, DataDirectory* data, const CancelToken& cancel)
{
    PartOutcome out;
    auto decompressor = Decompressor::create(part.compression);
    TarExtractor tar(TarExtractor::CheckOnly{}, [&](const QString& path, char type, QByteArrayView bytes) {
        FileSeen* f = data ? data->of(path) : nullptr;
        if (!f)
            return;
        if (bytes.isEmpty()) { // a new entry of this name
            *f = FileSeen{type, 0, {}, false};
            return;
        }
        f->size += bytes.size();
        if (f->head.size() + bytes.size() <= kLabelLimit)
            f->head.append(bytes.data(), bytes.size());
        else
            f->overflow = true;
    });
    const auto sink = [&](QByteArrayView plain) { return tar.feed(plain); };
    auto read = store.read(
        part.key,
        [&](QByteArrayView chunk) -> Result<void> {
            out.bytes += chunk.size();
            return decompressor->feed(chunk, sink);
        },
        cancel);
    Result<void> done = read ? decompressor->finish(sink) : Result<void>(std::unexpected(read.error()));
    if (done)
        done = tar.finish();
    if (done)
        return out;
    const Error& e = done.error();
    if (e.code == ErrorCode::Corrupt)
        out.problem = VerifyProblem{part.key, QStringLiteral("corrupt"), e.message};
    else if (e.code == ErrorCode::NotFound)
        out.problem = VerifyProblem{part.key, QStringLiteral("missing"), e.message};
    else
        out.fatal = e;
    return out;
}

} // namespace

QJsonObject VerifyReport::toJson() const
{
    QJsonArray list;
    for (const auto& p : problems)
        list.append(QJsonObject{{QStringLiteral("key"), p.key},
                                {QStringLiteral("kind"), p.kind},
                                {QStringLiteral("message"), p.message}});
    return {{QStringLiteral("server"), server},
            {QStringLiteral("objects_checked"), objectsChecked},
            {QStringLiteral("bytes_checked"), bytesChecked},
            {QStringLiteral("objects_remembered"), objectsRemembered},
            {QStringLiteral("backups"), QJsonArray::fromStringList(backups)},
            {QStringLiteral("wals"),
             walsChecked ? QJsonValue(QJsonObject{{QStringLiteral("found"), walFound},
                                                  {QStringLiteral("missing_harmless"), qint64(walMissingHarmless)},
                                                  {QStringLiteral("missing_fatal"), qint64(walMissingFatal)}})
                         : QJsonValue()},
            {QStringLiteral("ok"), ok()},
            {QStringLiteral("problems"), list}};
}

Result<VerifyReport> runVerify(storage::ObjectStore& store, const catalog::ServerCatalog& catalog,
                               const VerifyOptions& options, JobContext& context)
{
    VerifyReport report;
    report.server = catalog.server;
    const QString serverPrefix = catalog.source.key(catalog.server) + QLatin1Char('/');
    Remembered remembered = options.full ? Remembered{} : readRemembered(options.stateFile);
    std::mutex mutex;

    // --- backups: each part through the restore's own decompressors and tar checks ----------
    struct Job {
        const catalog::BackupEntry* backup;
        catalog::TarPart part;
        bool data;
    };
    QList<Job> jobs;
    QMap<QString, DataDirectory> dataDirs;
    QMap<QString, QMap<QString, QString>> identities; // backup -> key -> identity, as listed now
    QSet<QString> failed;
    QStringList wanted = options.backupIds;
    if (options.allBackups)
        for (const auto& b : catalog.backups) {
            if (b.state == catalog::BackupEntry::State::Done || b.state == catalog::BackupEntry::State::Unreadable)
                wanted << b.id;
            else
                ++report.backupsLeftOut;
        }
    wanted.removeDuplicates();
    for (const QString& id : std::as_const(wanted)) {
        const catalog::BackupEntry* b = catalog.findBackup(id);
        if (!b)
            return fail(ErrorCode::MissingSource, VerifyJobText::tr("no backup %1 for server %2").arg(id, catalog.server),
                        VerifyJobText::tr("List the backups with `tideline-cli backups SOURCE SERVER`."));
        report.backups.append(b->id);
        const QString prefix = serverPrefix + QStringLiteral("base/") + b->id + QLatin1Char('/');
        if (b->state == catalog::BackupEntry::State::Unreadable) {
            report.problems.append({prefix + QStringLiteral("backup.info"), QStringLiteral("corrupt"),
                                    b->infoError ? b->infoError->message
                                                 : VerifyJobText::tr("backup.info of backup %1 is unreadable").arg(b->id)});
            failed.insert(b->id);
            continue;
        }
        if (b->state != catalog::BackupEntry::State::Done || !b->info) {
            report.problems.append(
                {prefix + QStringLiteral("backup.info"), QStringLiteral("not_done"),
                 VerifyJobText::tr("backup %1 is %2, not DONE: it cannot be restored").arg(b->id, b->statusText())});
            failed.insert(b->id);
            continue;
        }
        const catalog::TarPartSet parts = catalog::tarParts(*b, prefix);
        for (const QString& why : parts.problems)
            report.problems.append({prefix, QStringLiteral("missing"), why});
        if (!parts.problems.isEmpty())
            failed.insert(b->id);
        QMap<QString, QString>& now = identities[b->id];
        for (const auto& o : b->objectList)
            now.insert(o.key, identityOf(o));
        // Every object of the backup as it was when it passed, backup.info included (it says
        // where the backup_label must start).
        const bool unchanged = !parts.parts.isEmpty() && parts.problems.isEmpty() && remembered.value(b->id) == now;
        if (unchanged) {
            report.objectsRemembered += parts.parts.size();
            continue;
        }
        dataDirs.insert(b->id, {});
        for (const auto& p : parts.parts)
            jobs.append({b, p, p.name == QLatin1String("data")});
    }

    const CancelToken& cancel = context.cancelToken();
    std::optional<Error> fatal;
    qint64 bytesDone = 0;
    qint64 totalBytes = 0;
    for (const Job& j : jobs)
        totalBytes += j.part.size;
    //: Progress phase of verify.
    context.report({VerifyJobText::tr("verifying backups"), 0, totalBytes, 0});
    // One DataDirectory per data part (a large backup has several, data_0001.tar...), merged
    // in part order below. What one part holds against another (a link in one, a file under
    // it in the next) is not checked: each part is walked on its own.
    QList<DataDirectory> partData(jobs.size());
    const CancelToken stop = cancel.child(); // the first fatal error stops the other parts
    parallelFor(
        jobs.size(), std::max(1, options.jobs),
        [&](qsizetype i) {
            const Job& j = jobs[i];
            PartOutcome r = checkPart(store, j.part, j.data ? &partData[i] : nullptr, stop);
            std::lock_guard lock(mutex);
            bytesDone += r.bytes;
            ++report.objectsChecked;
            report.bytesChecked += r.bytes;
            if (r.fatal && !fatal && !(r.fatal->code == ErrorCode::Cancelled && !cancel.isCancelled())) {
                fatal = r.fatal;
                stop.cancel();
            }
            if (r.problem) {
                report.problems.append(*r.problem);
                failed.insert(j.backup->id);
            }
            context.report({VerifyJobText::tr("verifying backups"), bytesDone, totalBytes, bytesDone});
        },
        stop);
    if (fatal)
        return std::unexpected(*fatal);
    for (qsizetype i = 0; i < jobs.size(); ++i)
        if (jobs[i].data)
            dataDirs[jobs[i].backup->id].overlay(partData[i]);
    if (cancel.isCancelled())
        return fail(ErrorCode::Cancelled, VerifyJobText::tr("verify was cancelled"));

    // A tar that walks cleanly can still be the wrong or a partial backup.
    for (auto it = dataDirs.cbegin(); it != dataDirs.cend(); ++it) {
        if (failed.contains(it.key()))
            continue;
        const catalog::BackupEntry* b = catalog.findBackup(it.key());
        const DataDirectory& d = it.value();
        const QString dataKey =
            std::find_if(jobs.cbegin(), jobs.cend(), [&](const Job& j) { return j.backup == b && j.data; })->part.key;
        auto problem = [&](const QString& kind, const QString& why) {
            report.problems.append({dataKey, kind, VerifyJobText::tr("backup %1: %2").arg(b->id, why)});
            failed.insert(b->id);
        };
        // What restore's checkExtracted finds on disk: regular files (a hard link is one), the
        // last entry of each name.
        const auto regular = [](const FileSeen& f) { return f.type == '0' || f.type == '1'; };
        if (!regular(d.pgControl))
            problem(QStringLiteral("missing"), VerifyJobText::tr("global/pg_control is not in the archive"));
        else if (d.pgControl.type == '0' && d.pgControl.size != 8192) // PG_CONTROL_FILE_SIZE
            problem(QStringLiteral("corrupt"),
                    VerifyJobText::tr("global/pg_control has %1 bytes, not 8192").arg(d.pgControl.size));
        if (!regular(d.pgVersion))
            problem(QStringLiteral("missing"), VerifyJobText::tr("PG_VERSION is not in the archive"));
        if (d.label.type != '0')
            problem(QStringLiteral("missing"), VerifyJobText::tr("backup_label is not in the archive"));
        else if (d.label.overflow)
            problem(QStringLiteral("corrupt"), VerifyJobText::tr("backup_label is larger than 64 KiB"));
        else if (auto why = b->info->labelMismatch(d.label.head))
            problem(QStringLiteral("mismatch"), *why);
    }
    for (const QString& id : std::as_const(report.backups)) {
        if (failed.contains(id))
            remembered.remove(id);
        else if (dataDirs.contains(id))
            remembered[id] = identities.value(id);
    }
    for (const QString& id : remembered.keys()) // deleted since (retention): forgotten
        if (!catalog.findBackup(id))
            remembered.remove(id);
    writeRemembered(options.stateFile, remembered);

    // --- WAL: every segment through the WAL reader, the history files, the gaps ---------------
    if (options.wals) {
        report.walsChecked = true;
        const catalog::WalArchive& archive = catalog.wals;
        catalog::WalEventIndexOptions o;
        o.cacheDir = options.full ? QString() : options.walCacheDir;
        o.parallelism = std::clamp(options.jobs * 2, 1, 8); // two batches of segment-sized buffers each
        auto index = catalog::buildWalEventIndex(store, catalog, o, context);
        if (!index)
            return std::unexpected(index.error());
        report.objectsChecked += index->segmentsDownloaded;
        report.objectsRemembered += index->segmentsFromCache;
        report.bytesChecked += index->bytesDownloaded;
        // The WAL of another cluster cannot replay onto a backup: a backup whose system id
        // differs from the one the segments were held against is unusable with this archive.
        if (index->systemId)
            for (const QString& id : std::as_const(report.backups)) {
                const catalog::BackupEntry* b = catalog.findBackup(id);
                bool known = false;
                const quint64 system = b->info ? b->info->systemId.toULongLong(&known) : 0;
                if (known && system != *index->systemId)
                    report.problems.append({serverPrefix + QStringLiteral("base/") + id + QStringLiteral("/backup.info"),
                                            QStringLiteral("mismatch"),
                                            VerifyJobText::tr("backup %1 is of the PostgreSQL cluster %2, the WAL archive "
                                                              "of %3: it cannot be restored from here")
                                                .arg(id, QString::number(system), QString::number(*index->systemId))});
            }
        for (const catalog::SegmentReading* s : index->problems()) {
            const catalog::TimelineWal* t = archive.timeline(s->timeline);
            QString key = archive.walsPrefix() + s->name;
            if (t)
                for (const auto* list : {&t->segments, &t->partials})
                    for (const auto& w : *list)
                        if (w.segno == s->segno && w.name.baseName() == s->name)
                            key = archive.keyOf(w);
            report.problems.append(
                {key,
                 s->problem->kind == wal::WalProblem::Kind::Vanished ? QStringLiteral("missing") : QStringLiteral("corrupt"),
                 s->problem->message});
        }
        const wal::TimelineGraph& graph = archive.graph();
        for (const catalog::WalObject& h : archive.historyFiles())
            if (!graph.hasHistory(h.name.timeline))
                report.problems.append(
                    {archive.keyOf(h), QStringLiteral("corrupt"),
                     VerifyJobText::tr("the history file of timeline %1 does not parse").arg(h.name.timeline)});
        for (const catalog::TimelineWal& t : archive.timelines()) {
            report.walFound += t.segments.size() + t.partials.size();
            const bool listed = std::any_of(archive.historyFiles().cbegin(), archive.historyFiles().cend(),
                                            [&](const catalog::WalObject& h) { return h.name.timeline == t.timeline; });
            if (t.timeline > 1 && !listed)
                report.problems.append(
                    {archive.walsPrefix() + QStringLiteral("%1.history").arg(t.timeline, 8, 16, QLatin1Char('0')).toUpper(),
                     QStringLiteral("missing"),
                     VerifyJobText::tr("timeline %1 has WAL but no history file: a restore cannot "
                                       "follow it")
                         .arg(t.timeline)});
            for (const catalog::WalGap& g : t.gaps) {
                if (g.harmless) {
                    report.walMissingHarmless += g.count();
                    continue;
                }
                report.walMissingFatal += g.count();
                const QString first = wal::segmentName(t.timeline, g.firstMissing, archive.segmentSize());
                const QString last = wal::segmentName(t.timeline, g.lastMissing, archive.segmentSize());
                report.problems.append(
                    {archive.walsPrefix() + first.left(16) + QLatin1Char('/') + first, QStringLiteral("missing"),
                     g.count() == 1 ? VerifyJobText::tr("%1 is missing: a restore from an earlier backup cannot "
                                                        "replay past it")
                                          .arg(first)
                                    : VerifyJobText::tr("%1 segments are missing, %2 to %3: a restore from an "
                                                        "earlier backup cannot replay past them")
                                          .arg(g.count())
                                          .arg(first, last)});
            }
        }
    }
    // Parts finish in any order: by key, so a run's list reads the same every time.
    std::stable_sort(report.problems.begin(), report.problems.end(),
                     [](const VerifyProblem& a, const VerifyProblem& b) { return a.key < b.key; });
    return report;
}

} // namespace tideline::restore
