"""Worker process for bench_catalogue: set up a fresh database from DATABASE_URL, then time search and lookup, and
the search page and API search as a request pays for them when no shared cache holds the answer."""

import io
import json

import django

QUERIES = [
    "dang ky khai sinh", "đăng ký kết hôn", "giay phep xay dung", "tam tru", "cap ho chieu", "chung thuc ban sao",
    "giấy phép lái xe", "dang ky thuong tru", "trich luc ho tich", "thanh lap doanh nghiep", "cap lai can cuoc",
    "xac nhan tinh trang hon nhan", "khai tu", "bao hiem y te", "giay chung nhan quyen su dung dat", "dang ky xe",
    "phong chay chua chay", "ho kinh doanh", "nhan con nuoi", "giam ho",
]


def main():
    django.setup()
    from django.core.management import call_command

    from bench.timing import measure, percentile
    from motcua.catalogue.models import Procedure
    from motcua.catalogue.queries import find_procedures

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)  # the importer bumps the pages' version in the cache
    call_command("import_catalogue", stdout=io.StringIO())
    codes = list(Procedure.objects.values_list("code", flat=True)[:200])
    rounds = 10
    for q in QUERIES:  # warm-up
        list(find_procedures(q)[:20])
    search = [s for _ in range(rounds) for q in QUERIES for s in measure(lambda q=q: list(find_procedures(q)[:20]), 1)]
    lookup = [s for _ in range(rounds) for c in codes[:20] for s in measure(
        lambda c=c: Procedure.objects.select_related("current").get(code=c), 1)]
    pages = _uncached_requests(["/thu-tuc/", "/api/procedures"], rounds // 2)
    print(json.dumps({
        "procedures": Procedure.objects.count(), "queries": len(QUERIES), "rounds": rounds,
        "search_p50": percentile(search, 50), "search_p95": percentile(search, 95),
        "lookup_p50": percentile(lookup, 50), "lookup_p95": percentile(lookup, 95),
        **{f"{key}_{p}": percentile(samples, int(p[1:])) for key, samples in pages.items() for p in ("p50", "p95")},
    }))


def _uncached_requests(paths, rounds):
    """Each path searched for every query through the whole stack of a request (middleware, view, template or
    schema), DEBUG off, with a cache that keeps nothing: the cost of a search no citizen asked in the last minutes."""
    from django.test import Client
    from django.test.utils import override_settings

    from bench.timing import measure

    client = Client()

    def get(path, q):
        assert client.get(path, {"q": q}).status_code == 200

    found = {}
    with override_settings(DEBUG=False, CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}):
        for path in paths:
            for q in QUERIES:  # warm-up
                get(path, q)
            key = "page" if path == "/thu-tuc/" else "api"
            found[key] = [s for _ in range(rounds) for q in QUERIES for s in measure(lambda q=q, path=path: get(path, q), 1)]
    return found


if __name__ == "__main__":
    main()
