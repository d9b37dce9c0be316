"""Charts that show exactly once, in one house style (docs/conventions.md, "Charts").

Every ``plot(ax=None)`` of the library draws through ``figure()`` or ``axes()`` and returns a ``Figure``:

* In a Jupyter kernel with an interactive backend (the default inline one), the figure is made by pyplot, so it
  shows at the end of the cell even when the result is assigned (``fig = r.plot()``); when the figure is the
  cell's value, its ``_ipython_display_`` shows it and closes it in pyplot, so the end-of-cell flush does not
  show it a second time. Either way, once, and no pyplot figure is left open.
* Anywhere else (scripts, tests, the report) the figure is a plain ``matplotlib.figure.Figure``, never
  registered with pyplot: nothing accumulates, nothing is shown by surprise.

The axis helpers put units on axes: per cent, £ (no ``1e6`` offset), whole-number years, per 100,000.
"""
from __future__ import annotations

import functools
import sys
from typing import TYPE_CHECKING, Any, Sequence

# matplotlib is imported when the first chart is drawn, not by `import healthyplaces` (it is 0.8 s of 2 s).
if TYPE_CHECKING:
    import matplotlib.figure
    from matplotlib.axes import Axes

    class Figure(matplotlib.figure.Figure):
        def _ipython_display_(self) -> None: ...

__all__ = ["Figure", "figure", "axes", "percent_axis", "money_axis", "count_axis", "year_axis", "rate_axis",
           "legend_outside", "PALETTE"]

# The house palette (colour-blind safe, Okabe-Ito order): the first colour is "this place / the estimate".
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]
GREY = "#6b6b6b"


@functools.cache
def _figure_class() -> type:
    import matplotlib.figure

    class Figure(matplotlib.figure.Figure):
        """A matplotlib Figure that shows once in Jupyter, whether it is the cell's value or not."""

        def _ipython_display_(self) -> None:
            from IPython.core.pylabtools import print_figure
            from IPython.display import display

            data = print_figure(self, "png", bbox_inches="tight")
            if data is not None:
                display({"image/png": data, "text/plain": repr(self)}, raw=True)
            _close_in_pyplot(self)

    Figure.__module__, Figure.__qualname__ = __name__, "Figure"  # pickles as healthyplaces._figure.Figure
    return Figure


def __getattr__(name: str) -> Any:
    if name == "Figure":
        return _figure_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _close_in_pyplot(fig: matplotlib.figure.Figure) -> None:
    if "matplotlib.pyplot" in sys.modules and getattr(fig.canvas, "manager", None) is not None:
        sys.modules["matplotlib.pyplot"].close(fig)


def _pyplot_shows_figures() -> bool:
    """True in a Jupyter kernel whose matplotlib is interactive (inline by default): there, the user expects a
    chart to appear at the end of the cell."""
    if "ipykernel" not in sys.modules:
        return False
    import matplotlib
    import matplotlib.pyplot as plt  # in a kernel, importing pyplot selects and activates the inline backend

    # The inline backend shows pyplot's figures at the end of each cell even when isinteractive() is False.
    return bool(plt.isinteractive()) or "inline" in matplotlib.get_backend()


def figure(width: float = 7.0, height: float = 4.2, **kwargs: Any) -> Figure:
    """A new house-style Figure (constrained layout), pyplot-managed only where pyplot will show it once."""
    kwargs.setdefault("layout", "constrained")
    if _pyplot_shows_figures():
        import matplotlib.pyplot as plt

        fig = plt.figure(figsize=(width, height), FigureClass=_figure_class(), **kwargs)
    else:
        fig = _figure_class()(figsize=(width, height), **kwargs)
    return fig  # type: ignore[return-value]


def axes(ax: Axes | None = None, width: float = 7.0, height: float = 4.2) -> tuple[matplotlib.figure.Figure, Axes]:
    """The axes to draw on and their figure: the caller's ``ax``, or one axes on a new ``figure()``."""
    if ax is not None:
        fig = ax.get_figure()
        assert fig is not None
        # The caller's pyplot figure, returned as the cell's value, would show twice in Jupyter (displayhook and
        # end-of-cell flush): give it the same once-only display. Figure adds no state, so the class swap is safe.
        import matplotlib.figure

        if type(fig) is matplotlib.figure.Figure and _pyplot_shows_figures():
            fig.__class__ = _figure_class()
        return fig, ax  # type: ignore[return-value]
    fig = figure(width, height)
    return fig, fig.add_subplot()


# ---- units on axes --------------------------------------------------------------------------------------------

def percent_axis(axis: Any, scale: float = 100.0, decimals: int | None = None) -> None:
    """Ticks as per cent. ``scale``: what 100% is in the data (100 for values already in per cent,
    1 for proportions)."""
    import matplotlib.ticker

    axis.set_major_formatter(matplotlib.ticker.PercentFormatter(xmax=scale, decimals=decimals))


def _money(x: float, _pos: Any = None) -> str:
    sign = "−" if x < 0 else ""
    a = abs(x)
    if a >= 1e9:
        return f"{sign}£{a / 1e9:,.3g}bn"
    if a >= 1e6:
        return f"{sign}£{a / 1e6:,.3g}m"
    if a >= 1e4:
        return f"{sign}£{a / 1e3:,.3g}k"
    return f"{sign}£{a:,.0f}"


# Tick formatters are module functions, not lambdas, so a figure pickles.
def _thousands(x: float, _pos: Any = None) -> str:
    return f"{x:,.0f}"


def _whole_number(x: float, _pos: Any = None) -> str:
    return f"{x:.0f}"


def _four_figures(x: float, _pos: Any = None) -> str:
    return f"{x:,.4g}"


def money_axis(axis: Any) -> None:
    """Ticks in pounds (£52.6m, £250k): no ``1e6`` offset."""
    import matplotlib.ticker

    axis.set_major_formatter(matplotlib.ticker.FuncFormatter(_money))


def count_axis(axis: Any) -> None:
    """Whole-number ticks with thousands separators (populations, deaths, attendances)."""
    import matplotlib.ticker

    axis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    axis.set_major_formatter(matplotlib.ticker.FuncFormatter(_thousands))


def year_axis(axis: Any) -> None:
    """Whole-number year (or period) ticks: never 2003.5."""
    import matplotlib.ticker

    axis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    axis.set_major_formatter(matplotlib.ticker.FuncFormatter(_whole_number))


def rate_axis(axis: Any) -> None:
    """Ticks for a rate, thousands separated (the axis label carries the unit, e.g. "per 100,000")."""
    import matplotlib.ticker

    axis.set_major_formatter(matplotlib.ticker.FuncFormatter(_four_figures))


def legend_outside(ax: Axes, handles: Sequence[Any] | None = None, ncol: int = 3, **kwargs: Any) -> None:
    """A legend below the axes, so it never covers data."""
    if handles is not None:  # as a keyword: a lone positional argument to legend() is read as the labels
        kwargs["handles"] = list(handles)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=ncol, frameon=False, **kwargs)
