from django.core.management.base import BaseCommand

from ...catalogue_index import build
from ...evaluation import evaluate, format_report, load_constructed, load_moh


class Command(BaseCommand):
    help = "Đánh giá trợ lý ảo trên bộ câu hỏi có nhãn (top-1, top-3, tỷ lệ từ chối, tỷ lệ trả lời sai tự tin) theo kiểu câu hỏi."

    def add_arguments(self, parser):
        parser.add_argument("--lexical-only", action="store_true", help="Chỉ dùng tầng từ vựng (không dùng véc-tơ ngữ nghĩa).")
        parser.add_argument("--failures", action="store_true", help="In các câu trả lời sai hoặc xếp hạng sai.")

    def handle(self, *args, lexical_only=False, failures=False, **options):
        retriever = build(semantic=not lexical_only)
        cases = load_constructed()
        moh = load_moh()
        stats, failed = evaluate(cases, retriever=retriever)
        self.stdout.write(f"Bộ câu hỏi tự soạn (constructed, {len(cases)} câu):")
        for line in format_report(stats):
            self.stdout.write("  " + line)
        if moh:
            moh_stats, moh_failed = evaluate(moh, retriever=retriever)
            failed += moh_failed
            self.stdout.write(f"Câu hỏi thật của Bộ Y tế ({len(moh)} câu; không câu nào thuộc danh mục, cần từ chối):")
            for line in format_report(moh_stats):
                self.stdout.write("  " + line)
        if failures:
            for case, reply in failed:
                expected = "|".join(sorted(case.codes)) or "(từ chối)"
                got = "từ chối" if reply.declined else ("hỏi lại" if reply.choose else reply.code)
                self.stdout.write(f"- [{case.style}] {case.question} | cần {expected} | trả lời {got} | xếp hạng {reply.candidates[:3]}")
