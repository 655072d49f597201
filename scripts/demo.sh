#!/usr/bin/env bash
# `npm run demo`: builds the CLI and runs it the way a user would, on the bundled fixtures.
# Exit 0 even though the demo shows rejections (duis-validate exits 1 for those).
set -uo pipefail
cd "$(dirname "$0")/.."
npx tsup --silent || exit 2
run() { echo "\$ duis-validate $*"; node dist/cli.js "$@"; [ $? -le 1 ] || exit 2; echo; }

echo '== Unsigned requests, checked against fixtures/context.example.json'
run --context fixtures/context.example.json fixtures/requests

echo '== A Supplier hands a meter over to a Network Operator (6.21): the wrong NO is stopped, the right one passes'
run --context fixtures/context.example.json fixtures/requests/handover-no-wrong-operator.xml fixtures/requests/handover-no-correct.xml

echo '== Requests this library does not validate in depth pass the common checks, and say so'
run --context fixtures/context.example.json fixtures/requests/generic-*.xml

echo '== Signed requests, verified against the Users XML-signing certificates (one was tampered with after signing)'
run --context fixtures/context.example.json \
  --signers fixtures/pki/xml-sign-supplier.pem --signers fixtures/pki/xml-sign-network-operator-a.pem \
  fixtures/signed

echo '== The estate: which meters already carry the wrong Network Operator certificates, and who must fix each'
run audit --context fixtures/estate/context.json fixtures/estate/responses

report_dir="${TMPDIR:-/tmp}/duis-validator-demo"
mkdir -p "$report_dir"
echo '== The same audit as a self-contained HTML report, and the requests that fix each wrong meter (unsigned)'
run audit --context fixtures/estate/context.json --format html --output "$report_dir/estate.html" \
  --remediation "$report_dir/remediation" --certificates fixtures/pki fixtures/estate/responses
echo "open $report_dir/estate.html in a browser; the requests are in $report_dir/remediation/"
echo

echo '== Every failing check of one request, as JSON'
run --context fixtures/context.example.json --mode all --json fixtures/requests/no-by-supplier-wrong-operator.xml
