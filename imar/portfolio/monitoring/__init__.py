"""Implementation monitoring: the services (writes) for milestones, progress reports,
money and risks, and the per-project figures they keep up to date."""
