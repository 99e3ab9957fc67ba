"""Git as the audit trail: hardened plumbing, record history, semantic diffs, changed-since.

May import: the core and load.
"""
