"""The network's static portal: a page and a JSON file per record, search, map, downloads (pure).

`views` turns the validated dataset into plain data per page, `searchindex` into the offline
search index, `build` renders the templates in templates/site/ and gathers every file of the
site (pages, JSON, the exports under downloads/, each year's annual report) as bytes keyed by
relative path. Nothing here writes: the CLI hands the files to ascn.output.
May import the core, figures, export, map and the report's `contents.build` + `render_all`.
"""
