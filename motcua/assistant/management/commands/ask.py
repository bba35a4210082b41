import json

from django.core.management.base import BaseCommand

from ...services import ask


class Command(BaseCommand):
    help = 'Hỏi trợ lý ảo: manage.py ask "câu hỏi" [--json] [--context MÃ_THỦ_TỤC]'

    def add_arguments(self, parser):
        parser.add_argument("question")
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON.")
        parser.add_argument("--context", default="", help="Mã thủ tục đang hỏi trước đó (câu hỏi nối tiếp).")

    def handle(self, *args, question, json=False, context="", **options):
        reply = ask(question, context_code=context or None, channel="command")
        if json:
            self.stdout.write(_dumps(reply.as_dict()))
            return
        for p in reply.procedures:
            self.stdout.write(f"[{p['score']:.3f}] {p['code']} {p['name']}")
        self.stdout.write(reply.answer)


def _dumps(data):
    return json.dumps(data, ensure_ascii=False, indent=2)
