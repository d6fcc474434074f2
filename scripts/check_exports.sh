#!/usr/bin/env bash
# Check the standard exports with the shared validators (W3C Web Annotation test suite's
# MUST assertions; schema.org ClaimReview terms and Google's required properties).
#
# usage: bash scripts/check_exports.sh SHARED_DIR      (.ci/run: bash scripts/check_exports.sh ../shared)
#
# Loads the bundled drone sample into a throwaway database, exports it with the CLI as
# claimreview and webannotation, and runs SHARED_DIR/tools/claimreview_check.py and
# SHARED_DIR/tools/wa_validate.py on the files. Exits non-zero when either fails.
# The validators need jsonschema, referencing and rfc3987 (URI checks); when no Python
# here has them, they are installed into a temporary virtualenv.
set -euo pipefail

shared=${1:?usage: bash scripts/check_exports.sh SHARED_DIR}
shared=$(cd "$shared" && pwd)
cd "$(dirname "$0")/.."
py=${PYTHON:-.venv/bin/python}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-exports.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export WORKBENCH_HOME="$tmp/home" WORKBENCH_USER="check-exports" QT_QPA_PLATFORM=offscreen
unset WORKBENCH_DB
db="sqlite:///$tmp/check.sqlite"

"$py" - "$db" <<'EOF'
import sys
from workbench.services import open_services
from workbench.services.samples import load_sample

services = open_services(sys.argv[1])
article = load_sample(services.articles, services.claims, services.notes, services.labels)
print(f"sample article {article.id}: {article.title}")
services.close()
EOF

options=(--reviewer "CI Reviewer" --organisation "Fact-check Workbench CI")
"$py" -m workbench --db "$db" export 1 --format claimreview -o "$tmp/claimreview.jsonld" "${options[@]}"
"$py" -m workbench --db "$db" export 1 --format webannotation -o "$tmp/webannotation.jsonld" "${options[@]}"

# A Python that can run the validators.
validator_py=""
for candidate in "$py" python3; do
    if "$candidate" -c "import jsonschema, referencing, rfc3987" 2>/dev/null; then
        validator_py=$candidate
        break
    fi
done
if [ -z "$validator_py" ]; then
    if python3 -m venv "$tmp/venv" >/dev/null 2>&1 \
        && "$tmp/venv/bin/python" -m pip install --quiet jsonschema referencing rfc3987 >/dev/null 2>&1; then
        validator_py="$tmp/venv/bin/python"
    else
        for candidate in "$py" python3; do
            if "$candidate" -c "import jsonschema, referencing" 2>/dev/null; then
                validator_py=$candidate
                echo "check_exports: rfc3987 is not installed; URI formats are not checked" >&2
                break
            fi
        done
    fi
fi
if [ -z "$validator_py" ]; then
    echo "check_exports: no Python with jsonschema and referencing, and none could be installed" >&2
    exit 1
fi

status=0
"$validator_py" "$shared/tools/claimreview_check.py" "$tmp/claimreview.jsonld" || status=1
"$validator_py" "$shared/tools/wa_validate.py" "$tmp/webannotation.jsonld" || status=1
if [ "$status" -ne 0 ]; then
    echo "check_exports: FAILED" >&2
else
    echo "check_exports: claimreview and webannotation exports pass"
fi
exit "$status"
