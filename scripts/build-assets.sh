#!/usr/bin/env bash
# Build Accord's front-end assets from the govuk-frontend npm package.
#
#   assets/scss/accord.scss                          -> static/css/accord.css
#   node_modules/govuk-frontend/.../govuk-frontend.min.js -> static/js/govuk-frontend.min.js
#
# No GOV.UK images or fonts are copied: every image shipped by govuk-frontend
# is crown/GOV.UK-branded (crest, favicons, icons, opengraph image), and we do
# not use the GDS Transport typeface.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund
else
  npm install --no-audit --no-fund
fi

gf="node_modules/govuk-frontend/dist/govuk"
if [ ! -f "$gf/govuk-frontend.min.js" ]; then
  echo "build-assets: $gf/govuk-frontend.min.js not found" >&2
  exit 1
fi

mkdir -p static/css static/js

# --quiet-deps hides deprecation warnings raised inside govuk-frontend itself;
# the @import of govuk-frontend (it does not support @use config in 5.x) is
# silenced explicitly for our own file.
npx --no-install sass \
  --no-source-map \
  --style=compressed \
  --load-path=node_modules \
  --quiet-deps \
  --silence-deprecation=import \
  assets/scss/accord.scss static/css/accord.css

cp "$gf/govuk-frontend.min.js" static/js/govuk-frontend.min.js

version="$(node -p 'require("./node_modules/govuk-frontend/package.json").version')"
echo "build-assets: govuk-frontend $version -> static/css/accord.css ($(wc -c < static/css/accord.css) bytes), static/js/govuk-frontend.min.js"
