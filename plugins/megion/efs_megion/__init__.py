"""efs plugin for the jurisdiction «город Мегион»."""
