"""Options: catalogue defaults, then a profile, then the user's overrides."""

from __future__ import annotations

from typing import Any

from clearprint import catalogue

# Profiles change only what differs from the catalogue defaults.
PROFILES: dict[str, dict[str, Any]] = {
    "clear-print": {},
    "large-print": {
        "min_type_size": 16.0,
        "recommended_type_size": 18.0,
        "reversed_min_size": 18.0,
        "reversed_min_bold_size": 16.0,
    },
}
DEFAULT_PROFILE = "clear-print"


class OptionError(ValueError):
    """An option name or value the user gave that cannot be used."""


class Options:
    """Read-only thresholds, looked up by attribute: ``opts.min_type_size``."""

    def __init__(self, profile: str = DEFAULT_PROFILE, overrides: dict[str, str] | None = None,
                 **extra: Any) -> None:
        if profile not in PROFILES:
            raise OptionError(f"unknown profile {profile!r} (choose from {', '.join(PROFILES)})")
        values = catalogue.default_options()
        values.update(PROFILES[profile])
        for name, raw in (overrides or {}).items():
            if name not in values:
                raise OptionError(f"unknown option {name!r}; 'clearprint checks --options' lists them")
            values[name] = _coerce(name, raw, values[name])
        for name in extra:
            if name not in values:
                raise OptionError(f"unknown option {name!r}; 'clearprint checks --options' lists them")
        values.update(extra)
        self.profile = profile
        self._values = values

    def __getattr__(self, name: str) -> Any:
        # Through __dict__: while unpickling (batch audits in worker processes)
        # _values is not set yet, and self._values would call this again.
        values = self.__dict__.get("_values", {})
        if name not in values:
            raise AttributeError(name)
        return values[name]

    def as_dict(self) -> dict[str, Any]:
        return dict(self._values)


def _coerce(name: str, raw: Any, default: Any) -> Any:
    """Turn a command-line string into the type of the option's default."""
    if not isinstance(raw, str):
        return raw
    try:
        if isinstance(default, bool):
            if raw.lower() in ("1", "true", "yes", "on"):
                return True
            if raw.lower() in ("0", "false", "no", "off"):
                return False
            raise ValueError(raw)
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, float):
            return float(raw)
        if isinstance(default, list):
            items = [v.strip() for v in raw.split(",") if v.strip()]
            return [float(v) if _is_number(v) else v for v in items]
    except ValueError:
        raise OptionError(f"option {name!r} needs a {type(default).__name__}, not {raw!r}") from None
    return raw


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
