"""Commands that run once, or with --follow again and again beside the web server (make run, systemd units)."""

from django.core.management.base import BaseCommand


class FollowingCommand(BaseCommand):
    """Adds --follow and --interval (seconds, `interval` by default, `interval_help` saying what it spaces)."""

    interval = 1.0
    interval_help = "số giây giữa hai lần chạy (với --follow)"

    def add_arguments(self, parser):
        parser.add_argument("--follow", action="store_true", help="chạy liên tục")
        parser.add_argument("--interval", type=float, default=self.interval, help=self.interval_help)
