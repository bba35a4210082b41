"""Worker process for bench_catalogue: set up a fresh database from DATABASE_URL, then time search and lookup."""

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
    print(json.dumps({
        "procedures": Procedure.objects.count(), "queries": len(QUERIES), "rounds": rounds,
        "search_p50": percentile(search, 50), "search_p95": percentile(search, 95),
        "lookup_p50": percentile(lookup, 50), "lookup_p95": percentile(lookup, 95),
    }))


if __name__ == "__main__":
    main()
