#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A scripted Kubernetes API server for Tideline's Kubernetes tests: HTTPS on 127.0.0.1, speaking
the real protocol (discovery, List/continue paging at one resourceVersion, chunked watches with
bookmarks and in-stream 410s, Status errors, Table output for kubectl), holding the objects of a
JSON file in memory. It is held to the protocol by kubectl and Debian's python3-kubernetes.

    k8s_api.py --objects FILE.json --tls-dir DIR [--port 0] [--tokens T1,T2] [--token-file FILE]
               [--forbid VERB:RESOURCE[:SCOPE],...] [--no-cnpg] [--delay-ms N]
               [--bookmark-interval S] [--no-stdin] [--lifetime S] [--log FILE]

Prints its port on stdout once it listens and the kubeconfig files are written; exits when stdin
closes (unless --no-stdin), on SIGTERM or SIGINT, or after --lifetime seconds (0: never).

TLS (DIR): generated with openssl when missing, reused otherwise (RSA 2048, 10 years):
  ca.crt ca.key            the CA
  server.crt server.key    SAN IP:127.0.0.1, DNS:localhost, DNS:k8s.test
  client.crt client.key    CN=tideline-test, O=system:masters (key in PKCS#1 "RSA PRIVATE KEY")
The server requests a client certificate but does not require one (CERT_OPTIONAL against ca.crt):
a certificate the CA did not sign fails the TLS handshake (a real apiserver answers 401 instead).
ALPN offers http/1.1 only, so Go clients do not try HTTP/2.

Kubeconfigs written into DIR once the port is known (cluster "tideline-test",
server https://127.0.0.1:PORT):
  kubeconfig-token   certificate-authority: ca.crt (relative), token = first of --tokens,
                     context token-ctx (namespace db)
  kubeconfig-cert    certificate-authority-data + client-certificate-data/client-key-data,
                     context cert-ctx (no namespace)
  kubeconfig-exec    exec plugin (client.authentication.k8s.io/v1, interactiveMode Never):
                     /usr/bin/python3 k8s_exec_plugin.py --token-file FILE --ttl 3600,
                     context exec-ctx (no namespace)
  kubeconfig-all     the three contexts in one file, current-context token-ctx

Authentication (per request): a verified client certificate (user = its CN); else
"Authorization: Bearer X" with X in --tokens (default tideline-test-token) or an unexpired
line {"token", "expires"} of --token-file (default DIR/exec-tokens.jsonl, re-read when it changes;
the exec plugin appends to it). Token users are "tideline-test". Anything else: 401 Status
Unauthorized. /version, /healthz, /livez, /readyz and /_control/ need no credentials.

Authorization: --forbid rules VERB:RESOURCE[:SCOPE] (comma-separated; "*" matches any verb or
resource; RESOURCE is a plural, "plural.group" or "pods/proxy"; SCOPE is a namespace name, or
"cluster" for all-namespaces and cluster-scoped requests; no SCOPE: everywhere). A match answers
403 Forbidden with the apiserver's wording, e.g.
  secrets "r2-creds" is forbidden: User "tideline-test" cannot get resource "secrets" in API
  group "" in the namespace "db"
Verbs: get, list, watch (list with watch=1), create, delete, deletecollection, update, patch.
POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews answers from the same rules.

Served:
  GET /version /api /api/v1 /apis /apis/{group} /apis/{group}/v1     discovery (legacy, JSON)
  core v1: namespaces (cluster-scoped), secrets, pods (pods/proxy: GET [scheme:]POD[:PORT]/proxy/PATH
  passes the answer /_control/proxy set for that pod, port and path through, status and
  Content-Type as the pod gave them; a scheme the pod does not speak answers 503 as the real
  proxy does; anything not set answers 503 connection refused), postgresql.cnpg.io/v1: clusters,
  backups, scheduledbackups
  (+ empty poolers, databases, publications, subscriptions, imagecatalogs, failoverquorums,
  clusterimagecatalogs), barmancloud.cnpg.io/v1: objectstores.
  GET  .../{plural}                  List (all namespaces) or Table (Accept: ...;as=Table;...)
  GET  .../namespaces/{ns}/{plural}[/{name}[/status]]
  GET  ...?watch=1                   chunked watch stream
  POST .../namespaces/{ns}/{plural}  create (JSON body; CRD defaults for Backup/ScheduledBackup
                                     spec.method; dryRun=All; generateName) -> 201, 409, 422
  DELETE .../{name}                  delete -> the object (CRDs) or a Success Status (core)
  POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews  (JSON, or kubectl's protobuf)
  PUT, PATCH and everything else on a resource: 405 MethodNotAllowed.
Tables (kubectl's human output): the CRDs' additionalPrinterColumns (CNPG 1.30), date columns
rendered as ages by the server as the real one does; includeObject=None|Metadata|Object.
With --no-cnpg every path under /apis/postgresql.cnpg.io and /apis/barmancloud.cnpg.io answers
404 "404 page not found" (text/plain), as for a group that is not installed.

Lists: ordered by namespace, then name; items carry kind/apiVersion for custom resources (not
for core types, as the real server). limit/continue: the continue token is base64url JSON
{"v","rv","start"} like the real one; every page is served at the first page's resourceVersion
snapshot (a history of versions per object is kept back to the compaction point). A token older
than the compaction point answers 410 Expired with a new token (rv -1) that continues
inconsistently at the current state. labelSelector: k=v, k==v, k!=v, k, !k, k in (a,b),
k notin (a,b); fieldSelector: metadata.name, metadata.namespace with =, ==, !=.
resourceVersion with resourceVersionMatch=Exact lists at that snapshot; a resourceVersion above the
current one answers 504 "Too large resource version"; resourceVersion with continue: 400. Answers larger than 128 KiB
are gzip-compressed when the client accepts gzip (as the real server).

Watches (watch=1|true): resourceVersion RV streams every event after RV; RV "" or "0" sends
synthetic ADDED events for the current objects first. allowWatchBookmarks=true adds a BOOKMARK every
--bookmark-interval seconds (default 1); sendInitialEvents=true (with
resourceVersionMatch=NotOlderThan) ends the initial events with a BOOKMARK annotated
k8s.io/initial-events-end. RV older than the compaction point: HTTP 200, then one ERROR event
(Status 410 Expired "too old resource version: RV (COMPACTED)") and the end of the stream. The
stream ends after timeoutSeconds (default 1800), or when the client goes away (checked every
second). Objects leaving or entering a label/field selector produce DELETED/ADDED, as the real
watch cache does.

resourceVersion is one global counter (starts at 1000) served as a string. Objects loaded from
--objects get uid (uuid5 from group/kind/namespace/name, see stable_uid(), unless given),
resourceVersion, creationTimestamp (kept when given) and, for custom resources, generation.

Control plane (JSON over the same port, no authentication, not recorded in /_control/requests):
  POST /_control/apply          an object, or a list of objects: create or replace (rv bumps,
                                ADDED/MODIFIED; generation bumps when spec changes)
  POST /_control/delete         {"apiVersion","kind","namespace","name"} -> DELETED
  POST /_control/compact        bumps the global rv (as unrelated writes do on a real cluster) and
                                compacts there: every resourceVersion and continue token handed
                                out before answers 410
  POST /_control/expire-watches open watch streams get an in-stream 410 ERROR and end
  GET  /_control/requests       [{method, path, query (dict), raw_query, auth ("token", "cert",
                                "none"; "bad-token"/"bad-auth" for rejected credentials), user,
                                status, accept, content_type, user_agent, body (POST/DELETE)}]
  POST /_control/reset-requests
  POST /_control/forbid         {"rules": ["get:secrets", ...]} replaces the --forbid rules
  POST /_control/tokens         {"tokens": [...]} replaces the --tokens list
  POST /_control/proxy          {"namespace", "pod", "port", "path" ("/metrics"), "scheme" ("http"|
                                "https", default http), "status" (200), "content_type", "body"}:
                                what the pod answers behind pods/proxy ("body": null removes it)
  POST /_control/fail           {"status": 429|500|503|504, "count": N, "path": REGEX,
                                "method": M, "retry_after": S}: the next N matching API requests
                                answer that Status (429 carries Retry-After/retryAfterSeconds)
  GET  /_control/state          {"resourceVersion", "compactedAt", "counts", "watches", ...}

--delay-ms N: every API request waits N ms before its answer (a WAN round trip).
--log FILE: one JSON line per request (and per failed TLS handshake).
"""

import argparse
import base64
import bisect
import gzip
import json
import os
import re
import secrets
import select
import signal
import ssl
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DEFAULT_TOKEN = "tideline-test-token"
TOKEN_USER = "tideline-test"
CNPG_GROUP = "postgresql.cnpg.io"
BARMAN_GROUP = "barmancloud.cnpg.io"
PLUGIN_GROUPS = (CNPG_GROUP, BARMAN_GROUP)
GZIP_THRESHOLD = 128 * 1024
FIRST_RV = 1000
IDLE_TIMEOUT = 300

VERSION_INFO = {
    "major": "1", "minor": "33", "emulationMajor": "1", "emulationMinor": "33",
    "minCompatibilityMajor": "1", "minCompatibilityMinor": "32", "gitVersion": "v1.33.4",
    "gitCommit": "74cdb426ad7b4c0bd0c8b5a4ec8fb1d4c4d3a9e1", "gitTreeState": "clean",
    "buildDate": "2026-08-12T18:20:39Z", "goVersion": "go1.24.6", "compiler": "gc",
    "platform": "linux/amd64",
}

CONTINUE_EXPIRED = ("The provided continue parameter is too old to display a consistent list result. "
                    "You can start a new list without the continue parameter, or use the continue token in "
                    "this response to retrieve the remainder of the results. Continuing with the provided "
                    "token results in an inconsistent list - objects that were created, modified, or deleted "
                    "between the time the first chunk was returned and now may show up in the list.")

NAME_DESC = ("Name must be unique within a namespace. Is required when creating resources, although some "
             "resources may allow a client to request the generation of an appropriate name automatically. "
             "Name is primarily intended for creation idempotence and configuration definition. Cannot be "
             "updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names")
AGE_DESC = ("CreationTimestamp is a timestamp representing the server time when this object was created. It "
            "is not guaranteed to be set in happens-before order across separate operations. Clients may not "
            "set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. "
            "Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/"
            "sig-architecture/api-conventions.md#metadata")

VERBS_FULL = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]
VERBS_CRD = ["delete", "deletecollection", "get", "list", "patch", "create", "update", "watch"]


def stable_uid(group, kind, namespace, name):
    """The uid an object gets when it is first created here: stable across runs, so generated
    objects can refer to each other (ownerReferences, pluginMetadata.clusterUID)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"tideline-k8s-test/{group}/{kind}/{namespace}/{name}"))


def now_iso():
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def dumps(obj, sort=True):
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False, sort_keys=sort).encode()


def core_dumps(obj):
    # Typed core objects keep Go's struct order: kind, apiVersion, metadata, then the rest.
    ordered = {}
    for k in ("kind", "apiVersion", "metadata"):
        if k in obj:
            ordered[k] = obj[k]
    for k, v in obj.items():
        if k not in ordered:
            ordered[k] = v
    return json.dumps(ordered, separators=(",", ":"), ensure_ascii=False).encode()


def jsonpath(obj, path):
    cur = obj
    for part in path.strip(".").split("."):
        if not isinstance(cur, dict) or part not in cur:
            return None
        cur = cur[part]
    return cur


def human_age(ts):
    try:
        t = datetime.fromisoformat(ts.replace("Z", "+00:00"))
    except (AttributeError, TypeError, ValueError):
        return "<unknown>"
    s = int((datetime.now(timezone.utc) - t).total_seconds())
    if s < 0:
        return "<invalid>"
    if s < 120:
        return f"{s}s"
    m = s // 60
    if m < 10:
        return f"{m}m{s % 60}s" if s % 60 else f"{m}m"
    if m < 180:
        return f"{m}m"
    h = m // 60
    if h < 8:
        return f"{h}h{m % 60}m" if m % 60 else f"{h}h"
    if h < 48:
        return f"{h}h"
    d = h // 24
    if d < 8:
        return f"{d}d{h % 24}h" if h % 24 else f"{d}d"
    if d < 365 * 2:
        return f"{d}d"
    return f"{d // 365}y"


class ApiError(Exception):
    def __init__(self, code, reason, message, details=None, metadata=None, headers=None):
        super().__init__(message)
        self.code, self.reason, self.message = code, reason, message
        self.details, self.metadata, self.headers = details, metadata or {}, headers or {}

    def status(self):
        body = {"kind": "Status", "apiVersion": "v1", "metadata": self.metadata, "status": "Failure",
                "message": self.message, "reason": self.reason}
        if self.details is not None:
            body["details"] = self.details
        body["code"] = self.code
        return body


def pb_varint(buf, i):
    shift = value = 0
    while True:
        b = buf[i]
        i += 1
        value |= (b & 0x7F) << shift
        if not b & 0x80:
            return value, i
        shift += 7


def pb_fields(buf):
    """A minimal protobuf reader: {field number: [values]} (length-delimited values as bytes)."""
    out, i = {}, 0
    while i < len(buf):
        key, i = pb_varint(buf, i)
        field, wire = key >> 3, key & 7
        if wire == 0:
            value, i = pb_varint(buf, i)
        elif wire == 2:
            n, i = pb_varint(buf, i)
            value, i = buf[i:i + n], i + n
        elif wire == 1:
            value, i = buf[i:i + 8], i + 8
        elif wire == 5:
            value, i = buf[i:i + 4], i + 4
        else:
            raise ValueError(f"protobuf wire type {wire}")
        out.setdefault(field, []).append(value)
    return out


def decode_access_review_protobuf(body):
    """kubectl sends built-in types as protobuf ("k8s\\0" + runtime.Unknown); decode the one we
    accept, a SelfSubjectAccessReview, into its JSON form."""
    if not body.startswith(b"k8s\x00"):
        raise ValueError("no protobuf envelope")
    unknown = pb_fields(body[4:])
    review = pb_fields(unknown.get(2, [b""])[0])
    spec = pb_fields(review.get(2, [b""])[0])
    text = lambda f, n: f[n][0].decode() if n in f else ""  # noqa: E731
    out = {}
    if 1 in spec:
        ra = pb_fields(spec[1][0])
        out["resourceAttributes"] = {k: text(ra, n) for n, k in ((1, "namespace"), (2, "verb"), (3, "group"),
                                                                 (4, "version"), (5, "resource"),
                                                                 (6, "subresource"), (7, "name")) if n in ra}
    if 2 in spec:
        nra = pb_fields(spec[2][0])
        out["nonResourceAttributes"] = {k: text(nra, n) for n, k in ((1, "path"), (2, "verb")) if n in nra}
    return {"apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview", "spec": out}


class PlainNotFound(Exception):
    """The mux's answer for a path nobody serves: text/plain "404 page not found"."""


# ---------------------------------------------------------------------------------------------
# Resource types and the store
# ---------------------------------------------------------------------------------------------

class Column:
    def __init__(self, name, ctype, getter, description="", fmt="", priority=0):
        self.name, self.type, self.getter = name, ctype, getter
        self.description, self.format, self.priority = description, fmt, priority

    def definition(self):
        return {"name": self.name, "type": self.type, "format": self.format,
                "description": self.description, "priority": self.priority}


def col_path(name, ctype, path, description=""):
    if ctype == "date":
        # The apiserver renders date columns itself (ConvertToHumanReadableDateType): "4h12m".
        return Column(name, ctype, lambda o: date_cell(jsonpath(o, path)), description)
    return Column(name, ctype, lambda o: jsonpath(o, path), description)


def date_cell(value):
    return None if value is None else human_age(value)


NAME_COL = Column("Name", "string", lambda o: o["metadata"]["name"], NAME_DESC, "name")
CRD_AGE_COL = Column("Age", "date", lambda o: date_cell(o["metadata"].get("creationTimestamp")), AGE_DESC)
CORE_AGE_COL = Column("Age", "string", lambda o: human_age(o["metadata"].get("creationTimestamp")), AGE_DESC)


class Version:
    __slots__ = ("rv", "key", "data", "item", "labels", "deleted", "_obj")

    def __init__(self, rv, key, data, item, labels, deleted, obj=None):
        self.rv, self.key, self.data, self.item = rv, key, data, item
        self.labels, self.deleted, self._obj = labels, deleted, obj

    def obj(self):
        # Parsed on demand (not cached): 20,000 parsed objects would cost far more memory than bytes.
        return json.loads(self.data)


class RType:
    def __init__(self, group, version, plural, kind, namespaced, singular, short=(), categories=(),
                 verbs=None, subresources=(), columns=(), list_kind=None, served=True):
        self.group, self.version, self.plural, self.kind = group, version, plural, kind
        self.namespaced, self.singular, self.short, self.categories = namespaced, singular, list(short), \
            list(categories)
        self.crd = group in PLUGIN_GROUPS
        self.verbs = verbs or (VERBS_CRD if self.crd else VERBS_FULL)
        self.subresources = list(subresources)  # (name, kind, verbs, group, version)
        self.columns = [NAME_COL] + list(columns) + ([CRD_AGE_COL] if self.crd else [CORE_AGE_COL])
        self.list_kind = list_kind or kind + "List"
        self.served = served
        self.keys = []       # sorted (namespace, name), every key with retained history
        self.hist = {}       # key -> [Version] oldest first
        self.events = []     # [(rv, type, Version new, Version old|None)]
        self.event_rvs = []
        self.log_floor = 0   # events with rv <= log_floor were pruned
        self.tombstones = 0  # keys whose newest version is a deletion
        self.last_change = 0
        self.ever = set()    # keys that existed at some point (a recreation gets a fresh uid)

    @property
    def api_version(self):
        return f"{self.group}/{self.version}" if self.group else self.version

    @property
    def qualified(self):
        return f"{self.plural}.{self.group}" if self.group else self.plural

    def serialize(self, obj):
        if self.crd:
            return dumps(obj), None
        data = core_dumps(obj)
        item = core_dumps({k: v for k, v in obj.items() if k not in ("kind", "apiVersion")})
        return data, item

    def list_item(self, v):
        return v.data if self.crd else v.item

    def discovery(self):
        out = []
        entry = {"name": self.plural, "singularName": self.singular, "namespaced": self.namespaced,
                 "kind": self.kind, "verbs": self.verbs}
        if self.short:
            entry["shortNames"] = self.short
        if self.categories:
            entry["categories"] = self.categories
        entry["storageVersionHash"] = base64.b64encode(
            uuid.uuid5(uuid.NAMESPACE_DNS, self.qualified).bytes[:8]).decode()
        out.append(entry)
        for name, kind, verbs, grp, ver in self.subresources:
            sub = {"name": f"{self.plural}/{name}", "singularName": "", "namespaced": self.namespaced,
                   "kind": kind, "verbs": verbs}
            if grp is not None:
                sub["group"], sub["version"] = grp, ver
            out.append(sub)
        return out


def build_types(no_cnpg):
    core = [
        RType("", "v1", "namespaces", "Namespace", False, "namespace", short=["ns"],
              verbs=["create", "delete", "get", "list", "patch", "update", "watch"],
              subresources=[("finalize", "Namespace", ["update"], None, None),
                            ("status", "Namespace", ["get", "patch", "update"], None, None)],
              columns=[col_path("Status", "string", ".status.phase",
                                "The status of the namespace")]),
        RType("", "v1", "pods", "Pod", True, "pod", short=["po"], categories=["all"],
              subresources=[("log", "Pod", ["get"], None, None),
                            ("proxy", "PodProxyOptions", ["create", "delete", "get", "patch", "update"],
                             None, None),
                            ("status", "Pod", ["get", "patch", "update"], None, None)],
              columns=[col_path("Status", "string", ".status.phase", "The aggregate status of the pod")]),
        RType("", "v1", "secrets", "Secret", True, "secret",
              columns=[col_path("Type", "string", ".type", "The type of the secret"),
                       Column("Data", "integer", lambda o: len(o.get("data") or {}),
                              "The number of entries in the data of the secret")]),
    ]
    status_sub = ("status", None, ["get", "patch", "update"], None, None)
    cnpg = [
        RType(CNPG_GROUP, "v1", "clusters", "Cluster", True, "cluster",
              subresources=[("scale", "Scale", ["get", "patch", "update"], "autoscaling", "v1"),
                            ("status", "Cluster", ["get", "patch", "update"], None, None)],
              columns=[col_path("Instances", "integer", ".status.instances", "Number of instances"),
                       col_path("Ready", "integer", ".status.readyInstances", "Number of ready instances"),
                       col_path("Status", "string", ".status.phase", "Cluster current status"),
                       col_path("Primary", "string", ".status.currentPrimary", "Primary pod")]),
        RType(CNPG_GROUP, "v1", "backups", "Backup", True, "backup",
              subresources=[("status", "Backup", ["get", "patch", "update"], None, None)],
              columns=[col_path("Cluster", "string", ".spec.cluster.name"),
                       col_path("Method", "string", ".spec.method"),
                       col_path("Phase", "string", ".status.phase"),
                       col_path("Error", "string", ".status.error")]),
        RType(CNPG_GROUP, "v1", "scheduledbackups", "ScheduledBackup", True, "scheduledbackup",
              subresources=[("status", "ScheduledBackup", ["get", "patch", "update"], None, None)],
              columns=[col_path("Cluster", "string", ".spec.cluster.name"),
                       col_path("Last Backup", "date", ".status.lastScheduleTime")]),
        RType(CNPG_GROUP, "v1", "poolers", "Pooler", True, "pooler",
              subresources=[("scale", "Scale", ["get", "patch", "update"], "autoscaling", "v1"),
                            ("status", "Pooler", ["get", "patch", "update"], None, None)],
              columns=[col_path("Cluster", "string", ".spec.cluster.name"),
                       col_path("Type", "string", ".spec.type")]),
        RType(CNPG_GROUP, "v1", "databases", "Database", True, "database",
              subresources=[("status", "Database", ["get", "patch", "update"], None, None)],
              columns=[col_path("Cluster", "string", ".spec.cluster.name"),
                       col_path("PG Name", "string", ".spec.name"),
                       col_path("Applied", "boolean", ".status.applied"),
                       col_path("Message", "string", ".status.message")]),
        RType(CNPG_GROUP, "v1", "publications", "Publication", True, "publication",
              subresources=[("status", "Publication", ["get", "patch", "update"], None, None)]),
        RType(CNPG_GROUP, "v1", "subscriptions", "Subscription", True, "subscription",
              subresources=[("status", "Subscription", ["get", "patch", "update"], None, None)]),
        RType(CNPG_GROUP, "v1", "imagecatalogs", "ImageCatalog", True, "imagecatalog"),
        RType(CNPG_GROUP, "v1", "clusterimagecatalogs", "ClusterImageCatalog", False, "clusterimagecatalog"),
        RType(CNPG_GROUP, "v1", "failoverquorums", "FailoverQuorum", True, "failoverquorum",
              subresources=[("status", "FailoverQuorum", ["get", "patch", "update"], None, None)]),
        RType(BARMAN_GROUP, "v1", "objectstores", "ObjectStore", True, "objectstore",
              subresources=[("status", "ObjectStore", ["get", "patch", "update"], None, None)]),
    ]
    del status_sub
    types = core + ([] if no_cnpg else cnpg)
    return {(t.group, t.plural): t for t in types}


class Store:
    def __init__(self, types):
        self.types = types
        self.by_kind = {(t.group, t.kind): t for t in types.values()}
        self.cond = threading.Condition(threading.RLock())
        self.rv = FIRST_RV
        self.compact_rv = 0
        self.expire_gen = 0
        self.watches = {}  # id -> cursor rv

    # -- writes (caller holds self.cond) ---------------------------------------------------
    def type_for(self, obj):
        api_version = obj.get("apiVersion", "")
        group = api_version.split("/")[0] if "/" in api_version else ""
        rt = self.by_kind.get((group, obj.get("kind", "")))
        if rt is None:
            raise ApiError(400, "BadRequest", f"no resource known for {api_version} {obj.get('kind')}")
        return rt

    def put(self, rt, obj):
        md = obj.setdefault("metadata", {})
        if not md.get("name"):
            raise ApiError(422, "Invalid", f"{rt.kind} \"\" is invalid: metadata.name: Required value: name or "
                           "generateName is required")
        ns = md.get("namespace", "") if rt.namespaced else ""
        if rt.namespaced and not ns:
            raise ApiError(400, "BadRequest", f"{rt.kind} {md['name']}: a namespace is required")
        if not rt.namespaced:
            md.pop("namespace", None)
        key = (ns, md["name"])
        hist = rt.hist.get(key)
        prev = hist[-1] if hist and not hist[-1].deleted else None
        obj["apiVersion"], obj["kind"] = rt.api_version, rt.kind
        if prev is not None:
            pmd = prev.obj()["metadata"]
            md["uid"] = pmd["uid"]
            md["creationTimestamp"] = pmd.get("creationTimestamp")
            if rt.crd:
                gen = pmd.get("generation", 1)
                if prev.obj().get("spec") != obj.get("spec"):
                    gen += 1
                md["generation"] = gen
        else:
            if not md.get("uid"):
                md["uid"] = (str(uuid.uuid4()) if key in rt.ever
                             else stable_uid(rt.group, rt.kind, ns, md["name"]))
            if not md.get("creationTimestamp"):
                md["creationTimestamp"] = now_iso()
            if rt.crd:
                md["generation"] = md.get("generation") or 1
        self.rv += 1
        md["resourceVersion"] = str(self.rv)
        data, item = rt.serialize(obj)
        v = Version(self.rv, key, data, item, dict(md.get("labels") or {}), False)
        if hist is None:
            rt.hist[key] = [v]
            bisect.insort(rt.keys, key)
        else:
            if hist[-1].deleted:
                rt.tombstones -= 1
            hist.append(v)
        rt.ever.add(key)
        rt.last_change = self.rv
        self.log_event(rt, "MODIFIED" if prev is not None else "ADDED", v, prev)
        return v

    def delete(self, rt, key):
        hist = rt.hist.get(key)
        if not hist or hist[-1].deleted:
            return None
        prev = hist[-1]
        obj = json.loads(prev.data)
        self.rv += 1
        obj["metadata"]["resourceVersion"] = str(self.rv)
        data, item = rt.serialize(obj)
        v = Version(self.rv, key, data, item, prev.labels, True)
        hist.append(v)
        rt.tombstones += 1
        rt.last_change = self.rv
        self.log_event(rt, "DELETED", v, prev)
        return v

    def log_event(self, rt, etype, v, prev):
        rt.events.append((v.rv, etype, v, prev))
        rt.event_rvs.append(v.rv)
        self.cond.notify_all()

    def compact(self):
        # On a real cluster unrelated writes (leases, events) move the revision all the time; bump it
        # as one of those would, then compact there: every rv handed out before is now too old.
        self.rv += 1
        self.compact_rv = self.rv
        floor = min([self.compact_rv] + list(self.watches.values()))
        for rt in self.types.values():
            dead = []
            for key, hist in rt.hist.items():
                idx = 0
                for i, v in enumerate(hist):
                    if v.rv <= self.compact_rv:
                        idx = i
                if idx:
                    del hist[:idx]
                if len(hist) == 1 and hist[0].deleted:
                    dead.append(key)
            if dead:
                for key in dead:
                    del rt.hist[key]
                rt.tombstones -= len(dead)
                gone = set(dead)
                rt.keys = [k for k in rt.keys if k not in gone]
            cut = bisect.bisect_right(rt.event_rvs, floor)
            if cut:
                rt.log_floor = max(rt.log_floor, rt.event_rvs[cut - 1])
                del rt.events[:cut]
                del rt.event_rvs[:cut]
        self.cond.notify_all()

    # -- reads (caller holds self.cond) ----------------------------------------------------
    @staticmethod
    def at(hist, rv):
        for v in reversed(hist):
            if v.rv <= rv:
                return None if v.deleted else v
        return None

    def get(self, rt, key):
        hist = rt.hist.get(key)
        if not hist or hist[-1].deleted:
            return None
        return hist[-1]

    def live(self, rt, ns):
        keys = rt.keys
        lo, hi = key_range(keys, ns)
        out = []
        for i in range(lo, hi):
            v = rt.hist[keys[i]][-1]
            if not v.deleted:
                out.append(v)
        return out


def key_range(keys, ns):
    if ns is None:
        return 0, len(keys)
    return bisect.bisect_left(keys, (ns, "")), bisect.bisect_left(keys, (ns + "\x00", ""))


# ---------------------------------------------------------------------------------------------
# Selectors
# ---------------------------------------------------------------------------------------------

LABEL_KEY = re.compile(r"^([A-Za-z0-9][-A-Za-z0-9_.]*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")


def split_top(s):
    parts, depth, cur = [], 0, ""
    for ch in s:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return parts


def parse_label_selector(s):
    reqs = []
    for raw in split_top(s or ""):
        part = raw.strip()
        if not part:
            continue
        m = re.match(r"^(\S+)\s+(in|notin)\s*\((.*)\)$", part)
        if m:
            key, op, vals = m.group(1), m.group(2), {x.strip() for x in m.group(3).split(",") if x.strip()}
        elif part.startswith("!"):
            key, op, vals = part[1:].strip(), "!exists", None
        elif "!=" in part:
            key, val = part.split("!=", 1)
            key, op, vals = key.strip(), "!=", val.strip()
        elif "==" in part:
            key, val = part.split("==", 1)
            key, op, vals = key.strip(), "=", val.strip()
        elif "=" in part:
            key, val = part.split("=", 1)
            key, op, vals = key.strip(), "=", val.strip()
        else:
            key, op, vals = part, "exists", None
        if not LABEL_KEY.match(key):
            raise ApiError(400, "BadRequest", f"unable to parse requirement: <nil>: Invalid value: \"{key}\": "
                           "name part must consist of alphanumeric characters, '-', '_' or '.', and must start "
                           "and end with an alphanumeric character")
        reqs.append((key, op, vals))
    return reqs


def labels_match(reqs, labels):
    for key, op, vals in reqs:
        has = key in labels
        if op == "=" and labels.get(key) != vals:
            return False
        if op == "!=" and has and labels[key] == vals:
            return False
        if op == "in" and (not has or labels[key] not in vals):
            return False
        if op == "notin" and has and labels[key] in vals:
            return False
        if op == "exists" and not has:
            return False
        if op == "!exists" and has:
            return False
    return True


def parse_field_selector(s):
    reqs = []
    for raw in (s or "").split(","):
        part = raw.strip()
        if not part:
            continue
        if "!=" in part:
            field, val = part.split("!=", 1)
            op = "!="
        elif "==" in part:
            field, val = part.split("==", 1)
            op = "="
        elif "=" in part:
            field, val = part.split("=", 1)
            op = "="
        else:
            raise ApiError(400, "BadRequest", f"invalid selector: '{s}'; can't understand '{part}'")
        field = field.strip()
        if field not in ("metadata.name", "metadata.namespace"):
            raise ApiError(400, "BadRequest", f"field label not supported: {field}")
        reqs.append((field, op, val.strip()))
    return reqs


def fields_match(reqs, key):
    for field, op, val in reqs:
        actual = key[1] if field == "metadata.name" else key[0]
        if (actual == val) != (op == "="):
            return False
    return True


class Selector:
    def __init__(self, params):
        self.labels = parse_label_selector(params.get("labelSelector", ""))
        self.fields = parse_field_selector(params.get("fieldSelector", ""))
        self.empty = not self.labels and not self.fields

    def __call__(self, v):
        return (not self.labels or labels_match(self.labels, v.labels)) and \
            (not self.fields or fields_match(self.fields, v.key))


# ---------------------------------------------------------------------------------------------
# Continue tokens
# ---------------------------------------------------------------------------------------------

def encode_continue(rv, key, namespaced):
    start = (f"{key[0]}/{key[1]}" if namespaced else key[1]) + "\x00"
    raw = json.dumps({"v": "meta.k8s.io/v1", "rv": rv, "start": start}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_continue(token, namespaced):
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        data = json.loads(raw)
        if data.get("v") != "meta.k8s.io/v1":
            raise ValueError("continue key is not valid: incorrect encoded start resourceVersion "
                             "(version meta.k8s.io/v1)")
        rv = int(data["rv"])
        start = data["start"]
        if not isinstance(start, str):
            raise ValueError("bad start")
        start = start[:-1] if start.endswith("\x00") else start
        if namespaced:
            ns, _, name = start.partition("/")
        else:
            ns, name = "", start
        return rv, (ns, name)
    except ValueError as e:
        if str(e).startswith("continue key"):
            raise ApiError(400, "BadRequest", str(e))
        raise ApiError(400, "BadRequest", f"continue key is not valid: {e}")
    except (KeyError, TypeError) as e:
        raise ApiError(400, "BadRequest", f"continue key is not valid: {e}")


# ---------------------------------------------------------------------------------------------
# Certificates and kubeconfigs
# ---------------------------------------------------------------------------------------------

OPENSSL_CNF = """\
[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[v3_ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign,digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[v3_server]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1,DNS:localhost,DNS:k8s.test
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[v3_client]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
"""


def run_openssl(*args, cwd):
    proc = subprocess.run(["openssl", *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr.decode(errors="replace"))
        raise SystemExit(f"k8s_api: openssl {args[0]} failed")


def ensure_tls(d):
    os.makedirs(d, exist_ok=True)
    need = ["ca.crt", "ca.key", "server.crt", "server.key", "client.crt", "client.key"]
    if all(os.path.exists(os.path.join(d, n)) for n in need):
        return
    cnf = os.path.join(d, "openssl.cnf")
    with open(cnf, "w") as f:
        f.write(OPENSSL_CNF)
    serial = lambda: "0x" + secrets.token_hex(8)  # noqa: E731
    if not (os.path.exists(os.path.join(d, "ca.crt")) and os.path.exists(os.path.join(d, "ca.key"))):
        run_openssl("req", "-x509", "-config", cnf, "-extensions", "v3_ca", "-newkey", "rsa:2048", "-nodes",
                    "-keyout", "ca.key", "-out", "ca.crt", "-days", "3650", "-sha256",
                    "-subj", "/CN=tideline-test-ca", "-set_serial", serial(), cwd=d)
    run_openssl("req", "-new", "-config", cnf, "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key",
                "-out", "server.csr", "-subj", "/CN=kube-apiserver", cwd=d)
    run_openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-set_serial",
                serial(), "-out", "server.crt", "-days", "3650", "-sha256", "-extfile", cnf,
                "-extensions", "v3_server", cwd=d)
    run_openssl("genrsa", "-traditional", "-out", "client.key", "2048", cwd=d)
    run_openssl("req", "-new", "-config", cnf, "-key", "client.key", "-out", "client.csr",
                "-subj", "/O=system:masters/CN=tideline-test", cwd=d)
    run_openssl("x509", "-req", "-in", "client.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-set_serial",
                serial(), "-out", "client.crt", "-days", "3650", "-sha256", "-extfile", cnf,
                "-extensions", "v3_client", cwd=d)
    for n in ("server.csr", "client.csr", "openssl.cnf"):
        os.unlink(os.path.join(d, n))
    for n in ("ca.key", "server.key", "client.key"):
        os.chmod(os.path.join(d, n), 0o600)


def q(s):
    return json.dumps(s)  # a JSON string is a valid YAML double-quoted scalar


def b64file(path):
    with open(path, "rb") as f:
        return base64.b64encode(f.read()).decode()


def write_kubeconfigs(d, port, token, token_file):
    server = f"https://127.0.0.1:{port}"
    plugin = os.path.join(os.path.dirname(os.path.abspath(__file__)), "k8s_exec_plugin.py")
    cluster_rel = f"- name: tideline-test\n  cluster:\n    server: {q(server)}\n    certificate-authority: ca.crt\n"
    cluster_data = (f"- name: tideline-test\n  cluster:\n    server: {q(server)}\n"
                    f"    certificate-authority-data: {b64file(os.path.join(d, 'ca.crt'))}\n")
    users = {
        "token": f"- name: token-user\n  user:\n    token: {q(token)}\n",
        "cert": (f"- name: cert-user\n  user:\n"
                 f"    client-certificate-data: {b64file(os.path.join(d, 'client.crt'))}\n"
                 f"    client-key-data: {b64file(os.path.join(d, 'client.key'))}\n"),
        "exec": ("- name: exec-user\n  user:\n    exec:\n"
                 "      apiVersion: client.authentication.k8s.io/v1\n"
                 "      command: /usr/bin/python3\n"
                 f"      args:\n      - {q(plugin)}\n      - \"--token-file\"\n      - {q(token_file)}\n"
                 "      - \"--ttl\"\n      - \"3600\"\n"
                 "      interactiveMode: Never\n"
                 "      provideClusterInfo: false\n"),
    }
    contexts = {
        "token": "- name: token-ctx\n  context:\n    cluster: tideline-test\n    user: token-user\n"
                 "    namespace: db\n",
        "cert": "- name: cert-ctx\n  context:\n    cluster: tideline-test\n    user: cert-user\n",
        "exec": "- name: exec-ctx\n  context:\n    cluster: tideline-test\n    user: exec-user\n",
    }

    def write(name, cluster, which, current):
        text = ("apiVersion: v1\nkind: Config\npreferences: {}\nclusters:\n" + cluster + "users:\n"
                + "".join(users[w] for w in which) + "contexts:\n" + "".join(contexts[w] for w in which)
                + f"current-context: {current}\n")
        tmp = os.path.join(d, f".{name}.tmp")
        with open(tmp, "w") as f:
            f.write(text)
        os.chmod(tmp, 0o600)
        os.replace(tmp, os.path.join(d, name))

    write("kubeconfig-token", cluster_rel, ["token"], "token-ctx")
    write("kubeconfig-cert", cluster_data, ["cert"], "cert-ctx")
    write("kubeconfig-exec", cluster_data, ["exec"], "exec-ctx")
    write("kubeconfig-all", cluster_rel, ["token", "cert", "exec"], "token-ctx")


# ---------------------------------------------------------------------------------------------
# Server state
# ---------------------------------------------------------------------------------------------

class Config:
    store = None
    tokens = [DEFAULT_TOKEN]
    token_file = None
    forbid = []
    delay = 0.0
    bookmark_interval = 1.0
    no_cnpg = False
    log_path = None
    log_lock = threading.Lock()
    requests = []
    faults = []
    proxied = {}  # (namespace, pod, port, path) -> {"scheme", "status", "content_type", "body"}
    tls_failures = 0
    token_cache = (None, {})


CFG = Config()


def parse_forbid(spec):
    rules = []
    for item in (spec or "").split(",") if isinstance(spec, str) else spec:
        item = item.strip()
        if not item:
            continue
        parts = item.split(":")
        if len(parts) not in (2, 3):
            raise SystemExit(f"k8s_api: bad --forbid rule {item!r} (VERB:RESOURCE[:SCOPE])")
        rules.append((parts[0], parts[1], parts[2] if len(parts) == 3 else None))
    return rules


def is_forbidden(verb, group, resource, namespace):
    """resource is "plural" or "plural/subresource"; a rule names it bare or group-qualified."""
    plural, _, sub = resource.partition("/")
    names = {resource}
    if group:
        names.add(f"{plural}.{group}" + (f"/{sub}" if sub else ""))
    for rverb, rres, scope in CFG.forbid:
        if rverb not in ("*", verb):
            continue
        if rres != "*" and rres not in names:
            continue
        if scope is not None:
            if scope == "cluster" and namespace:
                continue
            if scope != "cluster" and scope != namespace:
                continue
        return True
    return False


def forbidden_error(user, verb, rt, resource, namespace, name):
    where = (f"in the namespace {q(namespace)}" if namespace else "at the cluster scope")
    reason = f"User {q(user)} cannot {verb} resource {q(resource)} in API group {q(rt.group)} {where}"
    qualified = rt.qualified
    msg = f"{qualified} {q(name)} is forbidden: {reason}" if name else f"{qualified} is forbidden: {reason}"
    details = {"name": name} if name else {}
    if rt.group:
        details["group"] = rt.group
    details["kind"] = rt.plural
    return ApiError(403, "Forbidden", msg, details)


def not_found(rt, name):
    details = {"name": name}
    if rt.group:
        details["group"] = rt.group
    details["kind"] = rt.plural
    return ApiError(404, "NotFound", f"{rt.qualified} {q(name)} not found", details)


def valid_file_token(tok):
    path = CFG.token_file
    if not path:
        return False
    try:
        st = os.stat(path)
    except OSError:
        return False
    stamp = (st.st_mtime_ns, st.st_size)
    if CFG.token_cache[0] != stamp:
        table = {}
        try:
            with open(path, encoding="utf-8") as f:
                for line in f:
                    line = line.strip()
                    if not line:
                        continue
                    try:
                        entry = json.loads(line)
                        exp = datetime.strptime(entry["expires"], "%Y-%m-%dT%H:%M:%SZ").replace(
                            tzinfo=timezone.utc).timestamp()
                        table[entry["token"]] = max(exp, table.get(entry["token"], 0))
                    except (ValueError, KeyError, TypeError):
                        continue
        except OSError:
            return False
        CFG.token_cache = (stamp, table)
    exp = CFG.token_cache[1].get(tok)
    return exp is not None and exp > time.time()


def log_line(entry):
    if not CFG.log_path:
        return
    with CFG.log_lock, open(CFG.log_path, "a", encoding="utf-8") as f:
        f.write(json.dumps(entry) + "\n")


# ---------------------------------------------------------------------------------------------
# HTTP
# ---------------------------------------------------------------------------------------------

class TLSServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, addr, handler, ctx):
        self.ssl_ctx = ctx
        super().__init__(addr, handler)

    def finish_request(self, request, client_address):
        request.settimeout(30)
        try:
            tls = self.ssl_ctx.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError) as e:
            CFG.tls_failures += 1
            log_line({"t": now_iso(), "tls_error": str(e)})
            try:
                request.close()
            except OSError:
                pass
            return
        try:
            self.RequestHandlerClass(tls, client_address, self)
        finally:
            try:
                tls.close()
            except OSError:
                pass

    def shutdown_request(self, request):
        try:
            request.close()
        except OSError:
            pass


def peer_identity(sock):
    try:
        cert = sock.getpeercert()
    except (ValueError, OSError):
        return None
    if not cert:
        return None
    cn = None
    for rdn in cert.get("subject", ()):
        for k, v in rdn:
            if k == "commonName":
                cn = v
    return cn


ACCEPT_TABLE = re.compile(r"as=Table")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = IDLE_TIMEOUT

    def log_message(self, *args):
        pass

    def send_response(self, code, message=None):
        # No Server header: the real apiserver sends none.
        self.send_response_only(code, message)
        self.send_header("Date", self.date_time_string())

    # -- plumbing --------------------------------------------------------------------------
    def do_GET(self):
        self.dispatch()

    def do_POST(self):
        self.dispatch()

    def do_PUT(self):
        self.dispatch()

    def do_PATCH(self):
        self.dispatch()

    def do_DELETE(self):
        self.dispatch()

    def do_HEAD(self):
        self.dispatch()

    def do_OPTIONS(self):
        self.dispatch()

    def read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            out = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    return out
                out += self.rfile.read(size)
                self.rfile.readline()
        length = int(self.headers.get("Content-Length", "0") or 0)
        return self.rfile.read(length) if length else b""

    def send_bytes(self, code, body, content_type="application/json", headers=None, compress=True):
        extra = dict(headers or {})
        if compress and len(body) > GZIP_THRESHOLD and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=1, mtime=0)
            extra["Content-Encoding"] = "gzip"
            extra["Vary"] = "Accept-Encoding"
        self.send_response(code)
        self.send_header("Audit-Id", str(uuid.uuid4()))
        self.send_header("Cache-Control", "no-cache, private")
        self.send_header("Content-Type", content_type)
        if self.rec is not None and self.rec.get("api"):
            self.send_header("X-Kubernetes-Pf-Flowschema-Uid", "1d8f3c83-4a4c-4e0c-9a0e-6c1f4f6d5e21")
            self.send_header("X-Kubernetes-Pf-Prioritylevel-Uid", "6a0f9a43-18a9-4a4c-8d0b-2d2b1a9e6f07")
        for k, v in extra.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        if self.rec is not None:
            self.rec["status"] = code
            self.rec["bytes"] = len(body)

    def send_json(self, code, obj, headers=None):
        self.send_bytes(code, dumps(obj, sort=False), headers=headers)

    def send_error_status(self, err):
        self.send_json(err.code, err.status(), headers=err.headers)

    def send_plain_404(self):
        self.send_bytes(404, b"404 page not found\n", "text/plain; charset=utf-8",
                        headers={"X-Content-Type-Options": "nosniff"})

    # -- entry -----------------------------------------------------------------------------
    def dispatch(self):
        self.rec = None
        started = time.monotonic()
        raw_path, _, raw_query = self.path.partition("?")
        path = urllib.parse.unquote(raw_path)
        params = {k: v[-1] for k, v in urllib.parse.parse_qs(raw_query, keep_blank_values=True).items()}
        try:
            body = self.read_body()
        except (ValueError, OSError):
            self.close_connection = True
            return
        if path.startswith("/_control/"):
            try:
                self.control(path[len("/_control/"):], body)
            except ApiError as e:
                self.send_error_status(e)
            except (ValueError, KeyError, TypeError) as e:
                self.send_json(400, {"error": str(e)})
            return
        auth, user = self.authenticate()
        self.rec = {"method": self.command, "path": path, "query": params, "raw_query": raw_query,
                    "auth": auth or "none", "user": user, "accept": self.headers.get("Accept", ""),
                    "content_type": self.headers.get("Content-Type", ""),
                    "user_agent": self.headers.get("User-Agent", ""), "status": None, "api": True}
        if self.command in ("POST", "PUT", "PATCH", "DELETE") and body:
            try:
                self.rec["body"] = json.loads(body)
            except ValueError:
                self.rec["body"] = body.decode(errors="replace")
        with CFG.store.cond:
            CFG.requests.append(self.rec)
        if CFG.delay:
            time.sleep(CFG.delay)
        try:
            fault = self.take_fault(path)
            if fault is not None:
                raise fault
            self.route(path, params, body, auth, user)
        except ApiError as e:
            self.send_error_status(e)
        except PlainNotFound:
            self.send_plain_404()
        except (OSError, ssl.SSLError):
            self.close_connection = True
        finally:
            log_line({"t": now_iso(), "method": self.command, "path": path, "query": raw_query,
                      "status": self.rec.get("status"), "auth": self.rec["auth"], "user": user,
                      "bytes": self.rec.get("bytes"), "ms": round((time.monotonic() - started) * 1000, 1)})

    def take_fault(self, path):
        with CFG.store.cond:
            for f in CFG.faults:
                if f["count"] <= 0:
                    continue
                if f.get("method") and f["method"] != self.command:
                    continue
                if f.get("path") and not re.search(f["path"], self.path):
                    continue
                f["count"] -= 1
                code = int(f["status"])
                retry = int(f.get("retry_after", 1))
                if code == 429:
                    return ApiError(429, "TooManyRequests", "Too many requests, please try again later.",
                                    {"retryAfterSeconds": retry}, headers={"Retry-After": str(retry)})
                if code == 503:
                    return ApiError(503, "ServiceUnavailable", "the server is currently unable to handle the "
                                    "request", {"retryAfterSeconds": retry}, headers={"Retry-After": str(retry)})
                if code == 504:
                    return ApiError(504, "Timeout", "the server was unable to return a response in the time "
                                    "allotted, but may still be processing the request", {"retryAfterSeconds": retry})
                if code == 401:
                    return ApiError(401, "Unauthorized", "Unauthorized")
                return ApiError(code, "InternalError", "Internal error occurred: injected fault",
                                {"causes": [{"message": "injected fault"}]})
        return None

    def authenticate(self):
        cn = peer_identity(self.connection)
        if cn:
            return "cert", cn
        header = self.headers.get("Authorization", "")
        if header.startswith("Bearer "):
            tok = header[len("Bearer "):].strip()
            with CFG.store.cond:
                ok = tok in CFG.tokens or valid_file_token(tok)
            if ok:
                return "token", TOKEN_USER
            return "bad-token", None
        if header:
            return "bad-auth", None
        return None, None

    # -- control plane ---------------------------------------------------------------------
    def control(self, what, body):
        store = CFG.store
        data = json.loads(body) if body else None
        if what == "requests" and self.command == "GET":
            with store.cond:
                out = [{k: v for k, v in r.items() if k != "api"} for r in CFG.requests]
            return self.send_json(200, out)
        if what == "state" and self.command == "GET":
            with store.cond:
                out = {"resourceVersion": str(store.rv), "compactedAt": str(store.compact_rv),
                       "watches": len(store.watches), "tlsFailures": CFG.tls_failures,
                       "counts": {rt.qualified: sum(1 for h in rt.hist.values() if not h[-1].deleted)
                                  for rt in store.types.values()},
                       "forbid": [":".join(x for x in r if x) for r in CFG.forbid],
                       "requests": len(CFG.requests)}
            return self.send_json(200, out)
        if self.command != "POST":
            return self.send_json(405, {"error": "use POST"})
        if what == "apply":
            objs = data if isinstance(data, list) else (data.get("items") if data.get("kind", "").endswith("List")
                                                        and "items" in data else [data])
            out = []
            with store.cond:
                for obj in objs:
                    rt = store.type_for(obj)
                    v = store.put(rt, obj)
                    out.append(v.obj())
            return self.send_json(200, out if isinstance(data, list) else out[0])
        if what == "delete":
            with store.cond:
                rt = store.type_for(data)
                key = (data.get("namespace", "") if rt.namespaced else "", data["name"])
                v = store.delete(rt, key)
            if v is None:
                return self.send_error_status(not_found(rt, data["name"]))
            return self.send_json(200, v.obj())
        if what == "compact":
            with store.cond:
                store.compact()
                return self.send_json(200, {"compactedAt": str(store.compact_rv)})
        if what == "expire-watches":
            with store.cond:
                store.expire_gen += 1
                n = len(store.watches)
                store.cond.notify_all()
            return self.send_json(200, {"expired": n})
        if what == "reset-requests":
            with store.cond:
                CFG.requests.clear()
            return self.send_json(200, {})
        if what == "proxy":
            key = (data["namespace"], data["pod"], str(data["port"]), data.get("path", "/metrics"))
            with store.cond:
                if data.get("body") is None:
                    CFG.proxied.pop(key, None)
                else:
                    CFG.proxied[key] = {"scheme": data.get("scheme", "http"), "status": int(data.get("status", 200)),
                                        "content_type": data.get("content_type", "text/plain; version=0.0.4; "
                                                                                 "charset=utf-8"),
                                        "body": data["body"]}
            return self.send_json(200, {})
        if what == "forbid":
            with store.cond:
                CFG.forbid = parse_forbid(data.get("rules", []))
            return self.send_json(200, {})
        if what == "tokens":
            with store.cond:
                CFG.tokens = list(data.get("tokens", []))
            return self.send_json(200, {})
        if what == "fail":
            with store.cond:
                entry = dict(data)
                entry.setdefault("count", 1)
                CFG.faults.append(entry)
            return self.send_json(200, {})
        return self.send_json(404, {"error": f"unknown control {what}"})

    # -- routing ---------------------------------------------------------------------------
    def route(self, path, params, body, auth, user):
        parts = [p for p in path.split("/") if p]
        if path in ("/healthz", "/livez", "/readyz"):
            if auth in ("bad-token", "bad-auth"):
                raise ApiError(401, "Unauthorized", "Unauthorized")
            return self.send_bytes(200, b"ok", "text/plain; charset=utf-8")
        if path == "/version":
            if auth in ("bad-token", "bad-auth"):
                raise ApiError(401, "Unauthorized", "Unauthorized")
            return self.send_bytes(200, json.dumps(VERSION_INFO, indent=2).encode())
        if auth not in ("cert", "token"):
            raise ApiError(401, "Unauthorized", "Unauthorized")
        if CFG.no_cnpg and len(parts) >= 2 and parts[0] == "apis" and parts[1] in PLUGIN_GROUPS:
            raise PlainNotFound()
        store = CFG.store
        if parts == ["api"]:
            return self.send_json(200, {"kind": "APIVersions", "versions": ["v1"],
                                        "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0",
                                                                        "serverAddress": "172.18.0.2:6443"}]})
        if parts == ["apis"]:
            groups = sorted({rt.group for rt in store.types.values() if rt.group})
            return self.send_json(200, {"kind": "APIGroupList", "apiVersion": "v1",
                                        "groups": [self.group_doc(g) for g in groups + ["authorization.k8s.io"]]})
        if parts == ["api", "v1"]:
            return self.send_json(200, self.resource_list(""))
        if parts[0] == "apis" and len(parts) >= 2:
            group = parts[1]
            known = {rt.group for rt in store.types.values()} | {"authorization.k8s.io"}
            if group not in known:
                raise PlainNotFound()
            if len(parts) == 2:
                return self.send_json(200, dict(kind="APIGroup", apiVersion="v1", **self.group_doc(group)))
            if parts[2] != "v1":
                raise PlainNotFound()
            if len(parts) == 3:
                return self.send_json(200, self.resource_list(group))
            if group == "authorization.k8s.io":
                return self.access_review(parts[3:], body, user)
            return self.resource(group, parts[3:], params, body, user)
        if parts[:2] == ["api", "v1"]:
            return self.resource("", parts[2:], params, body, user)
        raise PlainNotFound()

    @staticmethod
    def group_doc(group):
        gv = {"groupVersion": f"{group}/v1", "version": "v1"}
        return {"name": group, "versions": [gv], "preferredVersion": gv}

    @staticmethod
    def resource_list(group):
        if group == "authorization.k8s.io":
            res = [{"name": "selfsubjectaccessreviews", "singularName": "selfsubjectaccessreview",
                    "namespaced": False, "kind": "SelfSubjectAccessReview", "verbs": ["create"]}]
        else:
            res = []
            for rt in sorted(CFG.store.types.values(), key=lambda t: t.plural):
                if rt.group == group:
                    res.extend(rt.discovery())
        doc = {"kind": "APIResourceList", "groupVersion": f"{group}/v1" if group else "v1", "resources": res}
        if group:
            doc = {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": f"{group}/v1", "resources": res}
        return doc

    def access_review(self, rest, body, user):
        if rest != ["selfsubjectaccessreviews"]:
            raise ApiError(404, "NotFound", "the server could not find the requested resource", {})
        if self.command != "POST":
            raise ApiError(405, "MethodNotAllowed", "the server does not allow this method on the requested "
                           "resource", {})
        try:
            if self.headers.get("Content-Type", "").startswith("application/vnd.kubernetes.protobuf"):
                review = decode_access_review_protobuf(body)
            else:
                review = json.loads(body)
        except (ValueError, IndexError, UnicodeDecodeError):
            raise ApiError(400, "BadRequest", "the object provided is unrecognized (must be of type "
                           "SelfSubjectAccessReview)")
        attrs = (review.get("spec") or {}).get("resourceAttributes")
        allowed, reason = True, ""
        if attrs:
            resource = attrs.get("resource", "")
            if attrs.get("subresource"):
                resource += "/" + attrs["subresource"]
            if is_forbidden(attrs.get("verb", ""), attrs.get("group", ""), resource, attrs.get("namespace", "")):
                allowed = False
        if allowed:
            reason = ('RBAC: allowed by ClusterRoleBinding "tideline-test" of ClusterRole "cluster-admin" '
                      f'to User "{user}"')
        status = {"allowed": allowed}
        if reason:
            status["reason"] = reason
        out = {"kind": "SelfSubjectAccessReview", "apiVersion": "authorization.k8s.io/v1",
               "metadata": {"creationTimestamp": None}, "spec": review.get("spec") or {}, "status": status}
        return self.send_json(201, out)

    def resource(self, group, rest, params, body, user):
        store = CFG.store
        ns = None
        if len(rest) >= 2 and rest[0] == "namespaces" and len(rest) != 2:
            ns = rest[1]
            rest = rest[2:]
        elif len(rest) >= 1 and rest[0] == "namespaces" and len(rest) == 2:
            pass  # /api/v1/namespaces/{name}
        if not rest:
            raise PlainNotFound()
        rt = store.types.get((group, rest[0]))
        if rt is None:
            raise ApiError(404, "NotFound", "the server could not find the requested resource", {})
        name = rest[1] if len(rest) >= 2 else None
        sub = rest[2] if len(rest) >= 3 else None
        if len(rest) > 3 and sub != "proxy":
            raise ApiError(404, "NotFound", "the server could not find the requested resource", {})
        if (ns is not None and not rt.namespaced) or (rt.namespaced and ns is None and name is not None):
            raise ApiError(404, "NotFound", "the server could not find the requested resource", {})
        key = (ns if rt.namespaced else "", name)
        if sub is not None and sub not in [s[0] for s in rt.subresources]:
            raise ApiError(404, "NotFound", "the server could not find the requested resource", {})
        watching = params.get("watch") in ("1", "true", "True")
        m = self.command
        if m == "GET":
            verb = "watch" if watching else ("get" if name else "list")
        elif m == "POST":
            verb = "create"
        elif m == "PUT":
            verb = "update"
        elif m == "PATCH":
            verb = "patch"
        elif m == "DELETE":
            verb = "delete" if name else "deletecollection"
        else:
            raise ApiError(405, "MethodNotAllowed", "the server does not allow this method on the requested "
                           "resource", {})
        resource = rt.plural + (f"/{sub}" if sub else "")
        with store.cond:
            denied = is_forbidden(verb, rt.group, resource, ns or "")
        if denied:
            raise forbidden_error(user, verb, rt, resource, ns or "", name or "")
        if sub == "proxy":
            # [scheme:]name[:port]
            bits = name.split(":")
            scheme = "http"
            if len(bits) == 3 or (len(bits) == 2 and bits[0] in ("http", "https")):
                scheme, bits = bits[0], bits[1:]
            port = bits[1] if len(bits) == 2 else "80"
            key = (key[0], bits[0])
            with store.cond:
                v = store.get(rt, key)
                answer = CFG.proxied.get((key[0], key[1], port, "/" + "/".join(rest[3:])))
            if v is None:
                raise not_found(rt, key[1])
            if answer is None:
                raise ApiError(503, "ServiceUnavailable", f"error trying to reach service: dial tcp 10.244.0.17:{port}: "
                               "connect: connection refused", {})
            if answer["scheme"] != scheme:
                raise ApiError(503, "ServiceUnavailable", "error trying to reach service: " +
                               ("http: server gave HTTP response to HTTPS client" if scheme == "https"
                                else "EOF"), {})
            return self.send_bytes(answer["status"], answer["body"].encode(), answer["content_type"], compress=False)
        if verb == "watch":
            return self.watch(rt, ns if rt.namespaced else None, name, params)
        if verb == "list":
            return self.list(rt, ns if rt.namespaced else None, params)
        if verb == "get":
            with store.cond:
                v = store.get(rt, key)
            if v is None:
                raise not_found(rt, name)
            if self.wants_table():
                return self.send_json(200, self.table(rt, [v], {"resourceVersion": str(v.rv)}, params))
            return self.send_bytes(200, v.data)
        if verb == "create" and name is None and sub is None:
            return self.create(rt, ns, params, body)
        if verb == "delete" and sub is None:
            return self.delete(rt, key, params)
        raise ApiError(405, "MethodNotAllowed", "the server does not allow this method on the requested "
                       "resource", {})

    def wants_table(self):
        return bool(ACCEPT_TABLE.search(self.headers.get("Accept", "")))

    # -- list ------------------------------------------------------------------------------
    def list(self, rt, ns, params):
        store = CFG.store
        sel = Selector(params)
        try:
            limit = int(params.get("limit") or 0)
        except ValueError:
            raise ApiError(400, "BadRequest", f"limit: Invalid value: {q(params.get('limit'))}")
        token = params.get("continue", "")
        rv_param = params.get("resourceVersion", "")
        match = params.get("resourceVersionMatch", "")
        with store.cond:
            start_after = None
            if token:
                if rv_param not in ("", "0"):
                    raise ApiError(400, "BadRequest", "specifying resource version is not allowed when using "
                                   "continue")
                snap, start_after = decode_continue(token, rt.namespaced)
                if snap == -1:
                    snap = store.rv
                elif snap < store.compact_rv:
                    raise ApiError(410, "Expired", CONTINUE_EXPIRED,
                                   metadata={"continue": encode_continue(-1, start_after, rt.namespaced)})
            elif rv_param not in ("", "0"):
                try:
                    want = int(rv_param)
                except ValueError:
                    raise ApiError(400, "BadRequest", f"invalid resource version: strconv.ParseUint: parsing "
                                   f"{q(rv_param)}: invalid syntax")
                if want > store.rv:
                    raise ApiError(504, "Timeout", f"Too large resource version: {want}, current: {store.rv}",
                                   {"causes": [{"reason": "ResourceVersionTooLarge",
                                                "message": "Too large resource version"}],
                                    "retryAfterSeconds": 1})
                if match == "Exact":
                    if want < store.compact_rv:
                        raise ApiError(410, "Expired", "The resourceVersion for the provided list is too old.")
                    snap = want
                else:
                    snap = store.rv
            else:
                snap = store.rv
            keys = rt.keys
            lo, hi = key_range(keys, ns)
            if start_after is not None:
                lo = max(lo, bisect.bisect_right(keys, start_after))
            found = []
            i = lo
            cur = snap >= rt.last_change
            while i < hi and (limit <= 0 or len(found) < limit):
                hist = rt.hist[keys[i]]
                v = (None if hist[-1].deleted else hist[-1]) if cur else store.at(hist, snap)
                if v is not None and (sel.empty or sel(v)):
                    found.append(v)
                i += 1
            md = {"resourceVersion": str(snap)}
            if limit > 0 and i < hi:
                # More keys exist at the snapshot? (as etcd's "more": keys, not matches)
                remaining = 0
                if cur and rt.tombstones == 0:
                    remaining = hi - i
                else:
                    for j in range(i, hi):
                        if store.at(rt.hist[keys[j]], snap) is not None:
                            remaining += 1
                if remaining:
                    md["continue"] = encode_continue(snap, keys[i - 1], rt.namespaced)
                    if sel.empty:
                        md["remainingItemCount"] = remaining
            items = [rt.list_item(v) for v in found]
        if self.wants_table():
            return self.send_json(200, self.table(rt, found, md, params))
        mdb = dumps(md, sort=rt.crd)
        if rt.crd:
            body = (b'{"apiVersion":' + dumps(rt.api_version) + b',"items":[' + b",".join(items) +
                    b'],"kind":' + dumps(rt.list_kind) + b',"metadata":' + mdb + b"}")
        else:
            body = (b'{"kind":' + dumps(rt.list_kind) + b',"apiVersion":"v1","metadata":' + mdb +
                    b',"items":[' + b",".join(items) + b"]}")
        return self.send_bytes(200, body)

    def table(self, rt, versions, md, params):
        include = params.get("includeObject", "Metadata")
        cols = rt.columns
        rows = []
        for v in versions:
            obj = v.obj()
            row = {"cells": [c.getter(obj) for c in cols]}
            if include == "Object":
                row["object"] = obj
            elif include != "None":
                row["object"] = {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
                                 "metadata": obj["metadata"]}
            rows.append(row)
        return {"kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": md,
                "columnDefinitions": [c.definition() for c in cols], "rows": rows}

    # -- create / delete -------------------------------------------------------------------
    def create(self, rt, ns, params, body):
        store = CFG.store
        ctype = self.headers.get("Content-Type", "application/json").split(";")[0].strip()
        if ctype != "application/json":
            raise ApiError(415, "UnsupportedMediaType", "the body of the request was in an unknown format - "
                           "accepted media types include: application/json", {})
        try:
            obj = json.loads(body)
        except ValueError as e:
            raise ApiError(400, "BadRequest", f"the object provided is unrecognized: {e}")
        if not isinstance(obj, dict):
            raise ApiError(400, "BadRequest", "the object provided is unrecognized")
        if obj.get("kind") != rt.kind or obj.get("apiVersion") != rt.api_version:
            raise ApiError(400, "BadRequest", f"the API version in the data ({obj.get('apiVersion')}) does not "
                           f"match the expected API version ({rt.api_version})")
        md = obj.setdefault("metadata", {})
        if rt.namespaced:
            if md.get("namespace") and md["namespace"] != ns:
                raise ApiError(400, "BadRequest", "the namespace of the provided object does not match the "
                               "namespace sent on the request")
            md["namespace"] = ns
        if not md.get("name") and md.get("generateName"):
            md["name"] = md["generateName"] + "".join(secrets.choice("bcdfghjklmnpqrstvwxz2456789")
                                                      for _ in range(5))
        for k in ("uid", "resourceVersion", "creationTimestamp", "generation", "managedFields"):
            md.pop(k, None)
        name = md.get("name", "")
        self.validate(rt, obj, name)
        dry = params.get("dryRun") == "All"
        with store.cond:
            if store.get(rt, (ns if rt.namespaced else "", name)) is not None:
                details = {"name": name}
                if rt.group:
                    details["group"] = rt.group
                details["kind"] = rt.plural
                raise ApiError(409, "AlreadyExists", f"{rt.qualified} {q(name)} already exists", details)
            if dry:
                md["uid"] = str(uuid.uuid4())
                md["creationTimestamp"] = now_iso()
                if rt.crd:
                    md["generation"] = 1
                return self.send_bytes(201, rt.serialize(obj)[0])
            v = store.put(rt, obj)
        return self.send_bytes(201, v.data)

    @staticmethod
    def validate(rt, obj, name):
        causes = []
        spec = obj.get("spec")
        if rt.kind in ("Backup", "ScheduledBackup"):
            if not isinstance(spec, dict):
                causes.append(("FieldValueRequired", "Required value", "spec"))
                spec = {}
            if not isinstance(spec.get("cluster"), dict) or not spec["cluster"].get("name"):
                causes.append(("FieldValueRequired", "Required value", "spec.cluster"))
            spec.setdefault("method", "barmanObjectStore")  # the CRD default (a classic trap, #8445)
            if spec["method"] not in ("barmanObjectStore", "volumeSnapshot", "plugin"):
                causes.append(("FieldValueNotSupported", f"Unsupported value: {q(spec['method'])}: supported "
                               "values: \"barmanObjectStore\", \"volumeSnapshot\", \"plugin\"", "spec.method"))
            if spec.get("target") not in (None, "primary", "prefer-standby"):
                causes.append(("FieldValueNotSupported", f"Unsupported value: {q(spec['target'])}: supported "
                               "values: \"primary\", \"prefer-standby\"", "spec.target"))
            if rt.kind == "ScheduledBackup":
                spec.setdefault("backupOwnerReference", "none")
                if not spec.get("schedule"):
                    causes.append(("FieldValueRequired", "Required value", "spec.schedule"))
            obj["spec"] = spec
        if causes:
            text = ", ".join(f"{f}: {m}" for _, m, f in causes)
            kind = f"{rt.kind}.{rt.group}" if rt.group else rt.kind
            details = {"name": name}
            if rt.group:
                details["group"] = rt.group
            details["kind"] = rt.kind
            details["causes"] = [{"reason": r, "message": m, "field": f} for r, m, f in causes]
            raise ApiError(422, "Invalid", f"{kind} {q(name)} is invalid: {text}", details)

    def delete(self, rt, key, params):
        store = CFG.store
        name = key[1]
        with store.cond:
            if store.get(rt, key) is None:
                raise not_found(rt, name)
            if params.get("dryRun") == "All":
                v = store.get(rt, key)
                return self.send_bytes(200, v.data)
            v = store.delete(rt, key)
        if rt.crd:
            return self.send_bytes(200, v.data)
        details = {"name": name, "kind": rt.plural, "uid": v.obj()["metadata"]["uid"]}
        return self.send_json(200, {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Success",
                                    "details": details})

    # -- watch -----------------------------------------------------------------------------
    def client_gone(self):
        """A client sends nothing while a watch streams: anything readable (EOF, a TLS alert) means
        it went away, as Go's server notices through the request context."""
        try:
            if self.connection.pending():
                return True
            readable, _, _ = select.select([self.connection], [], [], 0)
            return bool(readable)
        except (OSError, ValueError):
            return True

    def chunk(self, data):
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))

    def watch(self, rt, ns, name, params):
        store = CFG.store
        sel = Selector(params)
        if name:
            sel.fields.append(("metadata.name", "=", name))
            sel.empty = False
        try:
            timeout = float(params.get("timeoutSeconds") or 1800)
        except ValueError:
            raise ApiError(400, "BadRequest", "timeoutSeconds: invalid value")
        bookmarks = params.get("allowWatchBookmarks") in ("true", "1", "True")
        initial_flag = params.get("sendInitialEvents") in ("true", "1", "True")
        if initial_flag and (params.get("resourceVersionMatch") != "NotOlderThan" or not bookmarks):
            raise ApiError(422, "Invalid", "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: "
                           "Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan "
                           "and allowWatchBookmarks", {"kind": "ListOptions", "group": "meta.k8s.io"})
        table = self.wants_table()
        rv_param = params.get("resourceVersion", "")
        if rv_param not in ("", "0"):
            try:
                start = int(rv_param)
            except ValueError:
                raise ApiError(400, "BadRequest", f"invalid resource version: strconv.ParseUint: parsing "
                               f"{q(rv_param)}: invalid syntax")
        else:
            start = None
        wid = object()
        initial = []
        too_old = None
        with store.cond:
            gen = store.expire_gen
            if start is None or initial_flag:
                initial = [v for v in store.live(rt, ns) if sel.empty or sel(v)]
                cursor = store.rv
            else:
                cursor = start
                if start < store.compact_rv or start < rt.log_floor:
                    too_old = f"too old resource version: {start} ({max(store.compact_rv, rt.log_floor)})"
            store.watches[wid] = cursor
        self.send_response(200)
        self.send_header("Audit-Id", str(uuid.uuid4()))
        self.send_header("Cache-Control", "no-cache, private")
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.rec["status"] = 200
        self.rec["watch"] = True

        def event_bytes(etype, v):
            if table:
                obj = self.table(rt, [v], {"resourceVersion": str(v.rv)}, params)
                return b'{"type":"' + etype.encode() + b'","object":' + dumps(obj, sort=False) + b"}\n"
            return b'{"type":"' + etype.encode() + b'","object":' + v.data + b"}\n"

        def bookmark(rv, initial_end=False):
            md = {"resourceVersion": str(rv)}
            if initial_end:
                md["annotations"] = {"k8s.io/initial-events-end": "true"}
            obj = {"kind": rt.kind, "apiVersion": rt.api_version, "metadata": md}
            if not rt.crd:
                md["creationTimestamp"] = None
            return b'{"type":"BOOKMARK","object":' + dumps(obj, sort=False) + b"}\n"

        def error(message):
            status = ApiError(410, "Expired", message).status()
            return b'{"type":"ERROR","object":' + dumps(status, sort=False) + b"}\n"

        try:
            if too_old:
                self.chunk(error(too_old))
                return
            deadline = time.monotonic() + timeout
            for v in initial:
                self.chunk(event_bytes("ADDED", v))
            if initial_flag:
                self.chunk(bookmark(cursor, initial_end=True))
            next_bm = time.monotonic() + CFG.bookmark_interval
            check_at = time.monotonic() + 1.0
            while True:
                out = []
                end = None
                with store.cond:
                    while True:
                        if store.expire_gen != gen:
                            end = error(f"too old resource version: {cursor} ({store.rv})")
                            break
                        if cursor < rt.log_floor:
                            end = error(f"too old resource version: {cursor} ({rt.log_floor})")
                            break
                        idx = bisect.bisect_right(rt.event_rvs, cursor)
                        if idx < len(rt.events):
                            break
                        now = time.monotonic()
                        wake = min(deadline, next_bm) if bookmarks else deadline
                        if now >= wake or now >= check_at:
                            break
                        store.cond.wait(min(wake, check_at) - now)
                    if end is None:
                        idx = bisect.bisect_right(rt.event_rvs, cursor)
                        for erv, etype, v, prev in rt.events[idx:]:
                            if ns is not None and v.key[0] != ns:
                                cursor = erv
                                continue
                            if sel.empty:
                                out.append(event_bytes(etype, v))
                            else:
                                now_in = etype != "DELETED" and sel(v)
                                was_in = prev is not None and sel(prev)
                                if etype == "DELETED":
                                    if was_in:
                                        out.append(event_bytes("DELETED", v))
                                elif now_in and was_in:
                                    out.append(event_bytes("MODIFIED", v))
                                elif now_in:
                                    out.append(event_bytes("ADDED", v))
                                elif was_in:
                                    out.append(event_bytes("DELETED", v))
                            cursor = erv
                        global_rv = store.rv
                        store.watches[wid] = cursor
                if end is not None:
                    self.chunk(end)
                    return
                if time.monotonic() >= check_at:
                    check_at = time.monotonic() + 1.0
                    if self.client_gone():
                        self.close_connection = True
                        return
                for data in out:
                    self.chunk(data)
                now = time.monotonic()
                if bookmarks and now >= next_bm:
                    # Every event up to global_rv was examined: the bookmark may claim it.
                    cursor = max(cursor, global_rv)
                    with store.cond:
                        store.watches[wid] = cursor
                    self.chunk(bookmark(cursor))
                    next_bm = now + CFG.bookmark_interval
                if now >= deadline:
                    return
        finally:
            with store.cond:
                store.watches.pop(wid, None)
            try:
                self.wfile.write(b"0\r\n\r\n")
            except OSError:
                self.close_connection = True


# ---------------------------------------------------------------------------------------------

def iter_objects(path):
    """The objects of a JSON list (or List). k8s_objects.py writes "[", one object per line, "]":
    such a file is kept as lines and parsed one object at a time, which keeps the peak memory of a
    20,000-object file low. Anything else is parsed whole."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    body = [ln.rstrip(",") for ln in lines[1:] if ln.strip() and ln.strip() != "]"]
    if lines and lines[0].strip() == "[" and (lines[-1].strip() == "]" or lines[-2].strip() == "]"):
        try:
            if all(ln.startswith("{") and ln.endswith("}") for ln in body) and (
                    not body or isinstance(json.loads(body[0]), dict)):
                return body
        except ValueError:
            pass
    data = json.loads("\n".join(lines))
    return data.get("items", []) if isinstance(data, dict) else data


def load_objects(store, path, no_cnpg):
    objs = iter_objects(path)
    skipped = 0
    with store.cond:
        for obj in objs:
            if isinstance(obj, str):
                obj = json.loads(obj)
            group = obj.get("apiVersion", "").split("/")[0] if "/" in obj.get("apiVersion", "") else ""
            if no_cnpg and group in PLUGIN_GROUPS:
                skipped += 1
                continue
            store.put(store.type_for(obj), obj)
    return len(objs) - skipped


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--objects", required=True, help="JSON list of objects (k8s_objects.py writes one)")
    ap.add_argument("--tls-dir", required=True, help="certificates and kubeconfigs live here")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--tokens", default=DEFAULT_TOKEN, help="comma-separated bearer tokens")
    ap.add_argument("--token-file", help="JSON lines {token, expires} (default TLS_DIR/exec-tokens.jsonl)")
    ap.add_argument("--forbid", default="", help="VERB:RESOURCE[:SCOPE],...")
    ap.add_argument("--no-cnpg", action="store_true", help="the CNPG and barman-cloud groups are not installed")
    ap.add_argument("--delay-ms", type=float, default=0.0)
    ap.add_argument("--bookmark-interval", type=float, default=1.0)
    ap.add_argument("--no-stdin", action="store_true", help="do not exit when stdin closes")
    ap.add_argument("--lifetime", type=float, default=0.0, help="exit after this many seconds (0: never)")
    ap.add_argument("--log")
    args = ap.parse_args()

    tls_dir = os.path.abspath(args.tls_dir)
    ensure_tls(tls_dir)
    CFG.tokens = [t for t in args.tokens.split(",") if t]
    CFG.token_file = os.path.abspath(args.token_file) if args.token_file else os.path.join(tls_dir,
                                                                                          "exec-tokens.jsonl")
    if not os.path.exists(CFG.token_file):
        open(CFG.token_file, "a").close()
    CFG.forbid = parse_forbid(args.forbid)
    CFG.delay = args.delay_ms / 1000.0
    CFG.bookmark_interval = max(0.05, args.bookmark_interval)
    CFG.no_cnpg = args.no_cnpg
    CFG.log_path = args.log
    CFG.store = Store(build_types(args.no_cnpg))
    load_objects(CFG.store, args.objects, args.no_cnpg)

    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(os.path.join(tls_dir, "server.crt"), os.path.join(tls_dir, "server.key"))
    ctx.load_verify_locations(os.path.join(tls_dir, "ca.crt"))
    ctx.verify_mode = ssl.CERT_OPTIONAL
    ctx.set_alpn_protocols(["http/1.1"])
    server = TLSServer(("127.0.0.1", args.port), Handler, ctx)
    port = server.server_address[1]
    write_kubeconfigs(tls_dir, port, CFG.tokens[0] if CFG.tokens else "", CFG.token_file)

    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    signal.signal(signal.SIGINT, lambda *_: os._exit(0))
    print(port, flush=True)

    if not args.no_stdin:
        def watch_stdin():
            # Leave no orphan: stop when whoever started us closes our stdin or dies.
            try:
                while sys.stdin.buffer.read(65536):
                    pass
            finally:
                os._exit(0)
        threading.Thread(target=watch_stdin, daemon=True).start()
    if args.lifetime > 0:
        threading.Timer(args.lifetime, lambda: os._exit(0)).start()
    server.serve_forever(poll_interval=0.5)


if __name__ == "__main__":
    main()
