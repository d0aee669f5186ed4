// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/views/ClusterView.h"

#include "engine/core/Units.h"
#include "src/views/ArchivingChart.h"
#include "src/views/ChartStyle.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>

namespace tideline::gui {

namespace {

QTableWidget* makeTable(QWidget* parent, const QString& objectName)
{
    auto* t = new QTableWidget(parent);
    t->setObjectName(objectName);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setStretchLastSection(true);
    t->setWordWrap(false);
    t->setMinimumHeight(90);
    return t;
}

QLabel* makeCaption(QWidget* parent)
{
    auto* l = new QLabel(parent);
    QFont f = l->font();
    f.setBold(true);
    l->setFont(f);
    return l;
}

void fill(QTableWidget* table, const QStringList& headers, const QList<QStringList>& rows)
{
    table->clear();
    table->setColumnCount(int(headers.size()));
    table->setHorizontalHeaderLabels(headers);
    table->setRowCount(int(rows.size()));
    for (int r = 0; r < rows.size(); ++r)
        for (int c = 0; c < rows[r].size(); ++c) {
            auto* item = new QTableWidgetItem(rows[r][c]);
            item->setToolTip(Format::plainTip(rows[r][c])); // API-server text: never read as HTML
            table->setItem(r, c, item);
        }
    table->resizeColumnsToContents();
}

QString orDash(const QString& s)
{
    return s.isEmpty() ? QStringLiteral("–") : s;
}

} // namespace

ClusterView::ClusterView(QWidget* parent) : QWidget(parent)
{
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    outer->addWidget(scroll);
    auto* body = new QWidget(scroll);
    scroll->setWidget(body);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(16, 12, 16, 12);

    auto* head = new QHBoxLayout;
    auto* titles = new QVBoxLayout;
    m_title = new QLabel(body);
    m_title->setObjectName(QStringLiteral("clusterTitle"));
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    m_title->setFont(big);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Phases and condition messages come from the API server: never read as rich text.
    m_title->setTextFormat(Qt::PlainText);
    m_subtitle = new QLabel(body);
    m_subtitle->setTextFormat(Qt::PlainText);
    m_subtitle->setObjectName(QStringLiteral("clusterSubtitle"));
    m_subtitle->setWordWrap(true);
    m_subtitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    titles->addWidget(m_title);
    titles->addWidget(m_subtitle);
    head->addLayout(titles, 1);
    m_openBucket = new QPushButton(body);
    m_openBucket->setObjectName(QStringLiteral("openBucketButton"));
    m_openBucket->setEnabled(false);
    head->addWidget(m_openBucket, 0, Qt::AlignTop);
    layout->addLayout(head);

    m_facts = new QLabel(body);
    m_facts->setObjectName(QStringLiteral("clusterFacts"));
    m_facts->setTextFormat(Qt::RichText);
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_facts);

    auto* archivingHead = new QHBoxLayout;
    m_archivingCaption = makeCaption(body);
    archivingHead->addWidget(m_archivingCaption, 1);
    m_lagRange = new QComboBox(body);
    m_lagRange->setObjectName(QStringLiteral("lagRange"));
    for (const qint64 seconds : {qint64(3600), qint64(86'400), qint64(7 * 86'400), qint64(30 * 86'400)})
        m_lagRange->addItem(QString(), seconds);
    m_lagRange->setCurrentIndex(1);
    archivingHead->addWidget(m_lagRange);
    layout->addLayout(archivingHead);
    m_archivingFacts = new QLabel(body);
    m_archivingFacts->setObjectName(QStringLiteral("archivingFacts"));
    m_archivingFacts->setTextFormat(Qt::RichText);
    m_archivingFacts->setWordWrap(true);
    m_archivingFacts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_lagChart = new ArchivingChart(body);
    m_lagChart->setObjectName(QStringLiteral("lagChart"));
    m_lagChart->setMinimumHeight(240);
    // The readings beside their history: one glance, no scrolling.
    auto* archiving = new QHBoxLayout;
    archiving->addWidget(m_archivingFacts, 2, Qt::AlignTop);
    archiving->addWidget(m_lagChart, 3);
    layout->addLayout(archiving);
    m_discrepancyCaption = makeCaption(body);
    m_discrepancies = makeTable(body, QStringLiteral("discrepancyTable"));
    m_conditionCaption = makeCaption(body);
    m_conditions = makeTable(body, QStringLiteral("conditionTable"));
    m_backupCaption = makeCaption(body);
    m_backups = makeTable(body, QStringLiteral("backupResourceTable"));
    m_backups->setMinimumHeight(200);
    m_scheduleCaption = makeCaption(body);
    m_schedules = makeTable(body, QStringLiteral("scheduleTable"));
    for (QWidget* w : std::initializer_list<QWidget*>{m_discrepancyCaption, m_discrepancies, m_conditionCaption, m_conditions,
                                                      m_backupCaption, m_backups, m_scheduleCaption, m_schedules})
        layout->addWidget(w);

    layout->addStretch(1);
    connect(m_lagRange, &QComboBox::currentIndexChanged, this, &ClusterView::lagRangeChanged);

    connect(m_openBucket, &QPushButton::clicked, this, &ClusterView::openBucketRequested);
    retranslateUi();
    showMessage(tr("No cluster selected"), tr("Pick a cluster under KUBERNETES in the sidebar."), false);
}

ClusterView::~ClusterView() = default;

void ClusterView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        refresh();
    }
    QWidget::changeEvent(event);
}

void ClusterView::retranslateUi()
{
    m_openBucket->setText(tr("Open bucket"));
    m_openBucket->setToolTip(tr("Open the cluster's archive in the bucket views, with the credentials of its Secret "
                                "(kept in memory only)"));
    m_discrepancyCaption->setText(tr("Where the cluster and its bucket disagree"));
    m_conditionCaption->setText(tr("Conditions"));
    m_backupCaption->setText(tr("Backup resources"));
    m_scheduleCaption->setText(tr("Scheduled backups"));
    m_archivingCaption->setText(tr("WAL archiving (the instances through pods/proxy, held against the bucket)"));
    const QStringList ranges{tr("Last hour"), tr("Last 24 hours"), tr("Last 7 days"), tr("Last 30 days")};
    for (int i = 0; i < ranges.size(); ++i)
        m_lagRange->setItemText(i, ranges[i]);
    if (m_archivingFacts->text().isEmpty())
        m_archivingFacts->setText(tr("Waiting for the first reading…").toHtmlEscaped());
}

qint64 ClusterView::lagRangeSeconds() const
{
    return m_lagRange->currentData().toLongLong();
}

void ClusterView::setLagHistory(const QList<monitor::LagSample>& samples, qint64 nowUsec)
{
    m_lagChart->setSamples(samples, nowUsec - lagRangeSeconds() * 1'000'000, nowUsec,
                           m_health ? m_health->recentUploadsUsec : QList<qint64>{}, m_health ? m_health->readAtUsec : 0);
}

void ClusterView::setArchivingError(const QString& message)
{
    m_archivingHealth.reset();
    showBadge();
    m_archivingFacts->setText(
        QStringLiteral("<span style='color:%1'>%2</span>").arg(ChartStyle::trouble().name(), message.toHtmlEscaped()));
}

void ClusterView::setArchiving(const monitor::ClusterArchiving& cluster, const std::optional<monitor::ArchiverHealth>& health)
{
    // Everything here comes from pods and the API server: escaped before it meets rich text.
    QList<std::pair<QString, QString>> rows;
    if (health) {
        const monitor::ArchiverFacts& f = health->facts;
        auto at = [this](std::optional<qint64> usec) { return usec ? Format::time(*usec, m_zone) : QStringLiteral("–"); };
        rows.append({tr("Primary"), cluster.primary});
        rows.append({tr("Archived"),
                     tr("%1 (last %2 at %3)").arg(f.archivedCount).arg(orDash(f.lastArchivedWal), at(f.lastArchivedUsec))});
        rows.append(
            {tr("Failed"), tr("%1 (last %2 at %3)").arg(f.failedCount).arg(orDash(f.lastFailedWal), at(f.lastFailedUsec))});
        rows.append({tr("Writing"), tr("%1 (timeline %2)").arg(f.currentWal).arg(f.timeline)});
        rows.append({tr("Waiting to be archived"), f.readyCount ? QString::number(*f.readyCount) : QStringLiteral("–")});
        if (health->segmentsNotInBucket && health->bytesNotInBucket)
            rows.append({tr("Not yet in the bucket"),
                         tr("%1 (%n segment(s) after %2)", nullptr, int(*health->segmentsNotInBucket))
                             .arg(units::bytes(*health->bytesNotInBucket), health->bucket->lastWal)});
    }
    for (const auto& i : cluster.instances)
        if (!i.primary)
            rows.append({i.pod,
                         i.metricsError
                             ? i.metricsError->message
                             : tr("replica; last backup %1")
                                   .arg(i.lastBackupUsec ? Format::time(*i.lastBackupUsec, m_zone) : QStringLiteral("–"))});
    QString html = QStringLiteral("<table cellspacing=4>");
    for (const auto& [k, v] : rows)
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(k.toHtmlEscaped(), v.toHtmlEscaped());
    html += QStringLiteral("</table>");
    if (health) {
        for (const auto& a : health->alerts)
            html += QStringLiteral("<p style='color:%1'><b>%2</b> %3<br><i>%4</i></p>")
                        .arg((a.severity == QLatin1String("critical") ? ChartStyle::trouble() : ChartStyle::warning()).name(),
                             a.name.toHtmlEscaped(), a.message.toHtmlEscaped(), a.hint.toHtmlEscaped());
        if (health->alerts.isEmpty())
            html += QStringLiteral("<p style='color:%1'>%2</p>")
                        .arg(ChartStyle::ok().name(), tr("No archiving alert fires.").toHtmlEscaped());
    }
    for (const QString& w : cluster.warnings)
        html += QStringLiteral("<p><i>%1</i></p>").arg(w.toHtmlEscaped());
    m_archivingFacts->setText(html);
    m_archivingHealth = health;
    showBadge();
}

void ClusterView::setTimeZone(TimeZoneMode zone)
{
    m_zone = zone;
    m_lagChart->setTimeZone(zone);
    refresh();
}

void ClusterView::setLoading(const QString& clusterName)
{
    if (m_health && m_health->bucket.cluster.meta.qualifiedName() == clusterName)
        return; // a live reload: keep the page as it is until the new read lands
    m_health.reset();
    m_archivingHealth.reset();
    m_archivingFacts->setText(tr("Waiting for the first reading…").toHtmlEscaped());
    m_lagChart->setSamples({}, 0, 1);
    showMessage(clusterName, tr("Reading the cluster and its bucket…"), false);
}

void ClusterView::showMessage(const QString& title, const QString& text, bool error)
{
    m_title->setText(title);
    m_subtitle->setText(text);
    m_subtitle->setStyleSheet(error ? QStringLiteral("color: %1;").arg(ChartStyle::trouble().name()) : QString());
    const bool facts = m_health.has_value();
    for (QWidget* w : std::initializer_list<QWidget*>{m_facts, m_discrepancyCaption, m_discrepancies, m_conditionCaption,
                                                      m_conditions, m_backupCaption, m_backups, m_scheduleCaption, m_schedules,
                                                      m_archivingCaption, m_archivingFacts, m_lagRange, m_lagChart})
        w->setVisible(facts);
    m_openBucket->setEnabled(facts);
}

void ClusterView::setHealth(const k8s::ClusterHealth& health)
{
    m_health = health;
    refresh();
}

void ClusterView::showBadge()
{
    if (!m_health)
        return;
    const k8s::CnpgCluster& c = m_health->bucket.cluster;
    QString reason;
    const auto badge = monitor::clusterBadge(c, m_archivingHealth ? &*m_archivingHealth : nullptr, &reason);
    const QColor colour = badge == k8s::CnpgCluster::Health::Healthy ? ChartStyle::ok()
        : badge == k8s::CnpgCluster::Health::Failing                 ? ChartStyle::trouble()
        : badge == k8s::CnpgCluster::Health::Warning                 ? ChartStyle::warning()
                                                                     : ChartStyle::muted();
    showMessage(c.meta.qualifiedName(), reason, false);
    m_subtitle->setStyleSheet(QStringLiteral("color: %1;").arg(colour.name()));
}

void ClusterView::refresh()
{
    if (!m_health)
        return;
    const k8s::ClusterHealth& h = *m_health;
    const k8s::CnpgCluster& c = h.bucket.cluster;
    const k8s::CnpgObjectStore* store = h.bucket.objectStore ? &*h.bucket.objectStore : nullptr;
    const QJsonObject clusterJson = c.toJson(store);
    showBadge();

    auto time = [this](const std::optional<Timestamp>& t) {
        return t ? Format::time(t->usecUtc, m_zone) : QStringLiteral("–");
    };
    auto clusterTime = [&](const char* key) {
        const auto t = Timestamp::parse(clusterJson.value(QLatin1StringView(key)).toString());
        return t ? Format::time(t->usecUtc, m_zone) : QStringLiteral("–");
    };
    const QString verdict = h.recoverable() ? tr("recoverable") : tr("not recoverable");
    QList<std::pair<QString, QString>> rows{
        {tr("Instances"), QStringLiteral("%1/%2").arg(c.readyInstances.value_or(0)).arg(c.instances.value_or(0))},
        {tr("Primary"), orDash(c.currentPrimary)},
        {tr("Backup method"), orDash(c.methodName())},
        {tr("Bucket"), tr("%1 (server %2)").arg(h.facts.source, h.facts.server)},
        {tr("Verdict (bucket)"), verdict},
        {tr("First recoverability point"),
         tr("cluster says %1; bucket says %2")
             .arg(clusterTime("first_recoverability_point"), time(h.facts.firstRecoverabilityPoint))},
        {tr("Restorable until"), time(h.facts.restorableUntil)},
        {tr("Last backup"),
         tr("cluster says %1; bucket's newest is %2").arg(clusterTime("last_successful_backup"), orDash(h.facts.lastBackupId))},
    };
    QString html = QStringLiteral("<table cellspacing=4>");
    for (const auto& [k, v] : rows)
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(k.toHtmlEscaped(), v.toHtmlEscaped());
    html += QStringLiteral("</table>");
    for (const QString& note : h.bucket.notes)
        html += QStringLiteral("<p><i>%1</i></p>").arg(note.toHtmlEscaped());
    m_facts->setText(html);

    QList<QStringList> discrepancies;
    for (const k8s::Discrepancy& d : h.discrepancies)
        discrepancies.append({d.kind, d.message});
    if (discrepancies.isEmpty())
        discrepancies.append({QStringLiteral("–"), tr("The cluster and its bucket agree.")});
    fill(m_discrepancies, {tr("Kind"), tr("What")}, discrepancies);

    QList<QStringList> conditions;
    for (const k8s::ClusterCondition& cond : c.conditions)
        conditions.append({cond.type, cond.status, cond.reason, cond.message});
    fill(m_conditions, {tr("Type"), tr("Status"), tr("Reason"), tr("Message")}, conditions);

    QList<QStringList> backups;
    for (const k8s::CnpgBackup& b : h.backups)
        backups.append({b.meta.name, b.phase, b.method, orDash(b.backupId), time(b.startedAt), time(b.stoppedAt), b.error});
    fill(m_backups, {tr("Name"), tr("Phase"), tr("Method"), tr("Backup id"), tr("Started"), tr("Stopped"), tr("Error")},
         backups);

    QList<QStringList> schedules;
    for (const k8s::CnpgScheduledBackup& s : h.schedules) {
        const auto next = s.nextRun(h.readAtUsec);
        schedules.append({s.meta.name, s.scheduleText,
                          s.schedule ? (next ? Format::time(next->usecUtc, m_zone) : QStringLiteral("–"))
                                     : tr("unreadable: %1").arg(s.scheduleError),
                          s.suspend ? tr("suspended") : QString(), time(s.lastScheduleTime)});
    }
    fill(m_schedules, {tr("Name"), tr("Schedule"), tr("Next run"), tr("Suspended"), tr("Last run")}, schedules);
}

} // namespace tideline::gui
