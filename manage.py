#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    if sys.argv[1:2] != ["runserver"]:  # commands may run long on purpose; web requests keep the limits
        os.environ.setdefault("DB_STATEMENT_TIMEOUT", "0")
        os.environ.setdefault("DB_LOCK_TIMEOUT", "0")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
