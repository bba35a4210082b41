from django.core.management.base import BaseCommand

from ...catalogue_index import build
from ...evaluation import evaluate, format_report, load_citizen, load_moh


class Command(BaseCommand):
    help = (
        "Đánh giá trợ lý ảo trên bộ câu hỏi của người dân (nửa phát triển và nửa giữ lại, chia theo thủ tục) "
        "và 137 câu hỏi thật của Bộ Y tế: top-1, top-3, từ chối, hỏi lại, trả lời sai tự tin, theo kiểu câu hỏi."
    )

    def add_arguments(self, parser):
        parser.add_argument("--lexical-only", action="store_true", help="Chỉ dùng tầng từ vựng (không dùng véc-tơ ngữ nghĩa).")
        parser.add_argument("--failures", action="store_true", help="In các câu sai của nửa phát triển (không bao giờ in nửa giữ lại).")
        parser.add_argument("--dev-only", action="store_true",
                            help="Chỉ chạy nửa phát triển (khi đang cải tiến: nửa giữ lại chỉ đo một lần, lúc cuối).")

    def handle(self, *args, lexical_only=False, failures=False, dev_only=False, **options):
        retriever = build(semantic=not lexical_only)
        cases = load_citizen() + load_moh()
        if dev_only:
            cases = [c for c in cases if c.half == "dev"]
        stats, failed = evaluate(cases, retriever=retriever)
        self.stdout.write(f"Bộ câu hỏi của người dân ({len(cases)} câu, gồm các câu thật của Bộ Y tế cần từ chối):")
        for line in format_report(stats):
            self.stdout.write("  " + line)
        if failures:
            for case, reply in failed:
                expected = "|".join(case.codes) or "(từ chối)"
                got = "từ chối" if reply.declined else ("hỏi lại" if reply.choose else reply.code)
                self.stdout.write(f"- [{case.style}] {case.question} | cần {expected} | trả lời {got} | xếp hạng {reply.candidates[:3]}")
