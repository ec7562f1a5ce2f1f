#!/usr/bin/env bash
# Run the checks and the test suite on SQLite, then on a PostgreSQL server started on
# loopback for this run. An argument (sqlite or postgres) runs only that database.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
which="${1:-all}"

export CPTDESK_DATA_DIR="${CPTDESK_DATA_DIR:-$(mktemp -d /tmp/cptdesk-test-data.XXXXXX)}"
bash tools/ensure-browser.sh

run_pytest() {
    # pytest exits 5 when it collected no tests; that is a failure here, not a pass.
    local status=0
    "$BIN/pytest" -q -p no:cacheprovider "$@" || status=$?
    if [ "$status" -eq 5 ]; then
        echo "pytest collected no tests" >&2
        return 1
    fi
    return "$status"
}

echo "== static checks"
"$BIN/ruff" check .
"$BIN/ruff" format --check .
"$BIN/mypy"
"$BIN/python" manage.py check
"$BIN/python" manage.py makemigrations --check --dry-run

if [ "$which" = all ] || [ "$which" = sqlite ]; then
    echo "== tests on SQLite"
    env -u DATABASE_URL bash -c "$(declare -f run_pytest); BIN=$BIN run_pytest"
fi

if [ "$which" = all ] || [ "$which" = postgres ]; then
    echo "== tests on PostgreSQL"
    bash tools/with-postgres.sh bash -c "$(declare -f run_pytest); BIN=$BIN run_pytest"
fi
