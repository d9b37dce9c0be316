"""Words and colours of the analysis box's tables and charts (no matplotlib import at load: ``import
healthyplaces`` stays light; charts are drawn by ``_charts`` on first use)."""
from __future__ import annotations

_GROUP_LABELS = {
    "local_authority": "Local authorities",
    "nhs_commissioner": "NHS commissioners",
}


def group_label(group: str) -> str:
    """Human label for a group key: "local_authority" → "Local authorities"."""
    if group in _GROUP_LABELS:
        return _GROUP_LABELS[group]
    return group.replace("_", " ").capitalize()


#: Okabe–Ito blue and vermillion: distinguishable with every common colour-vision deficiency.
COUNCIL_COLOUR = "#0072B2"
NHS_COLOUR = "#D55E00"
_GROUP_COLOURS = {"local_authority": COUNCIL_COLOUR, "nhs_commissioner": NHS_COLOUR}
_OTHER_GROUP_COLOURS = ["#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]

#: ColorBrewer PuOr (colour-blind safe, prints in grey), orange = lowest level, purple = highest.
_PUOR = {
    2: ["#f1a340", "#998ec3"],
    3: ["#f1a340", "#f7f7f7", "#998ec3"],
    4: ["#e66101", "#fdb863", "#b2abd2", "#5e3c99"],
    5: ["#e66101", "#fdb863", "#f7f7f7", "#b2abd2", "#5e3c99"],
    6: ["#b35806", "#f1a340", "#fee0b6", "#d8daeb", "#998ec3", "#542788"],
    7: ["#b35806", "#f1a340", "#fee0b6", "#f7f7f7", "#d8daeb", "#998ec3", "#542788"],
}
_MISSING_COLOUR = "#d9d9d9"
_TEXT = "#1b1b1b"
_GRID = "#e3e3e3"


def level_colours(n_levels: int) -> list[str]:
    """Colours for the levels of a score, low to high, on ColorBrewer's PuOr diverging scale (colour-blind safe).

    Parameters
    ----------
    n_levels
        How many levels the scale has.

    Returns
    -------
    list of str
        Hex colours, orange (lowest) to purple (highest).

    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.analysis.level_colours(4)
    ['#e66101', '#fdb863', '#b2abd2', '#5e3c99']
    """
    if n_levels in _PUOR:
        return list(_PUOR[n_levels])
    import matplotlib
    import matplotlib.colors

    cmap = matplotlib.colormaps["PuOr"]
    # PuOr runs orange (0) to purple (1); stay clear of the near-black ends.
    return [matplotlib.colors.to_hex(cmap(0.1 + 0.8 * i / max(n_levels - 1, 1))) for i in range(n_levels)]


def format_gap(gap: int | None) -> str:
    """A competency gap as text, signed, with a true minus sign.

    Parameters
    ----------
    gap
        Council minus NHS body, or ``None`` when there is no gap to report.

    Returns
    -------
    str
        ``"+3"``, ``"0"``, ``"−2"``, or ``"–"`` for ``None``.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.analysis.format_gap(3), hp.analysis.format_gap(-2), hp.analysis.format_gap(None)
    ('+3', '−2', '–')
    """
    if gap is None:
        return "–"
    return "0" if gap == 0 else f"{gap:+d}".replace("-", "\u2212")
