"""efs plugin for the jurisdiction «Тюменская область»."""
