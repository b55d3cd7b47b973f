#!/usr/bin/env bash
# Build koll's wheel, install it into a fresh venv outside the checkout and run it from there:
# `koll demo --no-serve` and `koll sentiment` must work with nothing but the installed package
# (shipped data and all), and the wheel must not carry bench/ or tests/. CI runs this before the
# test suite; run it by hand with `bash scripts/check_wheel.sh`. Dependencies come from the
# package registries pip is configured with (PIP_CONSTRAINT, when set, pins them as in CI).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-python3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
say() { echo "check_wheel: $*"; }

say "building the wheel"
# From a copy: setuptools reuses a checkout's build/ folder, which can hold modules since deleted.
mkdir "$work/src"
tar -C "$repo" -c --exclude=./.git --exclude=./.venv --exclude=./build --exclude='*.egg-info' \
  --exclude=__pycache__ --exclude=./koll-demo . | tar -C "$work/src" -x
"$python" -m pip wheel -qq --no-deps --wheel-dir "$work/dist" "$work/src"
wheel=("$work"/dist/koll-*.whl)
names="$("$python" -m zipfile -l "${wheel[0]}" | awk 'NR > 1 {print $1}')"
for f in data/LICENSES.md data/lexicons/sentimentlex.csv data/lexicons/words_sv.txt.gz \
  data/lexicons/words_en.txt.gz data/lexicons/LGPL-2.1.txt data/demo/koll.toml.template \
  data/sentiment/train_sv.csv dashboard/assets/koll.css; do
  grep -qxF "$f" <<<"$names" || { say "FAIL: $f missing from the wheel"; exit 1; }
done
if grep -Eq "^(bench|tests)/" <<<"$names"; then
  say "FAIL: the wheel carries bench/ or tests/"
  exit 1
fi

say "installing it into a fresh venv in $work"
"$python" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -qq "${wheel[0]}"
koll="$work/venv/bin/koll"

# From here on nothing may come from the checkout: run in an empty folder, no PYTHONPATH.
cd "$work"
unset PYTHONPATH KOLL_CONFIG KOLL_DATABASE_URL
if "$work/venv/bin/python" -c "import bench" 2>/dev/null \
  || "$work/venv/bin/python" -c "import tests" 2>/dev/null; then
  say "FAIL: bench or tests is importable from the installed wheel"
  exit 1
fi

say "koll --help"
"$koll" --help >/dev/null

say "koll demo --no-serve --dir $work/demo"
"$koll" demo --no-serve --dir "$work/demo"
"$koll" control --config "$work/demo/koll.toml" --brand Fjällkraft --json >"$work/control.json"
"$work/venv/bin/python" - "$work/control.json" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1], encoding="utf-8"))
assert report["mentions"] > 0, report
print(f"check_wheel: demo control report: {report['mentions']} mentions, "
      f"control index {report['control_index']}")
EOF

say "koll sentiment on a small CSV"
cat >"$work/texts.csv" <<'EOF'
id,text
1,Fantastiskt bra service och supertrevlig personal!
2,Helt värdelöst. Aldrig mer.
3,Butiken öppnar klockan nio.
EOF
"$koll" sentiment "$work/texts.csv" --output "$work/scored.csv"
"$work/venv/bin/python" - "$work/scored.csv" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
labels = [r["label"] for r in rows]
assert [r["id"] for r in rows] == ["1", "2", "3"], rows
assert labels[0] == "pos" and labels[1] == "neg", labels
assert all(r["lang"] == "sv" and r["score"] for r in rows), rows
print(f"check_wheel: sentiment labels {labels}")
EOF
say "compiled scoring modules (setup.py; none when this machine cannot compile them)"
"$work/venv/bin/python" - <<'EOF'
from analysis import native
# A wheel carries the record of what it compiled: its modules are never taken for stale.
assert not native.STALE, f"the wheel's compiled modules count as stale: {native.STALE}"
print(f"check_wheel: compiled: {native.compiled() or 'none (pure Python)'}")
EOF
say "ok: the installed wheel runs outside the checkout"
