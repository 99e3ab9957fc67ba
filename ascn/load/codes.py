"""The codes the loader emits (files, YAML, schema), documented beside the loader.

`ascn explain CODE` prints an entry; each check module of `ascn.checks` documents its own
codes the same way, and `ascn.explain` gathers them all.
"""

from __future__ import annotations

from ascn import examples as ex
from ascn.problems import CodeDoc, Example, Severity

ERROR, WARNING = Severity.ERROR, Severity.WARNING

DOCS: tuple[CodeDoc, ...] = (
    CodeDoc(
        "file-too-large",
        ERROR,
        "the file is larger than one record can be (1 MiB)",
        "A record file holds one city, plan or partner: a few kilobytes. A file over 1 MiB is "
        "a mistake (text pasted many times, a document saved under a .yaml name) and is not "
        "read at all, so that a slip cannot slow down or break the check for everyone.",
        Example(
            ex.CITY_PATH,
            ex.CITY + "notes: Text pasted from the action plan, again and again.\n",
            repeat=12_000,
            note="these lines repeated 12,000 times: about 1.2 MiB",
        ),
        Example(ex.CITY_PATH, ex.CITY),
        "Remove the repeated or pasted text. Long documents belong in data/sources/ as a "
        "title and a web address, not copied into a record.",
    ),
    CodeDoc(
        "encoding",
        ERROR,
        "the file is not saved as UTF-8",
        "Data files must be saved as UTF-8, the encoding that keeps names such as Đà Nẵng "
        "intact everywhere. The file was saved in another encoding (for example UTF-16, which "
        "Notepad calls 'Unicode'), or holds bytes that are not text; the problem points at "
        "the first byte that is not valid UTF-8.",
        Example(ex.CITY_PATH, ex.CITY + "name_variants:\n  - Đà Nẵng\n", encoding="utf-16"),
        Example(ex.CITY_PATH, ex.CITY + "name_variants:\n  - Đà Nẵng\n"),
        "Save the file again as 'UTF-8' (in Notepad: Save as, Encoding: UTF-8). Editing in "
        "the GitHub web editor always saves UTF-8.",
    ),
    CodeDoc(
        "bom",
        ERROR,
        "the file starts with a byte order mark",
        "The file is UTF-8 but begins with an invisible byte order mark, which some Windows "
        "editors add. It is not part of YAML and would end up in the first field's name.",
        Example(
            ex.CITY_PATH,
            ex.CITY,
            encoding="utf-8-sig",
            note="saved as 'UTF-8 with BOM' (invisible)",
        ),
        Example(ex.CITY_PATH, ex.CITY),
        "Save the file as 'UTF-8' without BOM (in VS Code: click 'UTF-8 with BOM' in the "
        "status bar, then 'Save with Encoding', 'UTF-8').",
    ),
    CodeDoc(
        "empty-file",
        ERROR,
        "the file holds no data",
        "The file exists but holds nothing, or only comments. Every file in data/ must hold "
        "one record.",
        Example(ex.CITY_PATH, "# yaml-language-server: $schema=../../schema/city.schema.json\n"),
        Example(
            ex.CITY_PATH,
            "# yaml-language-server: $schema=../../schema/city.schema.json\n" + ex.CITY,
        ),
        "Fill in the record (`ascn new city` writes a complete skeleton), or delete the file "
        "if it was created by mistake.",
    ),
    CodeDoc(
        "not-a-mapping",
        ERROR,
        "the file is not a list of `field: value` lines",
        "A record file is a mapping: lines of `field: value` starting at the left margin. "
        "This file is a list (lines starting with '- ') or a single value instead.",
        Example(ex.CITY_PATH, "- id: da-nang\n  name: Da Nang\n  country: VN\n  joined: 2018\n"),
        Example(ex.CITY_PATH, ex.CITY),
        "Remove the leading '- ' and the indentation so that each field starts at the left "
        "margin; one file holds one record.",
    ),
    CodeDoc(
        "stray-file",
        ERROR,
        "a file or folder that is not part of the dataset",
        "data/ holds network.yaml and the folders sources, countries, cities, plans and "
        "partners, each with files named <id>.yaml. Anything else (a .yml or .txt file, a "
        "sub-folder, a file at the wrong level) is not read, so its data would be silently "
        "ignored; the tool reports it instead.",
        Example("cities/hue.yml", ex.HUE_CITY),
        Example("cities/hue.yaml", ex.HUE_CITY),
        "Rename the file to end in .yaml and put it in the folder of its kind, or delete it.",
    ),
    CodeDoc(
        "bad-file-name",
        ERROR,
        "the file name is not a valid record id",
        "A file's name (without .yaml) is the record's id, which other files use to refer to "
        "it. Ids are lowercase ASCII letters, digits and single hyphens: 'da-nang', not "
        "'Da_Nang' or 'da nang'.",
        Example("cities/Hue.yaml", ex.HUE_CITY),
        Example("cities/hue.yaml", ex.HUE_CITY),
        "Rename the file to its id in lowercase with hyphens, e.g. hue.yaml.",
    ),
    CodeDoc(
        "unsafe-link",
        ERROR,
        "a symbolic link to a file outside the data folder",
        "The entry is a symbolic link that points outside data/. Such a link could make the "
        "tool read (and echo) files that are not part of the public dataset, so it is not "
        "followed.",
        Example("cities/hue.yaml", link="../../hue.yaml", note="a link to a file outside data/"),
        Example("cities/hue.yaml", ex.HUE_CITY),
        "Replace the link with a copy of the file's content.",
    ),
    CodeDoc(
        "unreadable-file",
        ERROR,
        "the file cannot be read",
        "The file is listed in its folder but cannot be opened: a link to a file that does "
        "not exist, missing read permission, or a disk error. The message gives the reason.",
        Example("cities/hue.yaml", link="hue-2024.yaml", note="a link to a file that was deleted"),
        Example("cities/hue.yaml", ex.HUE_CITY),
        "Replace the broken link with the real file, or give yourself read permission on it.",
    ),
    CodeDoc(
        "missing-file",
        ERROR,
        "a file the dataset needs is missing",
        "data/network.yaml describes the network itself (founding year, chair by year) and "
        "must exist.",
        Example("network.yaml", None, note="data/network.yaml was deleted"),
        Example("network.yaml", ex.network("  - year: 2018\n    chair: SG\n")),
        "Restore data/network.yaml from the repository's history, or create it.",
    ),
    CodeDoc(
        "yaml-syntax",
        ERROR,
        "the file is not valid YAML",
        "The file cannot be read as YAML at the position shown. The commonest cause is a "
        "colon followed by a space inside a value, which YAML reads as a new field; others "
        "are an unclosed quote or a line indented differently from its neighbours.",
        Example(ex.CITY_PATH, ex.CITY + "notes: Population: about 1.2 million\n"),
        Example(ex.CITY_PATH, ex.CITY + 'notes: "Population: about 1.2 million"\n'),
        "Look at the line shown and the line above it. Put text containing ': ' or starting "
        "with a quote, '[', '{', '&', '*', '!', '|', '>', '%' or '@' in double quotes, and "
        "indent fields of the same level by the same number of spaces.",
    ),
    CodeDoc(
        "yaml-tab",
        ERROR,
        "a tab character is used for indentation",
        "YAML indents with spaces only. A tab at the start of a line, often typed by the Tab "
        "key in a plain text editor, makes the file unreadable.",
        Example(ex.CITY_PATH, ex.CITY + "population:\n\tvalue: 1200000\n"),
        Example(ex.CITY_PATH, ex.CITY + "population:\n  value: 1200000\n"),
        "Replace the tab with spaces (two per level). Editors with the YAML extension insert "
        "spaces when you press Tab.",
    ),
    CodeDoc(
        "yaml-duplicate-key",
        ERROR,
        "the same field appears twice",
        "A field may appear only once in the same mapping. When it appears twice, which of "
        "the two values is meant cannot be known, so the file is rejected.",
        Example(ex.CITY_PATH, ex.CITY + "name: Da Nang City\n"),
        Example(ex.CITY_PATH, ex.CITY),
        "Keep one of the two lines and delete the other.",
    ),
    CodeDoc(
        "yaml-alias",
        ERROR,
        "YAML anchors (&name) and aliases (*name) are not allowed",
        "YAML lets a value be named with &name and repeated with *name. Data files do not "
        "use them: every value is written where it applies, so that each line can be read "
        "and reviewed on its own.",
        Example(
            ex.CITY_PATH,
            ex.CITY
            + "population:\n  value: 1200000\n  note: &census 2019 census\nnotes: *census\n",
        ),
        Example(
            ex.CITY_PATH,
            ex.CITY + "population:\n  value: 1200000\n  note: 2019 census\nnotes: 2019 census\n",
        ),
        "Write the value out in full in each place and remove the &name and *name marks.",
    ),
    CodeDoc(
        "yaml-tag",
        ERROR,
        "YAML tags (!!type or !name) are not allowed",
        "A tag such as !!str or !!int forces a type on a value. Data files hold plain text, "
        "numbers, lists and mappings, and the tool decides their types from the record "
        "format; tags are rejected because some can make other YAML readers run code.",
        Example(ex.CITY_PATH, "id: da-nang\nname: Da Nang\ncountry: VN\njoined: !!int 2018\n"),
        Example(ex.CITY_PATH, ex.CITY),
        "Remove the tag and keep the value.",
    ),
    CodeDoc(
        "yaml-too-deep",
        ERROR,
        "the file nests lists or mappings too deeply",
        "Records nest only a few levels (plan, project, update). More than 64 levels of "
        "brackets or indentation is a typing slip or an attempt to crash the tool, and the "
        "file is not read.",
        Example(ex.CITY_PATH, ex.CITY + "notes: " + "[" * 70 + "]" * 70 + "\n"),
        Example(ex.CITY_PATH, ex.CITY + "notes: none\n"),
        "Check the brackets and the indentation at the line shown.",
    ),
    CodeDoc(
        "missing-field",
        ERROR,
        "a required field is missing",
        "Every record kind has required fields (a city needs id, name, country and joined). "
        "The problem points at the mapping that lacks the field. `ascn schema` and the "
        "editor completion list the fields of each kind.",
        Example(ex.CITY_PATH, "id: da-nang\nname: Da Nang\njoined: 2018\n"),
        Example(ex.CITY_PATH, ex.CITY),
        "Add the field named in the message with its value.",
    ),
    CodeDoc(
        "unknown-field",
        ERROR,
        "a field the record format does not have",
        "The field is not part of this kind of record, usually because of a typing mistake. "
        "It would otherwise be silently ignored, so it is reported, with the closest known "
        "field name when there is one.",
        Example(ex.CITY_PATH, ex.CITY + "populaton:\n  value: 1200000\n"),
        Example(ex.CITY_PATH, ex.CITY + "population:\n  value: 1200000\n"),
        "Correct the spelling as the hint suggests, or move the information to `notes:`.",
    ),
    CodeDoc(
        "wrong-type",
        ERROR,
        "a value has the wrong type (text, number, list, mapping)",
        "The field expects another kind of value: a list where text was given, a whole "
        "number where a quoted one was given, a mapping of fields where a single value was "
        "given. The message says what the field expects.",
        Example(ex.CITY_PATH, ex.CITY + "name_variants: Đà Nẵng\n"),
        Example(ex.CITY_PATH, ex.CITY + "name_variants:\n  - Đà Nẵng\n"),
        "Write the value in the form the message asks for: a list has one '- ' line per "
        "item, numbers are written without quotes, true/false without quotes.",
    ),
    CodeDoc(
        "bad-value",
        ERROR,
        "a value is not allowed for its field",
        "The value has the right type but is not allowed: a status or focus area that is not "
        "in the list, a country that is not a two-letter code, a year outside 1900-2100, a "
        "percentage over 100. The message lists or describes the allowed values.",
        Example(ex.CITY_PATH, "id: da-nang\nname: Da Nang\ncountry: Vietnam\njoined: 2018\n"),
        Example(ex.CITY_PATH, ex.CITY),
        "Use one of the values the message lists, or a value of the form it describes.",
    ),
)
