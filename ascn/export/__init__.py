"""The analysts' exports: the dataset as CSV, JSON, SQLite, a Data Package and GeoJSON (pure).

`tables` flattens a validated dataset into typed tables with keys (the one description every
tabular format shares); each format module turns them into files as bytes keyed by name, and
`build` picks the format. Nothing here writes: the CLI hands the files to ascn.output.
May import the core (models, reference) and report.provenance; never typer, rich or jinja2.
"""
