"""Matchmaking from the public record: partner-project matches, twinning and the pipeline.

`scoring` ranks partners for a project (hard filters, then an additive score with visible
weights, each point explained in words from the records), `twinning` pairs member cities
with external partners in a year, `pipeline` lists projects by investment stage. Pure: it
imports the core and `figures`, never rich, typer or jinja2.
"""
