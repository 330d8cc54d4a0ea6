#!/usr/bin/env bash
# Lighthouse 12.2.3 (Debian's Chromium, mobile emulation, Lighthouse's defaults) over the signed-in pages of the sample
# data, each as the role that uses it, signed in through the development header. Prints best practices, accessibility,
# performance, layout shift (CLS) and largest contentful paint for each page. Start the app first (deploy/local/run.sh).
# Usage: tests/lighthouse.sh [BASE_URL]   (default http://127.0.0.1:5000)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
base=${1:-http://127.0.0.1:5000}
[[ -x "$ROOT/tests/tools/node_modules/.bin/lighthouse" ]] || (cd "$ROOT/tests/tools" && npm ci --no-audit --no-fund --loglevel=error)
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
office=programme.office@demo.readiness.example
executive=executive@demo.readiness.example
lead=lead.lfb@demo.readiness.example
recommendation=$(curl -sf -H "X-Dev-User: $office" "$base/api/recommendations?pageSize=1" | grep -oE '"id":"[0-9a-f-]{36}"' | head -1 | cut -d'"' -f4)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "| page | role | best practices | accessibility | performance | CLS | LCP ms |"
echo "|---|---|---:|---:|---:|---:|---:|"
while IFS='|' read -r path role user; do
  # Lighthouse now and then fails to drive a headless Chromium on a busy machine: up to three attempts a page.
  rm -f "$out/page.json"
  for _ in 1 2 3; do
    "$ROOT/tests/tools/node_modules/.bin/lighthouse" "$base$path" --quiet --only-categories=best-practices,accessibility,performance \
      --extra-headers="{\"X-Dev-User\":\"$user\"}" --chrome-flags="--headless=new --no-sandbox" \
      --output=json --output-path="$out/page.json" >/dev/null 2>&1 </dev/null && break
  done
  if [[ ! -f "$out/page.json" ]]; then
    echo "| $path | $role | Lighthouse failed three times | | | | |"
    continue
  fi
  node -e '
    const r = require(process.argv[1]), c = r.categories, a = r.audits, pct = s => Math.round(s * 100);
    console.log(`| ${process.argv[2]} | ${process.argv[3]} | ${pct(c["best-practices"].score)} | ${pct(c.accessibility.score)} | ` +
      `${pct(c.performance.score)} | ${a["cumulative-layout-shift"].numericValue.toFixed(3)} | ` +
      `${Math.round(a["largest-contentful-paint"].numericValue)} |`);' "$out/page.json" "$path" "$role" </dev/null
done <<PAGES
/|programme office|$office
/recommendations|programme office|$office
/recommendations/$recommendation|programme office|$office
/dashboard|programme office|$office
/audit|programme office|$office
/admin|programme office|$office
/admin/webhooks|programme office|$office
/admin/webhooks/new|programme office|$office
/|executive|$executive
/dashboard|executive|$executive
/|agency lead|$lead
/updates/month|agency lead|$lead
/account|agency lead|$lead
/sign-out|agency lead|$lead
PAGES
