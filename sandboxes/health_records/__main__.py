"""Serve the synthetic health records over FHIR R4 (JSON): the capability statement, Composition read and search
by type and by the subject's personal identification number (`subject:identifier=<system>|<value>`)."""

from sandboxes.health_records import DEFAULT_PORT
from sandboxes.health_records.papers import SYNTHETIC, compositions
from sandboxes.http import arguments, serve

BASE = "http://127.0.0.1/fhir"


def metadata(match, body):
    return 200, {
        "resourceType": "CapabilityStatement", "status": "active", "date": "2026-12-06", "kind": "instance",
        "fhirVersion": "4.0.1", "format": ["json"], "meta": {"tag": [SYNTHETIC]},
        "software": {"name": "motcua health-records sandbox (synthetic data)"},
        "rest": [{"mode": "server", "resource": [{
            "type": "Composition", "interaction": [{"code": "read"}, {"code": "search-type"}],
            "searchParam": [{"name": "type", "type": "token"}, {"name": "subject", "type": "reference"}]}]}],
    }


def read(match, body):
    found = compositions().get(match["id"])
    if found is None:
        return 404, {"resourceType": "OperationOutcome",
                     "issue": [{"severity": "error", "code": "not-found", "diagnostics": "Không có giấy tờ này."}]}
    return 200, found


def search(match, body):
    wanted_type = _token(body.get("type"))
    wanted_subject = _token(body.get("subject:identifier"))
    count = int(body.get("_count") or 50)
    hits = [c for c in compositions().values()
            if (wanted_type is None or (c["type"]["coding"][0]["system"], c["type"]["coding"][0]["code"]) == wanted_type)
            and (wanted_subject is None or (c["subject"]["identifier"]["system"], c["subject"]["identifier"]["value"])
                 == wanted_subject)]
    return 200, {
        "resourceType": "Bundle", "type": "searchset", "total": len(hits), "meta": {"tag": [SYNTHETIC]},
        "entry": [{"fullUrl": f"{BASE}/Composition/{c['id']}", "resource": c, "search": {"mode": "match"}}
                  for c in hits[:count]],
    }


def _token(value):
    """`system|code` → (system, code); None when absent."""
    if not value:
        return None
    system, _, code = value.partition("|")
    return system, code


ROUTES = [
    ("GET", r"/fhir/metadata", metadata),
    ("GET", r"/fhir/Composition", search),
    ("GET", r"/fhir/Composition/(?P<id>[A-Za-z0-9.-]+)", read),
]

if __name__ == "__main__":
    args = arguments(DEFAULT_PORT)
    compositions()
    server = serve(ROUTES, host=args.host, port=args.port, name="health_records")
    print(f"listening http://{args.host}:{server.server_address[1]}/", flush=True)
    server.serve_forever()
