#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`tideline-cli events` against PostgreSQL 15's pg_waldump on the barman-written fixture buckets.

    test_events.py --cli PATH/tideline-cli --env FIXTURE_DIR/env.json

The oracle reads the same bucket on its own: boto3 lists and gets every WAL object, each is
decompressed by another program than Tideline (Python's gzip for barman's .gz, the xz, zstd and
lz4 command line tools for the recompressed bucket), and pg_waldump decodes each timeline's
segments (a .partial standing in for its segment). Every commit (xid, time to the microsecond,
subtransactions), abort, dropped relation file, Storage TRUNCATE, restore point, checkpoint and
end of recovery must be the same, on 16 MiB gzip segments (pg-main, three timelines), 1 MiB
uncompressed ones (pg-plain) and xz/zstd/lz4 (the recompressed bucket). make_buckets' own record
of the workload (the DROP's xid and commit time, the aborted xid) is checked too.

Damage: a record's byte flipped in one segment (pg_waldump stops at the same LSN with a
checksum error) and a segment cut short; both are reported per segment, exit 6, and nothing
after the damage is listed. The local cache: a second run downloads nothing; replacing one
object (a new ETag) makes it read again.
"""

import argparse
import datetime
import gzip
import json
import os
import pathlib
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import make_buckets as mb  # noqa: E402
import test_retention as tr  # noqa: E402  (checks, fixture environment, temp buckets)

PG_WALDUMP = "/usr/lib/postgresql/15/bin/pg_waldump"
check = tr.check

LINE = re.compile(r"rmgr: (\w+)\s+len \(rec/tot\):\s*\d+/\s*\d+, tx:\s*(\d+), lsn: ([0-9A-F]+)/([0-9A-F]+), "
                  r"prev [0-9A-F]+/[0-9A-F]+, desc: (.*)$")
PGTIME = r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6} UTC)"


def lsn_text(hi, lo):
    return f"{int(hi, 16):X}/{int(lo, 16):X}"


def lsn_value(text):
    hi, lo = text.split("/")
    return (int(hi, 16) << 32) | int(lo, 16)


def decompress(name, body):
    base, comp = mb.split_compression(name)
    if comp in (None, ""):
        return base, body
    if comp == "gzip":
        return base, gzip.decompress(body)
    tool = {"xz": ["xz", "-dc"], "zstd": ["zstd", "-dcq"], "lz4": ["lz4", "-dcq"], "bzip2": ["bzip2", "-dc"]}[comp]
    return base, subprocess.run(tool, input=body, capture_output=True, check=True).stdout


def parse_history(text):
    """[(parent, switchpoint)] of a .history file."""
    out = []
    for line in text.decode().splitlines():
        parts = line.split()
        if parts and not line.startswith("#"):
            out.append((int(parts[0]), lsn_value(parts[1])))
    return out


def owner(histories, tli, lsn):
    for parent, switch in histories.get(tli, []):
        if lsn < switch:
            return parent
    return tli


def waldump_last_commits(store, bucket, server, workdir):
    """{timeline: (lsn, time, xid)} of the last COMMIT pg_waldump finds in each timeline's own
    full segments (what a restore to it reads; no .partial)."""
    prefix = f"{mb.PATH}/{server}/wals/"
    segs = {}
    for key in store.keys(bucket, prefix):
        name = key.split("/")[-1]
        base, _ = mb.split_compression(name)
        if re.fullmatch(r"[0-9A-F]{24}", base):
            segs.setdefault(int(base[:8], 16), []).append(key)
    out = {}
    for tli, keys in sorted(segs.items()):
        d = os.path.join(workdir, f"last-tl{tli}")
        os.makedirs(d, exist_ok=True)
        names = []
        for key in keys:
            base, raw = decompress(key.split("/")[-1], store.get(bucket, key))
            names.append(base)
            with open(os.path.join(d, base), "wb") as f:
                f.write(raw)
        names.sort()
        p = subprocess.run([PG_WALDUMP, "-p", d, "-t", str(tli), names[0], names[-1]],
                           capture_output=True, text=True, env={**os.environ, "TZ": "UTC"})
        for line in p.stdout.splitlines():
            m = LINE.match(line)
            if m and m.group(1) == "Transaction" and m.group(5).startswith("COMMIT "):
                out[tli] = (lsn_text(m.group(3), m.group(4)), re.match(r"COMMIT " + PGTIME, m.group(5)).group(1),
                            int(m.group(2)))
    return out


def test_window(env, scenario, bucket, server, cache, work):
    p = subprocess.run([env.cli, "window", env.url(bucket), server, "--json", "--endpoint-url", env.endpoint],
                       capture_output=True, text=True, timeout=600, env={**os.environ, "XDG_CACHE_HOME": cache})
    check(p.returncode == 0, f"{scenario}: window exits 0 ({p.stderr[-200:]})")
    if p.returncode != 0:
        return
    doc = json.loads(p.stdout)
    theirs = waldump_last_commits(env.store, bucket, server, os.path.join(work, scenario + "-window"))
    for t in doc["timelines"]:
        ours = (t["last_commit_lsn"], pg_time(t["last_commit_time"]), t["last_commit_xid"])
        check(ours == theirs.get(t["timeline"]),
              f"{scenario}: timeline {t['timeline']}'s last commit is pg_waldump's last COMMIT ({ours} / "
              f"{theirs.get(t['timeline'])})")
    # The planner on the same facts: a second before the last commit is ok (PostgreSQL stops at
    # that commit), a second after it is refused with that commit, included, as --target-lsn.
    latest = next(t for t in doc["timelines"] if t["timeline"] == doc["latest_timeline"])
    last = datetime.datetime.fromisoformat(latest["last_commit_time"])
    for delta, verdict in ((-1, "ok"), (1, "refused")):
        at = (last + datetime.timedelta(seconds=delta)).isoformat()
        p = subprocess.run([env.cli, "plan", env.url(bucket), server, "--target-time", at, "--json",
                            "--endpoint-url", env.endpoint], capture_output=True, text=True, timeout=600,
                           env={**os.environ, "XDG_CACHE_HOME": cache})
        plan = json.loads(p.stdout)
        check(plan["verdict"] == verdict and plan["wal_checked"],
              f"{scenario}: a plan {delta:+d} s from the last commit is {verdict} ({plan['verdict']}: {plan['reason']})")
        if verdict == "refused":
            alt = plan["alternative"] or {}
            check(alt.get("target_lsn") == latest["last_commit_lsn"],
                  f"{scenario}: the alternative is the last commit's LSN ({alt})")
        else:
            # PostgreSQL stops at the first commit after the target: the last one or an earlier one
            # within that second.
            stop = plan["stop_event"] or {}
            check(stop.get("kind") in ("commit", "abort") and stop.get("time")
                  and datetime.datetime.fromisoformat(stop["time"]) > datetime.datetime.fromisoformat(at)
                  and lsn_value(stop["lsn"]) <= lsn_value(latest["last_commit_lsn"]),
                  f"{scenario}: replay stops at the first commit after the target ({stop})")


def waldump_events(store, bucket, server, workdir):
    """{(timeline, lsn, kind): details} from pg_waldump over every timeline of the server, and the
    error line of each run (pg_waldump always ends with one at the end of the WAL)."""
    prefix = f"{mb.PATH}/{server}/wals/"
    segs = {}
    histories = {}
    for key in store.keys(bucket, prefix):
        base, raw = decompress(key.split("/")[-1], store.get(bucket, key))
        if base.endswith(".history"):
            histories[int(base[:8], 16)] = parse_history(raw)
        elif base.endswith(".partial"):
            segs.setdefault(int(base[:8], 16), {}).setdefault(base[:24], raw)
        elif re.fullmatch(r"[0-9A-F]{24}", base):
            segs.setdefault(int(base[:8], 16), {})[base] = raw
    events = {}
    errors = {}
    for tli, files in sorted(segs.items()):
        d = os.path.join(workdir, f"tl{tli}")
        os.makedirs(d, exist_ok=True)
        for name, raw in files.items():
            with open(os.path.join(d, name), "wb") as f:
                f.write(raw)
        names = sorted(files)
        p = subprocess.run([PG_WALDUMP, "-p", d, "-t", str(tli), names[0], names[-1]],
                           capture_output=True, text=True, env={**os.environ, "TZ": "UTC"})
        errors[tli] = p.stderr.strip()
        for line in p.stdout.splitlines():
            m = LINE.match(line)
            if not m:
                continue
            rmgr, xid, hi, lo, desc = m.groups()
            lsn = lsn_text(hi, lo)
            tl = owner(histories, tli, lsn_value(lsn))
            ev = None
            if rmgr == "Transaction" and (desc.startswith("COMMIT ") or desc.startswith("ABORT ")):
                kind = "commit" if desc.startswith("COMMIT ") else "abort"
                t = re.match(r"\w+ " + PGTIME, desc).group(1)
                sub = re.search(r"subxacts:((?: \d+)+)", desc)
                ev = {"xid": int(xid), "time": t, "subxacts": sorted(int(x) for x in sub.group(1).split()) if sub else []}
                events[(tl, lsn, kind)] = ev
                rels = re.search(r"rels:((?: [\w/]+)+)", desc)
                if kind == "commit" and rels:
                    events[(tl, lsn, "drop")] = {"xid": int(xid), "time": t, "relations": rels.group(1).split()}
            elif rmgr == "XLOG" and desc.startswith("RESTORE_POINT "):
                events[(tl, lsn, "restore_point")] = {"name": desc[len("RESTORE_POINT "):].strip()}
            elif rmgr == "XLOG" and desc.startswith("CHECKPOINT_"):
                online = desc.startswith("CHECKPOINT_ONLINE")
                events[(tl, lsn, "checkpoint")] = {"name": "online" if online else "shutdown"}
                this, prev = map(int, re.search(r"tli (\d+); prev tli (\d+)", desc).groups())
                if this != prev:
                    events[(this, lsn, "timeline_switch")] = {"name": str(prev)}
            elif rmgr == "XLOG" and desc.startswith("END_OF_RECOVERY"):
                this, prev, t = re.search(r"tli (\d+); prev tli (\d+); time " + PGTIME, desc).groups()
                events[(int(this), lsn, "timeline_switch")] = {"name": prev, "time": t}
            elif rmgr == "Storage" and desc.startswith("TRUNCATE "):
                rel, blocks = re.match(r"TRUNCATE (\S+) to (\d+) blocks", desc).groups()
                events[(tl, lsn, "truncate")] = {"xid": int(xid), "relations": [rel], "name": blocks}
    return events, errors


def pg_time(iso):
    if iso is None:
        return None
    t = datetime.datetime.fromisoformat(iso).astimezone(datetime.timezone.utc)
    return t.strftime("%Y-%m-%d %H:%M:%S.%f UTC")


def tideline_events(env, bucket, server, cache, *extra):
    p = subprocess.run([env.cli, "events", env.url(bucket), server, "--json", "--endpoint-url", env.endpoint, *extra],
                       capture_output=True, text=True, timeout=600, env={**os.environ, "XDG_CACHE_HOME": cache})
    doc = json.loads(p.stdout) if p.stdout.strip() else None
    return p.returncode, doc, p.stderr


def as_map(doc):
    out = {}
    for e in doc["events"]:
        key = (e["timeline"], e["lsn"], e["kind"])
        d = {}
        if e["kind"] in ("commit", "abort", "drop"):
            d = {"xid": e["xid"], "time": pg_time(e["time"])}
            if e["kind"] == "drop":
                d["relations"] = e["relations"]
            else:
                d["subxacts"] = sorted(e["subxacts"])
        elif e["kind"] == "restore_point":
            d = {"name": e["name"]}
        elif e["kind"] == "checkpoint":
            d = {"name": e["name"]}
        elif e["kind"] == "timeline_switch":
            d = {"name": e["name"]}
        elif e["kind"] == "truncate":
            d = {"xid": e["xid"], "relations": e["relations"], "name": e["name"]}
        out[key] = d
    return out


def compare(label, ours, theirs):
    # END_OF_RECOVERY's time is pg_waldump's too; Tideline's timeline_switch carries it.
    for k, v in theirs.items():
        if k[2] == "timeline_switch" and "time" in v:
            v.pop("time")
    missing = sorted(set(theirs) - set(ours))
    extra = sorted(set(ours) - set(theirs))
    differ = sorted(k for k in set(ours) & set(theirs) if ours[k] != theirs[k])
    check(not missing, f"{label}: every pg_waldump event is listed ({len(theirs)}; missing {missing[:3]})")
    check(not extra, f"{label}: nothing pg_waldump does not show ({extra[:3]})")
    check(not differ, f"{label}: xid, time, names and relations equal pg_waldump's "
                      f"({[(k, ours[k], theirs[k]) for k in differ[:2]]})")
    kinds = {k[2] for k in theirs}
    return kinds


def test_against_waldump(env, scenario, bucket, server, cache, work):
    rc, doc, err = tideline_events(env, bucket, server, cache)
    check(rc == 0 and doc and doc["complete"], f"{scenario}: events exits 0 and complete ({rc}: {err[-300:]})")
    if not doc:
        return None
    theirs, _ = waldump_events(env.store, bucket, server, os.path.join(work, scenario))
    kinds = compare(scenario, as_map(doc), theirs)
    check(doc["postgres_version"] == 15, f"{scenario}: PostgreSQL 15 from the page magic")
    check(per_minute(doc) == waldump_per_minute(theirs),
          f"{scenario}: commits per minute equal pg_waldump's COMMITs counted by minute")
    return doc, theirs, kinds


def per_minute(doc):
    return {pg_time(m["minute"])[:16]: m["commits"] for m in doc["commits_per_minute"]}


def waldump_per_minute(theirs):
    counts = {}
    for (_, _, kind), v in theirs.items():
        if kind == "commit":
            counts[v["time"][:16]] = counts.get(v["time"][:16], 0) + 1
    return counts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--env", required=True)
    args = ap.parse_args()
    env = tr.Env(args.cli, args.env)
    sc = env.fixture["scenarios"]
    main_sc = sc["main"]
    work = tempfile.mkdtemp(prefix="tideline-events-")
    cache = os.path.join(work, "cache")
    try:
        got = test_against_waldump(env, "pg-main (16 MiB, gzip)", main_sc["bucket"], main_sc["server"], cache, work)
        if got:
            doc, theirs, kinds = got
            check({"commit", "abort", "drop", "truncate", "restore_point", "checkpoint", "timeline_switch"} <= kinds,
                  f"pg-main: the workload has every kind ({sorted(kinds)})")
            insight = main_sc["wal_insight"]
            drops = [e for e in doc["events"] if e["kind"] == "drop" and e["xid"] == insight["drop"]["xid"]]
            check(len(drops) == 1 and insight["drop"]["file"] in drops[0]["relations"]
                  and pg_time(drops[0]["time"]) == pg_time(insight["drop"]["committed_at"]),
                  "pg-main: the DROP TABLE's xid, file and commit time as PostgreSQL reported them")
            check(any(e["kind"] == "abort" and e["xid"] == insight["aborted_xid"] for e in doc["events"]),
                  "pg-main: the rolled-back transaction is an abort")
            sub = [e for e in doc["events"] if e["kind"] == "commit" and e["xid"] == insight["subxact_commit_xid"]]
            rolled_back = [e["xid"] for e in doc["events"] if e["kind"] == "abort" and sub
                           and sub[0]["xid"] < e["xid"] < max(sub[0]["subxacts"])]
            check(len(sub) == 1 and len(sub[0]["subxacts"]) >= 2 and len(rolled_back) == 1
                  and rolled_back[0] not in sub[0]["subxacts"],
                  f"pg-main: the commit lists its released savepoints, not the one rolled back ({sub}, {rolled_back})")
            names = {e["name"] for e in doc["events"] if e["kind"] == "restore_point"}
            check({r["name"] for r in main_sc["restore_points"]} <= names,
                  "pg-main: every restore point make_buckets created")
            # The second run: nothing downloaded.
            rc, again, _ = tideline_events(env, main_sc["bucket"], main_sc["server"], cache)
            check(rc == 0 and again["segments_read"] == 0 and again["segments_cached"] == doc["segments_read"]
                  and again["events"] == doc["events"],
                  f"pg-main: a second run reads no segment again ({again and again['segments_read']} read)")
            # Filters.
            rc, only, _ = tideline_events(env, main_sc["bucket"], main_sc["server"], cache, "--kind", "drop,abort",
                                          "--timeline", "3")
            wanted = {k: v for k, v in theirs.items() if k[2] in ("drop", "abort") and k[0] == 3}
            check(rc == 0 and wanted and as_map(only) == wanted,
                  f"pg-main: --kind and --timeline keep exactly pg_waldump's drops and aborts on timeline 3 "
                  f"({len(only['events']) if only else None} against {len(wanted)})")
            # Kept kinds only in memory; what does not depend on the kinds stays the same.
            rc, truncs, _ = tideline_events(env, main_sc["bucket"], main_sc["server"], cache, "--kind", "truncate")
            check(rc == 0 and truncs["events"] == [e for e in doc["events"] if e["kind"] == "truncate"]
                  and truncs["commits_per_minute"] == doc["commits_per_minute"]
                  and truncs["segments"] == doc["segments"],
                  "pg-main: --kind truncate lists the same truncations (with their not-before time), "
                  "commits per minute and segments as the unfiltered run")
            drop_at = insight["drop"]["committed_at"]
            rc, after, _ = tideline_events(env, main_sc["bucket"], main_sc["server"], cache, "--from", drop_at)
            check(rc == 0 and after["events"] and all(e["time"] is None or pg_time(e["time"]) >= pg_time(drop_at)
                                                      for e in after["events"]),
                  "pg-main: --from leaves out what came before")
        test_window(env, "pg-main", main_sc["bucket"], main_sc["server"], os.path.join(work, "cache-window"), work)
        test_window(env, "pg-plain", sc["plain"]["bucket"], sc["plain"]["server"], cache, work)
        test_against_waldump(env, "pg-plain (1 MiB, uncompressed)", sc["plain"]["bucket"], sc["plain"]["server"],
                             cache, work)
        test_against_waldump(env, "recompressed (xz, zstd, lz4)", sc["recompressed"]["bucket"],
                             sc["recompressed"]["server"], cache, work)
        test_damage(env, main_sc, cache, work)
        test_missing_parent_copy(env, main_sc, cache, work)
        test_relation_names(env, main_sc, cache, work)
    finally:
        tr.drop_temp_buckets(env)
        shutil.rmtree(work, ignore_errors=True)  # 1.5 GB of decoded WAL and copies
    if tr.FAILURES:
        print(f"{len(tr.FAILURES)} check(s) failed", file=sys.stderr)
        sys.exit(1)


def test_relation_names(env, main_sc, cache, work):
    """A drill kept just before the DROP, started by hand as a DBA would, names the dropped file
    (make_buckets recorded the table and its pg_relation_filepath); the file TRUNCATE replaced
    earlier is unknown to that copy and stays unnamed; a password in the string is refused."""
    insight = main_sc["wal_insight"]
    drop = insight["drop"]
    scratch = tempfile.mkdtemp(prefix="tideline-names-")  # the work dir is private; postgres must enter this
    os.chmod(scratch, 0o755)
    p = subprocess.run([env.cli, "drill", env.url(main_sc["bucket"]), main_sc["server"], "--json",
                        "--endpoint-url", env.endpoint, "--timeout", "120", "--scratch", scratch, "--keep",
                        "--target-xid", str(drop["xid"]), "--target-tli", str(drop["timeline"]), "--exclusive",
                        "--check-sql", f"SELECT count(*) = {drop['rows']} FROM {drop['table']}"],
                       capture_output=True, text=True, timeout=600)
    check(p.returncode == 0, f"names: a kept drill to just before the DROP passes ({p.stderr[-300:]})")
    if p.returncode != 0:
        return
    kept = [d for d in os.listdir(scratch) if os.path.isdir(os.path.join(scratch, d))]
    data = os.path.join(scratch, kept[0], "data")
    sock = os.path.join(scratch, "socket")
    os.makedirs(sock)
    shutil.chown(sock, "postgres", "postgres")
    port = mb.free_port()
    mb.run([f"{mb.PGBIN}/pg_ctl", "-D", data, "-l", os.path.join(sock, "pg.log"), "-w", "-t", "120",
            "-o", f"-c port={port} -c listen_addresses='' -c unix_socket_directories='{sock}'", "start"],
           cwd=work, timeout=180)
    try:
        conninfo = f"host={sock} port={port} dbname=postgres user=postgres"
        rc, doc, err = tideline_events(env, main_sc["bucket"], main_sc["server"], cache, "--kind", "drop,truncate",
                                       "--names-from", conninfo)
        check(rc == 0 and doc, f"names: events --names-from exits 0 ({rc}: {err[-300:]})")
        if not doc:
            return
        named = {}
        for e in doc["events"]:
            for path, name in zip(e["relations"], e["relation_names"]):
                named[path] = name
        doomed = named.get(drop["file"])
        check(doomed and doomed["schema"] == "public" and doomed["name"] == drop["table"]
              and doomed["database"] == "postgres",
              f"names: the dropped file {drop['file']} is {drop['table']} ({doomed})")
        old = insight["truncated"]["old_file"]
        check(old in named and named[old] is None,
              f"names: the file TRUNCATE replaced before the copy's point is not named ({named.get(old, 'absent')})")
        p = subprocess.run([env.cli, "events", env.url(main_sc["bucket"]), main_sc["server"], "--endpoint-url",
                            env.endpoint, "--kind", "drop", "--names-from", conninfo],
                           capture_output=True, text=True, timeout=600, env={**os.environ, "XDG_CACHE_HOME": cache})
        check(p.returncode == 0 and f"{drop['file']} (public.{drop['table']})" in p.stdout,
              f"names: the text table shows the name beside the file ({p.stdout[-300:]})")
        # A database the reader may not enter is skipped with a note; the others are still named.
        psql = [f"{mb.PGBIN}/psql", "-X", "-q", "-h", sock, "-p", str(port), "-U", "postgres", "-d", "postgres",
                "-v", "ON_ERROR_STOP=1", "-c"]
        for sql in ("CREATE ROLE tideline_reader LOGIN", "CREATE DATABASE tideline_locked",
                    "REVOKE CONNECT ON DATABASE tideline_locked FROM PUBLIC"):
            mb.run(psql + [sql], cwd=work, timeout=60)
        rc, doc, err = tideline_events(env, main_sc["bucket"], main_sc["server"], cache, "--kind", "drop",
                                       "--names-from", f"host={sock} port={port} dbname=postgres user=tideline_reader")
        named = {p: n for e in (doc or {}).get("events", []) for p, n in zip(e["relations"], e["relation_names"])}
        check(rc == 0 and "tideline_locked skipped" in err and (named.get(drop["file"]) or {}).get("name") == drop["table"],
              f"names: a database the user may not enter is skipped with a note, the rest named ({rc}: {err[-300:]})")
        secret = "Tideline-Planted-7c1e"
        for conninfo in (f"postgresql://postgres:{secret}@localhost/postgres",
                         f"host={sock} dbname=postgres sslpassword={secret}"):
            rc, _, err = tideline_events(env, main_sc["bucket"], main_sc["server"], cache, "--names-from", conninfo)
            check(rc == 2 and "password" in err and secret not in err,
                  f"names: a password in the connection string is refused without echoing it ({rc}: {err[-200:]})")
        # libpq's own parse error quotes the bad token, which may be the password itself.
        rc, _, err = tideline_events(env, main_sc["bucket"], main_sc["server"], cache, "--names-from",
                                     f"postgresql://postgres:{secret}%zz@localhost/postgres")
        check(rc == 2 and "does not parse" in err and secret not in err,
              f"names: a string that does not parse is refused without quoting it ({rc}: {err[-200:]})")
        rc, _, err = tideline_events(env, main_sc["bucket"], main_sc["server"], cache, "--names-from",
                                     f"host={sock} port={mb.free_port()} dbname=postgres user=postgres")
        check(rc == 3 and "pg_ctl start" in err, f"names: no server there is a network error with a hint ({rc}: {err[-200:]})")
        # A server that accepts and then says nothing, with the user's connect_timeout=0: the
        # login waits, but Ctrl-C still ends it as a cancel (libpq's blocking connect would not hear it).
        silent = socket.socket()
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        proc = subprocess.Popen([env.cli, "events", env.url(main_sc["bucket"]), main_sc["server"], "--json",
                                 "--endpoint-url", env.endpoint, "--names-from",
                                 f"hostaddr=127.0.0.1 port={silent.getsockname()[1]} connect_timeout=0 user=postgres"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env={**os.environ, "XDG_CACHE_HOME": cache})
        try:
            silent.settimeout(300)
            held, _ = silent.accept()
            proc.send_signal(signal.SIGINT)
            _, err = proc.communicate(timeout=300)
            held.close()
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
        check(proc.returncode == 8, f"names: Ctrl-C during a silent login cancels it ({proc.returncode}: {err[-200:]})")
        # The user's connect_timeout, when shorter than Tideline's own limit, is the login's.
        p = subprocess.run([env.cli, "events", env.url(main_sc["bucket"]), main_sc["server"], "--json",
                            "--endpoint-url", env.endpoint, "--names-from",
                            f"hostaddr=127.0.0.1 port={silent.getsockname()[1]} connect_timeout=3 user=postgres"],
                           capture_output=True, text=True, timeout=300, env={**os.environ, "XDG_CACHE_HOME": cache})
        silent.close()
        check(p.returncode not in (0, 8) and "within 3 s" in p.stderr,
              f"names: a silent server fails the login after the user's connect_timeout ({p.returncode}: {p.stderr[-200:]})")
    finally:
        mb.run([f"{mb.PGBIN}/pg_ctl", "-D", data, "-m", "immediate", "-w", "stop"], cwd=work, timeout=180, check=False)
        shutil.rmtree(scratch, ignore_errors=True)


def test_damage(env, main_sc, cache, work):
    server = main_sc["server"]
    bucket = env.copy(main_sc["bucket"], "events")
    rc, before, _ = tideline_events(env, bucket, server, cache)
    check(rc == 0 and before["segments_read"] > 0, "damage: the intact copy reads clean")
    prefix = f"{mb.PATH}/{server}/wals/"
    keys = [k for k in env.store.keys(bucket, prefix) if re.search(r"/0000000[13][0-9A-F]{16}\.gz$", k)]
    # The segment with the most records on timeline 1 gets a byte flipped inside a record; the
    # last one on timeline 3 is cut in the middle.
    victim = "000000010000000000000001"
    key = next(k for k in keys if victim in k)
    raw = bytearray(gzip.decompress(env.store.get(bucket, key)))
    offset = 0x5000 + 100
    raw[offset] ^= 0xFF
    env.store.put(bucket, key, gzip.compress(bytes(raw)))
    cut_key = sorted(k for k in keys if "/00000003" in k)[-1]
    cut_raw = gzip.decompress(env.store.get(bucket, cut_key))
    env.store.put(bucket, cut_key, gzip.compress(cut_raw[:len(cut_raw) // 2 + 1234]))

    rc, doc, err = tideline_events(env, bucket, server, cache)
    check(rc == 6 and doc and not doc["complete"], f"damage: exit 6 and not complete ({rc}: {err[-200:]})")
    if not doc:
        return
    check(0 < doc["segments_read"] <= 2 * 8, f"damage: only replaced objects are read again ({doc['segments_read']})")
    problems = {p["segment"]: p for p in doc["problems"]}
    check(set(problems) == {victim, cut_key.split("/")[-1][:-3]}, f"damage: both segments reported ({sorted(problems)})")
    # pg_waldump on the flipped segment stops at the record whose checksum fails.
    d = os.path.join(work, "damage")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, victim), "wb") as f:
        f.write(raw)
    p = subprocess.run([PG_WALDUMP, "-p", d, victim, victim], capture_output=True, text=True)
    m = re.search(r"in record at ([0-9A-F]+/[0-9A-F]+)", p.stderr)
    check(m and victim in problems and lsn_value(problems[victim]["lsn"]) == lsn_value(m.group(1)),
          f"damage: the problem is where pg_waldump stops ({problems.get(victim)} / {p.stderr.strip()[-160:]})")
    check("CRC" in problems.get(victim, {}).get("message", "") or "checksum" in problems.get(victim, {}).get("message", ""),
          "damage: the flipped byte is a CRC mismatch")
    bad_lsn = lsn_value(problems[victim]["lsn"]) if victim in problems else 0
    seg_end = (int(victim[16:], 16) + 1) << 24
    after = [e for e in doc["events"] if e["timeline"] == 1 and bad_lsn <= lsn_value(e["lsn"]) < seg_end]
    check(not after, f"damage: nothing decoded after the bad record in its segment ({after[:2]})")
    intact = {k: v for k, v in as_map(before).items()}
    now = as_map(doc)
    lost = {k for k in intact if k not in now}
    check(lost and all((k[0] == 1 and bad_lsn <= lsn_value(k[1]) < seg_end) or k[0] == 3 for k in lost),
          "damage: only events in the damaged stretches are missing")
    check(all(now[k] == intact[k] for k in now if k in intact), "damage: what is listed is unchanged")


def test_missing_parent_copy(env, main_sc, cache, work):
    """The segment timeline 2 branched in is in the archive twice: timeline 1's copy and timeline 2's,
    which starts with timeline 1's WAL up to the branch. With timeline 1's copy gone, the commits
    before the branch are still counted once, from timeline 2's copy; only those after it (in
    timeline 1's copy alone) are lost. The oracle: pg_waldump over the intact archive, less what
    pg_waldump finds in that one segment after the branch."""
    server = main_sc["server"]
    theirs, _ = waldump_events(env.store, main_sc["bucket"], server, os.path.join(work, "parent-intact"))
    branch = lsn_value(main_sc["history"]["00000002.history"][0]["switch_lsn"])
    victim = f"00000001{0:08X}{branch >> 24:08X}"
    bucket = env.copy(main_sc["bucket"], "events-parent")
    key = next(k for k in env.store.keys(bucket, f"{mb.PATH}/{server}/wals/") if k.split("/")[-1].startswith(victim + "."))
    d = os.path.join(work, "parent-victim")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, victim), "wb") as f:
        f.write(decompress(key.split("/")[-1], env.store.get(bucket, key))[1])
    env.store.delete(bucket, key)
    p = subprocess.run([PG_WALDUMP, "-p", d, victim, victim], capture_output=True, text=True, env={**os.environ, "TZ": "UTC"})
    expected = waldump_per_minute(theirs)
    before_branch = 0
    for line in p.stdout.splitlines():
        m = LINE.match(line)
        if not m or m.group(1) != "Transaction" or not m.group(5).startswith("COMMIT "):
            continue
        if lsn_value(lsn_text(m.group(3), m.group(4))) < branch:
            before_branch += 1
            continue
        minute = re.match(r"COMMIT " + PGTIME, m.group(5)).group(1)[:16]
        expected[minute] -= 1
    expected = {k: v for k, v in expected.items() if v}
    rc, doc, err = tideline_events(env, bucket, server, cache, "--kind", "restore_point")
    check(doc is not None and before_branch > 0 and per_minute(doc) == expected,
          f"missing parent copy: commits before the branch counted once from the child's copy "
          f"({before_branch} of them; {rc}: {err[-200:]}; {doc and per_minute(doc)} against {expected})")


if __name__ == "__main__":
    main()
