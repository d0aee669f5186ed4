// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/storage/ObjectStore.h"

#include <atomic>
#include <functional>
#include <memory>

namespace tideline::gui {

/// An ObjectStore that refuses to be called from the GUI thread. Every store call blocks on the
/// network, so one made there would freeze the window; this decorator makes such a call loud
/// (qFatal in debug builds, a warning otherwise) instead of an occasional stutter.
/// Thread: any, like the store it wraps.
class GuardedStore final : public storage::ObjectStore {
public:
    explicit GuardedStore(std::unique_ptr<storage::ObjectStore> inner);
    ~GuardedStore() override;

    /// What a violation does, replaceable for tests. The default aborts in debug builds.
    using ViolationHandler = std::function<void(const char* call)>;
    static void setViolationHandler(ViolationHandler handler);
    /// Calls made on the GUI thread since start (all stores).
    static int violations();

    QString describe() const override;
    int usefulConcurrentReads() const override { return m_inner->usefulConcurrentReads(); }
    Result<storage::Listing> list(const QString& prefix, const QString& delimiter, const CancelToken& cancel) override;
    int listingPageSize() const override { return m_inner->listingPageSize(); }
    Result<int> listRangePages(const QString& prefix, const QString& startAfter, const QString& upTo,
                               const CancelToken& cancel, const storage::PageSink& sink) override;
    Result<storage::ObjectInfo> read(const QString& key, const storage::ChunkSink& sink, const CancelToken& cancel,
                                     storage::ByteRange range = {}) override;
    Result<storage::ObjectInfo> head(const QString& key, const CancelToken& cancel) override;
    Result<void> put(const QString& key, const QByteArray& data, const CancelToken& cancel) override;
    storage::DeleteReport deleteObjects(const QStringList& keys, const CancelToken& cancel) override;

private:
    static void check(const char* call);

    std::unique_ptr<storage::ObjectStore> m_inner;
};

} // namespace tideline::gui
