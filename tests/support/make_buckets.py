#!/usr/bin/python3
"""Build Tideline's scenario buckets with a real PostgreSQL 15 and real barman-cloud.

    make_buckets.py (--endpoint http://127.0.0.1:PORT | --s3rver-dir DIR) --out env.json
                    [--demo] [--reuse] [--local-dir DIR] [--keep-work]

Every bucket a test reads is written by the same tools CloudNativePG runs: PostgreSQL's
archive_command is barman-cloud-wal-archive, base backups come from barman-cloud-backup, the
timeline switch is a barman-cloud-restore + barman-cloud-wal-restore recovery, and the second
switch is a real standby promotion. Variants (gaps, corruption, other compressions...) are
derived from that bucket with boto3, because new clusters would cost minutes.

The JSON written to --out describes every scenario (see describe_bucket() and the scenario
builders for the fields); tests assert against it rather than against constants.

Run with Debian's /usr/bin/python3 (boto3); as root (PostgreSQL runs as the postgres user).
"""

import argparse
import concurrent.futures
import contextlib
import datetime
import gzip
import hashlib
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

import boto3
from botocore.config import Config

PGBIN = "/usr/lib/postgresql/15/bin"
# s3rver knows exactly one key id, S3RVER; it does not verify SigV4 signatures, so any secret works.
ACCESS_KEY = "S3RVER"
SECRET_KEY = "S3RVER"
REGION = "us-east-1"

MAIN_BUCKET = "tideline-main"
PATH = "cnpg"
MAIN_SERVER = "pg-main"
PLAIN_SERVER = "pg-plain"
CNPG_LIKE_SETTINGS = """# written by the CNPG operator for the pod
listen_addresses = '*'
archive_mode = 'on'
archive_command = '/controller/manager wal-archive --log-destination /controller/log/postgres.json %p'
ssl = 'on'
ssl_cert_file = '/controller/certificates/server.crt'
ssl_key_file = '/controller/certificates/server.key'
ssl_ca_file = '/controller/certificates/client-ca.crt'
unix_socket_directories = '/controller/run'
shared_preload_libraries = 'pgaudit'
logging_collector = 'on'
log_destination = 'csvlog'
log_directory = '/controller/log'
shared_buffers = '64GB'
"""
TABLE = "tideline_events"

WAL_NAME_RE = re.compile(
    r"^([0-9A-F]{8})(([0-9A-F]{8})([0-9A-F]{8})(\.[0-9A-F]{8}\.backup|\.partial)?|\.history)$")
COMPRESSION_SUFFIXES = {".gz": "gzip", ".bz2": "bzip2", ".xz": "xz", ".zst": "zstd",
                        ".lz4": "lz4", ".snappy": "snappy"}

T0 = time.monotonic()
_print_lock = threading.Lock()


def log(msg):
    with _print_lock:
        print(f"[{time.monotonic() - T0:6.1f}s] {msg}", flush=True)


class HarnessError(RuntimeError):
    pass


def utc_now_iso():
    return datetime.datetime.now(datetime.timezone.utc).isoformat()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ------------------------------------------------------------------------------------------------
# processes

WORK_TMP = [tempfile.gettempdir()]


def postgres_work_dir(prefix):
    """A fresh temp dir the postgres user can work in (its data directories, a sockets/ dir for
    the clusters' unix sockets), made the harness's TMPDIR (WORK_TMP)."""
    work = tempfile.mkdtemp(prefix=prefix)
    os.chmod(work, 0o755)
    shutil.chown(work, "postgres", "postgres")
    os.makedirs(os.path.join(work, "sockets"))
    shutil.chown(os.path.join(work, "sockets"), "postgres", "postgres")
    WORK_TMP[0] = work
    return work


def tool_env():
    """A clean environment: the caller's PATH may start with a pyenv python3 without boto3, and
    stray PG*/AWS_* variables must not leak into the clusters or the barman tools. TMPDIR is the
    harness's work dir, so a backup killed on purpose leaves no temp dir behind in /tmp."""
    return {
        "TMPDIR": WORK_TMP[0],
        "PATH": f"{PGBIN}:/usr/bin:/bin",
        "HOME": "/var/lib/postgresql",
        "LANG": "C.UTF-8",
        "TZ": "UTC",
        "AWS_ACCESS_KEY_ID": ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        "AWS_DEFAULT_REGION": REGION,
    }


def as_postgres():
    """subprocess arguments that drop root for the postgres user (what runuser -u postgres does,
    without an extra process between us and the tool, so signals reach the tool itself)."""
    return {"user": "postgres", "group": "postgres", "extra_groups": []}


def run(cmd, *, cwd, timeout=300, check=True):
    """Runs cmd as postgres, returns stdout; on failure raises with the tool's own output."""
    p = subprocess.run(cmd, cwd=cwd, env=tool_env(), capture_output=True, text=True,
                       timeout=timeout, **as_postgres())
    if check and p.returncode != 0:
        raise HarnessError(f"command failed ({p.returncode}): {' '.join(cmd)}\n"
                           f"--- stdout\n{p.stdout}\n--- stderr\n{p.stderr}")
    return p.stdout


# ------------------------------------------------------------------------------------------------
# object store

class Store:
    def __init__(self, endpoint):
        self.endpoint = endpoint
        self.s3 = boto3.client("s3", endpoint_url=endpoint, region_name=REGION,
                               aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
                               config=Config(max_pool_connections=16,
                                             retries={"max_attempts": 3, "mode": "standard"}))

    def bucket_exists(self, bucket):
        return bucket in {b["Name"] for b in self.s3.list_buckets().get("Buckets", [])}

    def fresh_bucket(self, bucket):
        """An empty bucket: a rerun against a kept s3rver must not mix old and new objects."""
        if self.bucket_exists(bucket):
            keys = [o["Key"] for o in self.objects(bucket)]
            for i in range(0, len(keys), 1000):
                self.s3.delete_objects(Bucket=bucket, Delete={
                    "Objects": [{"Key": k} for k in keys[i:i + 1000]], "Quiet": True})
            if keys:
                log(f"emptied existing bucket {bucket} ({len(keys)} objects)")
        else:
            self.s3.create_bucket(Bucket=bucket)

    def objects(self, bucket, prefix=""):
        out = []
        for page in self.s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
            out += page.get("Contents", [])
        return sorted(out, key=lambda o: o["Key"])

    def keys(self, bucket, prefix=""):
        return [o["Key"] for o in self.objects(bucket, prefix)]

    def get(self, bucket, key):
        return self.s3.get_object(Bucket=bucket, Key=key)["Body"].read()

    def put(self, bucket, key, body):
        self.s3.put_object(Bucket=bucket, Key=key, Body=body)

    def delete(self, bucket, key):
        self.s3.delete_object(Bucket=bucket, Key=key)

    def copy_bucket(self, src, dst, prefix=""):
        keys = self.keys(src, prefix)
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda k: self.s3.copy_object(
                Bucket=dst, Key=k, CopySource={"Bucket": src, "Key": k}), keys))
        return len(keys)

    def mirror_to_dir(self, bucket, directory):
        if os.path.isdir(directory):
            shutil.rmtree(directory)
        keys = self.keys(bucket)

        # The mirror keeps each object's upload time as the file's mtime: a file:// source then
        # tells the same story about when WAL was archived as the bucket does.
        def fetch(key):
            path = os.path.join(directory, key)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            self.s3.download_file(bucket, key, path)
            uploaded = self.s3.head_object(Bucket=bucket, Key=key)["LastModified"].timestamp()
            os.utime(path, (uploaded, uploaded))
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            list(pool.map(fetch, keys))
        return len(keys)


# ------------------------------------------------------------------------------------------------
# PostgreSQL clusters

class Cluster:
    """One PostgreSQL 15 data directory owned by postgres, reachable only through a unix socket
    in the harness's temp dir (no TCP: nothing else on the machine can collide with it)."""

    all_started = []

    def __init__(self, work, name, datadir=None):
        self.work = work
        self.name = name
        self.datadir = datadir or os.path.join(work, name)
        self.sockdir = os.path.join(work, "sockets")
        self.logfile = os.path.join(work, f"{name}.log")
        self.port = free_port()
        self.running = False

    def conf(self, settings):
        # Appended last, so these win over whatever a copied or restored postgresql.conf holds.
        with open(os.path.join(self.datadir, "postgresql.conf"), "a") as f:
            f.write(f"\n# tideline harness: {self.name}\n")
            for k, v in settings.items():
                f.write(f"{k} = {v}\n")

    def base_settings(self, archive_command):
        return {
            "port": self.port,
            "listen_addresses": "''",
            "unix_socket_directories": f"'{self.sockdir}'",
            "fsync": "off",
            "synchronous_commit": "off",
            "shared_buffers": "16MB",
            "max_connections": "20",
            "wal_level": "replica",
            "archive_mode": "on",
            "archive_command": f"'{archive_command}'",
            "archive_timeout": "0",
            "max_wal_senders": "4",
            "wal_keep_size": "128MB",
            "checkpoint_timeout": "1h",
            "autovacuum": "off",
            "track_commit_timestamp": "on",
            "log_line_prefix": "'%m [%p] '",
        }

    def initdb(self, *extra):
        run([f"{PGBIN}/initdb", "-D", self.datadir, "-U", "postgres", "--auth=trust",
             "--no-sync", "--encoding=UTF8", "--locale=C.UTF-8", *extra], cwd=self.work)

    def start(self):
        run([f"{PGBIN}/pg_ctl", "-D", self.datadir, "-l", self.logfile, "-w", "-t", "120",
             "-o", f"-c port={self.port}", "start"], cwd=self.work, timeout=180)
        self.running = True
        Cluster.all_started.append(self)
        log(f"{self.name}: started on socket port {self.port}")

    def stop(self, mode="fast"):
        if not self.running:
            return
        run([f"{PGBIN}/pg_ctl", "-D", self.datadir, "-m", mode, "-w", "-t", "120", "stop"],
            cwd=self.work, timeout=180)
        self.running = False
        log(f"{self.name}: stopped ({mode})")

    def promote(self):
        run([f"{PGBIN}/pg_ctl", "-D", self.datadir, "-w", "-t", "120", "promote"],
            cwd=self.work, timeout=180)

    def sql(self, query):
        out = run([f"{PGBIN}/psql", "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1",
                   "-h", self.sockdir, "-p", str(self.port), "-U", "postgres", "-d", "postgres",
                   "-c", query], cwd=self.work)
        return [line.split("|") for line in out.splitlines() if line != ""]

    def one(self, query):
        rows = self.sql(query)
        return rows[0] if rows else None

    def timeline(self):
        return int(self.one("SELECT substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8)")[0], 16)

    def switch_wal(self):
        """Closes the current segment so the archiver ships it. PostgreSQL ignores a switch on a
        segment that holds nothing since the last one, so callers write something first."""
        return self.one("SELECT pg_walfile_name(pg_current_wal_lsn()), pg_switch_wal()")[0]

    def wait_archived(self, timeout=90):
        status = os.path.join(self.datadir, "pg_wal", "archive_status")
        deadline = time.monotonic() + timeout
        while True:
            ready = [f for f in os.listdir(status) if f.endswith(".ready")]
            if not ready:
                return
            if time.monotonic() > deadline:
                arch = self.one("SELECT archived_count, last_archived_wal, failed_count, "
                                "last_failed_wal FROM pg_stat_archiver")
                raise HarnessError(f"{self.name}: WAL not archived after {timeout}s: {ready}; "
                                   f"pg_stat_archiver {arch}; see {self.logfile}\n"
                                   + tail(self.logfile))
            time.sleep(0.1)


def tail(path, n=30):
    try:
        with open(path, errors="replace") as f:
            return "".join(f.readlines()[-n:])
    except OSError:
        return ""


class Workload:
    """Writes recognisable rows and restore points, and remembers when and where each landed, so
    tests can assert 'restoring to X shows N rows'."""

    def __init__(self, cluster):
        self.cluster = cluster
        self.batches = []
        self.restore_points = []

    def create_table(self):
        self.cluster.sql(f"CREATE TABLE {TABLE} (id bigserial PRIMARY KEY, batch text NOT NULL, "
                         "note text, created_at timestamptz NOT NULL DEFAULT clock_timestamp())")

    def insert(self, batch, rows):
        c = self.cluster
        first, last, xid = c.one(
            f"WITH ins AS (INSERT INTO {TABLE} (batch, note) "
            f"SELECT '{batch}', 'row ' || g FROM generate_series(1, {rows}) g RETURNING id, xmin) "
            "SELECT min(id), max(id), max(xmin::text) FROM ins")
        committed, lsn, total, wal = c.one(
            f"SELECT to_json(pg_xact_commit_timestamp('{xid}'::xid)) #>> '{{}}', "
            f"pg_current_wal_lsn(), (SELECT count(*) FROM {TABLE}), "
            "pg_walfile_name(pg_current_wal_lsn())")
        rec = {"batch": batch, "timeline": int(wal[:8], 16), "rows": rows,
               "first_id": int(first), "last_id": int(last), "xid": int(xid),
               "committed_at": committed, "lsn_after": lsn, "rows_total_after": int(total)}
        self.batches.append(rec)
        return rec

    def restore_point(self, name):
        c = self.cluster
        total = int(c.one(f"SELECT count(*) FROM {TABLE}")[0])
        lsn, at, wal = c.one(
            f"SELECT lsn, to_json(clock_timestamp()) #>> '{{}}', pg_walfile_name(lsn) "
            f"FROM pg_create_restore_point('{name}') AS lsn")
        rec = {"name": name, "lsn": lsn, "time": at, "timeline": int(wal[:8], 16),
               "rows_visible": total}
        self.restore_points.append(rec)
        return rec


# ------------------------------------------------------------------------------------------------
# barman-cloud

# barman-cloud-backup names a backup after the second it starts (strftime %Y%m%dT%H%M%S), so two
# backups started in one second would share a directory. One lock serialises all backups.
_backup_lock = threading.Lock()
_last_backup_second = [0]


class Barman:
    def __init__(self, store, work):
        self.store = store
        self.work = work
        self.endpoint = store.endpoint

    def url(self, bucket):
        return f"s3://{bucket}/{PATH}"

    def archive_command(self, bucket, server, compress):
        z = " -z" if compress else ""
        return (f"barman-cloud-wal-archive --endpoint-url {self.endpoint}{z} "
                f"{self.url(bucket)} {server} %p")

    def restore_command(self, bucket, server):
        return (f"barman-cloud-wal-restore --endpoint-url {self.endpoint} "
                f"{self.url(bucket)} {server} %f %p")

    def backup_cmd(self, cluster, bucket, server, name, compress, extra=()):
        cmd = ["barman-cloud-backup", "--endpoint-url", self.endpoint, "--immediate-checkpoint",
               "-h", cluster.sockdir, "-p", str(cluster.port), "-U", "postgres"]
        if compress:
            cmd.append("--gzip")
        if name:
            cmd += ["-n", name]
        return cmd + list(extra) + [self.url(bucket), server]

    def _next_second(self):
        while int(time.time()) <= _last_backup_second[0]:
            time.sleep(0.05)
        _last_backup_second[0] = int(time.time())

    def base_ids(self, bucket, server):
        prefix = f"{PATH}/{server}/base/"
        res = self.store.s3.list_objects_v2(Bucket=bucket, Prefix=prefix, Delimiter="/")
        return {p["Prefix"][len(prefix):-1] for p in res.get("CommonPrefixes", [])}

    def backup(self, cluster, bucket, server, name, compress=True):
        with _backup_lock:
            before = self.base_ids(bucket, server)
            self._next_second()
            started = time.monotonic()
            run(self.backup_cmd(cluster, bucket, server, name, compress), cwd=self.work)
            new = self.base_ids(bucket, server) - before
        if len(new) != 1:
            raise HarnessError(f"expected one new backup directory, found {sorted(new)}")
        backup_id = new.pop()
        log(f"{cluster.name}: backup {backup_id} ({name}) in {time.monotonic() - started:.1f}s")
        return backup_id

    def killed_backup(self, cluster, bucket, server, name, sig):
        """Starts a backup and signals it as soon as its first tar part is complete in the bucket.
        -S 1MB makes barman roll over to data_0001.tar.gz early, so data.tar.gz is finished (and
        visible) long before backup.info would be written."""
        with _backup_lock:
            self._next_second()
            prefix = f"{PATH}/{server}/base/"
            before = self.base_ids(bucket, server)
            cmd = self.backup_cmd(cluster, bucket, server, name, True, extra=["-S", "1MB"])
            p = subprocess.Popen(cmd, cwd=self.work, env=tool_env(), stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, text=True, start_new_session=True,
                                 **as_postgres())
            seen = None
            deadline = time.monotonic() + 120
            while seen is None and p.poll() is None and time.monotonic() < deadline:
                for k in self.store.keys(bucket, prefix):
                    if k.endswith("/data.tar.gz") and k[len(prefix):].split("/")[0] not in before:
                        seen = k
                        break
                else:
                    time.sleep(0.02)
            if seen is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(p.pid, signal.SIGKILL)
                out = p.communicate()[0]
                raise HarnessError(f"backup to kill never showed data.tar.gz (exit {p.returncode})"
                                   f"\n{out}")
            if sig == signal.SIGKILL:
                os.killpg(p.pid, signal.SIGKILL)      # the whole group: barman's upload workers too
            else:
                os.kill(p.pid, sig)                   # barman's own handler, as a Ctrl-C would
            out, _ = p.communicate(timeout=120)
            backup_id = seen[len(prefix):].split("/")[0]
            left = [k[len(prefix) + len(backup_id) + 1:] for k in self.store.keys(bucket, prefix + backup_id + "/")]
        log(f"{cluster.name}: backup {backup_id} hit by signal {sig.name} (exit {p.returncode}); "
            f"left {left}")
        return backup_id, left, p.returncode, out

    def restore(self, bucket, server, backup_id, dest):
        run(["barman-cloud-restore", "--endpoint-url", self.endpoint, self.url(bucket), server,
             backup_id, dest], cwd=self.work)

    def backup_list(self, bucket, server):
        out = run(["barman-cloud-backup-list", "--endpoint-url", self.endpoint, "--format", "json",
                   self.url(bucket), server], cwd=self.work)
        return json.loads(out)["backups_list"]


# ------------------------------------------------------------------------------------------------
# describing a bucket

def parse_backup_info(raw):
    """backup.info as barman writes it: key=value lines. None if it is not that (corrupt)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    info = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if "=" not in line:
            return None
        k, v = line.split("=", 1)
        info[k.strip()] = v.strip()
    required = {"status", "begin_wal", "end_wal", "timeline", "systemid", "end_time"}
    return info if required <= info.keys() else None


def split_compression(name):
    for suffix, comp in COMPRESSION_SUFFIXES.items():
        if name.endswith(suffix):
            return name[:-len(suffix)], comp
    return name, None


def describe_bucket(store, bucket, server):
    """Everything a test could assert about one server in one bucket, computed from a listing
    (so derived buckets get correct numbers without special cases)."""
    root = f"{PATH}/{server}/"
    objs = store.objects(bucket, root)
    backups, wal_tl, histories, partials, others = {}, {}, [], [], []
    compressions = {}
    for o in objs:
        rel = o["Key"][len(root):]
        if rel.startswith("base/"):
            parts = rel.split("/")
            b = backups.setdefault(parts[1], {"backup_id": parts[1], "objects": [], "bytes": 0})
            b["objects"].append("/".join(parts[2:]))
            b["bytes"] += o["Size"]
        elif rel.startswith("wals/"):
            name, comp = split_compression(rel.split("/")[-1])
            m = WAL_NAME_RE.match(name)
            if not m:
                others.append(rel)
                continue
            compressions[comp or "none"] = compressions.get(comp or "none", 0) + 1
            tli = int(m.group(1), 16)
            t = wal_tl.setdefault(tli, {"timeline": tli, "segments": 0, "first": None,
                                        "last": None, "segment_names": [], "partial": [],
                                        "backup_history_files": [], "bytes": 0, "objects": 0})
            t["bytes"] += o["Size"]
            t["objects"] += 1
            if name.endswith(".history"):
                histories.append(name)
            elif name.endswith(".partial"):
                partials.append(name)
                t["partial"].append(name)
            elif name.endswith(".backup"):
                t["backup_history_files"].append(name)
            else:
                t["segments"] += 1
                t["segment_names"].append(name)
        else:
            others.append(rel)
    for t in wal_tl.values():
        if t["segment_names"]:
            t["first"], t["last"] = t["segment_names"][0], t["segment_names"][-1]
    # timelines a history file names but that hold no segments (yet) still exist
    for h in histories:
        tli = int(h[:8], 16)
        wal_tl.setdefault(tli, {"timeline": tli, "segments": 0, "first": None, "last": None,
                                "segment_names": [], "partial": [], "backup_history_files": [],
                                "bytes": 0, "objects": 0})

    backup_list = []
    for bid in sorted(backups):
        b = backups[bid]
        info = None
        if "backup.info" in b["objects"]:
            info = parse_backup_info(store.get(bucket, f"{root}base/{bid}/backup.info"))
            b["backup_info"] = "ok" if info else "corrupt"
        else:
            b["backup_info"] = "missing"
        if info:
            for k in ("backup_name", "status", "begin_wal", "end_wal", "begin_xlog", "end_xlog",
                      "begin_time", "end_time", "systemid", "version", "xlog_segment_size",
                      "compression"):
                if k in info:
                    b[k] = info[k] if info[k] != "None" else None
            b["timeline"] = int(info["timeline"]) if info["timeline"] != "None" else None
        backup_list.append(b)

    seg_sizes = {int(b["xlog_segment_size"]) for b in backup_list if b.get("xlog_segment_size")}
    timelines = sorted(wal_tl)
    return {
        "url": f"s3://{bucket}/{PATH}",
        "bucket": bucket,
        "path": PATH,
        "server": server,
        "servers_at_url": sorted(p["Prefix"][len(PATH) + 1:-1] for p in store.s3.list_objects_v2(
            Bucket=bucket, Prefix=f"{PATH}/", Delimiter="/").get("CommonPrefixes", [])),
        "backup_ids": [b["backup_id"] for b in backup_list],
        "done_backup_ids": [b["backup_id"] for b in backup_list if b.get("status") == "DONE"],
        "backups": backup_list,
        "systemids": sorted({b["systemid"] for b in backup_list if b.get("systemid")}),
        "wal_segment_size": seg_sizes.pop() if len(seg_sizes) == 1 else None,
        "timelines": timelines,
        "wal_timelines": [wal_tl[t] for t in timelines],
        "wal_segments_per_timeline": {str(t): wal_tl[t]["segments"] for t in timelines},
        "wal_compressions": compressions,
        "history_files": sorted(histories),
        "partial_files": sorted(partials),
        "other_wal_objects": others,
        "object_count": len(objs),
        "bytes": sum(o["Size"] for o in objs),
    }


def history_contents(store, bucket, server, names):
    """The parsed lines of each history file (name -> [{parent, switch_lsn, reason}])."""
    out = {}
    for name in names:
        key = next(k for k in store.keys(bucket, f"{PATH}/{server}/wals/{name}"))
        raw = store.get(bucket, key)
        text = (gzip.decompress(raw) if key.endswith(".gz") else raw).decode()
        lines = []
        for line in text.splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            parent, lsn, reason = (line.split("\t") + ["", ""])[:3]
            lines.append({"parent": int(parent), "switch_lsn": lsn.strip(), "reason": reason.strip()})
        out[name] = lines
    return out


# ------------------------------------------------------------------------------------------------
# scenario builders

def build_main(store, barman, work):
    """Timeline 1 with three backups and WAL before, between and after them; a DBA's PITR to a
    restore point -> timeline 2 and one backup there; a standby promotion -> timeline 3.
    Returns (facts, running primary of timeline 3)."""
    facts = {"events": []}
    bucket, server = MAIN_BUCKET, MAIN_SERVER
    archive = barman.archive_command(bucket, server, compress=True)
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d")

    def backup_name(n):
        # Like CNPG's Backup objects (<scheduled-backup>-<timestamp>), passed with -n: ids stay
        # barman's own timestamps, names are what a DBA looks backups up by.
        return f"daily-{stamp}-{n}"

    tl1 = Cluster(work, "main-tl1")
    tl1.initdb()
    tl1.conf(tl1.base_settings(archive))
    tl1.start()
    w = Workload(tl1)
    w.create_table()
    facts["systemid"] = tl1.one("SELECT system_identifier FROM pg_control_system()")[0]
    facts["pg_version"] = int(tl1.one("SHOW server_version_num")[0])

    # Segments archived before any backup exists (CNPG archives from the first minute).
    for i in range(1, 4):
        w.insert(f"pre_backup_{i}", 50)
        tl1.switch_wal()
    tl1.wait_archived()

    backup_ids = []
    for n in range(1, 4):
        backup_ids.append(barman.backup(tl1, bucket, server, backup_name(n)))
        w.insert(f"after_backup_{n}", 100 * n)
        w.restore_point(f"rp_after_backup_{n}")
        tl1.switch_wal()
        w.insert(f"after_backup_{n}_more", 10)
        tl1.switch_wal()
        tl1.wait_archived()

    # The mistake a PITR undoes: a restore point, then a DELETE that reaches the archive too.
    w.insert("before_mistake", 25)
    w.restore_point("before_mistake")
    deleted, xid = tl1.one(f"WITH d AS (DELETE FROM {TABLE} WHERE batch LIKE 'pre_backup_%' "
                           "RETURNING 1) SELECT count(*), txid_current() FROM d")
    at = tl1.one(f"SELECT to_json(pg_xact_commit_timestamp('{xid}'::xid)) #>> '{{}}'")[0]
    facts["mistake"] = {"sql": f"DELETE FROM {TABLE} WHERE batch LIKE 'pre_backup_%'",
                        "rows_deleted": int(deleted), "xid": int(xid), "committed_at": at,
                        "timeline": 1}
    # Two more segments on timeline 1, so its archive runs past the switch point that timeline 2
    # will branch at: WAL a reader must not use for timeline 2.
    w.insert("after_mistake", 5)
    tl1.switch_wal()
    w.insert("after_mistake_2", 5)
    tl1.switch_wal()
    tl1.wait_archived()
    tl1.stop()

    # Timeline 2: what a DBA does by hand - restore the newest backup, replay the archive up to
    # the restore point, promote, and keep archiving into the same server.
    tl2 = Cluster(work, "main-tl2")
    os.makedirs(tl2.datadir, mode=0o700)
    shutil.chown(tl2.datadir, "postgres", "postgres")
    barman.restore(bucket, server, backup_ids[-1], tl2.datadir)
    wal_dir = os.path.join(tl2.datadir, "pg_wal", "archive_status")
    os.makedirs(wal_dir, exist_ok=True)
    for d in (os.path.join(tl2.datadir, "pg_wal"), wal_dir):
        shutil.chown(d, "postgres", "postgres")
        os.chmod(d, 0o700)
    tl2.conf({"port": tl2.port,
              "restore_command": f"'{barman.restore_command(bucket, server)}'",
              "recovery_target_name": "'before_mistake'",
              "recovery_target_action": "'promote'"})
    open(os.path.join(tl2.datadir, "recovery.signal"), "w").close()
    shutil.chown(os.path.join(tl2.datadir, "recovery.signal"), "postgres", "postgres")
    tl2.start()
    deadline = time.monotonic() + 120
    while tl2.one("SELECT pg_is_in_recovery()")[0] == "t":
        if time.monotonic() > deadline:
            raise HarnessError("main-tl2 never left recovery\n" + tail(tl2.logfile))
        time.sleep(0.2)
    if tl2.timeline() != 2:
        raise HarnessError(f"PITR promoted to timeline {tl2.timeline()}, expected 2")
    facts["events"].append({"what": "pitr", "timeline": 2, "from_backup": backup_ids[-1],
                            "recovery_target_name": "before_mistake",
                            "rows_visible": int(tl2.one(f"SELECT count(*) FROM {TABLE}")[0])})
    # Done with the target; the restore_command stays (every CNPG instance has one), so the
    # standby cloned below inherits it.
    tl2.conf({"recovery_target_name": "''", "recovery_target_action": "'pause'"})
    w.cluster = tl2
    w.insert("tl2_first", 40)
    tl2.switch_wal()
    tl2.wait_archived()
    backup_ids.append(barman.backup(tl2, bucket, server, backup_name(4)))
    w.insert("after_backup_4", 60)
    w.restore_point("rp_after_backup_4")
    tl2.switch_wal()
    tl2.wait_archived()

    # Timeline 3: a streaming standby (same archive_command, idle until promoted) takes over
    # after the primary's node is lost, the way a CNPG failover does. The primary dies with an
    # immediate stop: a clean shutdown would switch and archive its last segment, and then no
    # .partial would ever exist.
    standby = Cluster(work, "main-standby")
    run([f"{PGBIN}/pg_basebackup", "-h", tl2.sockdir, "-p", str(tl2.port), "-U", "postgres",
         "-D", standby.datadir, "-R", "-X", "stream", "-c", "fast", "--no-sync"], cwd=work)
    standby.conf({"port": standby.port})
    standby.start()
    deadline = time.monotonic() + 60
    while standby.one("SELECT count(*) FROM pg_stat_wal_receiver WHERE status = 'streaming'")[0] != "1":
        if time.monotonic() > deadline:
            raise HarnessError("standby never started streaming\n" + tail(standby.logfile))
        time.sleep(0.1)
    # Start a segment the standby knows only from streaming (not from pg_basebackup's copy, which
    # may already carry an archive status): its unfinished tail is what becomes the .partial.
    w.insert("tl2_before_stream_segment", 5)
    tl2.switch_wal()
    streamed = w.insert("tl2_streamed_only", 30)   # in the segment that becomes .partial
    while standby.one(f"SELECT pg_last_wal_replay_lsn() >= '{streamed['lsn_after']}'::pg_lsn")[0] != "t":
        if time.monotonic() > deadline:
            raise HarnessError("standby did not catch up\n" + tail(standby.logfile))
        time.sleep(0.1)
    tl2.wait_archived()
    tl2.stop("immediate")
    facts["events"].append({"what": "primary_lost", "timeline": 2, "how": "pg_ctl stop -m immediate",
                            "last_streamed_lsn": streamed["lsn_after"]})
    standby.promote()
    partials = [f for f in os.listdir(os.path.join(standby.datadir, "pg_wal")) if f.endswith(".partial")]
    log(f"main-standby: promoted; partial segments in pg_wal: {partials or 'none'}")
    if standby.timeline() != 3:
        raise HarnessError(f"standby promoted to timeline {standby.timeline()}, expected 3")
    facts["events"].append({"what": "standby_promotion", "timeline": 3})
    w.cluster = standby
    w.insert("tl3_first", 20)
    w.restore_point("rp_on_tl3")
    facts["wal_insight"] = wal_insight_workload(standby, w)
    standby.switch_wal()
    w.insert("tl3_second", 20)
    standby.switch_wal()
    standby.wait_archived()

    facts["backup_names"] = {bid: backup_name(i + 1) for i, bid in enumerate(backup_ids)}
    facts["table"] = f"public.{TABLE}"
    facts["row_batches"] = w.batches
    facts["restore_points"] = w.restore_points
    facts["barman_restore_points"] = [f"barman_{b}" for b in backup_ids]
    facts["expected_backup_ids"] = backup_ids
    return facts, standby


def wal_insight_workload(c, w):
    """What a DBA looks for in the WAL: rolled-back work, subtransactions, a table emptied by
    TRUNCATE, one cut by VACUUM (a Storage TRUNCATE record), and a DROP TABLE right after a
    restore point. Returns the facts pg_waldump must confirm."""
    facts = {}
    c.sql("CREATE TABLE tideline_doomed AS SELECT g AS n, md5(g::text) AS h FROM generate_series(1, 500) g")
    c.sql("CREATE TABLE tideline_emptied AS SELECT g AS n FROM generate_series(1, 500) g")
    c.sql("CREATE TABLE tideline_vacuumed AS SELECT g AS n FROM generate_series(1, 2000) g")
    # Rolled back: an INSERT gets an xid, so the abort is written to the WAL.
    facts["aborted_xid"] = int(c.one(
        "BEGIN; INSERT INTO tideline_emptied VALUES (-1); SELECT txid_current(); ROLLBACK")[0])
    # Two savepoints released into one commit, a third rolled back.
    facts["subxact_commit_xid"] = int(c.one(
        "BEGIN; INSERT INTO tideline_emptied VALUES (-2); "
        "SAVEPOINT a; INSERT INTO tideline_emptied VALUES (-3); RELEASE a; "
        "SAVEPOINT b; INSERT INTO tideline_emptied VALUES (-4); ROLLBACK TO b; "
        "SAVEPOINT c; INSERT INTO tideline_emptied VALUES (-5); RELEASE c; "
        "SELECT txid_current(); COMMIT")[0])
    old_node = c.one("SELECT pg_relation_filepath('tideline_emptied')")[0]
    c.sql("TRUNCATE tideline_emptied")
    facts["truncated"] = {"table": "tideline_emptied", "old_file": old_node}
    c.sql("DELETE FROM tideline_vacuumed")
    c.sql("VACUUM tideline_vacuumed")
    facts["vacuumed"] = {"table": "tideline_vacuumed",
                         "file": c.one("SELECT pg_relation_filepath('tideline_vacuumed')")[0]}
    w.insert("before_drop", 10)
    facts["restore_point"] = w.restore_point("before_drop")
    doomed_file = c.one("SELECT pg_relation_filepath('tideline_doomed')")[0]
    xid = c.one("BEGIN; DROP TABLE tideline_doomed; SELECT txid_current(); COMMIT")[0]
    at = c.one(f"SELECT to_json(pg_xact_commit_timestamp('{xid}'::xid)) #>> '{{}}'")[0]
    facts["drop"] = {"table": "tideline_doomed", "rows": 500, "file": doomed_file, "xid": int(xid),
                     "committed_at": at, "timeline": c.timeline()}
    w.insert("after_drop", 10)
    return facts


PLAIN_TABLESPACE = "plain_space"


def build_plain(store, barman, work):
    """A second, small cluster with 1 MiB segments and uncompressed WAL and tars, as pg-plain in
    the same bucket and path as pg-main."""
    c = Cluster(work, "plain")
    c.initdb("--wal-segsize=1")
    c.conf(c.base_settings(barman.archive_command(MAIN_BUCKET, PLAIN_SERVER, compress=False)))
    c.start()
    try:
        w = Workload(c)
        w.create_table()
        facts = {"systemid": c.one("SELECT system_identifier FROM pg_control_system()")[0]}
        for i in range(1, 3):
            w.insert(f"plain_pre_{i}", 20)
            c.switch_wal()
        c.wait_archived()
        ids = [barman.backup(c, MAIN_BUCKET, PLAIN_SERVER, "plain-1", compress=False)]
        w.insert("plain_after_1", 20)
        w.restore_point("plain_rp_1")
        c.switch_wal()
        c.wait_archived()
        # The second backup carries what a CNPG pod's PGDATA carries: an included custom.conf that
        # points at /controller paths, wants certificates, a preload library that is not
        # installed, pod-sized memory and an archive_command. The running server never reloads
        # it; a restore must override all of it and start cleanly without archiving anything.
        custom = os.path.join(c.datadir, "custom.conf")
        with open(custom, "w") as f:
            f.write(CNPG_LIKE_SETTINGS)
        with open(os.path.join(c.datadir, "postgresql.conf"), "a") as f:
            f.write("\ninclude 'custom.conf'\n")
        shutil.chown(custom, "postgres", "postgres")
        # A tablespace outside PGDATA, as a DBA with a second volume has: barman-cloud writes it
        # as its own OID.tar and records its pod path in backup.info, which a restore elsewhere
        # must not write to.
        ts_dir = os.path.join(work, "plain-tablespace")
        os.makedirs(ts_dir, exist_ok=True)
        shutil.chown(ts_dir, "postgres", "postgres")
        c.sql(f"CREATE TABLESPACE {PLAIN_TABLESPACE} LOCATION '{ts_dir}'")
        c.sql(f"CREATE TABLE tideline_in_tablespace TABLESPACE {PLAIN_TABLESPACE} AS "
              "SELECT g AS n, md5(g::text) AS h FROM generate_series(1, 2000) g")
        ts_oid = c.one(f"SELECT oid FROM pg_tablespace WHERE spcname = '{PLAIN_TABLESPACE}'")[0]
        c.switch_wal()
        c.wait_archived()
        ids.append(barman.backup(c, MAIN_BUCKET, PLAIN_SERVER, "plain-2", compress=False))
        facts.update(tablespace={"name": PLAIN_TABLESPACE, "oid": int(ts_oid), "location": ts_dir,
                                 "table": "tideline_in_tablespace", "rows": 2000})
        w.insert("plain_after_2", 20)
        c.switch_wal()
        c.wait_archived()
        facts.update(cnpg_like_backup_id=ids[-1], cnpg_like_settings=CNPG_LIKE_SETTINGS)
        facts.update(expected_backup_ids=ids, row_batches=w.batches,
                     restore_points=w.restore_points, table=f"public.{TABLE}")
        return facts
    finally:
        c.stop()


def derive_gap(store, main):
    store.fresh_bucket("tideline-gap")
    store.copy_bucket(MAIN_BUCKET, "tideline-gap", f"{PATH}/{MAIN_SERVER}/")
    oldest = next(b for b in main["backups"] if b.get("status") == "DONE")
    tl1 = next(t for t in main["wal_timelines"] if t["timeline"] == oldest["timeline"])
    before = [s for s in tl1["segment_names"] if s < oldest["begin_wal"]]
    after = [s for s in tl1["segment_names"] if s > oldest["end_wal"]]
    if len(before) < 3 or not after:
        raise HarnessError(f"gap scenario needs 3 segments before and 1 after {oldest['backup_id']}")
    # harmless: inside the run of segments before the oldest backup (a real hole, not the start)
    harmless, harmful = before[1], after[0]
    for seg in (harmless, harmful):
        key = next(k for k in store.keys("tideline-gap", f"{PATH}/{MAIN_SERVER}/wals/{seg[:16]}/{seg}")
                   if split_compression(k.split("/")[-1])[0] == seg)
        store.delete("tideline-gap", key)
    return {"removed_harmful": harmful, "removed_harmless": harmless,
            "harmful_after_backup": oldest["backup_id"]}


def derive_recompressed(store, work):
    """Every .gz under wals/ decompressed and recompressed by the xz, zstd and lz4 command line
    tools in turn: barman 3.4 cannot write these, CNPG's newer barman can."""
    dst = "tideline-recompressed"
    store.fresh_bucket(dst)
    wal_prefix = f"{PATH}/{MAIN_SERVER}/wals/"
    store.copy_bucket(MAIN_BUCKET, dst, f"{PATH}/{MAIN_SERVER}/base/")
    tools = [(".xz", ["xz", "-c", "-6"]), (".zst", ["zstd", "-c", "-q", "-3"]),
             (".lz4", ["lz4", "-c", "-q"])]
    keys = store.keys(MAIN_BUCKET, wal_prefix)
    mapping = {}

    def one(i_key):
        i, key = i_key
        if not key.endswith(".gz"):
            store.s3.copy_object(Bucket=dst, Key=key, CopySource={"Bucket": MAIN_BUCKET, "Key": key})
            return key, key
        suffix, cmd = tools[i % len(tools)]
        raw = gzip.decompress(store.get(MAIN_BUCKET, key))
        body = subprocess.run(cmd, input=raw, capture_output=True, check=True).stdout
        new_key = key[:-3] + suffix
        store.put(dst, new_key, body)
        return key, new_key
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        for old, new in pool.map(one, enumerate(keys)):
            mapping[old[len(wal_prefix):]] = new[len(wal_prefix):]
    return {"recompressed_from": MAIN_BUCKET, "renamed_wal_objects": mapping}


def derive_mixed(store, main, plain):
    dst = "tideline-mixed"
    store.fresh_bucket(dst)
    store.copy_bucket(MAIN_BUCKET, dst, f"{PATH}/{MAIN_SERVER}/")
    foreign = plain["expected_backup_ids"][-1]
    if foreign in main["backup_ids"]:
        raise HarnessError(f"plain backup id {foreign} collides with a main backup")
    src = f"{PATH}/{PLAIN_SERVER}/base/{foreign}/"
    for k in store.keys(MAIN_BUCKET, src):
        store.s3.copy_object(Bucket=dst, Key=f"{PATH}/{MAIN_SERVER}/base/{foreign}/{k[len(src):]}",
                             CopySource={"Bucket": MAIN_BUCKET, "Key": k})
    return {"foreign_backup_id": foreign, "foreign_systemid": plain["systemid"],
            "own_systemid": main["systemid"]}


def derive_corrupt(store, main):
    dst = "tideline-corrupt"
    store.fresh_bucket(dst)
    store.copy_bucket(MAIN_BUCKET, dst, f"{PATH}/{MAIN_SERVER}/")
    ids = main["expected_backup_ids"]
    garbage_id, truncated_id = ids[1], ids[2]
    base = f"{PATH}/{MAIN_SERVER}/base/"
    garbage = bytes(random.Random(20240229).randrange(256) for _ in range(512))
    store.put(dst, f"{base}{garbage_id}/backup.info", garbage)
    full = store.get(MAIN_BUCKET, f"{base}{truncated_id}/backup.info")
    store.put(dst, f"{base}{truncated_id}/backup.info", full[:len(full) // 2])
    return {"garbage_id": garbage_id, "truncated_id": truncated_id,
            "truncated_bytes": len(full) // 2, "original_bytes": len(full)}


# ------------------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--endpoint", help="s3rver URL, e.g. http://127.0.0.1:4568")
    where.add_argument("--s3rver-dir", help="a directory s3rver_ctl.sh started: its port file "
                                            "gives the endpoint (ctest knows only the directory)")
    ap.add_argument("--out", required=True, help="the JSON description to write")
    ap.add_argument("--demo", action="store_true", help="build only the 'main' scenario")
    ap.add_argument("--local-dir", help="where the file:// mirror goes (default: next to --out)")
    ap.add_argument("--reuse", action="store_true",
                    default=os.environ.get("TIDELINE_REUSE_BUCKETS") == "1",
                    help="keep the buckets if --out describes them (same script) and they are "
                         "intact; only the endpoint is rewritten (also TIDELINE_REUSE_BUCKETS=1)")
    ap.add_argument("--keep-work", action="store_true", help="keep the PostgreSQL temp dir")
    args = ap.parse_args()
    if os.geteuid() != 0:
        sys.exit("make_buckets.py: run as root (PostgreSQL runs as the postgres user)")
    if args.s3rver_dir:
        with open(os.path.join(args.s3rver_dir, "port")) as f:
            args.endpoint = f"http://127.0.0.1:{f.read().strip()}"
    out = os.path.abspath(args.out)
    local_dir = os.path.abspath(args.local_dir or os.path.join(os.path.dirname(out), "local"))
    with open(__file__, "rb") as f:
        script_hash = hashlib.sha256(f.read()).hexdigest()[:16]
    store = Store(args.endpoint)

    if args.reuse and reusable(store, out, script_hash, args.demo):
        with open(out) as f:
            env = json.load(f)
        env["endpoint"] = args.endpoint
        write_json(out, env)
        log(f"reused the buckets described in {out}")
        return

    work = tempfile.mkdtemp(prefix="tideline-pg-")
    os.chmod(work, 0o755)
    shutil.chown(work, "postgres", "postgres")
    WORK_TMP[0] = work
    os.makedirs(os.path.join(work, "sockets"))
    shutil.chown(os.path.join(work, "sockets"), "postgres", "postgres")
    barman = Barman(store, work)
    timings = {}
    ok = False
    try:
        buckets = [MAIN_BUCKET] if args.demo else [
            MAIN_BUCKET, "tideline-gap", "tideline-incomplete", "tideline-recompressed",
            "tideline-mixed", "tideline-corrupt"]
        for b in buckets:
            store.fresh_bucket(b)

        # pg-plain is independent of pg-main: build it alongside (the machine has 2 cores and
        # most of the time is spent waiting for barman's uploads).
        plain_result = {}
        plain_thread = None
        if not args.demo:
            def plain_job():
                try:
                    plain_result["facts"] = build_plain(store, barman, work)
                except BaseException as exc:  # re-raised in the main thread
                    plain_result["error"] = exc
            plain_thread = threading.Thread(target=plain_job, name="plain")
            plain_thread.start()

        t = time.monotonic()
        main_facts, primary = build_main(store, barman, work)
        timings["main_clusters"] = round(time.monotonic() - t, 1)
        if plain_thread:
            plain_thread.join()
            if "error" in plain_result:
                raise plain_result["error"]

        t = time.monotonic()
        main = describe_bucket(store, MAIN_BUCKET, MAIN_SERVER)
        main.update(main_facts)
        main["history"] = history_contents(store, MAIN_BUCKET, MAIN_SERVER, main["history_files"])
        main["barman_backup_list_ids"] = [b["backup_id"] for b in barman.backup_list(MAIN_BUCKET, MAIN_SERVER)]
        if main["backup_ids"] != main["expected_backup_ids"]:
            raise HarnessError(f"bucket holds {main['backup_ids']}, built {main['expected_backup_ids']}")
        scenarios = {"main": main}

        if not args.demo:
            plain = describe_bucket(store, MAIN_BUCKET, PLAIN_SERVER)
            plain.update(plain_result["facts"])
            scenarios["plain"] = plain

            def derived(bucket, extra, server=MAIN_SERVER, carry=True):
                d = describe_bucket(store, bucket, server)
                if carry:  # same history as main: its rows, restore points and events still hold
                    for k in ("systemid", "pg_version", "table", "row_batches", "restore_points",
                              "barman_restore_points", "mistake", "events", "history",
                              "backup_names"):
                        d[k] = main[k]
                d.update(extra)
                return d

            scenarios["gap"] = derived("tideline-gap", derive_gap(store, main))
            scenarios["recompressed"] = derived("tideline-recompressed",
                                                derive_recompressed(store, work))
            scenarios["mixed"] = derived("tideline-mixed", derive_mixed(store, main, plain))
            scenarios["corrupt"] = derived("tideline-corrupt", derive_corrupt(store, main))

            # incomplete: main plus a backup really killed mid-upload (SIGKILL: no backup.info at
            # all) and one interrupted with SIGINT (barman's handler uploads status FAILED).
            # From here on the cluster archives into the copy, so tideline-main stays exactly as
            # described; the copy is simply the same cluster living on a little longer.
            store.copy_bucket(MAIN_BUCKET, "tideline-incomplete", f"{PATH}/{MAIN_SERVER}/")
            primary.sql("ALTER SYSTEM SET archive_command = '%s'" % barman.archive_command(
                "tideline-incomplete", MAIN_SERVER, compress=True))
            primary.sql("SELECT pg_reload_conf()")
            time.sleep(0.5)   # the archiver rereads its config asynchronously
            killed_id, killed_left, _, _ = barman.killed_backup(
                primary, "tideline-incomplete", MAIN_SERVER, "killed", signal.SIGKILL)
            failed_id, failed_left, _, _ = barman.killed_backup(
                primary, "tideline-incomplete", MAIN_SERVER, "interrupted", signal.SIGINT)
            if "backup.info" in killed_left:
                raise HarnessError(f"killed backup {killed_id} has a backup.info")
            primary.wait_archived()
            primary.stop("immediate")   # a clean stop would switch and archive one more segment
            scenarios["incomplete"] = derived("tideline-incomplete", {
                "incomplete_id": killed_id, "incomplete_objects": killed_left,
                "failed_id": failed_id, "failed_objects": failed_left})
            timings["derived_buckets"] = round(time.monotonic() - t, 1)

            t = time.monotonic()
            n = store.mirror_to_dir(MAIN_BUCKET, local_dir)
            timings["local_mirror"] = round(time.monotonic() - t, 1)
            scenarios["local"] = dict(describe_bucket(store, MAIN_BUCKET, MAIN_SERVER),
                                      url=f"file://{local_dir}/{PATH}", mirror_of=MAIN_BUCKET,
                                      files=n)

        primary.stop("immediate")
        timings["total"] = round(time.monotonic() - T0, 1)
        env = {
            "endpoint": args.endpoint,
            "access_key": ACCESS_KEY,
            "secret_key": SECRET_KEY,
            "region": REGION,
            "local_mirror": None if args.demo else local_dir,
            "demo": args.demo,
            "generator": {"script": os.path.abspath(__file__), "hash": script_hash,
                          "built_at": utc_now_iso(), "seconds": timings},
            "scenarios": scenarios,
        }
        write_json(out, env)
        ok = True
        log(f"wrote {out}: scenarios {sorted(scenarios)}; timings {timings}")
    finally:
        for c in reversed(Cluster.all_started):
            if c.running:
                try:
                    c.stop("immediate")
                except Exception as exc:  # keep stopping the others
                    log(f"could not stop {c.name}: {exc}")
        if ok and not args.keep_work:
            shutil.rmtree(work, ignore_errors=True)
        else:
            log(f"PostgreSQL work dir kept for inspection: {work}")


def write_json(path, env):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(env, f, indent=2, sort_keys=False)
        f.write("\n")
    os.replace(tmp, path)   # a reader never sees half a file


def reusable(store, out, script_hash, demo):
    try:
        with open(out) as f:
            env = json.load(f)
    except (OSError, ValueError):
        return False
    if env.get("generator", {}).get("hash") != script_hash or env.get("demo") != demo:
        return False
    try:
        for sc in env["scenarios"].values():
            if sc["url"].startswith("file://"):
                if not os.path.isdir(sc["url"][len("file://"):]):
                    return False
                continue
            if len(store.objects(sc["bucket"], f"{PATH}/{sc['server']}/")) != sc["object_count"]:
                return False
    except Exception:
        return False
    return True


if __name__ == "__main__":
    try:
        main()
    except HarnessError as exc:
        log(f"FAILED: {exc}")
        sys.exit(1)
