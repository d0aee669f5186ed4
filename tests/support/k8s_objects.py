#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Generates the Kubernetes objects k8s_api.py serves, from the fixture bucket description: the
CloudNativePG 1.30 and plugin-barman-cloud 0.14 resources a cluster backing up into the fixture
buckets would hold, shaped as the operator writes them (camelCase, RFC3339 times, managedFields,
fields this client does not know, deprecated fields).

    k8s_objects.py --env build/fixtures/env.json --out objects.json
                   [--scale-namespaces N --scale-clusters M --scale-backups K]

Writes a JSON list (one object per line) and prints a summary (names, ids) as JSON on stdout.
Objects carry no uid/resourceVersion: the server fills them in; uids come from
k8s_api.stable_uid(), which this script also uses for ownerReferences and
pluginMetadata.clusterUID, so the references agree with what the server serves.

From the "main" scenario (server pg-main at the main url) and the scenario of pg-plain at the
same url ("plain"; main's backups are reused when there is none):
  Namespace   db, other
  Secret      db/r2-creds (Opaque; ACCESS_KEY_ID, ACCESS_SECRET_KEY = env access_key/secret_key)
  Cluster     db/pg-main        in-tree spec.backup.barmanObjectStore (deprecated form), 3 instances;
                                status with firstRecoverabilityPoint (END of the oldest done backup),
                                lastSuccessfulBackup (end of the newest Backup resource),
                                lastFailedBackup, ContinuousArchiving/LastBackupSucceeded/Ready
              db/pg-plain       plugin form (barman-cloud.cloudnative-pg.io, ObjectStore plain-store),
                                1 instance; no recoverability fields in status
              other/no-backup   no backup section, no plugins
  ObjectStore db/plain-store    (barmancloud.cnpg.io/v1) status.serverRecoveryWindow["pg-plain"]
  Backup      db/pg-main-daily-<backup id as YYYYMMDDhhmmss> for every done backup of pg-main but the
              newest (that one is in the bucket without a resource); db/pg-main-daily-20200101000000
              a completed GHOST (backupId 20200101T000000, not in the bucket);
              db/pg-main-daily-20261203063000 failed ("exit status 4", no backupId);
              db/pg-plain-<id> a plugin Backup of pg-plain's newest bucket backup
  ScheduledBackup db/pg-main-daily ("0 0 0 * * *", self-owned backups, immediate),
              db/pg-plain-weekly ("0 30 2 * * 1", plugin, suspended),
              db/pg-main-hourly-5field ("0 0 * * *": robfig reads it seconds-first, i.e. hourly)

With --scale-*: namespaces scale-000.., clusters pg-0000.. spread round-robin over them (even: in-tree,
odd: plugin with an ObjectStore <cluster>-store), one ScheduledBackup <cluster>-daily each, and K
Backups <cluster>-daily-<time> spread round-robin over the clusters, one day apart (every 97th
failed), about 2.5 KB each. Bucket paths s3://tideline-scale/<namespace>, serverName = cluster.
"""

import argparse
import base64
import hashlib
import json
import os
import sys
from datetime import datetime, timedelta, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from k8s_api import stable_uid  # noqa: E402

CNPG = "postgresql.cnpg.io/v1"
BARMAN = "barmancloud.cnpg.io/v1"
PLUGIN = "barman-cloud.cloudnative-pg.io"
PLUGIN_VERSION = "0.14.0"
SECRET = "r2-creds"


def parse_time(text):
    """'2026-12-03 06:30:20.410203+00:00' (barman backup.info) -> aware datetime."""
    return datetime.fromisoformat(text).astimezone(timezone.utc)


def rfc(dt):
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def compact(dt):
    return dt.astimezone(timezone.utc).strftime("%Y%m%d%H%M%S")


def barman_id(dt):
    return dt.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%S")


def hexdigest(*parts, n=64):
    return hashlib.sha256("/".join(parts).encode()).hexdigest()[:n]


def fields_of(value):
    """managedFields' FieldsV1 for a value: every map key as "f:key"."""
    if not isinstance(value, dict):
        return {}
    out = {".": {}}
    for k, v in value.items():
        out[f"f:{k}"] = fields_of(v)
    return out


def managed(created, spec_fields, status, metadata_fields=None, stopped=None, manager="manager"):
    top = {}
    if metadata_fields:
        top["f:metadata"] = metadata_fields
    if spec_fields is not None:
        top["f:spec"] = fields_of(spec_fields)
    entries = [{"apiVersion": CNPG, "fieldsType": "FieldsV1", "fieldsV1": top, "manager": manager,
                "operation": "Update", "time": created}]
    if status:
        entries.append({"apiVersion": CNPG, "fieldsType": "FieldsV1", "fieldsV1": {"f:status": fields_of(status)},
                        "manager": "manager", "operation": "Update", "subresource": "status",
                        "time": stopped or created})
    return entries


def s3_credentials():
    return {"accessKeyId": {"key": "ACCESS_KEY_ID", "name": SECRET},
            "secretAccessKey": {"key": "ACCESS_SECRET_KEY", "name": SECRET}}


# ---------------------------------------------------------------------------------------------

def namespace(name, created):
    return {"apiVersion": "v1", "kind": "Namespace",
            "metadata": {"name": name, "creationTimestamp": created,
                         "labels": {"kubernetes.io/metadata.name": name}},
            "spec": {"finalizers": ["kubernetes"]}, "status": {"phase": "Active"}}


def secret(ns, env, created):
    enc = lambda s: base64.b64encode(s.encode()).decode()  # noqa: E731
    return {"apiVersion": "v1", "kind": "Secret",
            "metadata": {"name": SECRET, "namespace": ns, "creationTimestamp": created,
                         "managedFields": [{"apiVersion": "v1", "fieldsType": "FieldsV1",
                                            "fieldsV1": {"f:data": {".": {}, "f:ACCESS_KEY_ID": {},
                                                                    "f:ACCESS_SECRET_KEY": {}},
                                                         "f:type": {}},
                                            "manager": "kubectl-create", "operation": "Update",
                                            "time": created}]},
            "data": {"ACCESS_KEY_ID": enc(env["access_key"]), "ACCESS_SECRET_KEY": enc(env["secret_key"])},
            "type": "Opaque"}


def conditions(at, archiving=True, backup_ok=True):
    out = []
    if archiving:
        out.append({"lastTransitionTime": at, "message": "Continuous archiving is working",
                    "reason": "ContinuousArchivingSuccess", "status": "True", "type": "ContinuousArchiving"})
    if backup_ok is not None:
        out.append({"lastTransitionTime": at, "message": "Backup was successful", "reason": "LastBackupSucceeded",
                    "status": "True", "type": "LastBackupSucceeded"})
    out.append({"lastTransitionTime": at, "message": "Cluster is Ready", "reason": "ClusterIsReady",
                "status": "True", "type": "Ready"})
    return out


def cluster(ns, name, created, *, instances, pg_version, system_id, timeline, mode, store=None,
            dest=None, endpoint=None, server_name=None, wal_compression="gzip", data_compression="gzip",
            window=None, last_failed=None, ready_at=None, future=False, conds=None):
    """mode: "intree" (spec.backup.barmanObjectStore), "plugin" (spec.plugins) or "none"."""
    major, minor = pg_version // 10000, pg_version % 100
    image = f"ghcr.io/cloudnative-pg/postgresql:{major}.{minor}-standard-trixie"
    pods = [f"{name}-{i}" for i in range(1, instances + 1)]
    spec = {
        "affinity": {"podAntiAffinityType": "preferred"},
        "bootstrap": {"initdb": {"database": "app", "encoding": "UTF8", "localeCType": "C",
                                 "localeCollate": "C", "owner": "app"}},
        "enablePDB": True,
        "enableSuperuserAccess": False,
        "failoverDelay": 0,
        "imageName": image,
        "instances": instances,
        "logLevel": "info",
        "maxSyncReplicas": 0,
        "minSyncReplicas": 0,
        # enablePodMonitor: deprecated since 1.26 (use a PodMonitor), still written by old manifests.
        "monitoring": {"customQueriesConfigMap": [{"key": "queries", "name": "cnpg-default-monitoring"}],
                       "disableDefaultQueries": False, "enablePodMonitor": False},
        "postgresGID": 26,
        "postgresUID": 26,
        "postgresql": {"parameters": {"archive_mode": "on", "archive_timeout": "5min",
                                      "dynamic_shared_memory_type": "posix", "full_page_writes": "on",
                                      "log_destination": "csvlog", "max_wal_size": "1GB",
                                      "shared_buffers": "256MB", "wal_keep_size": "512MB",
                                      "wal_level": "logical", "wal_receiver_timeout": "5s",
                                      "wal_sender_timeout": "5s"},
                       "syncReplicaElectionConstraint": {"enabled": False}},
        "primaryUpdateMethod": "restart",
        "primaryUpdateStrategy": "unsupervised",
        "probes": {"liveness": {"isolationCheck": {"connectionTimeout": 1000, "enabled": True,
                                                   "requestTimeout": 1000}}},
        "replicationSlots": {"highAvailability": {"enabled": True, "slotPrefix": "_cnpg_"},
                             "synchronizeReplicas": {"enabled": True}, "updateInterval": 30},
        "resources": {},
        "smartShutdownTimeout": 180,
        "startDelay": 3600,
        "stopDelay": 1800,
        "storage": {"resizeInUseVolumes": True, "size": "10Gi"},
        "switchoverDelay": 3600,
    }
    if mode == "intree":
        bos = {"destinationPath": dest, "endpointURL": endpoint, "serverName": server_name,
               "s3Credentials": s3_credentials(), "wal": {"maxParallel": 8}, "data": {"jobs": 2}}
        if wal_compression:
            bos["wal"]["compression"] = wal_compression
        if data_compression:
            bos["data"]["compression"] = data_compression
        spec["backup"] = {"barmanObjectStore": bos, "retentionPolicy": "30d", "target": "prefer-standby"}
    elif mode == "plugin":
        spec["plugins"] = [{"enabled": True, "isWALArchiver": True, "name": PLUGIN,
                            "parameters": {"barmanObjectName": store, "serverName": server_name}}]
    if future:
        spec["someFutureField"] = {"enabled": True, "mode": "experimental"}
    at = ready_at or created
    status = {
        "availableArchitectures": [{"goArch": "amd64", "hash": hexdigest("arch", "amd64")},
                                   {"goArch": "arm64", "hash": hexdigest("arch", "arm64")}],
        "certificates": {"clientCASecret": f"{name}-ca",
                         "expirations": {f"{name}-ca": "2027-03-03 06:24:11 +0000 UTC",
                                         f"{name}-replication": "2027-03-03 06:24:11 +0000 UTC",
                                         f"{name}-server": "2027-03-03 06:24:11 +0000 UTC"},
                         "replicationTLSSecret": f"{name}-replication",
                         "serverAltDNSNames": [f"{name}-rw", f"{name}-rw.{ns}", f"{name}-rw.{ns}.svc",
                                               f"{name}-r", f"{name}-r.{ns}", f"{name}-ro", f"{name}-ro.{ns}"],
                         "serverCASecret": f"{name}-ca", "serverTLSSecret": f"{name}-server"},
        "cloudNativePGCommitHash": "5b6f1e2a",
        "cloudNativePGOperatorHash": hexdigest("operator", "1.30.0"),
        "conditions": conds if conds is not None else conditions(at, archiving=mode != "none",
                                                                  backup_ok=True if mode != "none" else None),
        "configMapResourceVersion": {"metrics": {"cnpg-default-monitoring": "1187"}},
        "currentPrimary": pods[0],
        "currentPrimaryTimestamp": at[:-1] + ".000000Z",  # CNPG writes microseconds here
        "healthyPVC": pods,
        "image": image,
        "instanceNames": pods,
        "instances": instances,
        "instancesReportedState": {p: {"ip": f"10.244.0.{11 + i}", "isPrimary": i == 0, "timeLineID": timeline}
                                   for i, p in enumerate(pods)},
        "instancesStatus": {"healthy": pods},
        "latestGeneratedNode": instances,
        "managedRolesStatus": {},
        "phase": "Cluster in healthy state",
        "poolerIntegrations": {"pgBouncerIntegration": {}},
        "pvcCount": instances,
        "readService": f"{name}-r",
        "readyInstances": instances,
        "secretsResourceVersion": {"applicationSecretVersion": "1190", "clientCaSecretVersion": "1188",
                                   "replicationSecretVersion": "1189", "serverCaSecretVersion": "1188",
                                   "serverSecretVersion": "1189"},
        "switchReplicaClusterStatus": {},
        "systemID": system_id,
        "targetPrimary": pods[0],
        "targetPrimaryTimestamp": at[:-1] + ".000000Z",
        "timelineID": timeline,
        "topology": {"instances": {p: {} for p in pods}, "nodesUsed": 1, "successfullyExtracted": True},
        "writeService": f"{name}-rw",
    }
    if mode == "intree" and window:
        first, last_ok = window
        status["firstRecoverabilityPoint"] = first
        status["firstRecoverabilityPointByMethod"] = {"barmanObjectStore": first}
        status["lastSuccessfulBackup"] = last_ok
        status["lastSuccessfulBackupByMethod"] = {"barmanObjectStore": last_ok}
        if last_failed:
            status["lastFailedBackup"] = last_failed
    if mode == "plugin":
        status["pluginStatus"] = [{
            "backupCapabilities": ["TYPE_BACKUP"],
            "capabilities": ["TYPE_RECONCILER_HOOKS", "TYPE_LIFECYCLE_SERVICE", "TYPE_WAL_SERVICE",
                             "TYPE_BACKUP_SERVICE", "TYPE_RESTORE_JOB", "TYPE_METRICS"],
            "name": PLUGIN, "operatorCapabilities": ["TYPE_RECONCILER_HOOKS", "TYPE_LIFECYCLE_SERVICE"],
            "restoreJobHookCapabilities": ["KIND_RESTORE_JOB_HOOK"], "status": "",
            "version": PLUGIN_VERSION, "walCapabilities": ["TYPE_ARCHIVE_WAL", "TYPE_RESTORE_WAL"]}]
    if future:
        status["someFutureStatus"] = {"note": "a field a later CloudNativePG might add", "level": 2}
    md = {"name": name, "namespace": ns, "creationTimestamp": created,
          "annotations": {"kubectl.kubernetes.io/last-applied-configuration": json.dumps(
              {"apiVersion": CNPG, "kind": "Cluster", "metadata": {"name": name, "namespace": ns},
               "spec": {k: spec[k] for k in ("instances", "storage") if k in spec}}, separators=(",", ":")) + "\n"},
          "managedFields": managed(created, spec, None, manager="kubectl-client-side-apply")
          + [{"apiVersion": CNPG, "fieldsType": "FieldsV1", "fieldsV1": {"f:status": fields_of(status)},
              "manager": "manager", "operation": "Update", "subresource": "status", "time": at}]}
    return {"apiVersion": CNPG, "kind": "Cluster", "metadata": md, "spec": spec, "status": status}


def object_store(ns, name, created, *, dest, endpoint, wal_compression, data_compression, windows):
    config = {"destinationPath": dest, "endpointURL": endpoint, "s3Credentials": s3_credentials(),
              "wal": {"maxParallel": 4}, "data": {"jobs": 2}}
    if wal_compression:
        config["wal"]["compression"] = wal_compression
    if data_compression:
        config["data"]["compression"] = data_compression
    spec = {"configuration": config, "retentionPolicy": "30d",
            "instanceSidecarConfiguration": {
                "env": [{"name": "AWS_REQUEST_CHECKSUM_CALCULATION", "value": "when_required"},
                        {"name": "AWS_RESPONSE_CHECKSUM_VALIDATION", "value": "when_required"}],
                "retentionPolicyIntervalSeconds": 1800}}
    status = {"serverRecoveryWindow": windows}
    md = {"name": name, "namespace": ns, "creationTimestamp": created,
          "managedFields": [{"apiVersion": BARMAN, "fieldsType": "FieldsV1", "fieldsV1": {"f:spec": fields_of(spec)},
                             "manager": "kubectl-client-side-apply", "operation": "Update", "time": created},
                            {"apiVersion": BARMAN, "fieldsType": "FieldsV1",
                             "fieldsV1": {"f:status": fields_of(status)}, "manager": "plugin-barman-cloud",
                             "operation": "Update", "subresource": "status", "time": created}]}
    return {"apiVersion": BARMAN, "kind": "ObjectStore", "metadata": md, "spec": spec, "status": status}


def backup(ns, name, cluster_name, *, created, mode, phase, labels, owner=None, backup_id=None,
           backup_name=None, begin=None, end=None, begin_wal=None, end_wal=None, begin_lsn=None, end_lsn=None,
           dest=None, endpoint=None, server_name=None, pod=None, major=15, timeline=1, cluster_uid=None,
           error=None, command_error=None, extra_status=None):
    """mode: "intree" (method barmanObjectStore) or "plugin"."""
    if mode == "plugin":
        spec = {"cluster": {"name": cluster_name}, "method": "plugin", "pluginConfiguration": {"name": PLUGIN},
                "target": "prefer-standby"}
    else:
        spec = {"cluster": {"name": cluster_name}, "method": "barmanObjectStore", "target": "prefer-standby"}
    status = {"phase": phase, "method": spec["method"], "online": True, "majorVersion": major}
    if backup_id:
        status["backupId"] = backup_id
    if backup_name:
        status["backupName"] = backup_name
    if begin:
        status["startedAt"] = begin
    if end:
        status["stoppedAt"] = end
    for k, v in (("beginWal", begin_wal), ("endWal", end_wal), ("beginLSN", begin_lsn), ("endLSN", end_lsn)):
        if v:
            status[k] = v
    if pod:
        status["instanceID"] = {"ContainerID": "containerd://" + hexdigest(ns, name, "container"), "podName": pod,
                                "sessionID": hexdigest(ns, pod, "session", n=32)}
    if mode == "intree":
        status["destinationPath"] = dest
        status["endpointURL"] = endpoint
        status["serverName"] = server_name
        status["s3Credentials"] = s3_credentials()
    elif phase == "completed":
        status["pluginMetadata"] = {"clusterUID": cluster_uid, "displayName": "BarmanCloudInstance",
                                    "name": PLUGIN, "pluginName": PLUGIN, "timeline": str(timeline),
                                    "version": PLUGIN_VERSION}
    if error:
        status["error"] = error
    if command_error:
        status["commandError"] = command_error
    if extra_status:
        status.update(extra_status)
    md = {"name": name, "namespace": ns, "creationTimestamp": created, "labels": labels}
    meta_fields = {"f:labels": {".": {}, **{f"f:{k}": {} for k in labels}}}
    if owner:
        md["ownerReferences"] = [owner]
        meta_fields["f:ownerReferences"] = {".": {}, f'k:{{"uid":"{owner["uid"]}"}}': {}}
    md["managedFields"] = managed(created, spec, status, meta_fields, stopped=end or created)
    return {"apiVersion": CNPG, "kind": "Backup", "metadata": md, "spec": spec, "status": status}


def scheduled_backup(ns, name, cluster_name, created, *, schedule, method, owner_ref="none", immediate=None,
                     suspend=None, status=None, future=False):
    spec = {"backupOwnerReference": owner_ref, "cluster": {"name": cluster_name}, "method": method,
            "schedule": schedule, "target": "prefer-standby"}
    if method == "plugin":
        spec["pluginConfiguration"] = {"name": PLUGIN}
    if immediate is not None:
        spec["immediate"] = immediate
    if suspend is not None:
        spec["suspend"] = suspend
    if future:
        spec["someFutureField"] = "tolerate me"
    md = {"name": name, "namespace": ns, "creationTimestamp": created,
          "managedFields": managed(created, spec, status, manager="kubectl-client-side-apply")}
    return {"apiVersion": CNPG, "kind": "ScheduledBackup", "metadata": md, "spec": spec, "status": status or {}}


def owner_of(ns, schedule_name):
    return {"apiVersion": CNPG, "controller": True, "kind": "ScheduledBackup", "name": schedule_name,
            "uid": stable_uid("postgresql.cnpg.io", "ScheduledBackup", ns, schedule_name)}


def scheduled_labels(cluster_name, schedule_name, immediate=False):
    labels = {"cnpg.io/cluster": cluster_name, "cnpg.io/scheduled-backup": schedule_name}
    if immediate:
        labels["cnpg.io/immediateBackup"] = "true"
    return labels


# ---------------------------------------------------------------------------------------------

def fixture_objects(env, summary):
    scen = env["scenarios"]
    main = scen["main"]
    url, endpoint = main["url"], env["endpoint"]
    plain = next((s for name, s in scen.items() if s.get("server") == "pg-plain" and s.get("url") == url), None)
    plain_src = plain or main
    ns = "db"

    done = [b for b in main["backups"] if b["backup_id"] in set(main["done_backup_ids"])]
    done.sort(key=lambda b: b["backup_id"])
    oldest, newest = done[0], done[-1]
    with_resource = done[:-1]  # the newest is in the bucket without a resource
    t0 = parse_time(oldest["begin_time"])
    cl_created = rfc(t0 - timedelta(seconds=60))
    ns_created = rfc(t0 - timedelta(minutes=5))
    pg_version = int(main.get("pg_version") or int(oldest.get("version", "150000")))
    major = pg_version // 10000
    main_timeline = max(main.get("timelines") or [1])

    objs = [namespace("db", ns_created), namespace("other", ns_created), secret(ns, env, ns_created)]

    # pg-main: in-tree
    first_point = rfc(parse_time(oldest["end_time"]))
    last_ok = rfc(parse_time(with_resource[-1]["end_time"])) if with_resource else first_point
    failed_begin = t0 - timedelta(seconds=20)
    failed_name = f"pg-main-daily-{compact(failed_begin)}"
    last_failed = rfc(failed_begin + timedelta(seconds=4))
    wal_comp = next(iter(main.get("wal_compressions") or {"gzip": 1}))
    data_comp = "gzip" if any(o.endswith(".tar.gz") for o in oldest.get("objects", [])) else None
    objs.append(cluster(ns, "pg-main", cl_created, instances=3, pg_version=pg_version,
                        system_id=main.get("systemid", ""), timeline=main_timeline, mode="intree", dest=url,
                        endpoint=endpoint, server_name=main["server"],
                        wal_compression=None if wal_comp == "none" else wal_comp, data_compression=data_comp,
                        window=(first_point, last_ok), last_failed=last_failed, ready_at=last_ok, future=True))

    # pg-plain: plugin
    pdone = [b for b in plain_src["backups"] if b["backup_id"] in set(plain_src["done_backup_ids"])]
    pdone.sort(key=lambda b: b["backup_id"])
    p0 = parse_time(pdone[0]["begin_time"])
    p_created = rfc(p0 - timedelta(seconds=60))
    p_first = rfc(parse_time(pdone[0]["end_time"]))
    p_last = rfc(parse_time(pdone[-1]["end_time"]))
    p_failed = "2026-11-30T02:30:11Z"
    p_wal = next(iter(plain_src.get("wal_compressions") or {"none": 1}))
    p_data = "gzip" if any(o.endswith(".tar.gz") for o in pdone[0].get("objects", [])) else None
    p_version = int(plain_src.get("pg_version") or int(pdone[0].get("version", "150000")))
    objs.append(cluster(ns, "pg-plain", p_created, instances=1, pg_version=p_version,
                        system_id=plain_src.get("systemid", ""), timeline=max(plain_src.get("timelines") or [1]),
                        mode="plugin", store="plain-store", server_name="pg-plain", ready_at=p_last))
    objs.append(object_store(ns, "plain-store", p_created, dest=url, endpoint=endpoint,
                             wal_compression=None if p_wal == "none" else p_wal, data_compression=p_data,
                             windows={"pg-plain": {"firstRecoverabilityPoint": p_first,
                                                   "lastSuccessfulBackupTime": p_last,
                                                   "lastFailedBackupTime": p_failed}}))

    # other/no-backup
    objs.append(cluster("other", "no-backup", ns_created, instances=1, pg_version=pg_version,
                        system_id="7714961330199990001", timeline=1, mode="none"))

    # ScheduledBackups
    newest_sched = parse_time(with_resource[-1]["begin_time"]) if with_resource else t0
    next_midnight = (newest_sched + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    objs.append(scheduled_backup(ns, "pg-main-daily", "pg-main", cl_created, schedule="0 0 0 * * *",
                                 method="barmanObjectStore", owner_ref="self", immediate=True, suspend=False,
                                 status={"lastCheckTime": rfc(newest_sched), "lastScheduleTime": rfc(newest_sched),
                                         "nextScheduleTime": rfc(next_midnight)}))
    objs.append(scheduled_backup(ns, "pg-plain-weekly", "pg-plain", p_created, schedule="0 30 2 * * 1",
                                 method="plugin", suspend=True,
                                 status={"lastCheckTime": p_created}, future=True))
    created_5 = parse_time(cl_created.replace("Z", "+00:00")) + timedelta(seconds=30)
    next_hour = (created_5 + timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
    objs.append(scheduled_backup(ns, "pg-main-hourly-5field", "pg-main", rfc(created_5), schedule="0 0 * * *",
                                 method="barmanObjectStore",
                                 status={"lastCheckTime": rfc(created_5), "nextScheduleTime": rfc(next_hour)}))

    # Backups of pg-main
    owner = owner_of(ns, "pg-main-daily")
    backups = []
    for i, b in enumerate(with_resource):
        begin, end = parse_time(b["begin_time"]), parse_time(b["end_time"])
        # barman's backup id is its start time (a few ms before pg_backup_start's begin_time,
        # sometimes in the previous second): name the resource after it so name and id agree.
        name = f"pg-main-daily-{b['backup_id'].replace('T', '')}"
        backups.append(backup(
            ns, name, "pg-main", created=rfc(begin - timedelta(seconds=2)), mode="intree", phase="completed",
            labels=scheduled_labels("pg-main", "pg-main-daily", immediate=(i == 0)), owner=owner,
            backup_id=b["backup_id"], backup_name=b.get("backup_name"), begin=rfc(begin), end=rfc(end),
            begin_wal=b["begin_wal"], end_wal=b["end_wal"], begin_lsn=b["begin_xlog"], end_lsn=b["end_xlog"],
            dest=url, endpoint=endpoint, server_name=main["server"], pod="pg-main-2",
            major=int(b.get("version", pg_version)) // 10000, timeline=b.get("timeline", 1)))
        summary["backups"].append({"name": f"db/{name}", "backupId": b["backup_id"], "phase": "completed",
                                   "inBucket": True})
    ghost_begin = datetime(2020, 1, 1, 0, 0, 0, tzinfo=timezone.utc)
    backups.append(backup(
        ns, "pg-main-daily-20200101000000", "pg-main", created=rfc(ghost_begin), mode="intree", phase="completed",
        labels=scheduled_labels("pg-main", "pg-main-daily"), backup_id="20200101T000000",
        backup_name="backup-20200101000000", begin=rfc(ghost_begin + timedelta(seconds=3)),
        end=rfc(ghost_begin + timedelta(minutes=4, seconds=51)), begin_wal="000000010000000000000002",
        end_wal="000000010000000000000002", begin_lsn="0/2000028", end_lsn="0/2000138", dest=url, endpoint=endpoint,
        server_name=main["server"], pod="pg-main-1", major=major, timeline=1,
        # commandOutput: "Unused. Retained for compatibility with old versions."
        extra_status={"commandOutput": "backup completed (written by an old operator)"}))
    summary["backups"].append({"name": "db/pg-main-daily-20200101000000", "backupId": "20200101T000000",
                               "phase": "completed", "inBucket": False, "ghost": True})
    backups.append(backup(
        ns, failed_name, "pg-main", created=rfc(failed_begin - timedelta(seconds=2)), mode="intree", phase="failed",
        labels=scheduled_labels("pg-main", "pg-main-daily"), owner=owner, begin=rfc(failed_begin),
        dest=url, endpoint=endpoint, server_name=main["server"], pod="pg-main-2", major=major,
        error="exit status 4",
        command_error="ERROR: Barman cloud backup exception: Could not connect to the endpoint URL: "
                      f"\"{endpoint}/{main['bucket']}?list-type=2\""))
    summary["backups"].append({"name": f"db/{failed_name}", "backupId": None, "phase": "failed"})
    summary["notInK8s"] = [{"backupId": newest["backup_id"], "server": main["server"]}]

    # plugin Backup of pg-plain (the newest bucket backup of pg-plain)
    pb = pdone[-1]
    pbegin, pend = parse_time(pb["begin_time"]), parse_time(pb["end_time"])
    pname = f"pg-plain-{pb['backup_id'].replace('T', '')}"
    backups.append(backup(
        ns, pname, "pg-plain", created=rfc(pbegin - timedelta(seconds=2)), mode="plugin", phase="completed",
        labels={"cnpg.io/cluster": "pg-plain"}, backup_id=pb["backup_id"], backup_name=pb.get("backup_name"),
        begin=rfc(pbegin), end=rfc(pend), begin_wal=pb["begin_wal"], end_wal=pb["end_wal"],
        begin_lsn=pb["begin_xlog"], end_lsn=pb["end_xlog"], pod="pg-plain-1",
        major=int(pb.get("version", p_version)) // 10000, timeline=pb.get("timeline", 1),
        cluster_uid=stable_uid("postgresql.cnpg.io", "Cluster", ns, "pg-plain")))
    summary["backups"].append({"name": f"db/{pname}", "backupId": pb["backup_id"], "phase": "completed",
                               "inBucket": plain is not None, "method": "plugin"})
    objs.extend(backups)
    summary.update({
        "namespaces": ["db", "other"], "secrets": [f"{ns}/{SECRET}"],
        "clusters": ["db/pg-main", "db/pg-plain", "other/no-backup"], "objectstores": ["db/plain-store"],
        "scheduledbackups": ["db/pg-main-daily", "db/pg-plain-weekly", "db/pg-main-hourly-5field"],
        "uids": {"db/pg-main": stable_uid("postgresql.cnpg.io", "Cluster", ns, "pg-main"),
                 "db/pg-plain": stable_uid("postgresql.cnpg.io", "Cluster", ns, "pg-plain"),
                 "db/pg-main-daily": owner["uid"]},
        "pg-main": {"firstRecoverabilityPoint": first_point, "lastSuccessfulBackup": last_ok,
                    "lastFailedBackup": last_failed, "timelineID": main_timeline},
        "pg-plain": {"firstRecoverabilityPoint": p_first, "lastSuccessfulBackupTime": p_last,
                     "lastFailedBackupTime": p_failed, "from_scenario": "plain" if plain else "main"},
    })
    return objs


def wal_name(tl, seg):
    return f"{tl:08X}{seg >> 8:08X}{seg & 0xFF:08X}"


def scale_objects(env, n_ns, n_clusters, n_backups):
    endpoint = env["endpoint"]
    base = datetime(2026, 12, 3, 2, 0, 0, tzinfo=timezone.utc)
    per = max(1, (n_backups + n_clusters - 1) // max(1, n_clusters))
    start = base - timedelta(days=per + 1)
    objs = [namespace(f"scale-{i:03d}", rfc(start - timedelta(days=1))) for i in range(n_ns)]
    for i in range(n_ns):
        objs.append(secret(f"scale-{i:03d}", env, rfc(start - timedelta(days=1))))
    counts = [n_backups // n_clusters + (1 if c < n_backups % n_clusters else 0) for c in range(n_clusters)] \
        if n_clusters else []
    clusters = []
    for c in range(n_clusters):
        ns, name = f"scale-{c % max(1, n_ns):03d}", f"pg-{c:04d}"
        plugin = c % 2 == 1
        offset = timedelta(seconds=(c * 37) % 3600)
        cnt = counts[c]
        # backup k (0 = newest) begins at base - k days + offset
        times = [(base - timedelta(days=k) + offset, base - timedelta(days=k) + offset + timedelta(minutes=3))
                 for k in range(cnt)]
        ok = [t for k, t in enumerate(times) if not is_failed(c, k, n_clusters)]
        first = rfc(ok[-1][1]) if ok else None
        last = rfc(ok[0][1]) if ok else None
        created = rfc(start + offset)
        dest = f"s3://tideline-scale/{ns}"
        if plugin:
            objs.append(object_store(ns, f"{name}-store", created, dest=dest, endpoint=endpoint,
                                     wal_compression="gzip", data_compression="gzip",
                                     windows={name: {k: v for k, v in (("firstRecoverabilityPoint", first),
                                                                        ("lastSuccessfulBackupTime", last))
                                                     if v}}))
            objs.append(cluster(ns, name, created, instances=3, pg_version=170006,
                                system_id=str(7714961330000000000 + c), timeline=1, mode="plugin",
                                store=f"{name}-store", server_name=name, ready_at=last or created))
        else:
            objs.append(cluster(ns, name, created, instances=3, pg_version=160010,
                                system_id=str(7714961330000000000 + c), timeline=1, mode="intree", dest=dest,
                                endpoint=endpoint, server_name=name,
                                window=(first, last) if first else None, ready_at=last or created))
        objs.append(scheduled_backup(ns, f"{name}-daily", name, created, schedule=f"0 {(c * 37) // 60 % 60} 2 * * *",
                                     method="plugin" if plugin else "barmanObjectStore", owner_ref="self",
                                     immediate=False, suspend=False,
                                     status={"lastCheckTime": last or created,
                                             "lastScheduleTime": rfc(times[0][0]) if times else created,
                                             "nextScheduleTime": rfc(times[0][0] + timedelta(days=1))
                                             if times else created}))
        clusters.append((ns, name, plugin, times))
    # Backups round-robin: backup j belongs to cluster j % M, index j // M (0 = newest)
    for j in range(n_backups):
        c, k = j % n_clusters, j // n_clusters
        ns, name, plugin, times = clusters[c]
        begin, end = times[k]
        failed = is_failed(c, k, n_clusters)
        seg = 4 * (len(times) - k) + 2
        bname = f"{name}-daily-{compact(begin)}"
        common = dict(created=rfc(begin - timedelta(seconds=2)), mode="plugin" if plugin else "intree",
                      labels=scheduled_labels(name, f"{name}-daily"), owner=owner_of(ns, f"{name}-daily"),
                      begin=rfc(begin), pod=f"{name}-2", major=17 if plugin else 16, dest=f"s3://tideline-scale/{ns}",
                      endpoint=endpoint, server_name=name,
                      cluster_uid=stable_uid("postgresql.cnpg.io", "Cluster", ns, name))
        if failed:
            objs.append(backup(ns, bname, name, phase="failed", error="exit status 4",
                               command_error="ERROR: WAL archive check failed for server " + name, **common))
        else:
            objs.append(backup(ns, bname, name, phase="completed", backup_id=barman_id(begin),
                               backup_name=f"backup-{compact(begin)}", end=rfc(end),
                               begin_wal=wal_name(1, seg), end_wal=wal_name(1, seg),
                               begin_lsn=f"{seg >> 8:X}/{(seg & 0xFF) << 24 | 0x28:X}",
                               end_lsn=f"{seg >> 8:X}/{(seg & 0xFF) << 24 | 0x138:X}", **common))
    return objs


def is_failed(c, k, n_clusters):
    return (k * n_clusters + c) % 97 == 13


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--env", required=True, help="build/fixtures/env.json")
    ap.add_argument("--out", required=True)
    ap.add_argument("--scale-namespaces", type=int, default=0)
    ap.add_argument("--scale-clusters", type=int, default=0)
    ap.add_argument("--scale-backups", type=int, default=0)
    args = ap.parse_args()
    with open(args.env, encoding="utf-8") as f:
        env = json.load(f)
    summary = {"backups": []}
    objs = fixture_objects(env, summary)
    if args.scale_clusters or args.scale_backups or args.scale_namespaces:
        n_ns = max(1, args.scale_namespaces)
        n_cl = max(1, args.scale_clusters) if (args.scale_clusters or args.scale_backups) else 0
        objs.extend(scale_objects(env, n_ns, n_cl, args.scale_backups if n_cl else 0))
    tmp = args.out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("[\n")
        f.write(",\n".join(json.dumps(o, separators=(",", ":"), sort_keys=True) for o in objs))
        f.write("\n]\n")
    os.replace(tmp, args.out)
    counts = {}
    for o in objs:
        counts[o["kind"]] = counts.get(o["kind"], 0) + 1
    summary["counts"] = counts
    summary["out"] = os.path.abspath(args.out)
    print(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
