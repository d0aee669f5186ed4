#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The fault tests' paged bucket: one listing that needs more than one page.

    make_paged_bucket.py --s3rver-dir DIR

Writes s3://tideline-paged/cnpg/pg-paged/wals/0000000100000000/ with 1,500 gzip WAL segments of
a 1 MiB-segment cluster (4,096 fit in one hash directory at that size), so a ListObjectsV2 of that
directory takes two pages of 1,000 and a test can fail page 2 alone. Idempotent: an existing
complete bucket is kept. Run with Debian's /usr/bin/python3 (boto3).
"""

import argparse
import concurrent.futures
import gzip

import boto3
from botocore.config import Config

BUCKET = "tideline-paged"
PREFIX = "cnpg/pg-paged/wals/0000000100000000/"
COUNT = 1500


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--s3rver-dir", required=True)
    args = ap.parse_args()
    port = open(f"{args.s3rver_dir}/port").read().strip()
    s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{port}", region_name="us-east-1",
                      aws_access_key_id="S3RVER", aws_secret_access_key="S3RVER",
                      config=Config(max_pool_connections=16))
    if BUCKET not in {b["Name"] for b in s3.list_buckets().get("Buckets", [])}:
        s3.create_bucket(Bucket=BUCKET)
    have = sum(p.get("KeyCount", 0) for p in s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET))
    if have == COUNT:
        print(f"{BUCKET}: {have} objects already there")
        return
    body = gzip.compress(b"\0" * 1024, mtime=0)
    keys = [f"{PREFIX}{1:08X}{0:08X}{seg:08X}.gz" for seg in range(1, COUNT + 1)]
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        list(pool.map(lambda k: s3.put_object(Bucket=BUCKET, Key=k, Body=body), keys))
    print(f"{BUCKET}: wrote {len(keys)} objects")


if __name__ == "__main__":
    main()
