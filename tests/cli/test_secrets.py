#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Secrets never land anywhere: unique credentials are planted in every way the command line takes
them (the environment, an AWS profile file, a libpq connection string, a Kubernetes Secret a
cnpg:// source reads through the scripted API server) and used for real work against a second s3rver that serves the fixture's store and accepts any signature (it cannot know
the planted keys). While a drill replays, the process table is read every 20 ms; afterwards every
file Tideline wrote (settings, caches, drill history, the kept drill's data directory and server
log, a restored data directory) and everything it printed is searched: zero hits. The only
legitimate home of a secret is the environment of the processes Tideline starts."""
import argparse
import os
import pathlib
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import uuid

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import make_buckets as mb  # noqa: E402
import json  # noqa: E402
import test_retention as tr  # noqa: E402  (checks, fixture environment)

check = tr.check
SUPPORT = pathlib.Path(__file__).resolve().parents[1] / "support"
CTL = str(SUPPORT / "s3rver_ctl.sh")


def start_k8s_api(work, fixture_env, endpoint, secret_key):
    """The scripted API server holding the fixture's clusters, whose Secret db/r2-creds carries
    `secret_key` and whose backup configuration points at `endpoint`. Returns (process, kubeconfig)."""
    planted_env = os.path.join(work, "k8s-env.json")
    with open(planted_env, "w") as f:
        json.dump({**fixture_env, "endpoint": endpoint, "secret_key": secret_key}, f)
    objects = os.path.join(work, "k8s-objects.json")
    subprocess.run(["/usr/bin/python3", str(SUPPORT / "k8s_objects.py"), "--env", planted_env, "--out", objects],
                   check=True, capture_output=True)
    tls = os.path.join(work, "k8s-tls")
    api = subprocess.Popen(["/usr/bin/python3", str(SUPPORT / "k8s_api.py"), "--objects", objects, "--tls-dir", tls],
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    port = api.stdout.readline().strip()
    check(port.isdigit(), f"the scripted Kubernetes API server listens ({port!r})")
    return api, os.path.join(tls, "kubeconfig-token")


def core_limits(pid):
    """(soft, hard) of the kernel's "Max core file size" for a process, as /proc prints them."""
    with open(f"/proc/{pid}/limits") as f:
        for line in f:
            if line.startswith("Max core file size"):
                return tuple(line[len("Max core file size"):].split()[:2])
    return None


def process_age(pid):
    """Seconds since the process started (/proc/PID/stat's starttime against /proc/uptime)."""
    with open(f"/proc/{pid}/stat") as f:
        start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/uptime") as f:
        uptime = float(f.read().split()[0])
    return uptime - start_ticks / os.sysconf("SC_CLK_TCK")


class ProcessTableWatch(threading.Thread):
    """Reads every process's command line until stopped; remembers any that holds a needle. The
    processes whose environment holds one (the legitimate home of a key) must not be able to dump
    core, soft and hard limit both 0: a core would write the key to disk. Those are counted
    (positive control: the drills' servers) and any that could dump core is remembered."""

    def __init__(self, needles):
        super().__init__(daemon=True)
        self.needles = [n.encode() for n in needles]
        self.hits = []
        self.scans = 0
        self.holders = set()
        self.dumpable = []
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            for pid in os.listdir("/proc"):
                if not pid.isdigit():
                    continue
                try:
                    with open(f"/proc/{pid}/cmdline", "rb") as f:
                        cmd = f.read()
                    if any(n in cmd for n in self.needles):
                        self.hits.append(cmd.replace(b"\0", b" ").decode(errors="replace")[:300])
                    if pid in self.holders:
                        continue
                    with open(f"/proc/{pid}/environ", "rb") as f:
                        if not any(n in f.read() for n in self.needles):
                            continue
                    limits = core_limits(pid)
                    age = process_age(pid)
                except OSError:
                    continue
                # A process caught between its exec and the first line of main() still has its
                # parent's limits: read it again on the next scan, until it is old enough.
                if limits != ("0", "0") and age < 0.5:
                    continue
                self.holders.add(pid)
                if limits != ("0", "0"):
                    name = cmd.split(b"\0")[0].decode(errors="replace")
                    self.dumpable.append(f"{name} (pid {pid}, {age:.2f} s old): {limits}")
            self.scans += 1
            self.stop.wait(0.02)


def grep_tree(root, needles):
    hits = []
    for dirpath, _, files in os.walk(root):
        for name in files:
            path = os.path.join(dirpath, name)
            if os.path.islink(path) or not os.path.isfile(path):
                continue
            try:
                with open(path, "rb") as f:
                    data = f.read()
            except OSError:
                continue
            hits += [f"{path}: {n}" for n in needles if n.encode() in data]
    return hits


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--env", required=True)
    args = ap.parse_args()
    env = tr.Env(args.cli, args.env)
    main_sc = env.fixture["scenarios"]["main"]
    env_secret = f"Tideline-Planted-Env-{uuid.uuid4().hex}"
    profile_secret = f"Tideline-Planted-Profile-{uuid.uuid4().hex}"
    conn_secret = f"Tideline-Planted-Conn-{uuid.uuid4().hex}"
    k8s_secret = f"Tideline-Planted-K8s-{uuid.uuid4().hex}"
    needles = [env_secret, profile_secret, conn_secret, k8s_secret]
    api = None

    work = tempfile.mkdtemp(prefix="tideline-secrets-")
    os.chmod(work, 0o755)  # the drill's PostgreSQL (user postgres) enters its scratch below
    server_dir = os.path.join(work, "s3rver")
    os.makedirs(server_dir)
    os.symlink(os.path.join(os.path.dirname(os.path.abspath(args.env)), "s3rver", "store"),
               os.path.join(server_dir, "store"))
    home = os.path.join(work, "home")
    os.makedirs(os.path.join(home, ".aws"))
    with open(os.path.join(home, ".aws", "credentials"), "w") as f:
        f.write(f"[planted]\naws_access_key_id = {mb.ACCESS_KEY}\naws_secret_access_key = {profile_secret}\n")
    subprocess.run(["bash", CTL, "start", server_dir], check=True, capture_output=True,
                   env={**os.environ, "S3RVER_EXTRA_ARGS": "--allow-mismatched-signatures"})
    try:
        endpoint = f"http://127.0.0.1:{open(os.path.join(server_dir, 'port')).read().strip()}"
        base = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        base.update({"HOME": home, "XDG_CONFIG_HOME": f"{home}/.config", "XDG_DATA_HOME": f"{home}/.local/share",
                     "XDG_CACHE_HOME": f"{home}/.cache", "AWS_DEFAULT_REGION": mb.REGION})
        by_env = {**base, "AWS_ACCESS_KEY_ID": mb.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": env_secret}
        printed = []

        def cli(cli_env, *argv, timeout=600):
            p = subprocess.run([env.cli, "--endpoint-url", endpoint, *argv], capture_output=True, text=True,
                               timeout=timeout, env=cli_env)
            printed.append(p.stdout + p.stderr)
            return p

        url = env.url(main_sc["bucket"])
        server = main_sc["server"]
        # 1. A drill with the key in the environment (it reaches the drill's PostgreSQL through
        #    restore_command), kept so that its data directory and log can be searched.
        scratch = os.path.join(work, "scratch")
        os.makedirs(scratch)
        os.chmod(scratch, 0o755)
        # The core check means something only if the processes Tideline starts would otherwise be
        # allowed a core: give this process (and so the CLI) a hard limit when it has none.
        if resource.getrlimit(resource.RLIMIT_CORE)[1] == 0 and os.geteuid() == 0:
            resource.setrlimit(resource.RLIMIT_CORE, (0, resource.RLIM_INFINITY))
        core_check = resource.getrlimit(resource.RLIMIT_CORE)[1] != 0
        watch = ProcessTableWatch(needles)
        watch.start()
        p = cli(by_env, "--json", "drill", url, server, "--target-immediate", "--scratch", scratch, "--keep",
                "--timeout", "300", "--check-sql", "SELECT count(*) > 0 FROM tideline_events")
        check(p.returncode == 0, f"the drill with the planted key passes ({p.stderr[-300:]})")
        if os.geteuid() == 0:
            notes = json.loads(p.stdout).get("notes", []) if p.stdout.strip() else []
            check(any("--owner" in n for n in notes),
                  f"a root drill warns that postgres's processes can read the keys it hands its server ({notes})")
        # 2. The same with the key in a profile file, and a restore, events and verify.
        by_profile = {**base}
        p = cli(by_profile, "--profile", "planted", "--json", "drill", url, server, "--target-immediate",
                "--scratch", scratch, "--keep", "--timeout", "300")
        check(p.returncode == 0, f"the drill with the planted profile passes ({p.stderr[-300:]})")
        dest = os.path.join(work, "restored")
        p = cli(by_profile, "--profile", "planted", "restore", url, server, dest, "--target-immediate", "--no-sync")
        check(p.returncode == 0, f"the restore with the planted profile passes ({p.stderr[-300:]})")
        for argv in (["events", url, server, "--kind", "restore_point"], ["verify", url, server, "--wals"],
                     ["manifest", url, server, "--target-immediate", "--cluster", "restored"]):
            p = cli(by_env, *argv)
            check(p.returncode == 0, f"{argv[0]} with the planted key works ({p.stderr[-200:]})")
        # 3. The key in a Kubernetes Secret: a cnpg:// source reads it through the API server
        #    (no AWS credentials of its own), for a catalog, a plan and a kept drill.
        api, kubeconfig = start_k8s_api(work, env.fixture, endpoint, k8s_secret)
        by_k8s = {**base, "KUBECONFIG": kubeconfig}
        for argv in (["--json", "backups", "cnpg://db/pg-main"], ["--json", "status", "cnpg://db/pg-main"],
                     ["plan", "cnpg://db/pg-main", "--target-immediate"],
                     ["--json", "drill", "cnpg://db/pg-main", "--target-immediate", "--scratch", scratch, "--keep",
                      "--timeout", "300"]):
            p = subprocess.run([env.cli, *argv], capture_output=True, text=True, timeout=600, env=by_k8s)
            printed.append(p.stdout + p.stderr)
            check(p.returncode == 0, f"{' '.join(argv[:3])} with the key in a Kubernetes Secret works "
                                     f"({p.stderr[-300:]})")
        watch.stop.set()
        watch.join()
        # 4. A password in a connection string is refused and never echoed (the command line that
        #    carries it is the user's own, so the watch has stopped).
        p = cli(by_env, "events", url, server, "--names-from", f"host=/tmp user=postgres password={conn_secret}")
        check(p.returncode == 2, f"a password in --names-from is refused ({p.returncode})")

        check(watch.scans > 10 and not watch.hits,
              f"no command line held a planted secret over {watch.scans} scans of the process table ({watch.hits[:2]})")
        if core_check:
            check(len(watch.holders) >= 3 and not watch.dumpable,
                  f"none of the {len(watch.holders)} processes whose environment held a planted key could dump core "
                  f"({watch.dumpable[:3]})")
        else:
            print("skip the core check: this process may not dump core either (hard limit 0, not root)")
        leaks = [n for n in needles if any(n in out for out in printed)]
        check(not leaks, f"nothing printed holds a planted secret ({leaks})")
        # Everything written: settings, caches, drill history (home, but not the planted file
        # itself), the kept drills' data directories and server logs, the restored directory.
        written = [h for h in grep_tree(home, needles) if not h.startswith(os.path.join(home, ".aws"))]
        written += grep_tree(scratch, needles) + grep_tree(dest, needles)
        check(not written, f"no file Tideline wrote holds a planted secret ({written[:3]})")
        kept = [d for d in os.listdir(scratch) if d.startswith("tideline-drill-")]
        check(len(kept) == 3 and os.path.isfile(os.path.join(scratch, kept[0], "postgres.log")),
              f"the three kept drills were searched, logs included ({kept})")
        # The drill's PostgreSQL cannot read the profile, so the style it resolved to travels in
        # restore_command: a virtual-host choice left behind would send every WAL fetch elsewhere.
        styles = []
        for d in kept:
            with open(os.path.join(scratch, d, "data", "postgresql.auto.conf")) as f:
                styles += re.findall(r"--addressing-style (\w+)", f.read())
        check(styles == ["path"] * 3, f"each drill's restore_command names the style it resolved ({styles})")
        check(os.path.isdir(os.path.join(home, ".local", "share")),
              "the drill history was written in the searched home")
    finally:
        if api:
            api.stdin.close()
            api.wait(timeout=30)
        subprocess.run(["bash", CTL, "stop", server_dir], capture_output=True)
        subprocess.run(["rm", "-rf", "--one-file-system", work])
    if tr.FAILURES:
        print(f"{len(tr.FAILURES)} check(s) failed", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
