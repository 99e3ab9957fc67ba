"""Files to values to models, with positions: discovery, safe reads, the libyaml walker, the helper.

May import: reference, problems, models. Reads of `data/` happen here (and in `history`
for git blobs).
"""
