#!/usr/bin/env bash
# Prints the phone app's files with their subresource-integrity hashes (SHA-384, base64), as the
# server publishes them at /app/phone/files.json and pins them in the page: a bank can compare
# what its server serves with what it built.
set -euo pipefail
cd "$(dirname "$0")/../phone/src"
echo "| File | SHA-384 (SRI) |"
echo "|---|---|"
find . -type f | sed 's#^\./##' | LC_ALL=C sort | while read -r f; do
  echo "| \`$f\` | \`sha384-$(openssl dgst -sha384 -binary "$f" | base64 -w0)\` |"
done
