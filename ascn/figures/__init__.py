"""The year rules and the network's figures as of a year: pure functions of a loaded Dataset.

May import: reference, problems, models.
"""
