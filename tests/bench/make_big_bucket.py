#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes a large Barman Cloud bucket for the catalog benchmark, through the S3 API.

    make_big_bucket.py --endpoint http://127.0.0.1:PORT [--bucket tideline-bench] [--path cnpg]
                       [--server pg-bench] [--wals 100000] [--backups 500] [--threads 16]

The layout is barman-cloud's: SERVER/wals/TTTTTTTTXXXXXXXX/<segment>.gz (one hash directory per
timeline and log id, 256 segments of 16 MiB each), SERVER/wals/TTTTTTTT.history.gz,
SEG.OFFSET.backup.gz labels, and SERVER/base/BACKUP_ID/{backup.info,data.tar.gz}; backup.info
has the fields and the Python-literal formatting barman-cloud-backup writes (copied from a real
one of the fixture buckets). Four timelines, each branching from the one before at its last
segment, with a few gaps on timeline 1 (before every backup: harmless) and one on timeline 2.
Bodies are small gzip streams: the benchmark measures listing and catalog work, not bytes.

Exactly --wals objects end up under wals/ (segments, labels and history files together); the
script prints a JSON summary (directories, segments, gaps, backups) on stdout.
Run with Debian's /usr/bin/python3 (boto3).
"""

import argparse
import concurrent.futures
import datetime
import gzip
import io
import json
import sys
import tarfile
import time

import boto3
from botocore.config import Config

SEGMENTS_PER_LOG = 256  # 16 MiB segments: 4 GiB per log id / 16 MiB
SEG_SIZE = 16 * 1024 * 1024
SYSTEM_ID = "7311892937297363181"
# Timeline shares of the segment count: the longest history first, the newest timeline short.
TIMELINE_SHARES = [(1, 0.50), (2, 0.30), (3, 0.13), (4, 0.07)]


def seg_name(tli, segno):
    return "%08X%08X%08X" % (tli, segno // SEGMENTS_PER_LOG, segno % SEGMENTS_PER_LOG)


def lsn(segno, offset):
    value = segno * SEG_SIZE + offset
    return "%X/%X" % (value >> 32, value & 0xFFFFFFFF)


def gz(data):
    return gzip.compress(data, compresslevel=1, mtime=0)


def tiny_tar():
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        payload = b"PG_VERSION 15\n"
        info = tarfile.TarInfo("PG_VERSION")
        info.size = len(payload)
        tar.addfile(info, io.BytesIO(payload))
    return gz(buf.getvalue())  # the same bytes on every run: the synthetic bucket's ETags match


def backup_info(backup_id, name, tli, segno, begin, end):
    """barman-cloud-backup's backup.info, field for field (server_name is always 'cloud')."""
    begin_wal = seg_name(tli, segno)
    end_wal = seg_name(tli, segno)
    start = begin.strftime("%Y-%m-%d %H:%M:%S UTC")
    label = (f"START WAL LOCATION: {lsn(segno, 40)} (file {begin_wal})\\nCHECKPOINT LOCATION: {lsn(segno, 96)}\\n"
             f"BACKUP METHOD: streamed\\nBACKUP FROM: primary\\nSTART TIME: {start}\\n"
             f"LABEL: Barman backup cloud {backup_id}\\nSTART TIMELINE: {tli}\\n")
    lines = [
        f"backup_label='{label}'",
        f"backup_name={name}",
        "begin_offset=40",
        f"begin_time={begin.isoformat(sep=' ')}",
        f"begin_wal={begin_wal}",
        f"begin_xlog={lsn(segno, 40)}",
        "compression=None",
        "config_file=/var/lib/postgresql/data/pgdata/postgresql.conf",
        "copy_stats={'total_time': 2.851809, 'number_of_workers': 2, 'analysis_time': 0, "
        "'analysis_time_per_item': {'data': 0}, 'copy_time_per_item': {'data': 0.058909}, "
        "'serialized_copy_time_per_item': {'data': 0.045994}, 'copy_time': 0.058909, "
        "'serialized_copy_time': 0.045994}",
        "deduplicated_size=None",
        "end_offset=256",
        f"end_time={end.isoformat(sep=' ')}",
        f"end_wal={end_wal}",
        f"end_xlog={lsn(segno, 256)}",
        "error=None",
        "hba_file=/var/lib/postgresql/data/pgdata/pg_hba.conf",
        "ident_file=/var/lib/postgresql/data/pgdata/pg_ident.conf",
        "included_files=['/var/lib/postgresql/data/pgdata/custom.conf']",
        "mode=None",
        "pgdata=/var/lib/postgresql/data/pgdata",
        "server_name=cloud",
        "size=None",
        "status=DONE",
        f"systemid={SYSTEM_ID}",
        "tablespaces=None",
        f"timeline={tli}",
        "version=150020",
        f"xlog_segment_size={SEG_SIZE}",
    ]
    return ("\n".join(lines) + "\n").encode()


def backup_label_file(backup_id, tli, segno, begin, end):
    name = seg_name(tli, segno)
    return (f"START WAL LOCATION: {lsn(segno, 40)} (file {name})\nSTOP WAL LOCATION: {lsn(segno, 256)} (file {name})\n"
            f"CHECKPOINT LOCATION: {lsn(segno, 96)}\nBACKUP METHOD: streamed\nBACKUP FROM: primary\n"
            f"START TIME: {begin.strftime('%Y-%m-%d %H:%M:%S UTC')}\nLABEL: Barman backup cloud {backup_id}\n"
            f"START TIMELINE: {tli}\nSTOP TIME: {end.strftime('%Y-%m-%d %H:%M:%S UTC')}\nSTOP TIMELINE: {tli}\n").encode()


def plan(total_wals, n_backups):
    """Every object to write: {key: body} plus a summary. Deterministic."""
    n_tl = len(TIMELINE_SHARES)
    history_count = n_tl - 1
    n_segments = total_wals - n_backups - history_count
    # Gaps: three short runs on timeline 1 before the first backup, one run on timeline 2.
    gap_runs = [(1, 300, 3), (1, 2000, 1), (1, 4000, 5), (2, None, 4)]
    missing = sum(n for _, _, n in gap_runs)
    per_tl = {}
    left = n_segments + missing
    for i, (tli, share) in enumerate(TIMELINE_SHARES):
        per_tl[tli] = left if i == n_tl - 1 else int((n_segments + missing) * share)
        left -= per_tl[tli]

    segments = {}  # tli -> list of segnos
    start = 1
    switch = {}  # tli -> (parent, switch segno)
    for tli, _ in TIMELINE_SHARES:
        segs = list(range(start, start + per_tl[tli]))
        segments[tli] = segs
        end = segs[-1]
        switch[tli + 1] = (tli, end)
        start = end  # the switch segment is archived again on the new timeline
    gaps = []
    # A small archive (a synthetic bucket's small servers) keeps the same shape, scaled down.
    scale = 1.0 if len(segments[1]) >= 8200 else len(segments[1]) / 10000
    for tli, at, n in gap_runs:
        segs = segments[tli]
        pos = int(at * scale) if at is not None else len(segs) // 2
        gaps.append({"timeline": tli, "first_missing": seg_name(tli, segs[pos]), "count": n})
        del segs[pos:pos + n]

    objects = {}
    base_time = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    seg_body = gz(b"\0" * 4096)
    for tli, segs in segments.items():
        for s in segs:
            objects[f"wals/{seg_name(tli, s)[:16]}/{seg_name(tli, s)}.gz"] = seg_body
    # History files, barman's way: TLI.history.gz holding every ancestor's switch line.
    history_lines = []
    for tli in range(2, n_tl + 1):
        parent, at = switch[tli]
        history_lines.append(f"{parent}\t{lsn(at, 0x1000)}\tno recovery target specified\n")
        objects["wals/%08X.history.gz" % tli] = gz("\n".join(history_lines).encode())

    # Backups spread evenly over the archive, never inside a gap, after the timeline-1 gaps.
    first_ok = segments[1][int(4100 * scale)]
    all_points = [(tli, s) for tli, segs in segments.items() for s in segs if not (tli == 1 and s < first_ok)]
    step = len(all_points) / n_backups
    tar = tiny_tar()
    backups = []
    for k in range(n_backups):
        tli, segno = all_points[int(k * step)]
        begin = base_time + datetime.timedelta(hours=6 * k, microseconds=362425)
        end = begin + datetime.timedelta(seconds=2, microseconds=-234961)
        backup_id = begin.strftime("%Y%m%dT%H%M%S")
        name = f"daily-{begin.strftime('%Y%m%d')}-{k % 4}"
        objects[f"base/{backup_id}/backup.info"] = backup_info(backup_id, name, tli, segno, begin, end)
        objects[f"base/{backup_id}/data.tar.gz"] = tar
        label = f"wals/{seg_name(tli, segno)[:16]}/{seg_name(tli, segno)}.00000028.backup.gz"
        objects[label] = gz(backup_label_file(backup_id, tli, segno, begin, end))
        backups.append(backup_id)
    wal_keys = [k for k in objects if k.startswith("wals/")]
    dirs = {k.split("/")[1] for k in wal_keys if k.count("/") == 2}
    summary = {"wal_objects": len(wal_keys), "directories": len(dirs),
               "segments": sum(len(s) for s in segments.values()), "timelines": sorted(segments),
               "gaps": gaps, "backups": len(backups), "first_backup": backups[0], "last_backup": backups[-1]}
    return objects, summary


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--endpoint", required=True)
    ap.add_argument("--bucket", default="tideline-bench")
    ap.add_argument("--path", default="cnpg")
    ap.add_argument("--server", default="pg-bench")
    ap.add_argument("--wals", type=int, default=100_000)
    ap.add_argument("--backups", type=int, default=500)
    ap.add_argument("--threads", type=int, default=16)
    args = ap.parse_args()

    objects, summary = plan(args.wals, args.backups)
    assert summary["wal_objects"] == args.wals, summary
    s3 = boto3.client("s3", endpoint_url=args.endpoint, region_name="us-east-1", aws_access_key_id="S3RVER",
                      aws_secret_access_key="S3RVER",
                      config=Config(max_pool_connections=args.threads, retries={"max_attempts": 5, "mode": "standard"}))
    if args.bucket not in {b["Name"] for b in s3.list_buckets().get("Buckets", [])}:
        s3.create_bucket(Bucket=args.bucket)
    prefix = f"{args.path}/{args.server}/" if args.path else f"{args.server}/"
    t0 = time.monotonic()
    done = 0

    def put(item):
        key, body = item
        s3.put_object(Bucket=args.bucket, Key=prefix + key, Body=body)

    with concurrent.futures.ThreadPoolExecutor(args.threads) as pool:
        for _ in pool.map(put, sorted(objects.items())):
            done += 1
            if done % 10000 == 0:
                print(f"[{time.monotonic() - t0:6.1f}s] {done}/{len(objects)} objects", file=sys.stderr, flush=True)
    summary.update({"bucket": args.bucket, "url": f"s3://{args.bucket}/{args.path}" if args.path else f"s3://{args.bucket}",
                    "server": args.server, "objects": len(objects), "upload_s": round(time.monotonic() - t0, 1)})
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
