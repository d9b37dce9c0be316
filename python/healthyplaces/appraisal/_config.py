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


# ---- the appraisal configuration (healthyplaces appraise CONFIG) --------------------------------------------------

__all__ = ["AppraisalConfig", "example_config", "read_config"]

_TOP = {"title": str, "illustrative": bool, "place": dict, "appraisal": dict, "success_factors": list,
        "weights": dict, "pilot": dict}
_PLACE = {"area": str, "current": (str, dict), "population": (int, float), "over_80_share": (int, float),
          "over_80_growth": (int, float), "pooled_spend": (int, float), "nhs_deficit": (int, float)}
_APPRAISAL = {"horizon": int, "discount_rate": (int, float), "n_sims": int, "seed": int, "options": int,
              "threads": int}
_WEIGHTS = {"ranking": list, "exact": dict, "intervals": dict}
_DIMENSION_KEYS = ("budgets", "staff", "leadership", "governance", "legal_basis")
_TYPE_WORDS = {str: "text", bool: "true or false", dict: "a table", list: "a list", int: "a whole number",
               (int, float): "a number", (str, dict): "a preset key or a table of the five dimensions"}


def _offending(at: Key, table: dict[str, Any], message: str) -> Key:
    """The key of ``table`` a core message is about: the one named in it, else the only one holding the value it
    quotes ("..., got 0"); else the table itself. (The power functions name their own parameters, "n", not the
    configuration's.)"""
    named = [k for k in table if re.search(rf"\b{re.escape(k)}\b", message)]
    if len(named) == 1:
        return (*at, named[0])
    m = re.search(r"got (-?[\d.eE+-]+|nan|inf)\W*$", message)
    if m:
        try:
            got = float(m.group(1))
        except ValueError:
            return at
        same = [k for k, v in table.items() if isinstance(v, (int, float)) and not isinstance(v, bool)
                and (v == got or (v != v and got != got))]
        if len(same) == 1:
            return (*at, same[0])
    return at


def _check_keys(src: TomlSource, table: dict[str, Any], allowed: dict[str, Any], at: Key) -> None:
    for k, v in table.items():
        if k not in allowed:
            raise src.error((*at, k), f"unknown key '{k}'; {key_text(at) + ' takes' if at else 'the file takes'} "
                                      f"{', '.join(allowed)}")
        want = allowed[k]
        ok = isinstance(v, want) and not (want in (int, (int, float)) and isinstance(v, bool))
        if not ok:
            raise src.error((*at, k), f"must be {_TYPE_WORDS[want]}, got {v!r}")


@dataclass
class AppraisalConfig:
    """An appraisal as a configuration file states it (``healthyplaces appraise CONFIG``), checked, with every
    value's location kept for errors found later.

    Attributes
    ----------
    source : TomlSource
        The file, its values and where each key is.
    title : str
        The page's title.
    illustrative : bool
        The figures are illustrative (the page says so prominently).
    area : str
        The place (:func:`healthyplaces.appraisal.for_place`'s ``area``).
    arguments : dict
        The other arguments of :func:`healthyplaces.appraisal.for_place`.


    Examples
    --------
    >>> import pathlib, tempfile, healthyplaces as hp
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "bexley.toml"
    >>> _ = path.write_text(hp.appraisal.example_config("bexley"), encoding="utf-8")
    >>> cfg = hp.appraisal.read_config(path)
    >>> cfg.area, cfg.arguments["success_factors"]
    ('Bexley', ['reversible_within_two_years'])
    """

    source: TomlSource
    title: str
    illustrative: bool
    area: str
    arguments: dict[str, Any]

    def run(self) -> Any:
        """Run the appraisal (:func:`healthyplaces.appraisal.for_place`); an error from the core is located at the
        key it concerns.

        Returns
        -------
        PlaceAppraisal
        """
        from ._place import for_place
        try:
            return for_place(self.area, **self.arguments)
        except _core.Error as e:
            raise type(e)(f"{self.source.name}: {e}") from None


def read_config(path: str | os.PathLike[str]) -> AppraisalConfig:
    """Read and check an appraisal configuration (TOML): errors name the file, the line and the key.

    The file has a ``title``, ``illustrative = true|false``, a ``[place]`` table (``area``, and optionally
    ``current`` (a preset key or a table of the five dimensions), ``population``, ``over_80_share``,
    ``over_80_growth``, ``pooled_spend``, ``nhs_deficit``), an ``[appraisal]`` table (``horizon``,
    ``discount_rate``, ``n_sims``, ``seed``, ``options``, ``threads``), ``success_factors`` (a list of factor keys
    or limits), ``[weights]`` (``ranking = [...]``, ``exact = {criterion = weight}`` or
    ``intervals = {criterion = [low, high]}``) and ``[pilot]`` (the fields of :class:`PilotDesign`).
    ``healthyplaces appraise --example`` writes one.

    Parameters
    ----------
    path : str or path
        The configuration file.

    Returns
    -------
    AppraisalConfig

    Raises
    ------
    DataError
        ``FILE, line L, KEY: what is wrong``: not TOML, an unknown key, a value of the wrong type or outside its
        range, an unknown success factor, preset, criterion or pilot field.

    Examples
    --------
    >>> import pathlib, tempfile, healthyplaces as hp
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "bad.toml"
    >>> _ = path.write_text('title = "x"\\n[place]\\narea = "Bexley"\\npopulation = -5\\n')
    >>> try:
    ...     hp.appraisal.read_config(path)
    ... except hp.DataError as e:
    ...     print(str(e).split(": ", 1)[0].endswith("line 4, place.population"))
    True
    """
    from ..integration import Arrangement, preset
    from ._mcda import green_paper_criteria, sample_weights
    from ._options import long_list, shortlist
    from ._place import place_facts
    from ._staging import PilotDesign

    src = TomlSource.read(path)
    data = src.data
    _check_keys(src, data, _TOP, ())
    if "place" not in data or "area" not in data["place"]:
        raise src.error(("place",), "missing: the [place] table with area = \"...\" (the place appraised)")
    place = data["place"]
    _check_keys(src, place, _PLACE, ("place",))
    appraisal = data.get("appraisal", {})
    _check_keys(src, appraisal, _APPRAISAL, ("appraisal",))
    args: dict[str, Any] = {}

    current = place.get("current")
    if isinstance(current, str):
        try:
            args["current"] = preset(current)
        except _core.Error as e:
            raise src.error(("place", "current"), str(e)) from None
    elif isinstance(current, dict):
        kw = {}
        for k, v in current.items():
            if k not in _DIMENSION_KEYS:
                raise src.error(("place", "current", k), f"unknown dimension '{k}'; the dimensions are "
                                                         f"{', '.join(_DIMENSION_KEYS)}")
            enum = getattr(_core.integration, k.title().replace("_", ""))
            if not isinstance(v, str) or v not in enum.__members__:
                raise src.error(("place", "current", k), f"'{v}' is not one of {', '.join(enum.__members__)}")
            kw[k] = enum.__members__[v]
        try:
            args["current"] = Arrangement("business as usual", **kw)
        except _core.Error as e:
            raise src.error(("place", "current"), str(e)) from None
    facts = {k: place[k] for k in ("population", "over_80_share", "over_80_growth", "pooled_spend", "nhs_deficit")
             if k in place}
    for k, v in facts.items():  # each checked by place_facts' own rule, located here
        try:
            place_facts(place["area"], **{k: v})
        except _core.Error as e:
            raise src.error(("place", k), str(e).replace("for_place: ", "")) from None
    args.update(facts)

    for key, name in (("horizon", "horizon"), ("discount_rate", "rate"), ("n_sims", "n_sims"), ("seed", "seed"),
                      ("options", "options"), ("threads", "threads")):
        if key in appraisal:
            args[name] = appraisal[key]

    factors = data.get("success_factors", [])
    ll = long_list(args.get("current"))
    for i, f in enumerate(factors):
        try:
            shortlist(ll, [f])
        except _core.Error as e:
            raise src.error(("success_factors", i), str(e)) from None
    args["success_factors"] = list(factors)

    weights = data.get("weights")
    if weights is not None:
        _check_keys(src, weights, _WEIGHTS, ("weights",))
        if len(weights) != 1:
            raise src.error(("weights",), "give one of ranking, exact or intervals")
        (kind, value), = weights.items()
        stated: Any = value if kind != "intervals" else {k: tuple(v) if isinstance(v, list) else v
                                                       for k, v in value.items()}
        try:
            sample_weights(green_paper_criteria(), stated, n_sims=10, seed=0)
        except (_core.Error, TypeError) as e:
            raise src.error(("weights", kind), str(e)) from None
        args["weights"] = stated

    pilot = data.get("pilot")
    if pilot is not None:
        try:
            design = PilotDesign(**pilot)
            design.standard_error()
        except TypeError as e:
            raise src.error(("pilot",), f"{e}".replace("__init__() ", "")) from None
        except _core.Error as e:
            raise src.error(_offending(("pilot",), pilot, str(e)), str(e)) from None
        args["pilot"] = design
    title = data.get("title", f"Which arrangement fits {place['area']}?")
    return AppraisalConfig(src, title, bool(data.get("illustrative", True)), place["area"], args)


_EXAMPLES = {
    "torbay": '''# An options appraisal for integration (healthyplaces appraise CONFIG).
# A TORBAY-LIKE AREA WITH ILLUSTRATIVE FIGURES: the population and its share over 80 are the green paper's;
# the money is an order of magnitude, not Torbay's accounts. Replace them with your own.
title = "Torbay-like area: which arrangement fits, in one step or in stages?"
illustrative = true
# critical success factors: options that fail one are dropped from the long list (the page says which and why)
success_factors = ["council_keeps_social_care_commissioning"]

[place]
area = "Torbay"                 # the case studies know its arrangement (a care trust) and population
# business as usual before the care trust: aligned budgets and seconded staff under a section 75 agreement
current = { budgets = "aligned", staff = "seconded", governance = "joint_committee", legal_basis = "section_75" }
over_80_growth = 0.25           # +25% over the horizon (assumption)
pooled_spend = 80_000_000       # £ a year that could be pooled (illustrative)
nhs_deficit = 0

[appraisal]
horizon = 10
discount_rate = 0.035           # the Green Book's social time preference rate
n_sims = 10_000
seed = 2008
options = 6

[weights]                       # a ranking, most important first; criteria not listed are UNRANKED (free: they
                                # can outweigh a listed one). To rank them last, add them tied: [..., ["a", "b"]]
ranking = ["commissioning", "financial management", "communications and coordination"]

[pilot]                         # 4 of 8 localities, joining two at a time over two years
design = "stepped_wedge"
steps = 2
clusters_per_step = 2
baseline_periods = 1
cluster_size = 300
icc = 0.03
sd = 3
''',
    "bexley": '''# An options appraisal for integration (healthyplaces appraise CONFIG).
# A BEXLEY-LIKE AREA WITH ILLUSTRATIVE FIGURES: the governance scores are the green paper's (a four-star council,
# a one-star PCT: a complementary blend); population, spend and deficit are illustrative. Replace them.
title = "Bexley-like area: a strong council and a struggling PCT"
illustrative = true
success_factors = ["reversible_within_two_years"]

[place]
area = "Bexley"                 # the green paper's scores: council 16 of 20, PCT 6 of 20
current = "closer_working"      # a joint committee, nothing shared
population = 220_000
over_80_share = 0.045
pooled_spend = 130_000_000
nhs_deficit = 6_000_000         # £ a year (illustrative)

[appraisal]
horizon = 10
discount_rate = 0.035
n_sims = 10_000
seed = 2008
options = 6

[pilot]
design = "parallel"
clusters_per_arm = 4
cluster_size = 250
icc = 0.05
sd = 3
''',
}


def example_config(kind: str = "both") -> str:
    """An example configuration for ``healthyplaces appraise``: a Torbay-like or a Bexley-like area, with
    illustrative figures labelled as such.

    Parameters
    ----------
    kind : {"torbay", "bexley", "both"}
        Which example; "both" gives the Torbay-like one followed by the Bexley-like one commented out.

    Returns
    -------
    str
        TOML text.

    Examples
    --------
    >>> import tomllib, healthyplaces as hp
    >>> tomllib.loads(hp.appraisal.example_config("bexley"))["place"]["area"]
    'Bexley'
    """
    if kind == "both":
        other = "\n".join("# " + line if line else "#" for line in _EXAMPLES["bexley"].splitlines())
        return (_EXAMPLES["torbay"] + "\n# ---- or, for a Bexley-like area, use this instead "
                "(remove the '# ' at the start of each line) ----\n" + other + "\n")
    if kind not in _EXAMPLES:
        raise _core.DomainError(f"example_config: kind '{kind}' is not 'torbay', 'bexley' or 'both'")
    return _EXAMPLES[kind]
