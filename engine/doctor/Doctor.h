// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/Clock.h"
#include "engine/core/JobContext.h"
#include "engine/doctor/DoctorReport.h"
#include "engine/k8s/ClusterHealth.h"
#include "engine/storage/StoreFactory.h"

#include <functional>
#include <optional>

namespace tideline::doctor {

/// What the doctor looks at.
struct DoctorOptions {
    storage::SourceUrl source;
    /// The server to judge; empty: every server under the destination path.
    QString server;
    /// The endpoint as configured (--endpoint-url, the cluster's endpointURL): R2 is recognised by it.
    QString endpoint;
    /// A cnpg:// source's Kubernetes side (readClusterResources()): its conditions, environment,
    /// archive_timeout, retention policy and Backup resources join the checks.
    std::optional<k8s::ClusterHealth> cluster;
    /// The retention policy in force when no cluster says it (--policy); empty: unknown.
    QString retentionPolicy;
    /// Whether the permission and clock checks may write (then delete) one small probe object,
    /// `tideline-doctor-probe-<uuid>` in the server's directory (outside base/ and wals/, so
    /// barman never reads it). False: those checks are skipped.
    bool writeProbe = true;
};

/// Runs the runbook's troubleshooting list against a destination and, when given, its cluster:
/// the bucket answers at all (credentials, bucket, clock skew), holds a barman layout and the
/// server, lets these credentials list, get, put and delete; the store's clock against this
/// machine's; R2's checksum requirement (boto3 ≥ 1.36) against the cluster's environment;
/// encryption at rest and replication where the store answers; dev- and prod-looking servers in
/// one bucket; then per server: recoverability, archiving silent for longer than archive_timeout
/// (the cluster's, else CNPG's 5 min; ContinuousArchiving False fails), base backups without a
/// WAL archive, backups stuck without backup.info, mixed system ids, a retention policy that has
/// deleted nothing it made obsolete a day ago, backups whose Backup resource is gone, and the last
/// passing drill (older than 30 days warns). A check that cannot run says so (Skipped, with why).
///
/// `onCheck` (any thread: the caller's) sees each check as it is judged, in report order.
/// Progress goes to `context` ("checking …", done/total checks).
/// `clock` is the instant ages are judged at; the clock check always uses the machine's real one.
/// Errors: Cancelled only; every other failure is a check's verdict.
/// Thread: any but the GUI thread (it blocks on the store).
Result<DoctorReport> runDoctor(storage::ObjectStore& store, const DoctorOptions& options, JobContext& context,
                               const std::function<void(const DoctorCheck&)>& onCheck = {},
                               const Clock& clock = Clock::system());

/// PostgreSQL's archive_timeout setting in seconds: "5min", "300", "300s", "1h", "2d", "500ms"
/// (rounded up to a second); nullopt for what PostgreSQL would refuse. Pure; any thread.
std::optional<qint64> parseArchiveTimeout(const QString& text);

} // namespace tideline::doctor
