// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/catalog/BackupFiles.h"

#include "engine/catalog/ServerCatalog.h"

#include <QCoreApplication>
#include <QMap>
#include <QRegularExpression>

#include <algorithm>

namespace tideline::catalog {

namespace {
struct BackupFilesText {
    Q_DECLARE_TR_FUNCTIONS(BackupFiles)
};
} // namespace

TarPartSet tarParts(const BackupEntry& backup, const QString& backupPrefix)
{
    // barman-cloud-restore takes only these suffixes (cloud.py get_backup_files); Tideline also
    // reads the WAL compressions in case a tool recompressed the tars.
    static const QRegularExpression pattern(QStringLiteral("^(data|[1-9][0-9]*)(?:_([0-9]{4}))?\\.tar$"));
    TarPartSet set;
    QMap<QString, QMap<int, TarPart>> byName;
    for (const auto& o : backup.objectList) {
        if (!o.key.startsWith(backupPrefix))
            continue;
        const QString file = o.key.mid(backupPrefix.size());
        const auto split = splitCompressionSuffix(file);
        const auto m = pattern.match(split.stem);
        if (!m.hasMatch())
            continue;
        TarPart part{o.key, file, m.captured(1), m.captured(2).isEmpty() ? 0 : m.captured(2).toInt(), split.compression,
                     o.size};
        if (!m.captured(2).isEmpty() && part.number == 0) {
            set.problems.append(BackupFilesText::tr("%1 is not a name barman-cloud writes").arg(file));
            continue;
        }
        auto& parts = byName[part.name];
        if (parts.contains(part.number)) {
            set.problems.append(BackupFilesText::tr("%1 and %2 are the same tar part under two compressions")
                                    .arg(parts.value(part.number).file, file));
            continue;
        }
        parts.insert(part.number, part);
    }

    if (!byName.contains(QStringLiteral("data")))
        set.problems.append(BackupFilesText::tr("the data tar (data.tar) is missing"));
    QStringList tablespaceOids;
    if (backup.info)
        for (const auto& ts : backup.info->tablespaces) {
            tablespaceOids.append(QString::number(ts.oid));
            if (!byName.contains(QString::number(ts.oid)))
                set.problems.append(
                    BackupFilesText::tr("the tar of tablespace %1 (%2.tar) is missing").arg(ts.name).arg(ts.oid));
        }
    QStringList names = byName.keys();
    // data first, then tablespaces by OID: the order the restore reports them in.
    std::sort(names.begin(), names.end(), [](const QString& a, const QString& b) {
        if ((a == QLatin1String("data")) != (b == QLatin1String("data")))
            return a == QLatin1String("data");
        return a.toULongLong() < b.toULongLong();
    });
    for (const QString& name : names) {
        if (name != QLatin1String("data") && backup.info && !tablespaceOids.contains(name))
            set.problems.append(BackupFilesText::tr("%1.tar belongs to no tablespace in backup.info").arg(name));
        const auto& parts = byName.value(name);
        const int last = parts.lastKey();
        for (int n = 0; n <= last; ++n) {
            if (!parts.contains(n))
                set.problems.append(
                    n == 0 ? BackupFilesText::tr("%1.tar, the first part, is missing").arg(name)
                           : BackupFilesText::tr("part %1 of %2 is missing (%2_%3.tar), though part %4 is there")
                                 .arg(n)
                                 .arg(name, QStringLiteral("%1").arg(n, 4, 10, QLatin1Char('0')))
                                 .arg(last));
        }
        for (const TarPart& p : parts)
            set.parts.append(p);
    }
    return set;
}

} // namespace tideline::catalog
