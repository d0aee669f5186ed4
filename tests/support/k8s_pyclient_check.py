#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reads k8s_api.py (or any API server) with the official Kubernetes Python client (Debian's
python3-kubernetes) and writes what it saw as normalized JSON, so a test can compare Tideline's
reading of the same server with an independent one.

    k8s_pyclient_check.py --kubeconfig K [--context C] --out FILE [--page-size N]
                          [--compaction-checks]

Loads K with config.load_kube_config (token, client certificate or exec plugin), then:
  - lists clusters, backups, scheduledbackups (postgresql.cnpg.io/v1) and objectstores
    (barmancloud.cnpg.io/v1) across all namespaces with limit/continue paging (page size default 2),
  - reads secret db/r2-creds (CoreV1Api),
  - watches backups for 2 s (timeout_seconds=2, allow_watch_bookmarks) and collects event types.
--compaction-checks (changes the server's state: it compacts): lists backups with limit=1, POSTs
/_control/compact to the kubeconfig's server, continues (expects 410 Expired), then watches from
the first page's resourceVersion (expects the in-stream 410 ERROR, raised by the client).

Output: {"clusters": [{namespace, name, resourceVersion, spec, status}...] (in server order),
"backups": [...], "scheduledbackups": [...], "objectstores": [...], "secret_keys": [sorted],
"pages": list requests for backups, "pages_by_resource": {plural: N}, "list_resource_versions": {plural: rv},
"watch_types": [distinct types in order seen], "watch_events": N,
"compaction": {"continue": {status, reason}, "watch": {status, reason}}}.
Exits 2 with a message on stderr if the client raises.
"""

import argparse
import json
import ssl
import sys
import traceback
import urllib.request

try:
    from kubernetes import client, config, watch
    from kubernetes.client.rest import ApiException
except ImportError as e:  # pragma: no cover
    sys.stderr.write(f"k8s_pyclient_check: the kubernetes package is missing (apt install python3-kubernetes): {e}\n")
    sys.exit(3)

RESOURCES = [("clusters", "postgresql.cnpg.io"), ("backups", "postgresql.cnpg.io"),
             ("scheduledbackups", "postgresql.cnpg.io"), ("objectstores", "barmancloud.cnpg.io")]


def normalize(item):
    md = item.get("metadata", {})
    return {"namespace": md.get("namespace"), "name": md.get("name"), "resourceVersion": md.get("resourceVersion"),
            "spec": item.get("spec"), "status": item.get("status")}


def list_all(api, group, plural, page_size):
    items, pages, token, first_rv = [], 0, None, None
    while True:
        kwargs = {"limit": page_size}
        if token:
            kwargs["_continue"] = token
        resp = api.list_cluster_custom_object(group, "v1", plural, **kwargs)
        pages += 1
        if first_rv is None:
            first_rv = resp["metadata"].get("resourceVersion")
        elif resp["metadata"].get("resourceVersion") != first_rv:
            raise RuntimeError(f"{plural}: page {pages} at resourceVersion {resp['metadata'].get('resourceVersion')}"
                               f", the first page was at {first_rv}")
        items.extend(resp.get("items", []))
        token = resp["metadata"].get("continue")
        if not token:
            return items, pages, first_rv
        if pages > 100000:
            raise RuntimeError(f"{plural}: paging does not end")


def post_control(api_client, what):
    cfg = api_client.configuration
    ctx = ssl.create_default_context(cafile=cfg.ssl_ca_cert) if cfg.ssl_ca_cert else ssl.create_default_context()
    if cfg.cert_file:
        ctx.load_cert_chain(cfg.cert_file, cfg.key_file)
    req = urllib.request.Request(cfg.host.rstrip("/") + "/_control/" + what, data=b"{}", method="POST",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, context=ctx, timeout=10) as resp:
        return json.loads(resp.read())


def compaction_checks(api, api_client):
    out = {}
    first = api.list_cluster_custom_object("postgresql.cnpg.io", "v1", "backups", limit=1)
    rv = first["metadata"]["resourceVersion"]
    token = first["metadata"].get("continue")
    post_control(api_client, "compact")
    try:
        api.list_cluster_custom_object("postgresql.cnpg.io", "v1", "backups", limit=1, _continue=token)
        out["continue"] = {"status": 200}
    except ApiException as e:
        body = json.loads(e.body) if e.body else {}
        out["continue"] = {"status": e.status, "reason": body.get("reason"), "message": body.get("message"),
                           "has_new_token": bool(body.get("metadata", {}).get("continue"))}
    w = watch.Watch()
    try:
        for _ in w.stream(api.list_cluster_custom_object, "postgresql.cnpg.io", "v1", "backups",
                          resource_version=rv, timeout_seconds=2):
            pass
        out["watch"] = {"status": 200, "rv": rv}
    except ApiException as e:
        out["watch"] = {"status": e.status, "reason": e.reason, "rv": rv}
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kubeconfig", required=True)
    ap.add_argument("--context")
    ap.add_argument("--out", required=True)
    ap.add_argument("--page-size", type=int, default=2)
    ap.add_argument("--compaction-checks", action="store_true")
    args = ap.parse_args()
    try:
        api_client = config.new_client_from_config(config_file=args.kubeconfig, context=args.context)
        api = client.CustomObjectsApi(api_client)
        core = client.CoreV1Api(api_client)
        result = {"pages_by_resource": {}, "list_resource_versions": {}}
        for plural, group in RESOURCES:
            items, pages, rv = list_all(api, group, plural, args.page_size)
            result[plural] = [normalize(i) for i in items]
            result["pages_by_resource"][plural] = pages
            result["list_resource_versions"][plural] = rv
        result["pages"] = result["pages_by_resource"]["backups"]
        sec = core.read_namespaced_secret("r2-creds", "db")
        result["secret_keys"] = sorted((sec.data or {}).keys())
        types, n = [], 0
        w = watch.Watch()
        for event in w.stream(api.list_cluster_custom_object, "postgresql.cnpg.io", "v1", "backups",
                              timeout_seconds=2, allow_watch_bookmarks=True):
            n += 1
            if event["type"] not in types:
                types.append(event["type"])
        result["watch_types"] = types
        result["watch_events"] = n
        if args.compaction_checks:
            result["compaction"] = compaction_checks(api, api_client)
    except ApiException as e:
        sys.stderr.write(f"k8s_pyclient_check: API error {e.status} {e.reason}: {e.body}\n")
        return 2
    except Exception as e:  # the client raises many kinds (ConfigException, urllib3 errors, ...)
        traceback.print_exc(limit=3)
        sys.stderr.write(f"k8s_pyclient_check: {type(e).__name__}: {e}\n")
        return 2
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1, sort_keys=True)
        f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
