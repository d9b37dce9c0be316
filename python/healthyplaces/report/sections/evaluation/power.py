"""What the design could detect (with difference-in-differences): context for a null result, not evidence of one."""
from __future__ import annotations

from typing import Any

TEMPLATE = "sections/evaluation/power.html.j2"
ANCHOR = "power"
TOC = "4. What this design could detect"


def context(ev: Any) -> dict[str, Any] | None:
    power = ev.fits.get("power")
    if power is None:
        return None
    m = power["moments"]
    return {"heading": TOC, "treated": power["treated"], "controls": power["controls"], "pre": power["pre"],
            "post": power["post"], "sd": ev.fx(m["sd"]), "rho": f"{m['rho']:.2f}",
            "effect": ev.fx(power["result"].effect)}
