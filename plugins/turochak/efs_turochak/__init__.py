"""efs plugin for the jurisdiction «Турочакский район»."""
