"""efs plugin for the jurisdiction «Амурская область»."""
