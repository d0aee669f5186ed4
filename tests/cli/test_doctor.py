#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`tideline-cli doctor`, failure by failure, on copies of the barman-written fixture buckets made to
fail that way and on Kubernetes objects served by tests/support/k8s_api.py.

    test_doctor.py --cli PATH/tideline-cli --env FIXTURE_DIR/env.json

Each check is held to a judge outside Tideline where one answers the same question: barman's own
tools (barman-cloud-backup-list, barman-cloud-wal-archive, barman-cloud-backup-delete --dry-run)
run against the same bucket with the same credentials, boto3's listing and upload times, the
store's own Date header under faketime, and the Kubernetes objects the test wrote.
"""

import argparse
import ast
import datetime
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
import uuid

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import k8s_objects as ko  # noqa: E402
import make_buckets as mb  # noqa: E402
import test_retention as tr  # noqa: E402  (its checks, fixture environment and barman helpers)
from proxy_client import Proxy  # noqa: E402

FAILURES = tr.FAILURES
TEMP_BUCKETS = tr.TEMP_BUCKETS
check = tr.check


class Env(tr.Env):
    def __init__(self, cli, env_path, data_home):
        super().__init__(cli, env_path)
        os.environ["XDG_DATA_HOME"] = data_home

    def copy(self, source_bucket, label, dest_path=mb.PATH):
        bucket = f"tideline-dr-{label}-{uuid.uuid4().hex[:8]}"
        self.store.fresh_bucket(bucket)
        TEMP_BUCKETS.append(bucket)
        self.copy_into(source_bucket, bucket, dest_path)
        return bucket

    def copy_into(self, source_bucket, bucket, dest_path):
        for o in self.store.objects(source_bucket, f"{mb.PATH}/"):
            key = dest_path + o["Key"][len(mb.PATH):]
            self.store.put(bucket, key, self.store.get(source_bucket, o["Key"]))

    def url(self, bucket, path=mb.PATH):
        return f"s3://{bucket}/{path}"

    def run(self, *args, endpoint=None, prefix=(), env=None):
        p = subprocess.run([*prefix, self.cli, *args, "--endpoint-url", endpoint or self.endpoint],
                           capture_output=True, text=True, timeout=300, env=env)
        return p.returncode, p.stdout, p.stderr

    def doctor(self, *args, endpoint=None, prefix=(), env=None):
        rc, out, err = self.run("doctor", *args, "--json", endpoint=endpoint, prefix=prefix, env=env)
        try:
            report = json.loads(out)
        except json.JSONDecodeError:
            raise AssertionError(f"doctor {args} printed no JSON (exit {rc}): {err}")
        return rc, report

    def barman(self, tool, *args, endpoint=None, env=None):
        return subprocess.run([tool, "--endpoint-url", endpoint or self.endpoint, *args],
                              capture_output=True, text=True, timeout=300, env=env)

    def barman_ids(self, url, server, endpoint=None):
        p = self.barman("barman-cloud-backup-list", "--format", "json", url, server, endpoint=endpoint)
        if p.returncode != 0:
            return None
        return sorted(b["backup_id"] for b in json.loads(p.stdout)["backups_list"])


def checks_of(report, server=None):
    """{id: check} of the bucket's checks (server None) or one server's."""
    return {c["id"]: c for c in report["checks"] if c["server"] == server or (server is None and c["server"] is None)}


def status(report, cid, server=None):
    c = [c for c in report["checks"] if c["id"] == cid and (server is None or c["server"] in (server, None))]
    return c[0]["status"] if c else None


def message(report, cid, server=None):
    c = [c for c in report["checks"] if c["id"] == cid and (server is None or c["server"] in (server, None))]
    return c[0]["message"] if c else ""


def upload_fresh_wal(env, bucket, server):
    """Archives one more segment now, as a running cluster would: the newest WAL object copied to
    the next segment's name by barman-cloud-wal-archive itself."""
    objects = [o for o in env.store.objects(bucket, f"{mb.PATH}/{server}/wals/")
               if not any(s in o["Key"] for s in ("history", "partial", "backup"))]
    last = max(objects, key=lambda o: o["Key"].rsplit("/", 1)[1])
    name = last["Key"].rsplit("/", 1)[1].split(".")[0]
    tl, log, seg = name[:8], int(name[8:16], 16), int(name[16:24], 16)
    nxt = f"{tl}{log:08X}{seg + 1:08X}"
    with tempfile.TemporaryDirectory() as d:
        data = env.store.get(bucket, last["Key"])
        if last["Key"].endswith(".gz"):
            import gzip
            data = gzip.decompress(data)
        path = os.path.join(d, nxt)
        with open(path, "wb") as f:
            f.write(data)
        p = env.barman("barman-cloud-wal-archive", env.url(bucket), server, path)
    return p.returncode == 0, nxt


def test_bucket_and_layout(env, main_bucket, server, servers):
    bucket = env.copy(main_bucket, "main")
    ok, nxt = upload_fresh_wal(env, bucket, server)
    check(ok, f"barman-cloud-wal-archive archived {nxt} into the copy")
    rc, report = env.doctor(env.url(bucket), server)
    check(status(report, "bucket_access") == "ok" and status(report, "layout") == "ok"
          and status(report, "server_data") == "ok", "a healthy copy: the bucket answers, holds servers, holds the server")
    wals = env.store.objects(bucket, f"{mb.PATH}/{server}/wals/")
    newest = max(o["LastModified"] for o in wals)
    said = re.search(r"[0-9A-F]{24}", message(report, "archiving", server))
    named = [o for o in wals if said and o["Key"].rsplit("/", 1)[1].split(".")[0] == said.group(0)]
    check(status(report, "archiving", server) == "ok" and named and named[0]["LastModified"] == newest,
          f"archiving is recent: the doctor names a segment boto3 lists as the newest upload "
          f"({message(report, 'archiving', server)})")
    check(status(report, "permissions") == "ok", f"list, get, put and delete work ({message(report, 'permissions')})")
    left = [k for k in env.store.keys(bucket, "") if "tideline-doctor-probe" in k]
    check(left == [], "the permission probe is deleted again")
    check(status(report, "recoverability", server) == "ok", "the copy is recoverable")

    # A server name with no data: barman lists no backup for it; the doctor names those that exist.
    rc, report = env.doctor(env.url(bucket), "pg-nope")
    check(env.barman_ids(env.url(bucket), "pg-nope") == [] and env.barman_ids(env.url(bucket), server),
          "barman-cloud-backup-list finds nothing for pg-nope and backups for the real server")
    m = message(report, "server_data")
    check(rc == 7 and status(report, "server_data") == "fail" and all(s in m for s in servers),
          f"server_data fails and names the servers that exist ({m})")
    check(not [c for c in report["checks"] if c["server"] == "pg-nope" and c["id"] == "archiving"],
          "no server checks run on a server without data")
    check(not [k for k in env.store.keys(bucket, "") if "/pg-nope/" in k], "the probe made no pg-nope directory")

    # destinationPath pointing at the server's own directory.
    inner = f"{mb.PATH}/{server}"
    rc, report = env.doctor(env.url(bucket, inner))
    theirs = env.barman_ids(env.url(bucket, inner), server)
    c = checks_of(report)["layout"]
    check(theirs == [] and rc == 7 and c["status"] == "fail" and env.url(bucket) in c["hint"]
          and f'"{server}"' in c["hint"],
          f"a server directory as destination path: barman lists nothing there, the doctor names the parent and "
          f"the server ({c['hint']})")

    # Credentials refused: an access key the store does not know.
    bad = dict(os.environ, AWS_ACCESS_KEY_ID="AKIDOCTORUNKNOWN")
    rc, report = env.doctor(env.url(bucket), server, env=bad)
    p = env.barman("barman-cloud-backup-list", env.url(bucket), server, env=bad)
    check(p.returncode != 0 and rc == 7 and status(report, "bucket_access") == "fail"
          and "access key" in message(report, "bucket_access"),
          f"unknown credentials: barman-cloud-backup-list fails too, the doctor says why ({message(report, 'bucket_access')})")
    return bucket


def test_permissions(env, bucket, server):
    proxy = Proxy(env.endpoint)
    try:
        proxy.rules([{"action": "accessdenied", "method": "PUT"}])
        rc, report = env.doctor(env.url(bucket), server, endpoint=proxy.url)
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "000000030000000000000099")
            with open(path, "wb") as f:
                f.write(b"\0" * 1024)
            p = env.barman("barman-cloud-wal-archive", env.url(bucket), server, path, endpoint=proxy.url)
        check(p.returncode != 0, "put refused: barman-cloud-wal-archive fails through the same store")
        check(status(report, "permissions") == "warn" and "put refused" in message(report, "permissions")
              and status(report, "clock") == "skipped",
              f"put refused: a warning for a read-only source, the clock check skipped ({message(report, 'permissions')})")

        proxy.rules([{"action": "accessdenied", "method": "DELETE"},
                     {"action": "accessdenied", "method": "POST", "path": r"\?delete"}])
        rc, report = env.doctor(env.url(bucket), server, endpoint=proxy.url)
        import boto3
        s3 = boto3.client("s3", endpoint_url=proxy.url, region_name=mb.REGION, aws_access_key_id=mb.ACCESS_KEY,
                          aws_secret_access_key=mb.SECRET_KEY)
        try:
            s3.delete_object(Bucket=bucket, Key=f"{mb.PATH}/nothing")
            boto_refused = False
        except Exception:  # noqa: BLE001 - botocore's ClientError
            boto_refused = True
        m = message(report, "permissions")
        probes = [k for k in env.store.keys(bucket, "") if "tideline-doctor-probe" in k]
        check(boto_refused and status(report, "permissions") == "warn" and "delete refused" in m
              and len(probes) == 1 and probes[0] in m,
              f"delete refused: boto3 is refused too; the doctor warns and names the probe it left ({m})")
        for k in probes:
            env.store.delete(bucket, k)

        proxy.rules([{"action": "accessdenied", "method": "GET", "path": r"/base/|/wals/|probe"}])
        rc, report = env.doctor(env.url(bucket), server, endpoint=proxy.url)
        check(rc == 7 and status(report, "permissions") == "fail" and "get refused" in message(report, "permissions"),
              f"get refused: restores are impossible, a failure ({message(report, 'permissions')})")

        # Bucket settings where the store answers (s3rver has neither API: the proxy answers as AWS does).
        proxy.rules([{"action": "answer", "method": "GET", "path": r"\?encryption",
                      "body": "<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault>"
                              "<SSEAlgorithm>aws:kms</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule>"
                              "</ServerSideEncryptionConfiguration>"},
                     {"action": "answer", "method": "GET", "path": r"\?replication", "status": 404,
                      "code": "ReplicationConfigurationNotFoundError"}])
        rc, report = env.doctor(env.url(bucket), server, endpoint=proxy.url)
        check(status(report, "encryption") == "ok" and "aws:kms" in message(report, "encryption"),
              f"GetBucketEncryption's answer read ({message(report, 'encryption')})")
        check(status(report, "replication") == "warn", f"no replication configuration: a warning")
        proxy.rules([{"action": "answer", "method": "GET", "path": r"\?encryption", "status": 404,
                      "code": "ServerSideEncryptionConfigurationNotFoundError"},
                     {"action": "answer", "method": "GET", "path": r"\?replication",
                      "body": "<ReplicationConfiguration><Role>arn:aws:iam::1:role/r</Role><Rule><ID>dr</ID>"
                              "<Status>Enabled</Status><Destination><Bucket>arn:aws:s3:::dr</Bucket></Destination>"
                              "</Rule></ReplicationConfiguration>"}])
        rc, report = env.doctor(env.url(bucket), server, endpoint=proxy.url)
        check(status(report, "encryption") == "warn" and status(report, "replication") == "ok",
              "no default encryption warns; an enabled replication rule is ok")
        # A rule switched off whose nested settings say Enabled is still off; an empty setting is no encryption.
        proxy.rules([{"action": "answer", "method": "GET", "path": r"\?encryption",
                      "body": "<ServerSideEncryptionConfiguration><Rule/></ServerSideEncryptionConfiguration>"},
                     {"action": "answer", "method": "GET", "path": r"\?replication",
                      "body": "<ReplicationConfiguration><Rule><ID>off</ID><Status>Disabled</Status>"
                              "<DeleteMarkerReplication><Status>Enabled</Status></DeleteMarkerReplication>"
                              "<Destination><Bucket>arn:aws:s3:::dr</Bucket><Metrics><Status>Enabled</Status></Metrics>"
                              "</Destination></Rule></ReplicationConfiguration>"}])
        rc, report = env.doctor(env.url(bucket), server, endpoint=proxy.url)
        check(status(report, "encryption") == "warn" and status(report, "replication") == "warn",
              "an encryption setting without an algorithm and a disabled rule with enabled sub-settings both warn")
        # A versioned bucket: a deleted probe would stay as a noncurrent version, so none is written.
        proxy.reset()
        proxy.rules([{"action": "answer", "method": "GET", "path": r"\?versioning",
                      "body": "<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>"}])
        rc, report = env.doctor(env.url(bucket), server, endpoint=proxy.url)
        puts = [e for e in proxy.log() if e["method"] == "PUT"]
        check(status(report, "permissions") == "skipped" and "versioning Enabled" in message(report, "permissions")
              and not puts, f"versioning Enabled: no probe written ({message(report, 'permissions')})")
        rc, report = env.doctor(env.url(bucket), server)
        check(status(report, "encryption") == "skipped" and "not supported" in message(report, "encryption")
              and status(report, "replication") == "skipped",
              f"s3rver implements neither: 'not supported by this store' ({message(report, 'encryption')})")
    finally:
        proxy.close()


def server_date_skew(env):
    """The store's clock against this process's, from its Date header (seconds, store minus ours)."""
    req = urllib.request.Request(env.endpoint, method="HEAD")
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            date = r.headers["Date"]
    except urllib.error.HTTPError as e:
        date = e.headers["Date"]
    theirs = datetime.datetime.strptime(date, "%a, %d %b %Y %H:%M:%S GMT").replace(tzinfo=datetime.timezone.utc)
    return (theirs - datetime.datetime.now(datetime.timezone.utc)).total_seconds()


def test_clock(env, bucket, server):
    # This machine's clock ten minutes fast: signatures still pass (S3 allows 15), the probe shows it.
    rc, report = env.doctor(env.url(bucket), server, prefix=("faketime", "-f", "+10m"))
    skew = server_date_skew(env) + 600  # what the store's Date header says against the faked clock
    m = message(report, "clock")
    check(status(report, "clock") == "warn" and "behind" in m and ("10 min" in m or "9 min" in m),
          f"a clock 10 min fast: the store is {skew:.0f} s behind by its Date header; the doctor warns ({m})")
    # A day off: the store refuses every signature, as it refuses barman's.
    rc, report = env.doctor(env.url(bucket), server, prefix=("faketime", "-f", "+1d"))
    p = subprocess.run(["faketime", "-f", "+1d", "barman-cloud-backup-list", "--endpoint-url", env.endpoint,
                        env.url(bucket), server], capture_output=True, text=True, timeout=120)
    check(p.returncode != 0 and rc == 7 and status(report, "bucket_access") == "fail" and status(report, "clock") == "fail",
          f"a clock a day off: barman is refused too; the doctor fails access and the clock ({message(report, 'clock')})")


def test_archiving_ages(env, bucket, server):
    last = max(o["LastModified"] for o in env.store.objects(bucket, f"{mb.PATH}/{server}/wals/"))
    # Silence alone warns (an idle database archives nothing either); only the operator's
    # ContinuousArchiving False, or nothing ever archived, fails (see test_cluster and the no-WAL copy).
    for minutes, expected in ((3, "ok"), (8, "warn"), (60, "warn")):
        now = (last + datetime.timedelta(minutes=minutes)).isoformat()
        rc, report = env.doctor(env.url(bucket), server, "--now", now)
        m = message(report, "archiving", server)
        check(status(report, "archiving", server) == expected and (expected == "ok" or "nothing archived for" in m),
              f"{minutes} min after the last upload boto3 lists: archiving {expected} ({m[:60]})")
    now = (last + datetime.timedelta(days=40)).isoformat()
    rc, report = env.doctor(env.url(bucket), server, "--now", now)
    return report


def test_catalog_failures(env, server):
    fx = env.fixture["scenarios"]
    # A backup that never got its backup.info: barman does not list it; the doctor names it.
    inc = fx["incomplete"]
    theirs = env.barman_ids(inc["url"], server)
    rc, report = env.doctor(inc["url"], server, "--read-only")
    dirs = sorted({o["Key"].split("/")[3] for o in env.store.objects(inc["bucket"], f"{mb.PATH}/{server}/base/")})
    stuck = sorted(set(dirs) - set(theirs) - {inc["failed_id"]})
    m = message(report, "stuck_backups", server)
    check(stuck == [inc["incomplete_id"]] and status(report, "stuck_backups", server) == "warn" and stuck[0] in m,
          f"a directory barman-cloud-backup-list does not list, without backup.info: named ({m})")
    check(status(report, "permissions") == "skipped" and not [k for k in env.store.keys(inc["bucket"], "")
                                                                if "probe" in k],
          "--read-only writes nothing and says put and delete were not tried")

    mixed = fx["mixed"]
    p = env.barman("barman-cloud-backup-list", "--format", "json", mixed["url"], server)
    systemids = {b.get("systemid") for b in json.loads(p.stdout)["backups_list"]} if p.returncode == 0 else set()
    rc, report = env.doctor(mixed["url"], server)
    m = message(report, "system_ids", server)
    check(rc == 7 and status(report, "system_ids", server) == "fail"
          and all(s in m for s in (mixed["foreign_systemid"], mixed["own_systemid"])),
          f"two system ids under one server ({sorted(str(s) for s in systemids)} by barman's listing): a failure ({m[:90]}…)")

    # Base backups without a WAL archive.
    bucket = env.copy(fx["main"]["bucket"], "nowal")
    for k in env.store.keys(bucket, f"{mb.PATH}/{server}/wals/"):
        env.store.delete(bucket, k)
    rc, report = env.doctor(env.url(bucket), server)
    check(env.barman_ids(env.url(bucket), server) and status(report, "wal_archive", server) == "warn"
          and status(report, "archiving", server) == "fail",
          "barman lists backups, wals/ is empty: base backups without PITR warn, archiving fails")

    # Production and development sharing one bucket.
    shared = env.copy(fx["main"]["bucket"], "shared", dest_path="prod")
    env.copy_into(fx["main"]["bucket"], shared, "dev")
    rc, report = env.doctor(f"s3://{shared}/prod", server)
    m = message(report, "shared_bucket")
    check(status(report, "shared_bucket") == "warn" and "prod" in m and "dev" in m,
          f"prod/ and dev/ destination paths in one bucket warn ({m})")
    rc, report = env.doctor(env.url(fx["main"]["bucket"]), server)
    check(status(report, "shared_bucket") == "ok", "pg-main and pg-plain under cnpg/ do not")


def test_retention(env, server):
    fx = env.fixture["scenarios"]["main"]
    spread = env.copy(fx["bucket"], "spread")
    tr.spread_over_months(env, spread, server, [400, 100, 40, 2])
    out = subprocess.run(["barman-cloud-backup-delete", "--endpoint-url", env.endpoint, "--dry-run", "-r",
                          "RECOVERY WINDOW OF 30 DAYS", env.url(spread), server], capture_output=True, text=True)
    doomed = set()
    for line in out.stdout.splitlines():
        if line.startswith("Skipping deletion of objects "):
            keys = ast.literal_eval(line[len("Skipping deletion of objects "):line.rindex(" due to")])
            doomed |= {k.split("/")[3] for k in keys if "/base/" in k}
    rc, report = env.doctor(env.url(spread), server, "--policy", "30d")
    m = message(report, "retention", server)
    check(doomed and status(report, "retention", server) == "warn" and all(b in m for b in doomed),
          f"retention never ran: the backups barman-cloud-backup-delete --dry-run would delete ({sorted(doomed)}) are named ({m})")
    rc, report = env.doctor(env.url(fx["bucket"]), server, "--policy", "30d")
    check(status(report, "retention", server) == "ok", "a bucket whose backups are all recent: retention ok")
    rc, report = env.doctor(env.url(fx["bucket"]), server)
    check(status(report, "retention", server) == "skipped", "without --policy or a cluster: skipped")


def test_drills(env, bucket, server):
    rc, report = env.doctor(env.url(bucket), server)
    check(status(report, "drills", server) == "warn" and "no restore drill" in message(report, "drills", server),
          "no drill ever run: a warning")
    rc, out, err = env.run("drill", env.url(bucket), server, "--target-immediate", "--json")
    drill = json.loads(out) if out else {}
    check(rc == 0 and drill.get("passed") is True, f"a real drill passes ({err.strip()[-200:]})")
    rc, report = env.doctor(env.url(bucket), server)
    check(status(report, "drills", server) == "ok", f"a drill just passed: ok ({message(report, 'drills', server)})")
    later = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=40)).isoformat()
    rc, report = env.doctor(env.url(bucket), server, "--now", later)
    check(status(report, "drills", server) == "warn" and "40 d" in message(report, "drills", server),
          f"forty days later: the last passing drill is too old ({message(report, 'drills', server)})")


class K8s:
    def __init__(self, objects, workdir):
        self.dir = workdir
        os.makedirs(workdir, exist_ok=True)
        path = os.path.join(workdir, "objects.json")
        with open(path, "w") as f:
            json.dump(objects, f)
        self.p = subprocess.Popen(["/usr/bin/python3", str(pathlib.Path(ko.__file__).parent / "k8s_api.py"),
                                   "--objects", path, "--tls-dir", workdir],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.port = int(self.p.stdout.readline())
        self.kubeconfig = os.path.join(workdir, "kubeconfig-token")

    def close(self):
        self.p.stdin.close()
        self.p.wait(timeout=10)


def test_cluster(env, server, workdir):
    fx = env.fixture["scenarios"]["main"]
    bucket = env.copy(fx["bucket"], "cnpg")
    ids = fx["done_backup_ids"]
    created = "2026-01-05T10:00:00Z"
    ns = "db"
    r2 = "https://0123456789abcdef.r2.cloudflarestorage.com"
    failing = [{"lastTransitionTime": created, "message": "unexpected failure invoking barman-cloud-wal-archive: "
                "exit status 4", "reason": "ContinuousArchivingFailing", "status": "False", "type": "ContinuousArchiving"}]
    intree = ko.cluster(ns, "intree", created, instances=1, pg_version=150018, system_id=fx["systemid"], timeline=3,
                        mode="intree", dest=env.url(bucket), endpoint=r2, server_name=server, conds=failing)
    fixed = ko.cluster(ns, "fixed", created, instances=1, pg_version=150018, system_id=fx["systemid"], timeline=3,
                       mode="intree", dest=env.url(bucket), endpoint=r2, server_name=server)
    fixed["spec"]["env"] = [{"name": "AWS_REQUEST_CHECKSUM_CALCULATION", "value": "when_required"},
                            {"name": "AWS_RESPONSE_CHECKSUM_VALIDATION", "value": "when_required"}]
    fixed["spec"]["postgresql"]["parameters"]["archive_timeout"] = "2d"
    # Variables a ConfigMap may hold: the doctor cannot read them, so it cannot fail the cluster for them.
    indirect = ko.cluster(ns, "indirect", created, instances=1, pg_version=150018, system_id=fx["systemid"], timeline=3,
                          mode="intree", dest=env.url(bucket), endpoint=r2, server_name=server)
    indirect["spec"]["envFrom"] = [{"configMapRef": {"name": "r2-env"}}]
    store = ko.object_store(ns, "store", created, dest=env.url(bucket), endpoint=r2, wal_compression="gzip",
                            data_compression="gzip", windows={})
    plugin = ko.cluster(ns, "plugin", created, instances=1, pg_version=150018, system_id=fx["systemid"], timeline=3,
                        mode="plugin", store="store", server_name=server)
    kept = ids[2:]
    backups = [ko.backup(ns, f"intree-{i}", "intree", created=created, mode="intree", phase="completed",
                         labels={"cnpg.io/cluster": "intree"}, backup_id=bid, dest=env.url(bucket), endpoint=r2,
                         server_name=server) for i, bid in enumerate(kept)]
    objects = [ko.namespace(ns, created), ko.secret(ns, env.fixture, created), intree, fixed, indirect, store, plugin,
               *backups]
    k8s = K8s(objects, workdir)
    try:
        def doctor(name, *extra):
            return env.doctor(f"cnpg://{ns}/{name}", "--kubeconfig", k8s.kubeconfig, *extra)

        rc, report = doctor("intree")
        check(rc == 7 and status(report, "r2_checksum") == "fail"
              and "AWS_REQUEST_CHECKSUM_CALCULATION" in message(report, "r2_checksum"),
              f"an R2 cluster without the checksum variables in spec.env fails ({message(report, 'r2_checksum')})")
        check(status(report, "archiving", server) == "fail" and "exit status 4" in message(report, "archiving", server),
              "ContinuousArchiving False: the operator's message is the archiving failure")
        listed = env.barman_ids(env.url(bucket), server)
        m = message(report, "deleted_backups", server)
        orphans = sorted(set(listed) - set(kept))
        check(status(report, "deleted_backups", server) == "warn" and all(b in m for b in orphans)
              and not any(b in m for b in kept),
              f"backups barman lists without a Backup resource ({orphans}) are named, the others not ({m})")
        check("RECOVERY WINDOW OF 30 DAYS" in message(report, "retention", server),
              "the cluster's retentionPolicy is the one judged")

        rc, report = doctor("fixed")
        check(status(report, "r2_checksum") == "ok", "spec.env with both variables: ok")
        # A day after the last upload: over CNPG's 5 min, within this cluster's own 2d.
        later = (max(o["LastModified"] for o in env.store.objects(bucket, f"{mb.PATH}/{server}/wals/"))
                 + datetime.timedelta(days=1)).isoformat()
        rc, report = doctor("fixed", "--now", later)
        rc2, other = doctor("plugin", "--now", later)
        check(status(report, "archiving", server) == "ok" and "2d" in message(report, "archiving", server)
              and status(other, "archiving", server) == "warn",
              f"a day of silence: ok under the cluster's archive_timeout of 2d, a failure under CNPG's 5 min "
              f"({message(report, 'archiving', server)})")
        rc, report = doctor("indirect")
        check(status(report, "r2_checksum") == "warn", f"envFrom: unknown, a warning ({message(report, 'r2_checksum')})")
        rc, report = doctor("plugin")
        check(status(report, "r2_checksum") == "ok" and "ObjectStore" in message(report, "r2_checksum"),
              "the plugin's ObjectStore sidecar environment is read")
    finally:
        k8s.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--env", required=True)
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="tideline-doctor-")
    env = Env(args.cli, args.env, os.path.join(work, "data"))
    server = env.fixture["scenarios"]["main"]["server"]
    try:
        bucket = test_bucket_and_layout(env, env.fixture["scenarios"]["main"]["bucket"], server,
                                        env.fixture["scenarios"]["main"]["servers_at_url"])
        test_permissions(env, bucket, server)
        test_clock(env, bucket, server)
        test_archiving_ages(env, bucket, server)
        test_catalog_failures(env, server)
        test_retention(env, server)
        test_cluster(env, server, os.path.join(work, "k8s"))
        test_drills(env, bucket, server)
    finally:
        tr.drop_temp_buckets(env)
        shutil.rmtree(work, ignore_errors=True)
    print(f"{len(FAILURES)} failure(s)")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
