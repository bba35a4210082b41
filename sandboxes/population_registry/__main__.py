"""python -m sandboxes.population_registry --port 8002"""

import datetime

from sandboxes.http import arguments, serve
from sandboxes.people import household, people
from sandboxes.population_registry import DEFAULT_PORT, TOKEN


def citizen(match, body):
    person = people().get(match["pid"])
    if person is None:
        return 404, {"loi": "Không tìm thấy công dân có số định danh này.", "du_lieu_mo_phong": True}
    return 200, person.as_json()


def verify(match, body):
    person = people().get(str(body.get("so_dinh_danh", "")))
    if person is None:
        return 200, {"khop": False, "truong_khong_khop": ["so_dinh_danh"], "du_lieu_mo_phong": True}
    wrong = []
    if " ".join(str(body.get("ho_ten", "")).split()).casefold() != person.full_name.casefold():
        wrong.append("ho_ten")
    try:
        if datetime.date.fromisoformat(str(body.get("ngay_sinh", ""))) != person.birth_date:
            wrong.append("ngay_sinh")
    except ValueError:
        wrong.append("ngay_sinh")
    return 200, {"khop": not wrong, "truong_khong_khop": wrong, "du_lieu_mo_phong": True}


def family(match, body):
    members = household(match["hid"])
    if not members:
        return 404, {"loi": "Không tìm thấy hộ gia đình.", "du_lieu_mo_phong": True}
    return 200, {"ma_ho": match["hid"], "thanh_vien": [p.as_json() for p in members], "du_lieu_mo_phong": True}


ROUTES = [
    ("GET", r"/v1/cong-dan/(?P<pid>\d{12})", citizen),
    ("POST", r"/v1/xac-thuc", verify),
    ("GET", r"/v1/ho-gia-dinh/(?P<hid>[A-Z0-9-]+)", family),
]

if __name__ == "__main__":
    args = arguments(DEFAULT_PORT)
    people()  # build the records before the first request
    server = serve(ROUTES, host=args.host, port=args.port, name="population_registry", token=TOKEN)
    print(f"listening http://{args.host}:{server.server_address[1]}/", flush=True)
    server.serve_forever()
