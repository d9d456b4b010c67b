"""`mlvc-review export gradescope`: an autograder zip that Gradescope accepts.

The zip holds, at its root: `setup.sh` (installs the wheel beside it, the exact
mlvc-review that built the bundle, with its dependencies from the package index;
torch as the CPU build unless another index is asked for), `run_autograder`
(grades /autograder/submission and writes /autograder/results/results.json through
`gradescope_run`), `config.json` (the tasks, the seed, hidden-after-due) and the wheel.
Environment knobs, for tests and unusual images: AUTOGRADER_ROOT, MLVC_PYTHON,
MLVC_PIP_OPTIONS, MLVC_TORCH_INDEX.
"""

from __future__ import annotations

import json
import stat
import tempfile
import zipfile
from pathlib import Path

from mlvc_review import __version__
from mlvc_review.errors import UsageError
from mlvc_review.grading.classroom.wheel import build_wheel

CPU_TORCH = "https://download.pytorch.org/whl/cpu"

SETUP = """#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image.
# It installs mlvc-review {version} from the wheel beside this script (the version the
# instructor exported) and its dependencies from the package index.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python="${{MLVC_PYTHON:-}}"
if [ -z "$python" ]; then
  python=python3
  if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    # mlvc-review needs Python >= 3.11; older Ubuntu images ship 3.10
    apt-get update -q && apt-get install -y -q python3.11 python3.11-venv python3-pip
    python=python3.11
  fi
fi
command -v "$python" > "$here/python-path" || echo "$python" > "$here/python-path"
read -r -a extra <<< "${{MLVC_PIP_OPTIONS:-}}"
torch_index="${{MLVC_TORCH_INDEX-{torch_index}}}"
if [ -n "$torch_index" ]; then
  "$python" -m pip install -q "${{extra[@]}}" --index-url "$torch_index" "torch>=2.2,<=2.13.0"
fi
"$python" -m pip install -q "${{extra[@]}}" "$here/{wheel}"
"""

RUN = """#!/usr/bin/env bash
# Gradescope runs this for every submission; it always leaves results/results.json.
root="${AUTOGRADER_ROOT:-/autograder}"
python="${MLVC_PYTHON:-$(cat "$root/source/python-path" 2>/dev/null || echo python3)}"
cd "$root" && exec "$python" -m mlvc_review.grading.classroom.gradescope_run --root "$root"
"""


def chosen_tasks(tasks: list[str], chapters: list[int]) -> list[str]:
    """Contract functions to grade: the named ones (functions or bank ids) and every graded one of `chapters`.

    Raises:
        UsageError: an unknown task or chapter, or a chapter without graded tasks.
    """
    from mlvc_review.grading.contract import chapter_entries
    from mlvc_review.grading.spec import has_task
    from mlvc_review.grading.taskinfo import resolve_requests

    chosen = list(resolve_requests(tasks))
    for chapter in chapters:
        graded = [e.name for e in chapter_entries(chapter) if has_task(e.name)]
        if not graded:
            raise UsageError(f"--chapter {chapter}: no graded task in that chapter (chapters 1-9)")
        chosen += [name for name in graded if name not in chosen]
    return chosen


def build_bundle(out: Path, *, tasks: list[str], chapters: list[int], hidden_after_due: bool = False,
                 seed: int = 0, torch_index: str = CPU_TORCH) -> dict:
    """Write the autograder zip to `out`; returns its config.

    Raises:
        UsageError: unknown tasks, or `out` cannot be written.
    """
    config = {"mlvc_review": __version__, "tasks": chosen_tasks(tasks, chapters), "seed": seed,
              "hidden_after_due": hidden_after_due}
    with tempfile.TemporaryDirectory() as tmp:
        wheel = build_wheel(Path(tmp))
        scripts = {"setup.sh": SETUP.format(version=__version__, torch_index=torch_index, wheel=wheel.name), "run_autograder": RUN}
        try:
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bundle:
                for name, text in scripts.items():
                    entry = zipfile.ZipInfo(name)
                    entry.external_attr = (stat.S_IFREG | 0o755) << 16
                    entry.compress_type = zipfile.ZIP_DEFLATED
                    bundle.writestr(entry, text)
                bundle.writestr("config.json", json.dumps(config, indent=2) + "\n")
                bundle.write(wheel, wheel.name)
        except OSError as err:
            raise UsageError(f"cannot write {out}: {err.strerror or err}") from None
    return config
