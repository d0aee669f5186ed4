#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The window's archiving sampler, one reading at a time, against the same reading done with the
official clients (by hand, not in CI).

    tests/bench/sampler_bench.py [BUILD_DIR] [--readings 50]

Needs the fixture buckets and s3rver of BUILD_DIR (`ctest -R fixture.buckets -FC "s3rver|buckets"`
keeps them up). Starts tests/support/k8s_api.py over the objects k8s_objects.py makes from them,
gives the primary pg-main-1 metrics and a /pg/status through pods/proxy, then measures per reading:
  tideline  build/tests/bench/sampler_bench: pods/proxy metrics of 3 pods + the primary's status,
            the bucket's WAL listing, the assessment, one SQLite row
  python    python3-kubernetes reading the same proxy paths, prometheus_client parsing the metrics,
            boto3 listing the same WAL directory
CPU time per reading, and the share of one core at the window's 10 s interval (goal: under 1%).
"""
import argparse
import json
import os
import resource
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "tests", "support"))

PEER = r'''
import json, resource, sys, time
import boto3, kubernetes
from prometheus_client.parser import text_string_to_metric_families
kubeconfig, endpoint, bucket, prefix, n = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
kubernetes.config.load_kube_config(config_file=kubeconfig)
v1 = kubernetes.client.CoreV1Api()
s3 = boto3.client("s3", endpoint_url=endpoint)
def reading():
    for pod in ("pg-main-1", "pg-main-2", "pg-main-3"):
        try:
            r = v1.connect_get_namespaced_pod_proxy_with_path(f"{pod}:9187", "db", "metrics", _preload_content=False)
            list(text_string_to_metric_families(r.data.decode()))
        except kubernetes.client.exceptions.ApiException:
            pass
    r = v1.connect_get_namespaced_pod_proxy_with_path("https:pg-main-1:8000", "db", "pg/status", _preload_content=False)
    json.loads(r.data)
    s3.list_objects_v2(Bucket=bucket, Prefix=prefix)
reading()
u0 = resource.getrusage(resource.RUSAGE_SELF)
t0 = time.perf_counter()
for _ in range(n):
    reading()
u1 = resource.getrusage(resource.RUSAGE_SELF)
cpu = ((u1.ru_utime + u1.ru_stime) - (u0.ru_utime + u0.ru_stime)) * 1000 / n
wall = (time.perf_counter() - t0) * 1000 / n
print(f"python clients    {n} readings: {cpu:.1f} ms CPU and {wall:.1f} ms wall each; at 10 s: {cpu / 100:.2f}% of a core")
'''


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build", nargs="?", default=os.path.join(REPO, "build"))
    ap.add_argument("--readings", type=int, default=50)
    a = ap.parse_args()
    env_json = os.path.join(a.build, "fixtures", "env.json")
    env = json.load(open(env_json))
    work = tempfile.mkdtemp(prefix="sampler-bench-")
    subprocess.run(["/usr/bin/python3", os.path.join(REPO, "tests/support/k8s_objects.py"), "--env", env_json,
                    "--out", os.path.join(work, "objects.json")], check=True, stdout=subprocess.DEVNULL)
    api = subprocess.Popen(["/usr/bin/python3", os.path.join(REPO, "tests/support/k8s_api.py"), "--objects",
                            os.path.join(work, "objects.json"), "--tls-dir", os.path.join(work, "api")],
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    port = int(api.stdout.readline())
    ctx = ssl.create_default_context(cafile=os.path.join(work, "api", "ca.crt"))

    def control(what, body):
        req = urllib.request.Request(f"https://127.0.0.1:{port}/_control/{what}", data=json.dumps(body).encode(),
                                     method="POST")
        urllib.request.urlopen(req, timeout=10, context=ctx).read()

    try:
        main_s = env["scenarios"]["main"]
        last = main_s["wal_timelines"][-1]["last"]
        seg = int(last[8:16], 16) * 256 + int(last[16:], 16) + 2
        current = last[:8] + "%08X%08X" % (seg >> 8, seg & 0xFF)
        lsn = "%X/%X" % (seg >> 8, ((seg & 0xFF) << 24) + 0x60)
        with open(os.path.join(REPO, "tests/data/metrics/cnpg-1.30-primary.txt")) as f:
            metrics = f.read()
        for pod in ("pg-main-1", "pg-main-2", "pg-main-3"):
            control("apply", {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": pod, "namespace": "db"}})
            control("proxy", {"namespace": "db", "pod": pod, "port": 9187, "path": "/metrics", "body": metrics})
        control("proxy", {"namespace": "db", "pod": "pg-main-1", "port": 8000, "path": "/pg/status", "scheme": "https",
                          "content_type": "application/json",
                          "body": json.dumps({"isPrimary": True, "currentLsn": lsn, "currentWAL": current,
                                              "lastArchivedWAL": last, "timeLineID": int(last[:8], 16)})})
        kubeconfig = os.path.join(work, "api", "kubeconfig-token")
        run_env = dict(os.environ, AWS_ACCESS_KEY_ID=env["access_key"], AWS_SECRET_ACCESS_KEY=env["secret_key"],
                       AWS_DEFAULT_REGION=env["region"])
        subprocess.run([os.path.join(a.build, "tests/bench/sampler_bench"), kubeconfig, "cnpg://db/pg-main",
                        str(a.readings)], check=True, env=run_env)
        prefix = f"{main_s['path']}/{main_s['server']}/wals/{current[:16]}/"
        subprocess.run(["/usr/bin/python3", "-c", PEER, kubeconfig, env["endpoint"], main_s["bucket"], prefix,
                        str(a.readings)], check=True, env=run_env)
    finally:
        api.stdin.close()
        api.wait()


if __name__ == "__main__":
    main()
