"""`make bench`: synthetic datasets and whole-process timings (not in the installed package)."""
