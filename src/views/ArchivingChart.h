// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/catalog/ArchiveCadence.h"
#include "engine/monitor/LagHistory.h"
#include "src/models/Format.h"

#include <QChartView>

class QChart;

namespace tideline::gui {

/// The archive lag over time for one cluster: WAL written by the primary and not yet in its
/// bucket (monitor::LagSample::bytesNotInBucket, what `k8s metrics --json` calls
/// bytes_not_in_bucket), with failing readings marked in red and timeline switches as dashed
/// lines. The samples come thinned by monitor::decimateLag, which never drops a failure.
class ArchivingChart final : public QChartView {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ArchivingChart)

public:
    explicit ArchivingChart(QWidget* parent = nullptr);
    ~ArchivingChart() override;

    /// Draws samples over [fromUsec, toUsec] (decimated here to the widget's width) and, on a
    /// second axis, the bucket's WAL uploads per hour over the same range (sorted upload times,
    /// k8s::ClusterHealth::recentUploadsUsec), so a DBA sees the lag rise as uploads stop.
    void setSamples(const QList<monitor::LagSample>& samples, qint64 fromUsec, qint64 toUsec,
                    const QList<qint64>& uploadsUsec = {}, qint64 uploadsListedAtUsec = 0);
    void setTimeZone(TimeZoneMode zone);
    void setDark(bool dark);
    /// The points drawn after thinning (tests hold them to the stored samples).
    const QList<monitor::LagSample>& drawn() const { return m_drawn; }
    /// The upload bins drawn (tests hold them to the bucket's listing).
    const QList<catalog::ArchiveCadence::Bin>& uploadBins() const { return m_uploadBins; }

private:
    void rebuild();

    QChart* m_chart = nullptr;
    QList<monitor::LagSample> m_samples;
    QList<monitor::LagSample> m_drawn;
    QList<qint64> m_uploads;
    qint64 m_uploadsListedAt = 0;
    QList<catalog::ArchiveCadence::Bin> m_uploadBins;
    qint64 m_from = 0;
    qint64 m_to = 0;
    TimeZoneMode m_zone = TimeZoneMode::Utc;
    bool m_dark = false;
};

} // namespace tideline::gui
