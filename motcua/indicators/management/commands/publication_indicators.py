from django.core.management.base import BaseCommand

from motcua.indicators.publication import publication_counts


class Command(BaseCommand):
    help = "Chỉ số 766 số 1.1 và 1.2 (công bố, công khai TTHC đúng hạn) từ ngày tháng trong danh mục, và nguồn còn thiếu ngày nào."

    def handle(self, *args, **options):
        c = publication_counts()
        self.stdout.write(f"Thủ tục đang có hiệu lực: {c.versions}; có ngày quyết định công bố: {c.with_decision_date}; "
                          f"có ngày văn bản có hiệu lực: {c.with_effective_date}; có ngày công khai: "
                          f"{c.with_publication_date}.")
        for ind, (on_time, n) in c.counts.items():
            value = f"{on_time}/{n} đúng hạn" if n else "không tính được (nguồn thiếu ngày)"
            self.stdout.write(f"  Chỉ số {ind}: {value}")
