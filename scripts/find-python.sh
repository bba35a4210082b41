#!/bin/sh
# Print the path of a Python 3.12+ interpreter, or explain what to install and fail.
# Order: python3.13, python3.12, python3 (if new enough), then versions installed under pyenv.
ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; }
for candidate in python3.14 python3.13 python3.12 python3; do
  path=$(command -v "$candidate" 2>/dev/null) || continue
  if ok "$path"; then echo "$path"; exit 0; fi
done
root=${PYENV_ROOT:-$HOME/.pyenv}
for path in $(ls -d "$root"/versions/3.1[2-9]*/bin/python 2>/dev/null | sort -rV); do
  if ok "$path"; then echo "$path"; exit 0; fi
done
echo "motcua needs Python 3.12 or newer (Django 6). Install python3.13 (Debian: apt-get install python3.13 python3.13-venv; or pyenv install 3.13) and try again." >&2
exit 1
