"""The shipped layers are well formed (their rows are checked against the catalogue when loaded)."""

from motcua.guides.loading import read_layers


def test_every_layer_is_complete_and_consistent():
    data = read_layers()
    assert "Chưa được cơ quan nhà nước nào duyệt" in data["credit"]
    codes = [layer["code"] for layer in data["layers"]]
    assert len(codes) == len(set(codes)) >= 30
    for layer in data["layers"]:
        keys = [p["key"] for p in layer["papers"]]
        assert len(keys) == len(set(keys)), layer["code"]
        assert layer["summary"] and layer["legal_basis_checked"], layer["code"]
        for q in layer.get("questions", []):
            assert sum(bool(a.get("standard")) for a in q["answers"]) == 1, (layer["code"], q["key"])
            assert all(k in keys for a in q["answers"] for k in a.get("papers", [])), (layer["code"], q["key"])
        brought = {k for q in layer.get("questions", []) for a in q["answers"] for k in a.get("papers", [])}
        assert all(p.get("always") or p["key"] in brought for p in layer["papers"]), layer["code"]
