# Sourced by scripts/demo and scripts/test: create or reuse the virtual
# environment in .venv and install the project with its Tryton 8.0 modules.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
VENV="$ROOT/.venv"
if [ ! -x "$VENV/bin/python" ]; then
    echo "Creating the virtual environment in .venv"
    "$PYTHON" -m venv "$VENV"
fi
STAMP="$VENV/.gold-pos-installed"
# the modules installed: setup.py makes one entry point per module of
# modules/ (a directory with a tryton.cfg), so a new module needs the
# project installed again
MODULES_FOUND="$(cd modules && ls */tryton.cfg | cut -d/ -f1 | tr '\n' ' ')"
if [ ! -f "$STAMP" ] || [ pyproject.toml -nt "$STAMP" ] \
        || [ setup.py -nt "$STAMP" ] \
        || [ scripts/_env.sh -nt "$STAMP" ] \
        || [ "$(cat "$STAMP")" != "$MODULES_FOUND" ]; then
    echo "Installing the project and Tryton 8.0 into .venv"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    "$VENV/bin/python" -m pip install --quiet -e ".[postgresql,production,test,demo]"
    # The desktop client's code, without its GTK libraries: the tests check
    # every view against the widgets it draws (tests/test_demo_browser.py)
    "$VENV/bin/python" -m pip install --quiet --no-deps 'tryton>=8.0,<8.1'
    printf '%s' "$MODULES_FOUND" > "$STAMP"
fi
export PATH="$VENV/bin:$PATH"

# A short hash of the modules' code and data, to notice a change of them.
modules_hash() {
    find "$ROOT/modules" -type f \( -name '*.py' -o -name '*.xml' -o -name '*.cfg' \) \
        -not -path '*/tests/*' -print0 | sort -z | xargs -0 cat | sha1sum | cut -c1-12
}
