#!/usr/bin/env python3
"""Generates src/main/resources/dev/proximity/testkit/pve-api-schema.json.

Input: the trimmed Proxmox VE 9.1 API schema (../shared/pve-api/pve-api-schema.json, itself taken
from proxmox/pve-docs api-viewer/apidata.js @ a8736b6d, AGPL-3.0-or-later data). Output: only the
structural facts of the endpoints the simulator serves (paths, methods, parameter names, types,
optionality, enums, patterns, ranges, lengths, named formats, property-string keys, allowtoken,
additional-parameter flag). No descriptions, no return schemas.

Usage: python3 src/build/gen-pve-schema.py /path/to/shared/pve-api/pve-api-schema.json \
           /path/to/shared/pve-api/pve-api-schema-full.json
(run from the proximity-testkit directory; the output is committed, the build never runs this).
The full schema (same upstream file and commit, untrimmed) supplies the served endpoints the subset
leaves out: the resource pool writes (POST/PUT/DELETE /pools, PUT/DELETE /pools/{poolid}).
"""
import json
import sys

SERVED = [
    ("GET", "/version"),
    ("GET", "/access/ticket"), ("POST", "/access/ticket"),
    ("GET", "/access/permissions"),
    ("GET", "/cluster/resources"), ("GET", "/cluster/nextid"), ("GET", "/cluster/status"),
    ("GET", "/cluster/tasks"),
    ("GET", "/cluster/backup"), ("POST", "/cluster/backup"),
    ("GET", "/cluster/backup/{id}"), ("PUT", "/cluster/backup/{id}"), ("DELETE", "/cluster/backup/{id}"),
    ("GET", "/nodes"), ("GET", "/nodes/{node}"), ("GET", "/nodes/{node}/status"),
    ("GET", "/nodes/{node}/network"), ("GET", "/nodes/{node}/network/{iface}"),
    ("GET", "/storage"), ("GET", "/storage/{storage}"),
    ("GET", "/nodes/{node}/storage"), ("GET", "/nodes/{node}/storage/{storage}"),
    ("GET", "/nodes/{node}/storage/{storage}/status"),
    ("GET", "/nodes/{node}/storage/{storage}/content"),
    ("GET", "/nodes/{node}/storage/{storage}/content/{volume}"),
    ("PUT", "/nodes/{node}/storage/{storage}/content/{volume}"),
    ("DELETE", "/nodes/{node}/storage/{storage}/content/{volume}"),
    ("GET", "/nodes/{node}/storage/{storage}/prunebackups"),
    ("DELETE", "/nodes/{node}/storage/{storage}/prunebackups"),
    ("GET", "/nodes/{node}/aplinfo"), ("POST", "/nodes/{node}/aplinfo"),
    ("GET", "/nodes/{node}/lxc"), ("POST", "/nodes/{node}/lxc"),
    ("GET", "/nodes/{node}/lxc/{vmid}"), ("DELETE", "/nodes/{node}/lxc/{vmid}"),
    ("GET", "/nodes/{node}/lxc/{vmid}/config"), ("PUT", "/nodes/{node}/lxc/{vmid}/config"),
    ("GET", "/nodes/{node}/lxc/{vmid}/status"),
    ("GET", "/nodes/{node}/lxc/{vmid}/status/current"),
    ("POST", "/nodes/{node}/lxc/{vmid}/status/start"),
    ("POST", "/nodes/{node}/lxc/{vmid}/status/stop"),
    ("POST", "/nodes/{node}/lxc/{vmid}/status/shutdown"),
    ("POST", "/nodes/{node}/lxc/{vmid}/status/reboot"),
    ("GET", "/nodes/{node}/lxc/{vmid}/snapshot"), ("POST", "/nodes/{node}/lxc/{vmid}/snapshot"),
    ("GET", "/nodes/{node}/lxc/{vmid}/snapshot/{snapname}"),
    ("DELETE", "/nodes/{node}/lxc/{vmid}/snapshot/{snapname}"),
    ("POST", "/nodes/{node}/lxc/{vmid}/snapshot/{snapname}/rollback"),
    ("GET", "/nodes/{node}/lxc/{vmid}/snapshot/{snapname}/config"),
    ("GET", "/nodes/{node}/lxc/{vmid}/rrddata"),
    ("POST", "/nodes/{node}/lxc/{vmid}/template"),
    ("POST", "/nodes/{node}/lxc/{vmid}/clone"),
    ("PUT", "/nodes/{node}/lxc/{vmid}/resize"),
    ("GET", "/nodes/{node}/lxc/{vmid}/interfaces"),
    ("POST", "/nodes/{node}/vzdump"),
    ("GET", "/nodes/{node}/tasks"),
    ("GET", "/nodes/{node}/tasks/{upid}"), ("DELETE", "/nodes/{node}/tasks/{upid}"),
    ("GET", "/nodes/{node}/tasks/{upid}/log"), ("GET", "/nodes/{node}/tasks/{upid}/status"),
    ("GET", "/pools"), ("POST", "/pools"), ("PUT", "/pools"), ("DELETE", "/pools"),
    ("GET", "/pools/{poolid}"), ("PUT", "/pools/{poolid}"), ("DELETE", "/pools/{poolid}"),
]

SCHEMA_KEYS = ["type", "optional", "enum", "pattern", "minimum", "maximum", "minLength",
               "maxLength", "format", "default_key", "alias", "requires"]


def pattern(p):
    return p.replace("(?^:", "(?:") if isinstance(p, str) else p


def number(v):
    # a few upstream bounds are strings ("minimum": "0")
    if isinstance(v, str):
        return float(v) if "." in v else int(v)
    return v


def schema(s):
    out = {}
    for k in SCHEMA_KEYS:
        if k not in s:
            continue
        v = s[k]
        if k == "pattern":
            v = pattern(v)
        if k in ("minimum", "maximum", "minLength", "maxLength"):
            v = number(v)
        if k == "format" and not isinstance(v, str):
            continue
        out[k] = v
    if "items" in s and isinstance(s["items"], dict):
        out["items"] = schema(s["items"])
    if s.get("format_properties"):
        out["format_properties"] = {k: schema(v) for k, v in sorted(s["format_properties"].items())}
    return out


def main(src, full_src):
    data = json.load(open(src))
    meta = data["_meta"]
    full = json.load(open(full_src))
    if full["_meta"]["source_file_commit"] != meta["source_file_commit"]:
        sys.exit("the subset and the full schema come from different upstream commits")
    by_key = {(e["method"], e["path"]): e for e in full["endpoints"]}
    by_key.update({(e["method"], e["path"]): e for e in data["endpoints"]})
    endpoints = []
    for key in SERVED:
        e = by_key[key]
        params = []
        for p in e["parameters"]:
            q = {"name": p["name"], "in": p["in"]}
            q.update(schema(p))
            q["optional"] = bool(p.get("optional", False))
            if p.get("indexed"):
                q["indexed"] = True
                q["index_range"] = p.get("index_range")
            params.append(q)
        endpoints.append({"method": e["method"], "path": e["path"],
                          "allowtoken": bool(e.get("allowtoken", True)),
                          "parameters_additional": bool(e.get("parameters_additional") or False),
                          "parameters": params})
    out = {"_source": {
        "repository": "proxmox/pve-docs",
        "file": meta["source_path"],
        "commit": meta["source_file_commit"],
        "pve_version": "9.1 (pve-docs 9.1.3)",
        "license": "AGPL-3.0-or-later data; only structural facts copied, no descriptions",
        "generator": "proximity-testkit/src/build/gen-pve-schema.py"},
        "endpoints": endpoints}
    with open("src/main/resources/dev/proximity/testkit/pve-api-schema.json", "w") as f:
        json.dump(out, f, indent=1, sort_keys=False)
        f.write("\n")
    print(len(endpoints), "endpoints")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
