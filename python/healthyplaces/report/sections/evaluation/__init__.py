"""The evaluation page's sections, one module per section, in page order: finding, panel, then the method's
own (synth and augsynth; did, event_study and power; att_gt and bacon). Each ``context(ev)`` reads the fits
kept by :mod:`healthyplaces.report.evaluation` and returns ``None`` when its method did not run."""
