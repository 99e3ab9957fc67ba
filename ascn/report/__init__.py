"""The annual report: contents as plain data, city pages, annex, charts, rendering (Jinja2).

May import: the core (reference, problems, models), load, checks, figures, output.
"""
