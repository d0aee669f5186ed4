#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`tideline-cli archiver` and `k8s metrics` against a real PostgreSQL 15 archiving through
barman-cloud-wal-archive.

    test_archiver.py --cli PATH/tideline-cli --s3rver-dir DIR

PostgreSQL's archive_command reaches the fixture's s3rver through tests/support/s3proxy.py, so the
store can vanish for the server alone (every request reset, as when s3rver is down) while
Tideline still reads the bucket. Oracles: psql's pg_stat_archiver and current WAL, the
archive_status directory itself, and boto3's listing of the bucket.

The in-cluster path: tests/support/k8s_api.py serves a CNPG Cluster whose primary's pods/proxy
answers what CNPG 1.30's instance manager would for this same server — its metrics (written from
psql as CNPG's collector queries them) and its /pg/status — and Debian's python3-kubernetes reads
the same proxy paths, holding the scripted server to the protocol. `k8s metrics` must then agree
with psql and with `archiver --source` on the same moment.
"""

import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import time
import urllib.request

import kubernetes

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import make_buckets as mb  # noqa: E402
from proxy_client import Proxy  # noqa: E402

BUCKET = "tideline-archiver"
SERVER = "pg-archiver"
FAILURES = []


def check(cond, what):
    status = "ok  " if cond else "FAIL"
    print(f"{status} {what}", flush=True)
    if not cond:
        FAILURES.append(what)


def usec(iso):
    """pg_stat_archiver's times (psql, epoch microseconds) and Tideline's ISO times compared exactly."""
    if iso is None:
        return None
    import datetime
    return round(datetime.datetime.fromisoformat(iso).timestamp() * 1_000_000)


class ApiServer:
    """k8s_api.py with a namespace, the bucket's Secret, a two-instance Cluster archiving into the
    test bucket, and its two pods."""

    def __init__(self, work, endpoint):
        import k8s_objects as ko
        created = "2026-12-01T08:00:00Z"
        env = {"access_key": mb.ACCESS_KEY, "secret_key": mb.SECRET_KEY}
        objects = [ko.namespace("db", created), ko.secret("db", env, created),
                   ko.cluster("db", "pg-arch", created, instances=2, pg_version=150018, system_id="7444",
                              timeline=1, mode="intree", dest=f"s3://{BUCKET}/{mb.PATH}", endpoint=endpoint,
                              server_name=SERVER)]
        for pod in ("pg-arch-1", "pg-arch-2"):
            objects.append({"apiVersion": "v1", "kind": "Pod",
                            "metadata": {"name": pod, "namespace": "db", "creationTimestamp": created,
                                         "labels": {"cnpg.io/cluster": "pg-arch", "cnpg.io/instanceName": pod,
                                                    "cnpg.io/instanceRole": "primary" if pod.endswith("1")
                                                    else "replica"}},
                            "spec": {"containers": [{"name": "postgres", "command": ["/controller/manager",
                                                     "instance", "run", "--status-port-tls"]}]},
                            "status": {"phase": "Running"}})
        self.dir = os.path.join(work, "k8s")
        os.makedirs(self.dir)
        path = os.path.join(self.dir, "objects.json")
        with open(path, "w") as f:
            json.dump(objects, f)
        self.p = subprocess.Popen([sys.executable, str(pathlib.Path(mb.__file__).parent / "k8s_api.py"),
                                   "--objects", path, "--tls-dir", self.dir],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.port = int(self.p.stdout.readline())
        self.kubeconfig = os.path.join(self.dir, "kubeconfig-token")

    def control(self, what, body):
        import ssl
        ctx = ssl.create_default_context(cafile=os.path.join(self.dir, "ca.crt"))
        req = urllib.request.Request(f"https://127.0.0.1:{self.port}/_control/{what}",
                                     data=json.dumps(body).encode(), method="POST")
        return json.loads(urllib.request.urlopen(req, timeout=10, context=ctx).read())

    def requests(self):
        import ssl
        ctx = ssl.create_default_context(cafile=os.path.join(self.dir, "ca.crt"))
        return json.loads(urllib.request.urlopen(f"https://127.0.0.1:{self.port}/_control/requests", timeout=10,
                                                 context=ctx).read())

    def close(self):
        self.p.stdin.close()
        self.p.wait(timeout=10)


def exposition(arch, ready, done, backup_ts):
    """The archiving part of CNPG 1.30's metrics as its collector writes them (times in unix
    seconds, -1 for never), with the plugin's backup family beside the deprecated in-tree one."""
    def t(us):
        return "-1" if us is None else repr(us / 1e6)
    now = time.time()
    since = -1 if arch["last_archived_time"] is None else now - arch["last_archived_time"] / 1e6
    return "\n".join([
        "# HELP cnpg_collector_pg_wal_archive_status Number of WAL segments in the 'pg_wal/archive_status' "
        "directory (ready, done)",
        "# TYPE cnpg_collector_pg_wal_archive_status gauge",
        f'cnpg_collector_pg_wal_archive_status{{value="done"}} {done}',
        f'cnpg_collector_pg_wal_archive_status{{value="ready"}} {ready}',
        "# HELP cnpg_collector_last_available_backup_timestamp The last available backup as a unix timestamp "
        "(Deprecated)",
        "# TYPE cnpg_collector_last_available_backup_timestamp gauge",
        "cnpg_collector_last_available_backup_timestamp 0",
        "# HELP barman_cloud_cloudnative_pg_io_last_available_backup_timestamp The last available backup as a "
        "unix timestamp",
        "# TYPE barman_cloud_cloudnative_pg_io_last_available_backup_timestamp gauge",
        f"barman_cloud_cloudnative_pg_io_last_available_backup_timestamp {backup_ts}",
        "# HELP cnpg_pg_stat_archiver_archived_count Number of WAL files that have been successfully archived",
        "# TYPE cnpg_pg_stat_archiver_archived_count counter",
        f"cnpg_pg_stat_archiver_archived_count {arch['archived_count']}",
        "# HELP cnpg_pg_stat_archiver_failed_count Number of failed attempts for archiving WAL files",
        "# TYPE cnpg_pg_stat_archiver_failed_count counter",
        f"cnpg_pg_stat_archiver_failed_count {arch['failed_count']}",
        "# HELP cnpg_pg_stat_archiver_last_archived_time Epoch of the last time WAL archiving succeeded",
        "# TYPE cnpg_pg_stat_archiver_last_archived_time gauge",
        f"cnpg_pg_stat_archiver_last_archived_time {t(arch['last_archived_time'])}",
        "# HELP cnpg_pg_stat_archiver_last_failed_time Epoch of the last time WAL archiving failed",
        "# TYPE cnpg_pg_stat_archiver_last_failed_time gauge",
        f"cnpg_pg_stat_archiver_last_failed_time {t(arch['last_failed_time'])}",
        "# HELP cnpg_pg_stat_archiver_seconds_since_last_archival Seconds since the last successful archival "
        "operation",
        "# TYPE cnpg_pg_stat_archiver_seconds_since_last_archival gauge",
        f"cnpg_pg_stat_archiver_seconds_since_last_archival {since!r}",
        "# HELP go_gc_duration_seconds A summary of the pause duration of garbage collection cycles.",
        "# TYPE go_gc_duration_seconds summary",
        'go_gc_duration_seconds{quantile="0"} 2.4e-05',
        'go_gc_duration_seconds{quantile="1"} 0.000512',
        "go_gc_duration_seconds_sum 0.0123",
        "go_gc_duration_seconds_count 42",
        ""])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--s3rver-dir", required=True)
    args = ap.parse_args()

    endpoint = f"http://127.0.0.1:{pathlib.Path(args.s3rver_dir, 'port').read_text().strip()}"
    work = mb.postgres_work_dir("tideline-archiver-")
    store = mb.Store(endpoint)
    store.fresh_bucket(BUCKET)
    proxy = Proxy(endpoint)
    barman = mb.Barman(mb.Store(proxy.url), work)
    primary = mb.Cluster(work, "primary")
    standby = None
    api = ApiServer(work, endpoint)
    try:
        primary.initdb()
        primary.conf(primary.base_settings(barman.archive_command(BUCKET, SERVER, compress=True)))
        primary.start()
        primary.sql("CREATE ROLE plain LOGIN; CREATE ROLE watcher LOGIN IN ROLE pg_monitor; "
                    "CREATE TABLE t (i int, pad text)")
        source = f"s3://{BUCKET}/{mb.PATH}"

        def conninfo(user="postgres", extra=""):
            return f"host={primary.sockdir} port={primary.port} dbname=postgres user={user}{extra}"

        def cli(*argv, env_extra=None):
            env = {"PATH": "/usr/bin:/bin", "HOME": work, "LC_ALL": "C.UTF-8", "TZ": "UTC",
                   "AWS_ACCESS_KEY_ID": mb.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": mb.SECRET_KEY,
                   "AWS_DEFAULT_REGION": mb.REGION, **(env_extra or {})}
            p = subprocess.run([args.cli, *argv], capture_output=True, text=True, env=env, timeout=60)
            return p.returncode, p.stdout, p.stderr

        def archiver(*extra, user="postgres"):
            rc, out, err = cli("--json", "--endpoint-url", endpoint, "archiver", conninfo(user), *extra)
            try:
                return rc, json.loads(out), err
            except json.JSONDecodeError:
                return rc, None, err

        def pg_archiver():
            row = primary.one("SELECT archived_count, coalesce(last_archived_wal, ''), "
                              "coalesce((extract(epoch FROM last_archived_time) * 1000000)::bigint::text, ''), "
                              "failed_count, coalesce(last_failed_wal, ''), "
                              "coalesce((extract(epoch FROM last_failed_time) * 1000000)::bigint::text, ''), "
                              "pg_walfile_name(pg_current_wal_lsn()), pg_current_wal_lsn() FROM pg_stat_archiver")
            return {"archived_count": int(row[0]), "last_archived_wal": row[1] or None,
                    "last_archived_time": int(row[2]) if row[2] else None, "failed_count": int(row[3]),
                    "last_failed_wal": row[4] or None, "last_failed_time": int(row[5]) if row[5] else None,
                    "current_wal": row[6], "current_lsn": row[7]}

        def bucket_last_segment():
            names = [k.rsplit("/", 1)[1].split(".")[0] for k in store.keys(BUCKET, f"{mb.PATH}/{SERVER}/wals/")]
            segs = sorted(n for n in names if len(n) == 24)
            return segs[-1] if segs else None

        def ready_files():
            d = os.path.join(primary.datadir, "pg_wal", "archive_status")
            return sorted(f for f in os.listdir(d) if f.endswith(".ready"))

        def segno(name):
            return int(name[8:16], 16) * 256 + int(name[16:24], 16)

        def lsn(pg):
            hi, lo = (int(x, 16) for x in pg["current_lsn"].split("/"))
            return hi << 32 | lo

        def end_of(segment):
            return (segno(segment) + 1) * 16 * 1024 * 1024

        def write_and_switch(n):
            for _ in range(n):
                primary.sql("INSERT INTO t SELECT g, repeat('x', 100) FROM generate_series(1, 1000) g")
                primary.switch_wal()

        def bucket_matches(j, what):
            """The bucket's side against boto3's listing: the last segment, and what lies after it."""
            last = bucket_last_segment()
            check(j["bucket_last_wal"] == last, f"{what}: bucket_last_wal {j['bucket_last_wal']} is boto3's {last}")
            check(j["segments_not_in_bucket"] == segno(j["current_wal"]) - segno(last),
                  f"{what}: segments_not_in_bucket {j['segments_not_in_bucket']} = {j['current_wal']} - {last}")
            check(j["bytes_not_in_bucket"] == lsn(j) - end_of(last),
                  f"{what}: bytes_not_in_bucket {j['bytes_not_in_bucket']} = current LSN - end of {last}")
            return last

        def bracketed(*extra):
            """archiver --json between two psql reads of the same facts: the archiver process and
            the background writer may move them while the CLI runs, never backwards."""
            before = pg_archiver()
            rc, j, err = archiver("--source", source, SERVER, *extra)
            return rc, j, err, before, pg_archiver()

        def matches_psql(j, before, after, what):
            for key in ("last_archived_wal", "failed_count", "last_failed_wal", "archived_count"):
                check(j[key] in (before[key], after[key]), f"{what}: {key} {j[key]!r} is psql's {before[key]!r}")
            for key in ("last_archived_time", "last_failed_time"):
                check(usec(j[key]) in (before[key], after[key]),
                      f"{what}: {key} {j[key]!r} is psql's {before[key]!r} µs")
            check(lsn(before) <= lsn(j) <= lsn(after) and before["current_wal"] <= j["current_wal"] <= after["current_wal"],
                  f"{what}: current_lsn {j['current_lsn']} ({j['current_wal']}) is psql's {before['current_lsn']}")

        # 1. Healthy: everything archived, the bucket one segment (the one being written) behind.
        write_and_switch(3)
        primary.wait_archived()
        rc, j, err, before, after = bracketed()
        check(rc == 0 and j is not None, f"healthy: exit 0 with JSON (rc {rc}, stderr {err.strip()!r})")
        matches_psql(j, before, after, "healthy")
        bucket_matches(j, "healthy")
        check(j["last_archived_in_bucket"] is True, "healthy: last_archived_wal is in the bucket")
        check(j["ready_count"] == len(ready_files()) == 0, "healthy: nothing waiting, as archive_status shows")
        check(j["alerts"] == [], f"healthy: no alert fires ({j['alerts']})")

        # 1b. The same moment in the cluster: the primary's metrics and status through pods/proxy.
        def publish(replica=True):
            """What CNPG's instance manager would serve now: metrics and /pg/status from psql."""
            pg = pg_archiver()
            status_dir = os.path.join(primary.datadir, "pg_wal", "archive_status")
            names = os.listdir(status_dir)
            ready = sum(n.endswith(".ready") for n in names)
            done = sum(n.endswith(".done") for n in names)
            api.control("proxy", {"namespace": "db", "pod": "pg-arch-1", "port": 9187, "path": "/metrics",
                                  "body": exposition(pg, ready, done, 1796300000)})
            status = {"currentLsn": pg["current_lsn"], "currentWAL": pg["current_wal"], "timeLineID": 1,
                      "systemID": "7444", "isPrimary": True, "isArchivingWAL": pg["failed_count"] == 0,
                      "lastArchivedWAL": pg["last_archived_wal"] or "", "lastFailedWAL": pg["last_failed_wal"] or "",
                      "lastArchivedWALTime": "2026-12-04 03:21:58.501107+00", "node": "kind-worker",
                      "pod": {"metadata": {"name": "pg-arch-1"}}, "instanceManagerVersion": "1.30.0"}
            if ready:
                status["readyWalFiles"] = ready  # omitempty, as CNPG writes it
            api.control("proxy", {"namespace": "db", "pod": "pg-arch-1", "port": 8000, "path": "/pg/status",
                                  "scheme": "https", "content_type": "application/json", "body": json.dumps(status)})
            replica_metrics = exposition({"archived_count": 0, "failed_count": 0, "last_archived_time": None,
                                          "last_failed_time": None}, 0, 0, 1796300000)
            api.control("proxy", {"namespace": "db", "pod": "pg-arch-2", "port": 9187, "path": "/metrics",
                                  "body": replica_metrics if replica else None})
            return pg, ready

        def k8s_metrics(*extra):
            rc, out, err = cli("--json", "--kubeconfig", api.kubeconfig, "k8s", "metrics", "pg-arch", "-n", "db", *extra)
            try:
                return rc, json.loads(out), err
            except json.JSONDecodeError:
                return rc, None, err

        def same_moment(k, a, published, what):
            """k8s metrics' archiver object against psql's values it was served, boto3's listing, and
            archiver --source's verdict (its own reading a moment later)."""
            pg, ready = published
            for key in ("archived_count", "last_archived_wal", "failed_count", "last_failed_wal", "current_wal",
                        "current_lsn"):
                check(k[key] == pg[key], f"{what}: {key} {k[key]!r} is psql's {pg[key]!r}")
            for key in ("last_archived_time", "last_failed_time"):
                close = (k[key] is None) == (pg[key] is None) and (k[key] is None or abs(usec(k[key]) - pg[key]) <= 1000)
                check(close, f"{what}: {key} {k[key]!r} is psql's {pg[key]!r} µs (metrics are float seconds)")
            last = bucket_last_segment()
            check(k["bucket_last_wal"] == last and k["segments_not_in_bucket"] == segno(pg["current_wal"]) - segno(last)
                  and k["bytes_not_in_bucket"] == lsn(pg) - end_of(last),
                  f"{what}: bucket_last_wal {k['bucket_last_wal']}, {k['segments_not_in_bucket']} segments and "
                  f"{k['bytes_not_in_bucket']} bytes not in the bucket, as boto3 and psql say")
            check(k["ready_count"] == ready and k["wal_segment_size"] == 16 * 1024 * 1024 and k["timeline"] == 1,
                  f"{what}: ready_count {k['ready_count']} as archive_status, segment size and timeline")
            check(k["last_archived_in_bucket"] == a["last_archived_in_bucket"], f"{what}: last_archived_in_bucket agrees")
            check(sorted(x["alert"] for x in k["alerts"]) == sorted(x["alert"] for x in a["alerts"]),
                  f"{what}: the same alerts fire as for archiver ({[x['alert'] for x in k['alerts']]})")

        published = publish()
        api.control("reset-requests", {})
        rc, km, err = k8s_metrics()
        cluster_reads = [r for r in api.requests()
                         if r["method"] == "GET" and r["path"].endswith("/namespaces/db/clusters/pg-arch")]
        check(len(cluster_reads) == 1, f"k8s metrics reads the Cluster once for both sides ({len(cluster_reads)} reads)")
        check(rc == 0 and km is not None and km["archiver"] is not None,
              f"k8s metrics healthy: exit 0 with the primary's facts (rc {rc}, {err.strip()!r})")
        rc, a, _ = archiver("--source", source, SERVER)
        same_moment(km["archiver"], a, published, "k8s metrics healthy")
        check(km["archiver"]["source"] == source and km["archiver"]["server"] == SERVER,
              "k8s metrics healthy: the cluster's own bucket and serverName were compared")
        rc, listed, _ = cli("--json", "--kubeconfig", api.kubeconfig, "k8s", "clusters", "-n", "db")
        operator_health = next(c["health"] for c in json.loads(listed)["clusters"] if c["name"] == "pg-arch")
        check(km["health"] == operator_health,
              f"k8s metrics healthy: no alert, so the badge is the operator's ({km['health']} vs {operator_health})")
        roles = {i["pod"]: i["role"] for i in km["instances"]}
        check(roles == {"pg-arch-1": "primary", "pg-arch-2": "replica"}, f"k8s metrics: instances and roles ({roles})")
        replica = next(i for i in km["instances"] if i["pod"] == "pg-arch-2")
        check(replica["archived_count"] == 0 and replica["last_archived_time"] is None and replica["metrics_error"] is None,
              "k8s metrics: the replica's never-archived (-1) reads as null")
        check(all(i["last_available_backup"] == "2026-12-03T12:13:20+00:00" and i["backup_metrics_family"] == "plugin"
                  for i in km["instances"]), "k8s metrics: the newer backup family (the plugin's) wins, as 20417 reads it")
        # The protocol: Debian's python3-kubernetes asks for the same proxy path and gets the same text.
        kubernetes.config.load_kube_config(config_file=api.kubeconfig)
        v1 = kubernetes.client.CoreV1Api()
        py_text = v1.connect_get_namespaced_pod_proxy_with_path("pg-arch-1:9187", "db", "metrics")
        paths = [r["path"] for r in api.requests() if "/proxy/" in r["path"]]
        check(py_text.startswith("# HELP cnpg_collector_pg_wal_archive_status"), "python client: reads the metrics")
        check(paths.count("/api/v1/namespaces/db/pods/pg-arch-1:9187/proxy/metrics") >= 2,
              f"python client and Tideline ask for the same proxy path ({sorted(set(paths))})")
        check("/api/v1/namespaces/db/pods/https:pg-arch-1:8000/proxy/pg/status" in paths,
              "Tideline reads the primary's status over https, as kubectl cnpg status does")

        # 2. A role without pg_monitor still reads pg_stat_archiver, and is told what it misses.
        rc, j2, err = archiver("--source", source, SERVER, user="plain")
        check(rc == 0 and j2["ready_count"] is None, "plain role: exit 0, ready_count null")
        check(any("pg_monitor" in w for w in j2["warnings"]), f"plain role: warned about pg_monitor ({j2['warnings']})")
        rc, j3, _ = archiver(user="watcher")
        check(rc == 0 and j3["ready_count"] == 0, "pg_monitor role: ready_count 0")
        check(j3["bucket_last_wal"] is None and j3["segments_not_in_bucket"] is None, "no --source: no bucket facts")

        # 3. Another server name: the archiver's success is not in that part of the bucket.
        rc, j4, _ = archiver("--source", source, "some-other-server")
        names = [a["alert"] for a in j4["alerts"]]
        check(rc == 7 and "TidelineArchivedWalNotInBucket" in names,
              f"wrong serverName: exit 7, TidelineArchivedWalNotInBucket fires ({names})")

        # 4. The store vanishes for PostgreSQL: archive_command fails, WAL piles up.
        proxy.rules([{"action": "reset"}])
        write_and_switch(4)
        deadline = time.monotonic() + 180
        while pg_archiver()["failed_count"] == 0:
            if time.monotonic() > deadline:
                raise mb.HarnessError("archive_command never failed with the store gone")
            time.sleep(0.5)
        rc, j, err, before, after = bracketed("--max-behind", "2", "--wal-ready", "2")
        check(rc == 7 and j is not None, f"failing: exit 7 (rc {rc}, {err.strip()!r})")
        matches_psql(j, before, after, "failing")
        bucket_matches(j, "failing")
        ready = ready_files()
        check(j["ready_count"] == len(ready) and j["oldest_ready_wal"] == ready[0].removesuffix(".ready"),
              f"failing: ready_count {j['ready_count']} and oldest {j['oldest_ready_wal']} as archive_status shows "
              f"({len(ready)}, {ready[:1]})")
        names = [a["alert"] for a in j["alerts"]]
        for name in ("CNPGClusterWALArchivingFailing", "CNPGClusterWALArchiveBacklog", "TidelineBucketBehindServer"):
            check(name in names, f"failing: {name} fires ({names})")
        rc, text, _ = cli("--endpoint-url", endpoint, "archiver", conninfo(), "--source", source, SERVER)
        check(rc == 7 and "ALERT CRITICAL CNPGClusterWALArchivingFailing" in text, "failing: the text says so too")
        published = publish(replica=False)
        rc, km, err = k8s_metrics("--max-behind", "2", "--wal-ready", "2")
        rc2, a, _ = archiver("--source", source, SERVER, "--max-behind", "2", "--wal-ready", "2")
        check(rc == 7 and km is not None, f"k8s metrics failing: exit 7 (rc {rc}, {err.strip()!r})")
        same_moment(km["archiver"], a, published, "k8s metrics failing")
        fired = km["archiver"]["alerts"]
        badge = "failing" if any(x["severity"] == "critical" for x in fired) else "warning"
        check(km["health"] == badge and all(x["alert"] in km["health_reason"] for x in fired),
              f"k8s metrics failing: the badge follows the alerts' severity and names them "
              f"({km['health']}: {km['health_reason']})")
        replica = next(i for i in km["instances"] if i["pod"] == "pg-arch-2")
        check(replica["metrics_error"] is not None and "connection refused" in replica["metrics_error"]
              and replica["archived_count"] is None,
              f"k8s metrics: an instance that does not answer is reported, never shown stale ({replica['metrics_error']})")
        api.control("forbid", {"rules": ["get:pods/proxy"]})
        rc, out, err = cli("--kubeconfig", api.kubeconfig, "k8s", "metrics", "pg-arch", "-n", "db")
        check(rc == 4 and "pods/proxy" in err and err.count("\n") == 1,
              f"pods/proxy forbidden: exit 4, one line naming the permission ({rc}, {err.strip()!r})")
        api.control("forbid", {"rules": []})

        # 5. The store is back: the next WAL switch wakes the archiver, the backlog drains.
        proxy.rules([])
        write_and_switch(1)
        primary.wait_archived(timeout=180)
        rc, j, err, before, after = bracketed()
        check(rc == 0 and j["alerts"] == [], f"recovered: exit 0, no alert ({j and j['alerts']}, {err.strip()!r})")
        matches_psql(j, before, after, "recovered")
        bucket_matches(j, "recovered")
        check(j["complete_segments_not_in_bucket"] == 0,
              f"recovered: no finished segment is missing, {j['bytes_not_in_bucket']} bytes written since")

        # 6. Bad input: a standby, nothing listening, a malformed string, a password in argv.
        standby = mb.Cluster(work, "standby")
        mb.run([f"{mb.PGBIN}/pg_basebackup", "-h", primary.sockdir, "-p", str(primary.port), "-U", "postgres",
                "-D", standby.datadir, "-R", "--no-sync"], cwd=work)
        standby.conf({"port": standby.port, "archive_mode": "off"})
        standby.start()
        rc, out, err = cli("archiver", f"host={standby.sockdir} port={standby.port} dbname=postgres user=postgres")
        check(rc == 2 and "standby" in err and f"{primary.sockdir}" in err,
              f"standby: exit 2 naming the primary ({rc}, {err.strip()!r})")
        rc, out, err = cli("archiver", f"host=127.0.0.1 port={mb.free_port()} dbname=postgres connect_timeout=3")
        check(rc == 3 and err.count("\n") == 1, f"nothing listening: exit 3, one line ({rc}, {err.strip()!r})")
        rc, out, err = cli("archiver", "host=x nonsense=1")
        check(rc == 2 and "connection string" in err, f"malformed: exit 2 ({rc}, {err.strip()!r})")
        rc, out, err = cli("archiver", conninfo(extra=" password=Tideline-Planted-Secret-42"))
        check(rc == 0 and "process list" in err, "password in argv: it runs, and warns of the process list")
        check("Tideline-Planted-Secret-42" not in out + err, "password in argv: never printed")
    finally:
        for c in (standby, primary):
            if c is not None:
                try:
                    c.stop("immediate")
                except Exception as e:  # noqa: BLE001 - clean-up must go on
                    print(f"stopping {c.name}: {e}")
        proxy.close()
        api.close()
        if not FAILURES:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"work dir kept: {work}")

    print(f"{len(FAILURES)} failure(s)")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
