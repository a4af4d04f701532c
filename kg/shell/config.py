"""Shell settings: the config file (written with commented defaults on first run), XDG paths, `\\set`.

The config lives at `$XDG_CONFIG_HOME/kg/shellrc`; history and the error log at `$XDG_DATA_HOME/kg/`.
"""

from __future__ import annotations

import configparser
import os
from dataclasses import dataclass, fields
from pathlib import Path

from ..errors import KGError
from ..files import atomic_write, private_folder
from ..query.formatting import FORMATS

__all__ = ["SETTINGS", "Setting", "Settings", "config_path", "data_dir", "history_path", "load_settings", "log_path"]


def _xdg(variable: str, fallback: str) -> Path:
    value = os.environ.get(variable)
    return Path(value) if value else Path.home() / fallback


def config_path() -> Path:
    return _xdg("XDG_CONFIG_HOME", ".config") / "kg" / "shellrc"


def data_dir() -> Path:
    return _xdg("XDG_DATA_HOME", ".local/share") / "kg"


def history_path() -> Path:
    return data_dir() / "history"


def log_path() -> Path:
    return data_dir() / "shell.log"


@dataclass(frozen=True, slots=True)
class Setting:
    name: str  # as typed after \set: min-sources
    kind: type
    default: object
    help: str
    choices: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None

    @property
    def attr(self) -> str:
        return self.name.replace("-", "_")


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting("format", str, "table", "Output format.", FORMATS),
        Setting("timing", bool, True, "Show the time each query took."),
        Setting("min-sources", int, 1, "Facts the templates and \\describe show need this many documents.", low=1),
        Setting("min-confidence", float, 0.0, "... and at least this confidence (0 to 1).", low=0.0, high=1.0),
        Setting("row-limit", int, 1000, "Fetch at most this many rows per query (0: all).", low=0),
        Setting("timeout", float, 120.0, "Stop a query after this many seconds (0: no limit).", low=0.0),
        Setting("update", bool, False, "Run SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP, …)."),
        Setting("service", bool, False, "Run SERVICE clauses (federated queries) on a local store."),
        Setting("pager", bool, True, "Page results longer than the screen ($PAGER, else less -SRXF)."),
        Setting("labels", bool, True, "Show names next to IRIs that do not say them (tables only)."),
        Setting("show-sparql", bool, True, "Print the SPARQL that question templates run."),
        Setting("multi-line", bool, True, "Enter adds a line until the query ends with ';' (F3)."),
        Setting("vi", bool, False, "Vi key bindings instead of Emacs (F4)."),
        Setting("syntax-style", str, "default", "Pygments colour style for highlighting."),
    )
}


@dataclass(slots=True)
class Settings:
    format: str = "table"
    timing: bool = True
    min_sources: int = 1
    min_confidence: float = 0.0
    row_limit: int = 1000
    timeout: float = 120.0
    update: bool = False
    service: bool = False
    pager: bool = True
    labels: bool = True
    show_sparql: bool = True
    multi_line: bool = True
    vi: bool = False
    syntax_style: str = "default"

    def set(self, name: str, value: str) -> str:
        """Change one setting from its text (`\\set min-sources 2`); returns the value as shown."""
        setting = SETTINGS.get(name.replace("_", "-"))
        if setting is None:
            raise KGError(f"Unknown setting '{name}'. Settings: {', '.join(SETTINGS)}")
        parsed = _parse(setting, value)
        setattr(self, setting.attr, parsed)
        return self.show(setting.name)

    def show(self, name: str) -> str:
        value = getattr(self, SETTINGS[name].attr)
        return ("on" if value else "off") if isinstance(value, bool) else str(value)


def _parse(setting: Setting, text: str) -> object:
    text = text.strip()
    if setting.kind is bool:
        lowered = text.lower()
        if lowered not in {"on", "off", "true", "false", "yes", "no", "1", "0"}:
            raise KGError(f"{setting.name} is on or off, not '{text}'.")
        return lowered in {"on", "true", "yes", "1"}
    if setting.kind is str:
        if setting.choices and text not in setting.choices:
            raise KGError(f"Unknown {setting.name} '{text}'. Available: {', '.join(setting.choices)}")
        if setting.name == "syntax-style":
            _check_style(text)
        return text
    try:
        number = setting.kind(text)
    except ValueError:
        raise KGError(f"{setting.name} takes a number, not '{text}'.") from None
    if (setting.low is not None and number < setting.low) or (setting.high is not None and number > setting.high):
        bounds = f"at least {setting.low}" if setting.high is None else f"between {setting.low} and {setting.high}"
        raise KGError(f"{setting.name} must be {bounds}.")
    return number


def _check_style(name: str) -> None:
    from pygments.styles import get_all_styles

    styles = sorted(get_all_styles())
    if name not in styles:
        raise KGError(f"Unknown syntax style '{name}'. Available: {', '.join(styles)}")


_HEADER = """\
# kg shell settings. Lines starting with # are the defaults; remove the # to change one.
# Every setting can also be changed for one session with \\set NAME VALUE (e.g. \\set min-sources 2).
[main]
"""


def _default_text() -> str:
    lines = [_HEADER]
    for setting in SETTINGS.values():
        default = setting.default
        shown = ("on" if default else "off") if isinstance(default, bool) else default
        choices = f" ({', '.join(setting.choices)})" if setting.choices else ""
        lines.append(f"# {setting.help}{choices}\n# {setting.name} = {shown}\n")
    return "\n".join(lines)


def load_settings(path: Path | None = None) -> tuple[Settings, list[str]]:
    """Settings from the config file (created with commented defaults if missing), and any problems found."""
    path = path or config_path()
    settings = Settings()
    problems: list[str] = []
    if not path.exists():
        try:
            private_folder(path.parent)
            with atomic_write(path, "w", encoding="utf-8", private=True) as handle:
                handle.write(_default_text())
        except OSError as e:
            problems.append(f"Could not write the default config to {path}: {e.strerror}")
        return settings, problems
    parser = configparser.ConfigParser()
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError) as e:
        return settings, [f"Ignoring {path}: {str(e).splitlines()[0]}"]
    for name, value in parser.items("main") if parser.has_section("main") else []:
        try:
            settings.set(name, value)
        except KGError as e:
            problems.append(f"{path}: {e}")
    return settings, problems


assert {f.name for f in fields(Settings)} == {s.attr for s in SETTINGS.values()}
