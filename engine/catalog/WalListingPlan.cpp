// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/catalog/WalListingPlan.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace tideline::catalog {

namespace {

constexpr int kSegmentsPerDirectory = 256; // 4 GiB of 16 MiB segments: barman's and PostgreSQL's default
constexpr qsizetype kWaves = 4;
constexpr int kMaxLanes = 32;

} // namespace

QList<WalListingPlan::Range> WalListingPlan::plan(const QString& walsPrefix, const QStringList& dirs, int pageSize,
                                                  int parallelism)
{
    static const QRegularExpression hashDir(QStringLiteral("^[0-9A-F]{16}$"));
    // In S3's order (UTF-8 bytes), whatever order the listing came in.
    QList<QByteArray> sorted;
    for (const QString& d : dirs)
        if (d.startsWith(walsPrefix) && d.endsWith(u'/') && d.size() > walsPrefix.size() + 1
            && !QStringView(d).mid(walsPrefix.size()).chopped(1).contains(u'/'))
            sorted << d.toUtf8();
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    if (sorted.isEmpty())
        return {};

    const double perRange = std::max(1.0, pageSize * 0.9);
    const double total = double(sorted.size()) * kSegmentsPerDirectory;
    qsizetype count = qsizetype(std::ceil(total / perRange));
    const int wide = lanes(count, parallelism);
    if (count > wide)
        count = (count + wide - 1) / wide * wide;
    count = std::min<qsizetype>(count, sorted.size() * kSegmentsPerDirectory);
    const double step = total / double(count);

    // The cut before range r+1 sits at position (r+1)·step of the estimated keys. Inside a hash
    // directory it is a segment's own name, so a range ends where a segment begins; elsewhere the
    // directory's start.
    QStringList cuts;
    for (qsizetype r = 1; r < count; ++r) {
        const double at = double(r) * step;
        const qsizetype dir = std::min<qsizetype>(qsizetype(at / kSegmentsPerDirectory), sorted.size() - 1);
        const int segment = int(at - double(dir) * kSegmentsPerDirectory);
        const QString prefix = QString::fromUtf8(sorted[dir]);
        const QString name = prefix.mid(walsPrefix.size()).chopped(1);
        QString cut = prefix.chopped(1); // before every key of the directory
        if (segment > 0 && hashDir.match(name).hasMatch())
            cut = prefix + name + QStringLiteral("%1").arg(segment, 8, 16, QLatin1Char('0')).toUpper();
        if (cuts.isEmpty() || cuts.constLast().toUtf8() < cut.toUtf8())
            cuts << cut;
    }
    QList<Range> ranges;
    QString from;
    for (const QString& cut : cuts) {
        ranges.append({from, cut});
        from = cut;
    }
    ranges.append({from, QString()});
    return ranges;
}

int WalListingPlan::lanes(qsizetype ranges, int parallelism)
{
    const int base = std::max(1, parallelism);
    const qsizetype wanted = (ranges + kWaves - 1) / kWaves;
    // Never more than twice what the caller asked for: a caller asking for one at a time means it.
    const qsizetype most = std::max<qsizetype>(base, std::min<qsizetype>(2 * qsizetype(base), kMaxLanes));
    return int(std::clamp<qsizetype>(wanted, base, most));
}

bool WalListingPlan::inDirectory(const QString& walsPrefix, const QString& key)
{
    return key.startsWith(walsPrefix) && key.indexOf(u'/', walsPrefix.size()) > walsPrefix.size();
}

} // namespace tideline::catalog
