// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/catalog/BackupInfo.h"

#include "engine/catalog/PythonLiteral.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonValue>
#include <QRegularExpression>
#include <QSet>

namespace tideline::catalog {

namespace {

struct BackupInfoText {
    Q_DECLARE_TR_FUNCTIONS(BackupInfo)
};

// barman 3.4's BackupInfo fields that load as int; everything else it keeps as a string unless
// it has a literal loader. cluster_size and friends come from newer barman versions.
const QSet<QString>& intFields()
{
    static const QSet<QString> s{QStringLiteral("version"),
                                 QStringLiteral("timeline"),
                                 QStringLiteral("begin_offset"),
                                 QStringLiteral("end_offset"),
                                 QStringLiteral("size"),
                                 QStringLiteral("deduplicated_size"),
                                 QStringLiteral("xlog_segment_size"),
                                 QStringLiteral("cluster_size")};
    return s;
}

const QSet<QString>& literalFields()
{
    static const QSet<QString> s{QStringLiteral("tablespaces"), QStringLiteral("included_files"),
                                 QStringLiteral("backup_label"), QStringLiteral("copy_stats"),
                                 QStringLiteral("snapshots_info")};
    return s;
}

// Every field barman 3.4's BackupInfo declares: the JSON carries each of them, null when absent.
const QStringList& barmanFields()
{
    static const QStringList
        s{QStringLiteral("backup_label"), QStringLiteral("begin_offset"),   QStringLiteral("begin_time"),
          QStringLiteral("begin_wal"),    QStringLiteral("begin_xlog"),     QStringLiteral("compression"),
          QStringLiteral("config_file"),  QStringLiteral("copy_stats"),     QStringLiteral("deduplicated_size"),
          QStringLiteral("end_offset"),   QStringLiteral("end_time"),       QStringLiteral("end_wal"),
          QStringLiteral("end_xlog"),     QStringLiteral("error"),          QStringLiteral("hba_file"),
          QStringLiteral("ident_file"),   QStringLiteral("included_files"), QStringLiteral("mode"),
          QStringLiteral("pgdata"),       QStringLiteral("server_name"),    QStringLiteral("size"),
          QStringLiteral("status"),       QStringLiteral("systemid"),       QStringLiteral("tablespaces"),
          QStringLiteral("timeline"),     QStringLiteral("version"),        QStringLiteral("xlog_segment_size")};
    return s;
}

bool isNone(const QString& v)
{
    return v == QLatin1String("None");
}

std::unexpected<Error> corrupt(const QString& backupId, const QString& what)
{
    return fail(ErrorCode::Corrupt, BackupInfoText::tr("backup.info of backup %1 is unreadable: %2").arg(backupId, what),
                BackupInfoText::tr("The file may be truncated or damaged; compare it with barman-cloud-backup-list "
                                   "and take a new backup if it cannot be repaired"));
}

} // namespace

Result<BackupInfo> BackupInfo::parse(const QString& backupId, const QByteArray& text)
{
    BackupInfo info;
    info.backupId = backupId;
    const QString content = QString::fromUtf8(text);
    if (content.contains(QChar::ReplacementCharacter) || text.contains('\0'))
        return corrupt(backupId, BackupInfoText::tr("it is not UTF-8 text"));

    int lineNo = 0;
    for (const QString& rawLine : content.split(QLatin1Char('\n'))) {
        ++lineNo;
        const QString line = rawLine.trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return corrupt(backupId, BackupInfoText::tr("line %1 is not key=value").arg(lineNo));
        info.fields.insert(line.left(eq).trimmed(), line.mid(eq + 1).trimmed());
    }
    if (info.fields.isEmpty())
        return corrupt(backupId, BackupInfoText::tr("it is empty"));

    auto value = [&](const char* key) -> QString {
        const QString v = info.fields.value(QLatin1String(key));
        return isNone(v) ? QString() : v;
    };

    for (auto it = info.fields.cbegin(); it != info.fields.cend(); ++it) {
        if (isNone(it.value()))
            continue;
        if (intFields().contains(it.key())) {
            bool ok = false;
            it.value().toLongLong(&ok);
            if (!ok)
                return corrupt(backupId, BackupInfoText::tr("%1 is not a number").arg(it.key()));
        } else if (literalFields().contains(it.key())) {
            if (auto lit = parsePythonLiteral(it.value()); !lit)
                return corrupt(backupId, QStringLiteral("%1: %2").arg(it.key(), lit.error().message));
        }
    }

    // backup.info is uploaded whole at the end; a file without a status is a cut upload.
    info.status = value("status");
    if (info.status.isEmpty())
        return corrupt(backupId, BackupInfoText::tr("it has no status line"));

    info.backupName = value("backup_name");
    for (auto [key, target] : {std::pair{"begin_time", &info.beginTime}, std::pair{"end_time", &info.endTime}}) {
        const QString v = value(key);
        if (v.isEmpty())
            continue;
        *target = Timestamp::parse(v);
        if (!*target)
            return corrupt(backupId, BackupInfoText::tr("%1 '%2' is not a time").arg(QLatin1String(key), v));
    }
    for (auto [key, target] : {std::pair{"begin_xlog", &info.beginLsn}, std::pair{"end_xlog", &info.endLsn}}) {
        const QString v = value(key);
        if (v.isEmpty())
            continue;
        *target = wal::Lsn::parse(v);
        if (!*target)
            return corrupt(backupId, BackupInfoText::tr("%1 '%2' is not an LSN").arg(QLatin1String(key), v));
    }
    info.beginWal = value("begin_wal");
    info.endWal = value("end_wal");
    info.timeline = value("timeline").toUInt();
    info.systemId = value("systemid");
    info.version = value("version").toInt();
    if (const QString seg = value("xlog_segment_size"); !seg.isEmpty()) {
        info.segmentSize = seg.toULongLong();
        info.segmentSizeStated = true;
    }
    info.compression = value("compression");
    info.error = value("error");
    if (const QString cs = value("cluster_size"); !cs.isEmpty())
        info.clusterSize = cs.toLongLong();

    if (const QString ts = value("tablespaces"); !ts.isEmpty()) {
        const QVariantList list = parsePythonLiteral(ts)->toList();
        for (const QVariant& item : list) {
            const QVariantList t = item.toList();
            if (t.size() != 3)
                return corrupt(backupId, BackupInfoText::tr("tablespaces entries must be (name, oid, location)"));
            info.tablespaces.append({t[0].toString(), t[1].toUInt(), t[2].toString()});
        }
    }
    if (const QString v = value("copy_stats"); !v.isEmpty())
        info.copyStats = *parsePythonLiteral(v);
    if (const QString v = value("included_files"); !v.isEmpty())
        info.includedFiles = *parsePythonLiteral(v);
    if (const QString v = value("backup_label"); !v.isEmpty())
        info.backupLabel = parsePythonLiteral(v)->toString();
    return info;
}

QJsonObject BackupInfo::toBarmanJson() const
{
    QJsonObject o;
    auto typed = [&](const QString& key) -> QJsonValue {
        if (!fields.contains(key)) {
            if (key == QLatin1String("status"))
                return QStringLiteral("EMPTY");
            if (key == QLatin1String("xlog_segment_size"))
                return QJsonValue(static_cast<qint64>(segmentSize));
            return QJsonValue::Null;
        }
        const QString raw = fields.value(key);
        if (isNone(raw))
            return QJsonValue::Null;
        if (intFields().contains(key))
            return QJsonValue(raw.toLongLong());
        if (key == QLatin1String("begin_time") || key == QLatin1String("end_time")) {
            const auto& t = key == QLatin1String("begin_time") ? beginTime : endTime;
            return t ? QJsonValue(t->toCtime()) : QJsonValue::Null;
        }
        // barman's to_json() writes backup_label as its dumped repr() text, but the other literal
        // fields as the loaded values (tablespaces as lists, copy_stats as an object).
        if (key == QLatin1String("backup_label"))
            return raw;
        if (literalFields().contains(key)) {
            const QVariant v = *parsePythonLiteral(raw);
            // Python's null_repr writes an empty container as None.
            if ((v.typeId() == QMetaType::QVariantList && v.toList().isEmpty())
                || (v.typeId() == QMetaType::QVariantMap && v.toMap().isEmpty()))
                return QJsonValue::Null;
            return QJsonValue::fromVariant(v);
        }
        return raw;
    };
    for (const QString& key : barmanFields())
        o.insert(key, typed(key));
    for (auto it = fields.cbegin(); it != fields.cend(); ++it)
        if (!o.contains(it.key()))
            o.insert(it.key(), typed(it.key()));
    o.insert(QStringLiteral("backup_id"), backupId);
    if (backupName.isEmpty())
        o.remove(QStringLiteral("backup_name"));
    if (!fields.contains(QStringLiteral("snapshots_info")) || isNone(fields.value(QStringLiteral("snapshots_info"))))
        o.remove(QStringLiteral("snapshots_info"));
    o.insert(QStringLiteral("begin_time_iso"), beginTime ? QJsonValue(beginTime->toIso()) : QJsonValue::Null);
    o.insert(QStringLiteral("end_time_iso"), endTime ? QJsonValue(endTime->toIso()) : QJsonValue::Null);
    return o;
}

std::optional<QString> BackupInfo::labelMismatch(QByteArrayView label) const
{
    // "START WAL LOCATION: 0/2000028 (file 000000010000000000000002)" and "START TIMELINE: 1".
    static const QRegularExpression
        start(QStringLiteral("^START WAL LOCATION: ([0-9A-Fa-f]+/[0-9A-Fa-f]+) \\(file ([0-9A-Fa-f]{24})\\)$"),
              QRegularExpression::MultilineOption);
    static const QRegularExpression line(QStringLiteral("^START TIMELINE: ([0-9]+)$"), QRegularExpression::MultilineOption);
    const QString text = QString::fromUtf8(label);
    const auto m = start.match(text);
    if (!m.hasMatch())
        return BackupInfoText::tr("backup_label has no START WAL LOCATION line");
    const auto lsn = wal::Lsn::parse(m.captured(1));
    if (!lsn || !beginLsn || *lsn != *beginLsn || m.captured(2).compare(beginWal, Qt::CaseInsensitive) != 0)
        return BackupInfoText::tr("backup_label starts at %1 (%2), backup.info at %3 (%4)")
            .arg(m.captured(1), m.captured(2), beginLsn ? beginLsn->toString() : QStringLiteral("?"), beginWal);
    const auto t = line.match(text);
    if (t.hasMatch() && t.captured(1).toUInt() != timeline)
        return BackupInfoText::tr("backup_label is on timeline %1, backup.info on %2").arg(t.captured(1)).arg(timeline);
    return std::nullopt;
}

} // namespace tideline::catalog
