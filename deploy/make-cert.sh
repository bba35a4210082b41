#!/bin/sh
# A self-signed certificate for loopback (127.0.0.1 and localhost), valid 30 days: `deploy/make-cert.sh DIR`.
# For a real server use a certificate from a CA (e.g. certbot) instead.
set -eu
dir=${1:-var/prod/tls}
mkdir -p "$dir"
[ -s "$dir/cert.pem" ] && exit 0
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
  -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
chmod 600 "$dir/key.pem"
echo "self-signed certificate in $dir"
