"""What botocore makes of a ListObjectsV2 answer (its own parser and its EncodingType=url
handler): the oracle the list parser is held to. Prints {path: {...}} as JSON."""
import json, sys, botocore.session
from botocore.parsers import RestXMLParser
from botocore.handlers import decode_list_object_v2
op = botocore.session.get_session().get_service_model("s3").operation_model("ListObjectsV2")
out = {}
for path in sys.argv[1:]:
    body = open(path, "rb").read()
    parsed = RestXMLParser().parse({"body": body, "headers": {}, "status_code": 200}, op.output_shape)
    decode_list_object_v2(parsed, context={"encoding_type_auto_set": True})
    out[path] = {
        "keys": [c["Key"] for c in parsed.get("Contents", [])],
        "sizes": [c["Size"] for c in parsed.get("Contents", [])],
        "etags": [c.get("ETag", "").strip().strip('"') for c in parsed.get("Contents", [])],
        "modified_us": [int(c["LastModified"].timestamp() * 1_000_000) if "LastModified" in c else 0 for c in parsed.get("Contents", [])],
        "prefixes": [p["Prefix"] for p in parsed.get("CommonPrefixes", [])],
        "truncated": bool(parsed.get("IsTruncated", False)),
        "token": parsed.get("NextContinuationToken", ""),
    }
print(json.dumps(out))
