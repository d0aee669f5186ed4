// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/models/BucketTreeModel.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QLocale>

#include <algorithm>
#include <functional>

namespace tideline::gui {

using catalog::BackupEntry;

struct BucketTreeModel::Node {
    Kind kind = Kind::Other;
    QString name;
    qint64 bytes = -1; ///< -1: no size column
    qint64 objects = -1;
    qint64 modifiedUsec = 0;
    QString note;
    QString key;
    bool trouble = false;  ///< shown in red
    bool harmless = false; ///< a harmless gap: greyed
    Node* parent = nullptr;
    int row = 0;
    std::vector<std::unique_ptr<Node>> children;
    std::function<void(Node*)> fill; ///< makes the children when first expanded; empty once made
    /// Whether a row `fill` would make shows this text (case-insensitive); empty: it may.
    std::function<bool(const QString&)> mayShow;

    Node* add(Kind k, QString text)
    {
        auto n = std::make_unique<Node>();
        n->kind = k;
        n->name = std::move(text);
        n->parent = this;
        n->row = static_cast<int>(children.size());
        children.push_back(std::move(n));
        return children.back().get();
    }
};

namespace {
using Node = BucketTreeModel::Node;
using Kind = BucketTreeModel::Kind;

QString relativeTo(const QString& key, const QString& prefix)
{
    return key.startsWith(prefix) ? key.mid(prefix.size()) : key;
}

void addBackups(Node* server, const catalog::ServerCatalog& c)
{
    Node* group = server->add(Kind::BaseGroup, QString());
    group->objects = 0;
    group->bytes = 0;
    for (const BackupEntry& b : c.backups) {
        Node* n = group->add(Kind::Backup, b.id);
        n->bytes = b.bytes;
        n->objects = b.objects;
        n->modifiedUsec = b.lastUploadUsec;
        QString note = b.statusText();
        if (b.info && !b.info->backupName.isEmpty())
            note += QStringLiteral(" · %1").arg(b.info->backupName);
        if (b.state == BackupEntry::State::Done && !b.restorable)
            //: %1 is the short answer, e.g. "no: 3 WAL missing from 000000010000000000000004".
            note += QStringLiteral(" · %1").arg(BucketTreeModel::tr("restorable: %1").arg(b.restorableSummary()));
        n->note = note;
        n->trouble = b.state != BackupEntry::State::Done || !b.restorable;
        const QString prefix = c.source.key(QStringLiteral("%1/base/%2/").arg(c.server, b.id));
        for (const auto& o : b.objectList) {
            Node* obj = n->add(Kind::Object, relativeTo(o.key, prefix));
            obj->bytes = o.size;
            obj->modifiedUsec = o.lastModifiedUsec;
            obj->key = o.key;
        }
        group->objects += b.objects;
        group->bytes += b.bytes;
    }
    group->name = BucketTreeModel::tr("Base backups (%1)").arg(QLocale().toString(c.backups.size()));
}

void addWalObject(Node* parent, const catalog::WalArchive& a, const catalog::WalObject& o, Kind kind, QString note = {})
{
    Node* n = parent->add(kind, a.keyOf(o).section(QLatin1Char('/'), -1));
    n->bytes = o.size;
    n->modifiedUsec = o.uploadedUsec;
    n->key = a.keyOf(o);
    n->note = std::move(note);
}

QString gapName(const catalog::TimelineWal& t, const catalog::WalGap& g, quint64 segmentSize)
{
    const QString first = wal::segmentName(t.timeline, g.firstMissing, segmentSize);
    return g.count() == 1 ? first
                          : QStringLiteral("%1 … %2").arg(first, wal::segmentName(t.timeline, g.lastMissing, segmentSize));
}

QString gapNote(const catalog::WalGap& g)
{
    return g.harmless ? BucketTreeModel::tr("missing, harmless: older than every backup that needs it")
                      : BucketTreeModel::tr("MISSING: replay through here is impossible");
}

// One hash directory's segments [first, last) with the gaps [gapFirst, gapLast) that lie before
// them, each where it lies, so that a hole is seen in context.
void addSegments(Node* dir, const SnapshotPtr& s, qsizetype tli, qsizetype first, qsizetype last, qsizetype gapFirst,
                 qsizetype gapLast)
{
    const auto& a = s->catalog.wals;
    const auto& t = a.timelines()[tli];
    const quint64 size = a.segmentSize();
    qsizetype gi = gapFirst;
    for (qsizetype i = first; i < last; ++i) {
        const auto& seg = t.segments[i];
        while (gi < gapLast && t.gaps[gi].firstMissing < seg.segno) {
            const auto& g = t.gaps[gi++];
            Node* gn = dir->add(Kind::Gap, gapName(t, g, size));
            gn->objects = static_cast<qint64>(g.count());
            gn->harmless = g.harmless;
            gn->trouble = !g.harmless;
            gn->note = gapNote(g);
        }
        addWalObject(dir, a, seg, Kind::Segment);
    }
}

// A timeline's hash directories, each filled when expanded; then its partials and backup labels.
void addDirectories(Node* tn, const SnapshotPtr& s, qsizetype tli)
{
    const auto& a = s->catalog.wals;
    const auto& t = a.timelines()[tli];
    qsizetype gi = 0;
    for (qsizetype i = 0; i < t.segments.size();) {
        const quint32 logId = t.segments[i].name.logId;
        qsizetype j = i;
        qint64 bytes = 0;
        while (j < t.segments.size() && t.segments[j].name.logId == logId)
            bytes += t.segments[j++].size;
        qsizetype gapEnd = gi;
        int realGaps = 0;
        while (gapEnd < t.gaps.size() && t.gaps[gapEnd].firstMissing < t.segments[j - 1].segno)
            realGaps += t.gaps[gapEnd++].harmless ? 0 : 1;
        Node* dir = tn->add(Kind::Directory, t.segments[i].name.hashDir() + u'/');
        dir->objects = j - i;
        dir->bytes = bytes;
        dir->modifiedUsec = t.segments[j - 1].uploadedUsec;
        dir->trouble = realGaps > 0;
        if (gapEnd > gi)
            dir->note =
                BucketTreeModel::tr("%n gap(s), %1 harmless", nullptr, static_cast<int>(gapEnd - gi)).arg(gapEnd - gi - realGaps);
        dir->fill = [s, tli, i, j, gi, gapEnd](Node* into) { addSegments(into, s, tli, i, j, gi, gapEnd); };
        // Without making rows: names as the rows spell them, and the gaps' words.
        dir->mayShow = [s, tli, i, j, gi, gapEnd](const QString& text) {
            const auto& tw = s->catalog.wals.timelines()[tli];
            for (qsizetype k = i; k < j; ++k) {
                const QString key = s->catalog.wals.keyOf(tw.segments[k]);
                if (QStringView(key).mid(key.lastIndexOf(u'/') + 1).contains(text, Qt::CaseInsensitive))
                    return true;
            }
            for (qsizetype g = gi; g < gapEnd; ++g)
                if (gapName(tw, tw.gaps[g], s->catalog.wals.segmentSize()).contains(text, Qt::CaseInsensitive)
                    || gapNote(tw.gaps[g]).contains(text, Qt::CaseInsensitive))
                    return true;
            return false;
        };
        i = j;
        gi = gapEnd;
    }
    for (const auto& p : t.partials)
        addWalObject(tn, a, p, Kind::Segment, BucketTreeModel::tr("partial: the last segment of a promoted standby"));
    for (const auto& l : t.backupLabels)
        addWalObject(tn, a, l, Kind::Segment, BucketTreeModel::tr("backup label"));
}

void addWals(Node* server, const SnapshotPtr& s)
{
    const auto& a = s->catalog.wals;
    Node* group = server->add(Kind::WalGroup, BucketTreeModel::tr("WAL archive"));
    group->bytes = 0;
    group->objects = 0;
    for (qsizetype ti = 0; ti < a.timelines().size(); ++ti) {
        const auto& t = a.timelines()[ti];
        Node* tn = group->add(Kind::Timeline, BucketTreeModel::tr("Timeline %1").arg(t.timeline));
        tn->bytes = t.bytes;
        tn->objects = t.segments.size() + t.partials.size() + t.backupLabels.size();
        QStringList note;
        if (!t.segments.isEmpty())
            note << QStringLiteral("%1 … %2").arg(t.segments.first().name.baseName(), t.segments.last().name.baseName());
        int realGaps = 0;
        for (const auto& g : t.gaps)
            realGaps += g.harmless ? 0 : 1;
        if (!t.gaps.isEmpty())
            note << BucketTreeModel::tr("%n gap(s), %1 harmless", nullptr, static_cast<int>(t.gaps.size()))
                        .arg(t.gaps.size() - realGaps);
        if (const auto parent = a.graph().parent(t.timeline))
            note << BucketTreeModel::tr("branched from TL %1").arg(*parent);
        tn->note = note.join(QStringLiteral(" · "));
        tn->trouble = realGaps > 0;
        if (!t.segments.isEmpty())
            tn->modifiedUsec = t.segments.last().uploadedUsec;
        tn->fill = [s, ti](Node* into) { addDirectories(into, s, ti); };
        group->bytes += t.bytes;
        group->objects += tn->objects;
    }
    if (!a.historyFiles().isEmpty()) {
        Node* h = group->add(Kind::HistoryGroup, BucketTreeModel::tr("History files"));
        h->objects = a.historyFiles().size();
        h->bytes = 0;
        for (const auto& o : a.historyFiles()) {
            addWalObject(h, a, o, Kind::Object);
            h->bytes += o.size;
        }
        group->bytes += h->bytes;
        group->objects += h->objects;
    }
}
} // namespace

BucketTreeModel::BucketTreeModel(QObject* parent) : QAbstractItemModel(parent), m_root(std::make_unique<Node>())
{}

BucketTreeModel::~BucketTreeModel() = default;

std::unique_ptr<BucketTreeModel::Node> BucketTreeModel::build() const
{
    auto root = std::make_unique<Node>();
    for (const SnapshotPtr& s : m_snapshots) {
        const auto& c = s->catalog;
        Node* server = root->add(Kind::Server, c.server);
        server->bytes = s->usage.base.bytes + s->usage.wals.bytes;
        server->objects = s->usage.base.objects + s->usage.wals.objects;
        server->note = c.source.toString();
        addBackups(server, c);
        addWals(server, s);
    }
    return root;
}

void BucketTreeModel::setSnapshots(const QList<SnapshotPtr>& snapshots)
{
    beginResetModel();
    m_snapshots = snapshots;
    m_root = build();
    endResetModel();
}

void BucketTreeModel::retranslate()
{
    // The same snapshots give the same rows, so only the words change: copying them over keeps
    // every index (and with it the tree's expansion and selection).
    const std::unique_ptr<Node> fresh = build();
    copyTexts(m_root.get(), fresh.get());
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

void BucketTreeModel::copyTexts(Node* into, Node* from)
{
    // Rows made on expansion in the shown tree are made in the fresh one too, in its words.
    if (from->fill && !into->children.empty())
        std::exchange(from->fill, {})(from);
    const size_t n = std::min(into->children.size(), from->children.size());
    for (size_t i = 0; i < n; ++i) {
        Node* to = into->children[i].get();
        to->name = from->children[i]->name;
        to->note = from->children[i]->note;
        copyTexts(to, from->children[i].get());
    }
    if (n > 0) {
        const QModelIndex parent = into == m_root.get() ? QModelIndex() : createIndex(into->row, 0, into);
        emit dataChanged(index(0, 0, parent), index(static_cast<int>(n) - 1, ColumnCount - 1, parent));
    }
}

void BucketTreeModel::setTimeZone(TimeZoneMode zone)
{
    m_zone = zone;
    headerDataChanged(Qt::Horizontal, Modified, Modified);
    // Whole-tree refresh of one column: cheaper than walking every index for dataChanged.
    beginResetModel();
    endResetModel();
}

BucketTreeModel::Node* BucketTreeModel::nodeOf(const QModelIndex& index) const
{
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : m_root.get();
}

QModelIndex BucketTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    const Node* p = nodeOf(parent);
    if (row < 0 || column < 0 || column >= ColumnCount || row >= static_cast<int>(p->children.size()))
        return {};
    return createIndex(row, column, p->children[static_cast<size_t>(row)].get());
}

QModelIndex BucketTreeModel::parent(const QModelIndex& child) const
{
    const Node* n = nodeOf(child);
    if (!child.isValid() || !n->parent || n->parent == m_root.get())
        return {};
    return createIndex(n->parent->row, 0, n->parent);
}

int BucketTreeModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return static_cast<int>(nodeOf(parent)->children.size());
}

bool BucketTreeModel::hasChildren(const QModelIndex& parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return false;
    const Node* n = nodeOf(parent);
    return !n->children.empty() || n->fill;
}

bool BucketTreeModel::canFetchMore(const QModelIndex& parent) const
{
    return (!parent.isValid() || parent.column() == 0) && nodeOf(parent)->fill;
}

void BucketTreeModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    Node* n = nodeOf(parent);
    Node made;
    std::exchange(n->fill, {})(&made);
    if (made.children.empty())
        return;
    beginInsertRows(parent, 0, static_cast<int>(made.children.size()) - 1);
    for (auto& child : made.children) {
        child->parent = n;
        n->children.push_back(std::move(child));
    }
    endInsertRows();
}

void BucketTreeModel::fetchMatching(const QString& text)
{
    fetchMatching(m_root.get(), text);
}

void BucketTreeModel::fetchMatching(Node* node, const QString& text)
{
    if (node->fill && (!node->mayShow || node->mayShow(text)))
        fetchMore(node == m_root.get() ? QModelIndex() : createIndex(node->row, 0, node));
    for (const auto& child : node->children)
        fetchMatching(child.get(), text);
}

int BucketTreeModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QVariant BucketTreeModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const Node* n = nodeOf(index);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name: return n->name;
        case Size: return n->bytes >= 0 && n->kind != Kind::Gap ? Format::bytes(n->bytes) : QString();
        case Objects:
            if (n->kind == Kind::Gap)
                return tr("%1 missing").arg(QLocale().toString(n->objects));
            return n->objects >= 0 ? QLocale().toString(n->objects) : QString();
        case Modified: return n->modifiedUsec ? Format::timeShort(n->modifiedUsec, m_zone) : QString();
        case Note: return n->note;
        default: return {};
        }
    case SortRole:
        switch (index.column()) {
        case Size: return n->bytes;
        case Objects: return n->objects;
        case Modified: return n->modifiedUsec;
        default: return n->name;
        }
    case KindRole: return static_cast<int>(n->kind);
    case HarmlessRole: return n->harmless;
    case KeyRole: return n->key;
    case Qt::ToolTipRole: return n->key.isEmpty() ? n->note : n->key;
    case Qt::TextAlignmentRole:
        if (index.column() == Size || index.column() == Objects)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ForegroundRole:
        if (n->kind == Kind::Gap && n->harmless)
            return QBrush(QColor(0x90, 0x90, 0x90));
        if (n->trouble)
            return QBrush(QColor(0xd0, 0x30, 0x30));
        return {};
    case Qt::FontRole:
        if (n->kind == Kind::Server || n->kind == Kind::Gap) {
            QFont f;
            f.setBold(n->kind == Kind::Server || !n->harmless);
            f.setItalic(n->kind == Kind::Gap && n->harmless);
            return f;
        }
        return {};
    default: return {};
    }
}

QVariant BucketTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Name");
    case Size: return tr("Size");
    case Objects: return tr("Objects");
    case Modified: return tr("Uploaded (%1)").arg(Format::zoneName(m_zone));
    case Note: return tr("Notes");
    default: return {};
    }
}

} // namespace tideline::gui
