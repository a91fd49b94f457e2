"""A third-party efs plugin used by the test suite to prove the outside path."""
