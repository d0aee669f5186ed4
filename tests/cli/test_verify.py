#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`tideline-cli verify` on the barman-written fixture bucket and on damaged copies of it.

Oracles outside Tideline: barman-cloud-backup-list (which backups are DONE), boto3's listing
(what WAL is there), GNU gzip -t (a flipped byte), barman-cloud-restore (a cut tar fails it; a
clean one restores; a swapped one restores with a backup_label barman-cloud-backup-show disowns), barman-cloud-wal-restore (a removed
segment cannot be fetched) and PostgreSQL 15's pg_waldump (a flipped byte in a segment stops it).
Each damage is made in a copy of the bucket; the set of keys verify reports must be exactly the
damaged ones. Then what verify remembers: a second run reads nothing, a replaced object is read
again alone, --full reads everything.
"""
import argparse
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_buckets as mb  # noqa: E402
import test_retention as tr  # noqa: E402  (checks, fixture environment, temp buckets)

check = tr.check
WALDUMP = "/usr/lib/postgresql/15/bin/pg_waldump"


def verify(env, bucket, server, cache, *extra):
    p = subprocess.run([env.cli, "verify", env.url(bucket), server, "--json", "--endpoint-url", env.endpoint, *extra],
                       capture_output=True, text=True, timeout=600, env=dict(os.environ, XDG_CACHE_HOME=cache))
    try:
        doc = json.loads(p.stdout)
    except ValueError:
        doc = None
    return p.returncode, doc, p.stderr


def barman(env, *args):
    return subprocess.run([args[0], "--endpoint-url", env.endpoint, *args[1:]], capture_output=True, text=True,
                          timeout=300)


def barman_restore(env, bucket, server, backup_id, work):
    dest = tempfile.mkdtemp(dir=work, prefix="restore-")
    p = barman(env, "barman-cloud-restore", env.url(bucket), server, backup_id, dest)
    return p, dest


def test_clean(env, bucket, server, cache, work):
    rc, doc, err = verify(env, bucket, server, cache)
    check(rc == 0 and doc and doc["ok"] and doc["problems"] == [], f"clean: ok, exit 0 ({rc}: {err[-300:]})")
    if not doc:
        return None
    listed = json.loads(barman(env, "barman-cloud-backup-list", "--format", "json", env.url(bucket), server).stdout)
    done = sorted(b["backup_id"] for b in listed["backups_list"] if b["status"] == "DONE")
    check(doc["backups"] == done, f"clean: every DONE backup barman-cloud-backup-list lists ({doc['backups']} / {done})")
    wal_objects = [k for k in env.store.keys(bucket, f"{mb.PATH}/{server}/wals/")
                   if re.search(r"/[0-9A-F]{24}(\.partial)?(\.gz)?$", k)]
    check(doc["wals"]["found"] == len(wal_objects) and doc["wals"]["missing_fatal"] == 0,
          f"clean: every segment and .partial boto3 lists ({doc['wals']} / {len(wal_objects)})")
    base_objects = [k for k in env.store.keys(bucket, f"{mb.PATH}/{server}/base/") if "/data" in k]
    check(doc["objects_checked"] == len(wal_objects) + len(base_objects) and doc["objects_remembered"] == 0,
          f"clean: a first run reads every tar and segment ({doc['objects_checked']})")
    # The oracle agrees the newest backup is whole: barman restores it.
    p, dest = barman_restore(env, bucket, server, done[-1], work)
    check(p.returncode == 0 and os.path.isfile(os.path.join(dest, "global", "pg_control")),
          f"clean: barman-cloud-restore restores {done[-1]} ({p.stderr.strip()[-200:]})")
    return doc


def test_remembered(env, bucket, server, cache, first):
    rc, again, _ = verify(env, bucket, server, cache)
    check(rc == 0 and again["objects_checked"] == 0 and again["objects_remembered"] == first["objects_checked"],
          f"remembered: a second run reads nothing ({again['objects_checked']} read, "
          f"{again['objects_remembered']} remembered)")
    rc, full, _ = verify(env, bucket, server, cache, "--full")
    check(rc == 0 and full["objects_checked"] == first["objects_checked"] and full["objects_remembered"] == 0,
          f"remembered: --full reads everything again ({full['objects_checked']})")
    rc, one, _ = verify(env, bucket, server, cache, "--wals")
    check(rc == 0 and one["backups"] == [] and one["wals"]["found"] == first["wals"]["found"],
          "remembered: --wals checks the archive alone")


def flip(data, at):
    b = bytearray(data)
    b[at] ^= 0xFF
    return bytes(b)


def test_damage(env, source, server, cache, work):
    bucket = env.copy(source, "verify")
    ids = sorted(k.split("/")[-2] for k in env.store.keys(bucket, f"{mb.PATH}/{server}/base/") if k.endswith("backup.info"))
    base = f"{mb.PATH}/{server}/base/"
    rc, before, _ = verify(env, bucket, server, cache)
    check(rc == 0 and before["ok"], "damage: the intact copy verifies clean")
    expected = {}

    # 1. A flipped byte inside the compressed data of the second backup's tar.
    bad_tar = f"{base}{ids[1]}/data.tar.gz"
    body = env.store.get(bucket, bad_tar)
    env.store.put(bucket, bad_tar, flip(body, len(body) // 2))
    expected[bad_tar] = "corrupt"

    # 2. The third backup's tar cut in half (valid gzip around a tar that stops mid-way).
    cut_tar = f"{base}{ids[2]}/data.tar.gz"
    raw = gzip.decompress(env.store.get(bucket, cut_tar))
    env.store.put(bucket, cut_tar, gzip.compress(raw[:len(raw) // 2]))
    expected[cut_tar] = "corrupt"

    # 3. The newest backup's tar swapped for the oldest one's: a whole archive, the wrong backup.
    wrong_tar = f"{base}{ids[-1]}/data.tar.gz"
    env.store.put(bucket, wrong_tar, env.store.get(bucket, f"{base}{ids[0]}/data.tar.gz"))
    expected[wrong_tar] = "mismatch"

    # 4. A segment with a flipped byte in a record, and 5. one removed, both after the oldest backup.
    wal_keys = sorted(k for k in env.store.keys(bucket, f"{mb.PATH}/{server}/wals/0000000100000000/")
                      if re.search(r"/[0-9A-F]{24}\.gz$", k))
    flipped_key, removed_key = wal_keys[-4], wal_keys[-6]
    seg = bytearray(gzip.decompress(env.store.get(bucket, flipped_key)))
    seg[8192 * 3 + 200] ^= 0x55  # inside the fourth page's records
    env.store.put(bucket, flipped_key, gzip.compress(bytes(seg)))
    expected[flipped_key] = "corrupt"
    env.store.s3.delete_object(Bucket=bucket, Key=removed_key)
    expected[removed_key[:-3]] = "missing"  # where the segment belongs, without a compression suffix

    rc, doc, err = verify(env, bucket, server, cache)
    check(rc == 6 and doc and not doc["ok"], f"damage: exit 6, not ok ({rc}: {err[-300:]})")
    if not doc:
        return
    got = {p["key"]: p["kind"] for p in doc["problems"]}
    check(got == expected, f"damage: exactly the damaged objects, each with its kind ({json.dumps(got, indent=1)})")
    # Replaced objects, and the segment after each damaged stretch (read on from a fresh start).
    check(0 < doc["objects_checked"] < before["objects_checked"] // 2,
          f"damage: only what changed is read again ({doc['objects_checked']} of {before['objects_checked']})")

    # The oracles agree object by object. barman-cloud-restore reads a gzip tar through Python's
    # tarfile stream, which never checks the gzip CRC: a flipped byte in file data restores
    # silently there, so GNU gzip's own test is the oracle for that one.
    p = subprocess.run(["gzip", "-t"], input=env.store.get(bucket, bad_tar), capture_output=True)
    check(p.returncode != 0, f"damage: gzip -t rejects {bad_tar.split('/')[-2]}'s tar too")
    p, _ = barman_restore(env, bucket, server, cut_tar.split("/")[-2], work)
    check(p.returncode != 0, f"damage: barman-cloud-restore fails on {cut_tar.split('/')[-2]} too")
    p, dest = barman_restore(env, bucket, server, ids[-1], work)
    label = open(os.path.join(dest, "backup_label")).read() if p.returncode == 0 else ""
    shown = json.loads(barman(env, "barman-cloud-backup-show", "--format", "json", env.url(bucket), server,
                              ids[-1]).stdout)
    shown = next(iter(shown.values())) if "begin_wal" not in shown else shown
    check(p.returncode == 0 and shown["begin_wal"] not in label,
          f"damage: barman restores {ids[-1]}'s tar, whose backup_label is not the backup barman-cloud-backup-show describes")
    name = removed_key.split("/")[-1][:-3]
    p = barman(env, "barman-cloud-wal-restore", env.url(bucket), server, name, os.path.join(work, name))
    check(p.returncode != 0, f"damage: barman-cloud-wal-restore cannot fetch {name} either")
    d = os.path.join(work, "waldump")
    os.makedirs(d, exist_ok=True)
    seg_name = flipped_key.split("/")[-1][:-3]
    with open(os.path.join(d, seg_name), "wb") as f:
        f.write(bytes(seg))
    p = subprocess.run([WALDUMP, "-p", d, seg_name, seg_name], capture_output=True, text=True)
    check("error" in p.stderr and p.returncode != 0,
          f"damage: pg_waldump stops in {seg_name} too ({p.stderr.strip()[-160:]})")

    # A backup named on its own: only it, and its problem.
    rc, one, _ = verify(env, bucket, server, cache, ids[1])
    check(rc == 6 and one["backups"] == [ids[1]] and [p["key"] for p in one["problems"]] == [bad_tar]
          and one["wals"] is None, "damage: BACKUP_ID verifies that backup alone")
    rc, clean_one, _ = verify(env, bucket, server, cache, ids[0])
    check(rc == 0 and clean_one["ok"], "damage: an intact backup beside damaged ones verifies clean")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--env", required=True)
    args = ap.parse_args()
    env = tr.Env(args.cli, args.env)
    main_sc = env.fixture["scenarios"]["main"]
    work = tempfile.mkdtemp(prefix="tideline-verify-")
    try:
        cache = os.path.join(work, "cache")
        first = test_clean(env, main_sc["bucket"], main_sc["server"], cache, work)
        if first:
            test_remembered(env, main_sc["bucket"], main_sc["server"], cache, first)
        test_damage(env, main_sc["bucket"], main_sc["server"], os.path.join(work, "cache-damage"), work)
    finally:
        tr.drop_temp_buckets(env)
        shutil.rmtree(work, ignore_errors=True)
    if tr.FAILURES:
        print(f"{len(tr.FAILURES)} check(s) failed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
