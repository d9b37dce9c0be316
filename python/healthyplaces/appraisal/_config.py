"""Reading an appraisal configuration (TOML, Python's ``tomllib``) with errors that name the file, the line and the
key: ``appraisal.toml, line 14, options[2].flows[0].amount.sd: ...``.

``tomllib`` gives values without positions, so :class:`TomlSource` finds where each key is written by scanning the
text the way TOML nests it: ``[table]`` and ``[[array.of.tables]]`` headers (each ``[[...]]`` opens the next
element), dotted keys, ``key = value`` lines and inline tables ``{ a = 1, b = { c = 2 } }`` on one line. A value
written across lines (an array) is located at the line where its key starts. The rules a value must meet are the
C++ core's; this module only puts the location in front of the core's message.
"""
from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any, Iterator, Sequence

from .. import _core

Key = tuple[str | int, ...]

_BARE = r"[A-Za-z0-9_-]+"
_QUOTED = r'"(?:[^"\\]|\\.)*"' + r"|'[^']*'"
_KEY_PART = rf"(?:{_BARE}|{_QUOTED})"
_DOTTED = rf"{_KEY_PART}(?:\s*\.\s*{_KEY_PART})*"
_HEADER = re.compile(rf"^\s*(\[\[|\[)\s*({_DOTTED})\s*\]\]?\s*(?:#.*)?$")
_ASSIGN = re.compile(rf"^\s*({_DOTTED})\s*=")


def _split_dotted(text: str) -> list[str]:
    parts = re.findall(_KEY_PART, text)
    return [p[1:-1] if p[:1] in "\"'" else p for p in parts]


def key_text(key: Key) -> str:
    """``("options", 2, "flows", 0, "amount")`` -> ``options[2].flows[0].amount``."""
    out = ""
    for part in key:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out or "(top level)"


@dataclass
class TomlSource:
    """A TOML file's text, its values (``data``) and where each key was written.

    Parameters
    ----------
    name
        The file name, as errors show it.
    text
        The file's text.

    Raises
    ------
    DataError
        The text is not TOML: ``NAME, line L, column C: <what tomllib says>``.
    """

    name: str
    text: str
    data: dict[str, Any] = field(init=False)
    _lines: dict[Key, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        try:
            self.data = tomllib.loads(self.text)
        except tomllib.TOMLDecodeError as e:
            m = re.search(r"^(.*?)\s*\(at line (\d+), column (\d+)\)$", str(e))
            if m:
                raise _core.DataError(f"{self.name}, line {m.group(2)}, column {m.group(3)}: {m.group(1)} "
                                      "(not valid TOML)") from None
            raise _core.DataError(f"{self.name}: {e} (not valid TOML)") from None
        self._lines = self._scan()

    @classmethod
    def read(cls, path: str | os.PathLike[str]) -> "TomlSource":
        """Read a TOML file (UTF-8).

        Parameters
        ----------
        path
            The configuration file.

        Returns
        -------
        TomlSource
            Its values and where each key is.

        Raises
        ------
        DataError
            No such file, a directory, text that is not UTF-8 or not TOML (file, line and column).
        """
        name = os.fspath(path)
        if os.path.isdir(name):
            raise _core.DataError(f"'{name}' is a directory, not a configuration file")
        try:
            with open(name, "rb") as f:
                raw = f.read(16 * 1024 * 1024 + 1)
        except FileNotFoundError:
            raise _core.DataError(f"no such file '{name}'") from None
        except OSError as e:
            raise _core.DataError(f"cannot read '{name}': {e.strerror}") from None
        if len(raw) > 16 * 1024 * 1024:
            raise _core.DataError(f"{name}: larger than 16 MiB; an appraisal configuration is a few KB")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            line = raw[:e.start].count(b"\n") + 1
            raise _core.DataError(f"{name}, line {line}: not UTF-8 text (byte 0x{raw[e.start]:02x}); save the "
                                  "file as UTF-8") from None
        return cls(name, text)

    # -- where keys are ------------------------------------------------------------------------------------

    def _scan(self) -> dict[Key, int]:
        lines: dict[Key, int] = {}
        counts: dict[Key, int] = {}  # elements of each [[array]] opened so far
        table: Key = ()
        depth = 0  # inside a multi-line array or string: no keys there
        for number, raw in enumerate(self.text.splitlines(), start=1):
            line = raw if depth == 0 else ""
            if depth:
                depth = max(0, depth + raw.count("[") - raw.count("]"))
                continue
            m = _HEADER.match(line)
            if m:
                parts = _split_dotted(m.group(2))
                prefix = self._resolve(parts, counts)
                if m.group(1) == "[[":
                    base = tuple(prefix)
                    index = counts.get(base, 0)
                    counts[base] = index + 1
                    table = (*base, index)
                else:
                    table = tuple(prefix)
                lines.setdefault(table, number)
                if table and isinstance(table[-1], int):
                    lines.setdefault(table[:-1], number)
                continue
            m = _ASSIGN.match(line)
            if not m:
                continue
            key = (*table, *_split_dotted(m.group(1)))
            lines.setdefault(key, number)
            rest = line[m.end():]
            self._inline(key, rest, number, lines)
            depth = max(0, _strip_strings(rest).count("[") - _strip_strings(rest).count("]"))
        return lines

    @staticmethod
    def _resolve(parts: Sequence[str], counts: dict[Key, int]) -> list[str | int]:
        """A header's dotted name with each array of tables it passes through at its latest element."""
        out: list[str | int] = []
        for p in parts:
            out.append(p)
            n = counts.get(tuple(out), 0)
            if n and p != parts[-1]:
                out.append(n - 1)
        return out

    @staticmethod
    def _inline(key: Key, rest: str, number: int, lines: dict[Key, int]) -> None:
        """Keys of the inline tables on this line, also inside arrays: ``{ a = 1, b = { c = 2 } }``, ``[{ x = 1 }]``.
        A small recursive reader of the value's text (strings blanked), enough to name keys; tomllib has already
        checked the syntax."""
        text = _strip_strings(rest)
        pos = 0

        def skip() -> None:
            nonlocal pos
            while pos < len(text) and text[pos] in " \t":
                pos += 1

        def value(at: Key) -> None:
            nonlocal pos
            skip()
            if pos >= len(text):
                return
            if text[pos] == "{":
                pos += 1
                while True:
                    skip()
                    if pos >= len(text) or text[pos] == "}":
                        pos += 1
                        return
                    m = re.compile(rf"({_DOTTED})\s*=").match(text, pos)
                    if not m:
                        return
                    k = (*at, *_split_dotted(m.group(1)))
                    lines.setdefault(k, number)
                    pos = m.end()
                    value(k)
                    skip()
                    if pos < len(text) and text[pos] == ",":
                        pos += 1
            elif text[pos] == "[":
                pos += 1
                i = 0
                while True:
                    skip()
                    if pos >= len(text) or text[pos] == "]":
                        pos += 1
                        return
                    value((*at, i))
                    skip()
                    if pos < len(text) and text[pos] == ",":
                        pos += 1
                        i += 1
                    elif pos < len(text) and text[pos] != "]":
                        return
            else:  # a scalar: up to the next separator
                while pos < len(text) and text[pos] not in ",]}":
                    pos += 1

        value(key)

    def line_of(self, key: Key) -> int | None:
        """The line where ``key`` (or the nearest enclosing key written in the file) is, else None."""
        key = tuple(key)
        while key:
            if key in self._lines:
                return self._lines[key]
            key = key[:-1]
        return None

    def where(self, key: Key) -> str:
        """``NAME, line L, KEY`` (``NAME, KEY`` when the key is not written, e.g. a missing one)."""
        line = self.line_of(key)
        return f"{self.name}, line {line}, {key_text(key)}" if line else f"{self.name}, {key_text(key)}"

    def error(self, key: Key, message: str) -> _core.DataError:
        """A DataError located at ``key``: ``NAME, line L, KEY: message``."""
        return _core.DataError(f"{self.where(key)}: {message}")

    def walk(self) -> Iterator[tuple[Key, Any]]:
        """Every (key, value) of the data, depth first (for checks over all values)."""
        def rec(prefix: Key, value: Any) -> Iterator[tuple[Key, Any]]:
            yield prefix, value
            if isinstance(value, dict):
                for k, v in value.items():
                    yield from rec((*prefix, k), v)
            elif isinstance(value, list):
                for i, v in enumerate(value):
                    yield from rec((*prefix, i), v)
        yield from rec((), self.data)


def _strip_strings(text: str) -> str:
    """The text with string contents blanked and a trailing comment removed (so braces inside strings do not
    count)."""
    text = re.sub(r'"(?:[^"\\]|\\.)*"', lambda m: '"' + " " * (len(m.group(0)) - 2) + '"', text)
    text = re.sub(r"'[^']*'", lambda m: "'" + " " * (len(m.group(0)) - 2) + "'", text)
    return text.split("#", 1)[0]
