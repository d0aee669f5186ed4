#!/usr/bin/python3
"""Checks the fixture buckets with the real tools, so a harness regression shows up here and not
as a confusing failure in an engine or CLI test:

- barman-cloud-backup-list (and -wal-restore) read what make_buckets.py says it wrote;
- every object env.json names really exists (or, for the gap scenario, really does not);
- s3rver's local fixes hold: ListObjectsV2 paging (fix a), Delimiter listings of prefixes whose
  objects lie deeper (fix b), key order (fix c); see scripts/setup.

    check_buckets.py ENV_JSON
"""

import gzip
import json
import os
import subprocess
import sys
import tempfile
import unittest
from concurrent.futures import ThreadPoolExecutor

import boto3
from botocore.config import Config

ENV = None


def tool_env():
    # Debian's tools with Debian's python; the caller's PATH may lead to a pyenv python3.
    return {"PATH": "/usr/bin:/bin", "HOME": os.environ.get("HOME", "/root"), "LANG": "C.UTF-8",
            "AWS_ACCESS_KEY_ID": ENV["access_key"], "AWS_SECRET_ACCESS_KEY": ENV["secret_key"],
            "AWS_DEFAULT_REGION": ENV["region"]}


def barman(*args):
    p = subprocess.run(list(args), env=tool_env(), capture_output=True, text=True, timeout=120)
    if p.returncode != 0:
        raise AssertionError(f"{' '.join(args)} failed ({p.returncode}):\n{p.stdout}{p.stderr}")
    return p


def backup_list(sc):
    out = barman("barman-cloud-backup-list", "--endpoint-url", ENV["endpoint"], "--format", "json",
                 sc["url"], sc["server"]).stdout
    return json.loads(out)["backups_list"]


class Buckets(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.s3 = boto3.client("s3", endpoint_url=ENV["endpoint"], region_name=ENV["region"],
                              aws_access_key_id=ENV["access_key"],
                              aws_secret_access_key=ENV["secret_key"],
                              config=Config(max_pool_connections=16))
        cls.sc = ENV["scenarios"]

    def keys(self, bucket, prefix):
        out = []
        for page in self.s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
            out += [o["Key"] for o in page.get("Contents", [])]
        return out

    def wal_object(self, sc, name):
        """The key holding WAL file NAME (any compression suffix), or None."""
        prefix = f"{sc['path']}/{sc['server']}/wals/"
        prefix += "" if name.endswith(".history") else name[:16] + "/"
        for k in self.keys(sc["bucket"], prefix + name):
            rest = k[len(prefix) + len(name):]
            if rest in ("", ".gz", ".bz2", ".xz", ".zst", ".lz4", ".snappy"):
                return k
        return None

    # -- barman-cloud reads the buckets -------------------------------------------------------

    def test_backup_list_main(self):
        main = self.sc["main"]
        listed = backup_list(main)
        self.assertEqual([b["backup_id"] for b in listed], main["backup_ids"])
        self.assertGreaterEqual(len(listed), 4)
        self.assertTrue(all(b["status"] == "DONE" for b in listed))
        self.assertEqual({b["backup_id"]: b["backup_name"] for b in listed}, main["backup_names"])
        self.assertEqual({b["timeline"] for b in listed}, {1, 2})
        by_id = {b["backup_id"]: b for b in main["backups"]}
        for b in listed:
            self.assertEqual(b["begin_wal"], by_id[b["backup_id"]]["begin_wal"])
            self.assertEqual(str(b["systemid"]), main["systemid"])

    def test_backup_list_plain(self):
        plain = self.sc["plain"]
        listed = backup_list(plain)
        self.assertEqual([b["backup_id"] for b in listed], plain["backup_ids"])
        self.assertTrue(all(b["xlog_segment_size"] == 1048576 for b in listed))

    def test_backup_list_incomplete_and_failed(self):
        sc = self.sc["incomplete"]
        listed = {b["backup_id"]: b["status"] for b in backup_list(sc)}
        self.assertNotIn(sc["incomplete_id"], listed)      # no backup.info: barman ignores it
        self.assertEqual(listed.get(sc["failed_id"]), "FAILED")
        self.assertGreater(sc["incomplete_id"], max(self.sc["main"]["backup_ids"]))
        self.assertIn("data.tar.gz", sc["incomplete_objects"])
        self.assertNotIn("backup.info", sc["incomplete_objects"])

    def test_backup_list_corrupt_skips_bad_info(self):
        sc = self.sc["corrupt"]
        p = barman("barman-cloud-backup-list", "--endpoint-url", ENV["endpoint"], "--format",
                   "json", sc["url"], sc["server"])
        ids = [b["backup_id"] for b in json.loads(p.stdout)["backups_list"]]
        self.assertNotIn(sc["garbage_id"], ids)
        self.assertNotIn(sc["truncated_id"], ids)
        self.assertIn(sc["garbage_id"], p.stderr)
        self.assertIn(sc["truncated_id"], p.stderr)

    def test_backup_list_mixed_has_two_systems(self):
        sc = self.sc["mixed"]
        listed = {b["backup_id"]: str(b["systemid"]) for b in backup_list(sc)}
        self.assertEqual(listed[sc["foreign_backup_id"]], sc["foreign_systemid"])
        self.assertNotEqual(sc["foreign_systemid"], sc["own_systemid"])
        self.assertEqual(len(set(listed.values())), 2)

    def test_wal_restore_reads_history(self):
        main = self.sc["main"]
        name = main["history_files"][-1]
        with tempfile.TemporaryDirectory() as d:
            dest = os.path.join(d, name)
            barman("barman-cloud-wal-restore", "--endpoint-url", ENV["endpoint"], main["url"],
                   main["server"], name, dest)
            with open(dest) as f:
                lines = [ln for ln in f.read().splitlines() if ln.strip() and not ln.startswith("#")]
        self.assertEqual([int(ln.split("\t")[0]) for ln in lines],
                         [h["parent"] for h in main["history"][name]])

    # -- what env.json names is really there --------------------------------------------------

    def test_history_and_partial_files_exist(self):
        for name in ("main", "gap", "recompressed", "corrupt", "mixed", "incomplete"):
            sc = self.sc[name]
            self.assertTrue(sc["history_files"], name)
            self.assertTrue(sc["partial_files"], name)
            for f in sc["history_files"] + sc["partial_files"]:
                self.assertIsNotNone(self.wal_object(sc, f), f"{name}: {f}")

    def test_main_shape(self):
        main = self.sc["main"]
        self.assertEqual(main["timelines"], [1, 2, 3])
        self.assertEqual(main["history_files"], ["00000002.history", "00000003.history"])
        self.assertEqual(main["wal_segment_size"], 16777216)
        self.assertEqual(main["wal_compressions"], {"gzip": sum(
            t["objects"] for t in main["wal_timelines"])})
        self.assertLess(sum(main["wal_segments_per_timeline"].values()), 40)
        for tl in main["wal_timelines"]:
            for seg in tl["segment_names"][:2] + tl["segment_names"][-1:]:
                self.assertIsNotNone(self.wal_object(main, seg), seg)

    def test_object_counts(self):
        for name, sc in self.sc.items():
            if sc["url"].startswith("file://"):
                continue
            n = len(self.keys(sc["bucket"], f"{sc['path']}/{sc['server']}/"))
            self.assertEqual(n, sc["object_count"], name)

    def test_gap_removed(self):
        gap = self.sc["gap"]
        for seg in (gap["removed_harmful"], gap["removed_harmless"]):
            self.assertIsNone(self.wal_object(gap, seg), seg)
            self.assertIsNotNone(self.wal_object(self.sc["main"], seg), seg)
        oldest = gap["backups"][0]
        self.assertLess(gap["removed_harmless"], oldest["begin_wal"])
        self.assertGreater(gap["removed_harmful"], oldest["end_wal"])

    def test_recompressed_suffixes(self):
        sc = self.sc["recompressed"]
        self.assertEqual(set(sc["wal_compressions"]), {"xz", "zstd", "lz4"})
        magic = {".xz": b"\xfd7zXZ\x00", ".zst": b"\x28\xb5\x2f\xfd", ".lz4": b"\x04\x22\x4d\x18"}
        for suffix, m in magic.items():
            key = next(k for k in self.keys(sc["bucket"], f"{sc['path']}/{sc['server']}/wals/")
                       if k.endswith(suffix))
            body = self.s3.get_object(Bucket=sc["bucket"], Key=key)["Body"].read()
            self.assertTrue(body.startswith(m), key)

    def test_local_mirror(self):
        local = self.sc["local"]
        root = local["url"][len("file://"):]
        main = self.sc["main"]
        for k in self.keys(main["bucket"], f"{main['path']}/{main['server']}/"):
            path = os.path.join(ENV["local_mirror"], k)
            self.assertTrue(os.path.isfile(path), path)
        self.assertTrue(os.path.isdir(os.path.join(root, main["server"], "base")))
        hist = os.path.join(root, main["server"], "wals", main["history_files"][0] + ".gz")
        with gzip.open(hist) as f:
            self.assertIn(b"before_mistake", f.read())

    # -- s3rver's fixes -----------------------------------------------------------------------

    def test_paging_1500_keys(self):
        """Fix (a): page 2 of ListObjectsV2 needs DES for its continuation token."""
        bucket = "tideline-check-paging"
        self.s3.create_bucket(Bucket=bucket)
        try:
            keys = [f"wals/{i:024X}" for i in range(1500)]
            with ThreadPoolExecutor(16) as pool:
                list(pool.map(lambda k: self.s3.put_object(Bucket=bucket, Key=k, Body=b"x"), keys))
            pages = list(self.s3.get_paginator("list_objects_v2").paginate(Bucket=bucket))
            self.assertEqual(len(pages), 2)
            self.assertTrue(pages[0]["IsTruncated"])
            self.assertEqual(pages[0]["KeyCount"], 1000)
            self.assertEqual([o["Key"] for p in pages for o in p["Contents"]], keys)
        finally:
            keys = self.keys(bucket, "")
            for i in range(0, len(keys), 1000):
                self.s3.delete_objects(Bucket=bucket, Delete={
                    "Objects": [{"Key": k} for k in keys[i:i + 1000]], "Quiet": True})
            self.s3.delete_bucket(Bucket=bucket)

    def test_listing_in_key_order(self):
        """Fix (c): s3rver walks directories; S3 lists in UTF-8 byte order of the keys."""
        for name in ("main", "incomplete"):
            keys = self.keys(self.sc[name]["bucket"], "")
            self.assertEqual(keys, sorted(keys, key=lambda k: k.encode()), name)

    def test_delimiter_deep_prefixes(self):
        """Fix (b): every object of tideline-main lies 3+ levels below cnpg/."""
        root = self.s3.list_objects_v2(Bucket="tideline-main", Delimiter="/")
        self.assertEqual([p["Prefix"] for p in root.get("CommonPrefixes", [])], ["cnpg/"])
        # (s3rver's KeyCount leaves CommonPrefixes out, unlike AWS: clients must not rely on it)
        servers = self.s3.list_objects_v2(Bucket="tideline-main", Prefix="cnpg/", Delimiter="/")
        self.assertEqual([p["Prefix"] for p in servers.get("CommonPrefixes", [])],
                         ["cnpg/pg-main/", "cnpg/pg-plain/"])
        base = self.s3.list_objects_v2(Bucket="tideline-main", Prefix="cnpg/pg-main/base/",
                                       Delimiter="/")
        self.assertEqual([p["Prefix"][len("cnpg/pg-main/base/"):-1]
                          for p in base.get("CommonPrefixes", [])],
                         self.sc["main"]["backup_ids"])


def main():
    global ENV
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    with open(sys.argv[1]) as f:
        ENV = json.load(f)
    prog = unittest.main(argv=[sys.argv[0], "-v"], exit=False)
    sys.exit(0 if prog.result.wasSuccessful() else 1)


if __name__ == "__main__":
    main()
