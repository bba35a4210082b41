"""python -m sandboxes.identity_provider --port 8001 [--redirect-uri URI …]

Migrates its own database, registers the portal as a client (redirect URIs on 127.0.0.1 accept any port,
RFC 8252), and serves with the standard library's threaded WSGI server: a sandbox, not a production provider.
"""

import os
import sys

from sandboxes.http import arguments
from sandboxes.identity_provider import DEFAULT_PORT


def main():
    os.environ["DJANGO_SETTINGS_MODULE"] = "sandboxes.identity_provider.settings"
    import django

    args = arguments(DEFAULT_PORT)
    django.setup()
    from socketserver import ThreadingMixIn
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application

    from sandboxes.identity_provider.clients import register_portal

    call_command("migrate", verbosity=0, interactive=False)
    register_portal()

    class Server(ThreadingMixIn, WSGIServer):
        daemon_threads = True

    class Handler(WSGIRequestHandler):
        def log_message(self, fmt, *args):  # the path only: no codes or tokens in the log
            print(f"{self.command} {self.path.split('?')[0]} {args[1] if len(args) > 1 else ''}", flush=True)

    server = make_server(args.host, args.port, get_wsgi_application(), server_class=Server, handler_class=Handler)
    print(f"listening http://{args.host}:{server.server_port}/", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
