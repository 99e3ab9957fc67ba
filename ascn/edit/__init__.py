"""Writers of data files: new skeletons, yearly updates, fmt, and the YAML writer they share.

May import: the core, load, checks. Every write validates the result before it replaces a file.
"""
