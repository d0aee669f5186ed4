#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`tideline-cli retention` and `keep` against barman's own retention code on copies of the
barman-written fixture buckets.

    test_retention.py --cli PATH/tideline-cli --env FIXTURE_DIR/env.json

Oracles, all Debian's barman-cli-cloud 3.4:
- statuses: barman.retention_policies (RetentionPolicyFactory over a CloudBackupCatalog of the
  same bucket), minimum redundancy included;
- what goes: barman-cloud-backup-delete's own main() with --dry-run, whose "Skipping deletion of
  objects [...]" lines list every key it would delete, step by step;
- what an --apply leaves: the barman-cloud-backup-delete program deleting an identical copy, the
  two buckets then listed by boto3 key for key;
- keep: barman-cloud-backup-keep writes what `keep --status` reads, and reads what `keep` writes.

Recovery windows are previewed at chosen instants (Tideline's --now). barman has no such option
and faketime cannot stand in here: it would also move the clock botocore signs with, and s3rver
refuses signatures more than 15 minutes off (RequestTimeTooSkewed). So the oracle runs barman's
code in this process with only barman.retention_policies' clock set to the same instant.
"""

import argparse
import ast
import contextlib
import datetime
import io
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
import uuid

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import make_buckets as mb  # noqa: E402
from proxy_client import Proxy  # noqa: E402

import barman.retention_policies as barman_rp  # noqa: E402
from barman.clients import cloud_backup_delete  # noqa: E402
from barman.cloud import CloudBackupCatalog  # noqa: E402
from barman.cloud_providers import get_cloud_interface  # noqa: E402

FAILURES = []
TEMP_BUCKETS = []


def check(cond, what):
    print(f"{'ok  ' if cond else 'FAIL'} {what}", flush=True)
    if not cond:
        FAILURES.append(what)


class Env:
    def __init__(self, cli, env_path):
        with open(env_path) as f:
            self.fixture = json.load(f)
        self.cli = cli
        self.endpoint = self.fixture["endpoint"]
        self.store = mb.Store(self.endpoint)
        os.environ.update({"AWS_ACCESS_KEY_ID": mb.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": mb.SECRET_KEY,
                           "AWS_DEFAULT_REGION": mb.REGION, "TZ": "UTC", "LC_ALL": "C.UTF-8"})
        os.environ.pop("AWS_PROFILE", None)

    def copy(self, source_bucket, label):
        bucket = f"tideline-rt-{label}-{uuid.uuid4().hex[:8]}"
        self.store.fresh_bucket(bucket)
        TEMP_BUCKETS.append(bucket)
        self.store.copy_bucket(source_bucket, bucket, f"{mb.PATH}/")
        return bucket

    def url(self, bucket):
        return f"s3://{bucket}/{mb.PATH}"

    def tideline(self, *args, endpoint=None):
        p = subprocess.run([self.cli, *args, "--endpoint-url", endpoint or self.endpoint],
                           capture_output=True, text=True, timeout=300)
        return p.returncode, p.stdout, p.stderr

    def retention_json(self, bucket, server, *args):
        rc, out, err = self.tideline("retention", self.url(bucket), server, *args, "--json")
        if rc != 0:
            raise AssertionError(f"retention {args} exited {rc}: {err}")
        return json.loads(out)

    def keys(self, bucket, server):
        return self.store.keys(bucket, f"{mb.PATH}/{server}/")


def drop_temp_buckets(env):
    """Empties and removes every bucket a test copied into TEMP_BUCKETS."""
    for bucket in TEMP_BUCKETS:
        keys = env.store.keys(bucket)
        for i in range(0, len(keys), 1000):
            env.store.s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": k} for k in keys[i:i + 1000]]})
        env.store.s3.delete_bucket(Bucket=bucket)


class FixedClock(datetime.datetime):
    """barman.retention_policies' datetime with now() pinned (set .instant)."""
    instant = None

    @classmethod
    def now(cls, tz=None):
        return cls.instant.astimezone(tz) if tz else cls.instant


@contextlib.contextmanager
def barman_now(instant):
    saved = barman_rp.datetime
    FixedClock.instant = instant
    barman_rp.datetime = FixedClock
    try:
        yield
    finally:
        barman_rp.datetime = saved


def barman_policy(policy):
    """CNPG's spelling as CNPG hands it to barman (pkg/utils/barman.go)."""
    units = {"d": "DAYS", "w": "WEEKS", "m": "MONTHS"}
    if policy[-1] in units and policy[:-1].isdigit():
        return f"RECOVERY WINDOW OF {policy[:-1]} {units[policy[-1]]}"
    return policy


def barman_args(env, bucket, server, *extra):
    return ["--endpoint-url", env.endpoint, *extra, env.url(bucket), server]


def barman_report(env, bucket, server, policy, instant, minimum_redundancy):
    """{backup_id: status} as barman's retention policy reports it."""
    policy = barman_policy(policy)
    config = cloud_backup_delete.parse_arguments(barman_args(env, bucket, server, "-r", policy))
    cloud = get_cloud_interface(config)
    catalog = CloudBackupCatalog(cloud_interface=cloud, server_name=server)
    with barman_now(instant):
        rp = barman_rp.RetentionPolicyFactory.create("retention_policy", policy, server_name=server, catalog=catalog)
        rp.server.minimum_redundancy = minimum_redundancy
        report = rp.report()
    cloud.close()
    return dict(report)


def barman_dry_run(env, bucket, server, policy, instant):
    """The steps barman-cloud-backup-delete --dry-run prints: [(backup keys, wal keys)]."""
    out = io.StringIO()
    with barman_now(instant), contextlib.redirect_stdout(out):
        cloud_backup_delete.main(barman_args(env, bucket, server, "--dry-run", "-r", barman_policy(policy)))
    steps = []
    for line in out.getvalue().splitlines():
        if not line.startswith("Skipping deletion of objects "):
            continue
        keys = ast.literal_eval(line[len("Skipping deletion of objects "):line.rindex(" due to")])
        if any("/wals/" in k for k in keys):
            steps[-1][1].extend(keys)
        else:
            steps.append((keys, []))
    return steps


def end_times(env, bucket, server):
    config = cloud_backup_delete.parse_arguments(barman_args(env, bucket, server, "-r", "REDUNDANCY 1"))
    cloud = get_cloud_interface(config)
    catalog = CloudBackupCatalog(cloud_interface=cloud, server_name=server)
    times = {bid: info.end_time for bid, info in catalog.get_backup_list().items() if info.status == "DONE"}
    cloud.close()
    return times


def compare_plan(env, bucket, server, policy, instant, minimum_redundancy, label):
    args = ["--policy", policy, "--now", instant.isoformat()]
    if minimum_redundancy:
        args += ["--minimum-redundancy", str(minimum_redundancy)]
    plan = env.retention_json(bucket, server, *args)
    ours = {b["backup_id"]: b["status"] for b in plan["backups"] if b["status"] is not None}
    theirs = barman_report(env, bucket, server, policy, instant, minimum_redundancy)
    check(ours == theirs, f"{label}: statuses {ours} == barman's {theirs}")
    if minimum_redundancy:
        return plan
    steps = [(sorted(s["files"] + [s["backup_info"]]), sorted(s["wals"])) for s in plan["steps"]]
    oracle = [(sorted(f), sorted(w)) for f, w in barman_dry_run(env, bucket, server, policy, instant)]
    check(steps == oracle, f"{label}: {len(steps)} deletion steps, keys equal to barman-cloud-backup-delete --dry-run's "
                           f"({sum(len(f) + len(w) for f, w in oracle)} keys)")
    if steps != oracle:
        print(json.dumps({"tideline": steps, "barman": oracle}, indent=1))
    deleted = [k for f, w in steps for k in f + w]
    sizes = {o["Key"]: o["Size"] for o in env.store.objects(bucket, f"{mb.PATH}/{server}/")}
    check(plan["freed_bytes"] == sum(sizes[k] for k in deleted), f"{label}: freed_bytes is the listed size of what goes")
    wal_keys = [k for _, w in steps for k in w]
    check(plan["wals"]["delete_count"] == len(wal_keys)
          and plan["wals"]["delete_bytes"] == sum(sizes[k] for k in wal_keys),
          f"{label}: wals.delete_count/delete_bytes count every WAL object that goes")
    return plan


def plans_against_barman(env, bucket, server, label):
    times = sorted(end_times(env, bucket, server).values())
    check(len(times) >= 1, f"{label}: barman lists DONE backups")
    for n in range(1, len(times) + 2):
        compare_plan(env, bucket, server, f"REDUNDANCY {n}", datetime.datetime.now(datetime.timezone.utc), 0,
                     f"{label} REDUNDANCY {n}")
    micro = datetime.timedelta(microseconds=1)
    for i, end in enumerate(times):
        # The point of recoverability just after and exactly at a backup's end: barman's "<".
        for offset, where in ((micro, "just after"), (datetime.timedelta(0), "exactly at")):
            for policy, window in (("30d", datetime.timedelta(days=30)), ("RECOVERY WINDOW OF 4 WEEKS",
                                                                          datetime.timedelta(weeks=4))):
                instant = end + window + offset
                compare_plan(env, bucket, server, policy, instant, 0,
                             f"{label} {policy}, point {where} backup {i + 1}'s end")
        compare_plan(env, bucket, server, "6m", end + datetime.timedelta(days=186) + micro, 2,
                     f"{label} 6m, minimum redundancy 2, point after backup {i + 1}")


def apply_against_barman(env, source_bucket, server, policy, label, prepare=None, endpoint=None):
    ours, theirs = env.copy(source_bucket, "ours"), env.copy(source_bucket, "barman")
    if prepare:
        prepare(ours)
        prepare(theirs)
    before = env.keys(ours, server)
    rc, out, err = env.tideline("retention", env.url(ours), server, "--policy", policy, "--apply")
    check(rc == 2 and env.keys(ours, server) == before, f"{label}: --apply without --confirm exits 2, nothing deleted")
    rc, out, err = env.tideline("retention", env.url(ours), server, "--policy", policy, "--apply", "--confirm",
                                server + "x")
    check(rc == 2 and env.keys(ours, server) == before, f"{label}: a mistyped --confirm exits 2, nothing deleted")
    rc, out, err = env.tideline("retention", env.url(ours), server, "--policy", policy, "--apply", "--confirm", server,
                                "--json", endpoint=endpoint)
    result = json.loads(out) if out else {}
    check(rc == 0 and result.get("complete") is True, f"{label}: --apply --confirm completes ({rc}, {err.strip()})")
    p = subprocess.run(["barman-cloud-backup-delete", *barman_args(env, theirs, server, "-r", barman_policy(policy))],
                       capture_output=True, text=True, timeout=300)
    check(p.returncode == 0, f"{label}: barman-cloud-backup-delete -r on the twin copy ({p.stderr.strip()[-200:]})")
    left_ours, left_theirs = env.keys(ours, server), env.keys(theirs, server)
    check(left_ours == left_theirs, f"{label}: the bucket holds exactly what barman leaves "
                                    f"({len(left_ours)} objects, {len(before) - len(left_ours)} deleted)")
    if left_ours != left_theirs:
        print("only ours:", sorted(set(left_ours) - set(left_theirs)), "only barman's:",
              sorted(set(left_theirs) - set(left_ours)))
    again = env.retention_json(ours, server, "--policy", policy)
    check(again["steps"] == [], f"{label}: a second run finds nothing more to delete")
    return ours, result


def spread_over_months(env, bucket, server, days_back):
    """Moves each backup's begin_time and end_time back by days_back[i] days in backup.info, as
    if the backups had been taken months apart (nothing else in them depends on the date)."""
    for bid, days in zip(sorted({k.split("/")[3] for k in env.keys(bucket, server) if "/base/" in k}), days_back):
        key = f"{mb.PATH}/{server}/base/{bid}/backup.info"
        lines = []
        for line in env.store.get(bucket, key).decode().splitlines():
            name, _, value = line.partition("=")
            if name in ("begin_time", "end_time"):
                value = str(datetime.datetime.fromisoformat(value) - datetime.timedelta(days=days))
            lines.append(f"{name}={value}" if _ else line)
        env.store.put(bucket, key, ("\n".join(lines) + "\n").encode())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--env", required=True)
    args = ap.parse_args()
    env = Env(args.cli, args.env)
    main_bucket = env.fixture["scenarios"]["main"]["bucket"]
    server = env.fixture["scenarios"]["main"]["server"]
    plain = env.fixture["scenarios"]["plain"]["server"]
    ids = env.fixture["scenarios"]["main"]["done_backup_ids"]
    try:
        # Plain copies, then keep annotations written by barman and by Tideline.
        plans_against_barman(env, main_bucket, server, "main")
        plans_against_barman(env, main_bucket, plain, "plain (1 MiB WAL, tablespace)")

        kept = env.copy(main_bucket, "keep")
        rc, out, err = env.tideline("keep", env.url(kept), server, ids[0], "--target", "standalone")
        p = subprocess.run(["barman-cloud-backup-keep", *barman_args(env, kept, server, "--status"), ids[0]],
                           capture_output=True, text=True)
        check(rc == 0 and p.stdout.strip() == "Keep: standalone",
              f"keep --target standalone: barman-cloud-backup-keep --status reads '{p.stdout.strip()}'")
        p = subprocess.run(["barman-cloud-backup-keep", *barman_args(env, kept, server, "--target", "full"), ids[2]],
                           capture_output=True, text=True)
        rc, out, err = env.tideline("keep", env.url(kept), server, ids[2], "--status", "--json")
        check(p.returncode == 0 and rc == 0 and json.loads(out)["keep"] == "full",
              "keep --status reads the annotation barman-cloud-backup-keep --target full wrote")
        plans_against_barman(env, kept, server, "keep:standalone first, keep:full third")

        standalone = env.copy(main_bucket, "standalone")
        for bid in ids[:2]:
            env.tideline("keep", env.url(standalone), server, bid, "--target", "standalone")
        plans_against_barman(env, standalone, server, "keep:standalone first and second")

        # barman reads the first line as it is: "standalone\n" keeps in full, so does a blank line.
        quirks = env.copy(main_bucket, "keep-quirks")
        env.store.put(quirks, f"{mb.PATH}/{server}/base/{ids[0]}/annotations/keep", b"standalone\n")
        env.store.put(quirks, f"{mb.PATH}/{server}/base/{ids[1]}/annotations/keep", b" ")
        compare_plan(env, quirks, server, "REDUNDANCY 1", datetime.datetime.now(datetime.timezone.utc), 0,
                     "keep annotations barman reads literally ('standalone\\n', ' ')")

        rc, out, err = env.tideline("keep", env.url(kept), server, ids[2], "--release")
        p = subprocess.run(["barman-cloud-backup-keep", *barman_args(env, kept, server, "--status"), ids[2]],
                           capture_output=True, text=True)
        check(rc == 0 and p.stdout.strip() == "Keep: nokeep", "keep --release: barman-cloud-backup-keep reads nokeep")

        # Backups months apart, the policies judged at the real present by both tools.
        spread = env.copy(main_bucket, "spread")
        spread_over_months(env, spread, server, [400, 100, 40, 2])
        now = datetime.datetime.now(datetime.timezone.utc)
        for policy in ("30d", "4w", "6m", "RECOVERY WINDOW OF 13 MONTHS"):
            compare_plan(env, spread, server, policy, now, 0, f"months apart, {policy}")
            compare_plan(env, spread, server, policy, now, 3, f"months apart, {policy}, minimum redundancy 3")
        spread_kept = env.copy(spread, "spread-kept")
        env.tideline("keep", env.url(spread_kept), server, ids[0], "--target", "standalone")
        env.tideline("keep", env.url(spread_kept), server, ids[2], "--target", "full")
        for policy in ("30d", "6m"):
            compare_plan(env, spread_kept, server, policy, now, 0, f"months apart, keep standalone and full, {policy}")
        for policy in ("30d", "4w", "6m"):
            apply_against_barman(env, spread, server, policy, f"apply {policy}, backups months apart")
        apply_against_barman(env, spread, server, "30d", "apply 30d, months apart, first kept standalone",
                              prepare=lambda b: env.tideline("keep", env.url(b), server, ids[0], "--target", "standalone"))

        # Tiers: keep:standalone on the newest backup of each of the last months, written by Tideline
        # and honoured by barman; deleting after it as barman does after barman-cloud-backup-keep.
        tiered, twin = env.copy(spread, "tiered"), env.copy(spread, "tiered-twin")
        plan = env.retention_json(tiered, server, "--policy", "30d", "--tiers", "monthly=3")
        chosen = plan["tiers"]["keep"]
        check(chosen == sorted(ids[1:4]) and plan["tiers"]["release"] == [],
              f"monthly=3 keeps the newest backup of each of the last three months that have one ({chosen})")
        for bid in chosen:
            subprocess.run(["barman-cloud-backup-keep", *barman_args(env, twin, server, "--target", "standalone"), bid],
                           capture_output=True, check=True)
        now = datetime.datetime.now(datetime.timezone.utc)
        statuses = {b["backup_id"]: b["status"] for b in plan["backups"]}
        check(statuses == barman_report(env, twin, server, "30d", now, 0),
              f"tiers simulated: the statuses barman reports once the same backups are kept ({statuses})")
        steps = [(sorted(s["files"] + [s["backup_info"]]), sorted(s["wals"])) for s in plan["steps"]]
        check(steps == [(sorted(f), sorted(w)) for f, w in barman_dry_run(env, twin, server, "30d", now)],
              "tiers simulated: the deletions barman-cloud-backup-delete plans once the same backups are kept")
        rc, out, err = env.tideline("retention", env.url(tiered), server, "--policy", "30d", "--tiers", "monthly=3",
                                    "--apply", "--confirm", server)
        subprocess.run(["barman-cloud-backup-delete", *barman_args(env, twin, server, "-r", barman_policy("30d"))],
                       capture_output=True, check=True)
        ours = [k for k in env.keys(tiered, server) if not k.endswith("/annotations/tideline-tier")]
        check(rc == 0 and ours == env.keys(twin, server),
              f"tiers applied: the bucket holds what barman leaves after barman-cloud-backup-keep (besides the "
              f"tier markers) ({err.strip()[-120:]})")
        # A keep someone else wrote is never released; Tideline's own are, once out of every tier.
        subprocess.run(["barman-cloud-backup-keep", *barman_args(env, tiered, server, "--release"), ids[2]],
                       capture_output=True, check=True)
        subprocess.run(["barman-cloud-backup-keep", *barman_args(env, tiered, server, "--target", "full"), ids[2]],
                       capture_output=True, check=True)
        plan = env.retention_json(tiered, server, "--policy", "30d", "--tiers", "monthly=1")
        check(plan["tiers"]["release"] == [ids[1]] and plan["tiers"]["keep"] == [],
              f"monthly=1 releases only Tideline's own keep ({plan['tiers']['release']}), not barman-cloud-backup-keep's")
        rc, out, err = env.tideline("retention", env.url(tiered), server, "--policy", "30d", "--tiers", "monthly=1",
                                    "--apply", "--confirm", server)
        keeps = {bid: subprocess.run(["barman-cloud-backup-keep", *barman_args(env, tiered, server, "--status"), bid],
                                     capture_output=True, text=True).stdout.strip() for bid in ids[2:4]}
        gone = not any(f"/base/{ids[1]}/" in k for k in env.keys(tiered, server))
        check(rc == 0 and keeps == {ids[2]: "Keep: full", ids[3]: "Keep: standalone"} and gone,
              f"after release the policy deletes the released backup, the others stay kept ({keeps})")
        rc, out, err = env.tideline("retention", env.url(tiered), server, "--policy", "30d", "--tiers", "weekly=x")
        check(rc == 2 and "weekly=" in err, "a malformed --tiers is refused with the accepted form")

        # Deleting for real, twin copies side by side.
        apply_against_barman(env, main_bucket, server, "REDUNDANCY 1", "apply REDUNDANCY 1")
        apply_against_barman(env, main_bucket, plain, "REDUNDANCY 1", "apply plain REDUNDANCY 1")
        apply_against_barman(env, main_bucket, server, "REDUNDANCY 2", "apply REDUNDANCY 2 with keep:standalone first",
                             prepare=lambda b: env.tideline("keep", env.url(b), server, ids[0], "--target", "standalone"))

        # Half deleted by an earlier run (its first tar gone, backup.info still there): the
        # backup does not look restorable, and the next run finishes like barman would.
        def half_deleted(bucket):
            tar = [k for k in env.keys(bucket, server) if f"/base/{ids[0]}/data" in k]
            env.store.delete(bucket, tar[0])
        ours, _ = apply_against_barman(env, main_bucket, server, "REDUNDANCY 3", "finishing a half-deleted backup",
                                       prepare=half_deleted)

        # A store without multi-object delete (GCS's S3 interface, some gateways): one DELETE per key.
        proxy = Proxy(env.endpoint)
        try:
            # S3 and R2 refuse DeleteObjects without an integrity header; the proxy does as they do.
            proxy.rules([{"action": "badrequest", "method": "POST", "path": r"\?delete",
                          "without_header": "Content-MD5"}])
            bare = urllib.request.Request(f"{proxy.url}/{main_bucket}?delete", data=b"<Delete/>", method="POST")
            try:
                urllib.request.urlopen(bare, timeout=10)
                refused = False
            except urllib.error.HTTPError as e:
                refused = e.code == 400
            check(refused, "the proxy refuses a DeleteObjects without Content-MD5")
            _, result = apply_against_barman(env, main_bucket, server, "REDUNDANCY 2", "Content-MD5 required",
                                             endpoint=proxy.url)
            check(result.get("batch_refused") is False, "Content-MD5 required: the batches were accepted")

            proxy.rules([{"action": "notimplemented", "method": "POST", "path": r"\?delete"}])
            _, result = apply_against_barman(env, main_bucket, server, "REDUNDANCY 1", "batches refused",
                                             endpoint=proxy.url)
            methods = {e["method"] for e in proxy.log() if e.get("status") in (200, 204)}
            check(result.get("batch_refused") is True and "DELETE" in methods,
                  "batches refused: reported, and single DELETEs did the work")

            # backup.info cannot be deleted: the run stops there with the tars gone, the backup is
            # not shown as restorable, and the next run (permission back) finishes like barman.
            broken = env.copy(main_bucket, "stopped")
            proxy.rules([{"action": "notimplemented", "method": "POST", "path": r"\?delete"},
                         {"action": "accessdenied", "method": "DELETE", "path": r"backup\.info"}])
            rc, out, err = env.tideline("retention", env.url(broken), server, "--policy", "REDUNDANCY 1", "--apply",
                                        "--confirm", server, "--json", endpoint=proxy.url)
            result = json.loads(out)
            infos = {f"{mb.PATH}/{server}/base/{s['backup_id']}/backup.info" for s in result["steps"]}
            check(rc == 4 and result["stopped_at"] == ids[0] and result["complete"] is False
                  and len(result["backups_deleted"]) == 0 and {f["key"] for f in result["failed"]} == infos
                  and infos <= set(env.keys(broken, server))
                  and not any("/wals/" in f["key"] for f in result["failed"]),
                  f"a refused backup.info delete stops the run at the first backup, exit 4 ({err.strip()[-160:]})")
            rc, out, err = env.tideline("backups", env.url(broken), server, "--json")
            first = [b for b in json.loads(out)["backups_list"] if b["backup_id"] == ids[0]]
            check(first and first[0]["restorable"] is False,
                  "the backup left without its tars is not restorable in `backups`")
        finally:
            proxy.close()
        twin = env.copy(main_bucket, "stopped-twin")
        subprocess.run(["barman-cloud-backup-delete", *barman_args(env, twin, server, "-r", "REDUNDANCY 1")],
                       capture_output=True, check=True)
        rc, out, err = env.tideline("retention", env.url(broken), server, "--policy", "REDUNDANCY 1", "--apply",
                                    "--confirm", server)
        check(rc == 0 and env.keys(broken, server) == env.keys(twin, server),
              "the rerun finishes: the bucket holds exactly what barman leaves")

        # A file:// copy: the same objects go as barman deletes from S3.
        local = pathlib.Path(tempfile.mkdtemp(prefix="tideline-rt-"))
        try:
            shutil.copytree(pathlib.Path(env.fixture["local_mirror"]) / mb.PATH, local / mb.PATH)
            outside = local / "outside.txt"
            outside.write_text("not the bucket's")
            link = local / mb.PATH / server / "base" / "planted"
            link.symlink_to(local)
            rc, out, err = env.tideline("retention", f"file://{local}/{mb.PATH}", server, "--policy", "REDUNDANCY 1",
                                        "--apply", "--confirm", server)
            files = sorted(str(p.relative_to(local)) for p in local.rglob("*") if p.is_file() and not p.is_symlink()
                           and str(p.relative_to(local)).startswith(f"{mb.PATH}/{server}/"))
            check(rc == 0 and files == env.keys(twin, server) and outside.exists(),
                  f"file:// --apply leaves the files barman leaves on S3, nothing outside touched ({err.strip()[-120:]})")
            empty = [p for p in (local / mb.PATH / server / "base").iterdir() if p.is_dir() and not p.is_symlink()
                     and not any(p.iterdir())]
            check(not empty, "file://: no empty backup directories left behind")
        finally:
            shutil.rmtree(local)

        # Bad input.
        for bad in ("30x", "0d", "30", "-1d", "RECOVERY WINDOW OF 3 YEARS", "REDUNDANCY", "REDUNDANCY 0",
                    "RECOVERY WINDOW OF 0 DAYS"):
            rc, out, err = env.tideline("retention", env.url(main_bucket), server, "--policy", bad)
            check(rc == 2 and "30d" in err and "\n" == err[-1] and err.count("\n") == 1,
                  f"policy '{bad}' refused in one line naming the accepted forms (exit {rc})")
        corrupt = env.fixture["scenarios"].get("corrupt")
        if corrupt:
            before = env.keys(corrupt["bucket"], corrupt["server"])
            plan = env.retention_json(corrupt["bucket"], corrupt["server"], "--policy", "REDUNDANCY 1")
            p = subprocess.run(["barman-cloud-backup-delete", *barman_args(env, corrupt["bucket"], corrupt["server"],
                                                                            "--dry-run", "-r", "REDUNDANCY 1")],
                               capture_output=True, text=True)
            check(plan["blockers"] and p.returncode != 0,
                  f"an unreadable backup.info blocks retention, as barman refuses (exit {p.returncode})")
            rc, out, err = env.tideline("retention", env.url(corrupt["bucket"]), corrupt["server"], "--policy",
                                        "REDUNDANCY 1", "--apply", "--confirm", corrupt["server"])
            check(rc == 7 and env.keys(corrupt["bucket"], corrupt["server"]) == before,
                  f"--apply refused with exit 7, nothing deleted ({err.strip()[:160]})")
    finally:
        drop_temp_buckets(env)
    if FAILURES:
        print(f"{len(FAILURES)} checks failed")
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
