"""The student's stored quiz settings: daily new questions, desired retention, FSRS weights, suspended ids.

A small JSON file beside the progress store (`settings.json` in the data directory),
replaced atomically on every change, so a kill never leaves half a file. A missing or
unreadable file means the defaults; an unknown key is kept as it is (a newer release's).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path

from mlvc_review.errors import StoreError, UsageError
from mlvc_review.paths import home_dir

FILE_NAME = "settings.json"
DEFAULT_NEW_PER_DAY = 20
DEFAULT_RETENTION = 0.9


@dataclass(frozen=True)
class Settings:
    """`new_per_day`: new questions a day (Anki's daily limit); `retention`: FSRS desired retention;
    `parameters`: FSRS weights optimised from this student's history (None: the defaults);
    `suspended`: question ids never scheduled until unsuspended."""

    new_per_day: int = DEFAULT_NEW_PER_DAY
    retention: float = DEFAULT_RETENTION
    parameters: tuple[float, ...] | None = None
    suspended: tuple[str, ...] = field(default_factory=tuple)


def settings_path() -> Path:
    return home_dir() / FILE_NAME


def check_new_per_day(value: int) -> int:
    if value < 0:
        raise UsageError.of("--new-per-day {value}: give 0 or more new questions a day",
                            "--new-per-day {value}：每日新题数应为 0 或更多", value=value)
    return value


def check_retention(value: float) -> float:
    if not 0.7 <= value <= 0.99:
        raise UsageError.of("--retention {value}: give a desired recall between 0.70 and 0.99 (FSRS's default is 0.9)",
                            "--retention {value}：期望记忆保持率应在 0.70 到 0.99 之间（FSRS 默认 0.9）", value=value)
    return value


def _raw(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def load_settings(path: Path | None = None) -> Settings:
    """The stored settings; defaults for whatever is missing or malformed."""
    data = _raw(path or settings_path())
    out = Settings()
    try:
        if isinstance(data.get("new_per_day"), int) and data["new_per_day"] >= 0:
            out = replace(out, new_per_day=data["new_per_day"])
        if isinstance(data.get("retention"), (int, float)) and 0.7 <= data["retention"] <= 0.99:
            out = replace(out, retention=float(data["retention"]))
        if isinstance(data.get("parameters"), list) and all(isinstance(w, (int, float)) for w in data["parameters"]):
            out = replace(out, parameters=tuple(float(w) for w in data["parameters"]))
        if isinstance(data.get("suspended"), list):
            out = replace(out, suspended=tuple(str(q) for q in data["suspended"]))
    except (TypeError, ValueError):
        pass
    return out


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write `settings` (keeping keys this release does not know) by replacing the file atomically."""
    path = path or settings_path()
    data = _raw(path)
    data.update({f.name: getattr(settings, f.name) for f in fields(settings)})
    data["parameters"] = list(settings.parameters) if settings.parameters is not None else None
    data["suspended"] = sorted(settings.suspended)
    tmp = path.with_name(f".{FILE_NAME}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(tmp, path)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise StoreError.of("cannot save your settings in {path}: {why}", "无法把设置保存到 {path}：{why}",
                            path=path, why=err.strerror) from None


def update_settings(**changes: object) -> Settings:
    """Load, change the given fields, save; returns the new settings."""
    new = replace(load_settings(), **changes)  # type: ignore[arg-type]
    save_settings(new)
    return new


def suspend(question_id: str) -> Settings:
    current = load_settings()
    return update_settings(suspended=tuple(sorted({*current.suspended, question_id})))


def unsuspend(question_ids: list[str] | None) -> tuple[Settings, list[str]]:
    """Unsuspend `question_ids` (None: all); returns the settings and the ids that were suspended."""
    current = load_settings()
    gone = list(current.suspended) if question_ids is None else [q for q in question_ids if q in current.suspended]
    return update_settings(suspended=tuple(q for q in current.suspended if q not in gone)), gone


def as_dict(settings: Settings) -> dict:
    data = asdict(settings)
    data["parameters"] = list(settings.parameters) if settings.parameters is not None else None
    data["suspended"] = list(settings.suspended)
    return data
