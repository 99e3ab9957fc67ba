"""The year rules and the network's figures as of a year: pure functions of a loaded Dataset.

`progress` computes the figures as of a year; `reconcile` sets the figures ASEAN published
beside them; `pipeline` groups projects by investment stage.

May import: reference, problems, models. The checks may import this package (it sits below
them: figure-unexplained compares published figures with the computed ones).
"""
