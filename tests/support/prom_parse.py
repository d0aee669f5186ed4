#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Parses a Prometheus text exposition with the official Python client (Debian's
python3-prometheus-client) and prints what it read as JSON, so a test can hold Tideline's parser
to an independent one.

    prom_parse.py FILE

Output: {"samples": [{"name", "labels": [[k, v], ...] (as the client orders them: sorted),
"value": repr of the float ("nan", "inf", "-inf" spelled as Python's float() reads them back),
"timestamp_ms": int or null}], "types": {family: type}, "help": {family: text}} — gauges,
counters and untyped families only (histogram and summary families are left out, as Tideline
leaves them out). A parse error: exit 2 and the client's message on stderr.
"""
import json
import sys

from prometheus_client.parser import text_string_to_metric_families


def main():
    text = open(sys.argv[1], encoding="utf-8").read()
    out = {"samples": [], "types": {}, "help": {}}
    try:
        for family in text_string_to_metric_families(text):
            out["types"][family.name] = family.type
            out["help"][family.name] = family.documentation
            if family.type in ("histogram", "summary"):
                continue
            for s in family.samples:
                ts = None
                if s.timestamp is not None:
                    ts = round(float(s.timestamp) * 1000)
                out["samples"].append({"name": s.name, "labels": sorted(s.labels.items()),
                                       "value": repr(float(s.value)), "timestamp_ms": ts})
    except Exception as e:  # noqa: BLE001 - the client raises ValueError, IndexError, ...
        print(f"{type(e).__name__}: {e}", file=sys.stderr)
        return 2
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
