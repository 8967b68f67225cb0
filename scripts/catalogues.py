"""Refresh the message catalogues from the code: `python scripts/catalogues.py`.

Collects every string marked `_("…")`, `n_("…", "…", n)` or `N_("…")` in app.py, ui/ and views/, every `Phrase("…")`,
`counted("…", "…", n)` and `N_("…")` of analysis/ and data/ (the sentences and headers `data.phrases` builds), plus the words
shown from fixed vocabularies (reasons, request types, statuses, periods, "Look at" pairs, the coverage hints, the
roles), then updates `ui/locales/<code>/LC_MESSAGES/messages.po` for every language: new msgids are added with an
empty translation, gone ones are dropped, existing translations kept. The catalogues are compiled when the app
first uses a language (`ui.i18n.translations`), so there is no build step; fill the empty `msgstr`s and run
`pytest tests/test_i18n.py`, which fails on any msgid left untranslated.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# `format.count(n, "noun")` translates its noun (singular) outside English.
KEYWORDS = {"_": None, "n_": (1, 2), "N_": None, "count": (2,)}
# The analysis' sentences and headers (`data.phrases`): `Phrase("…")` and `N_("…")` in analysis/ and data/.
PHRASE_KEYWORDS = {"Phrase": None, "N_": None, "counted": (1, 2)}


def sources() -> list[Path]:
    return [ROOT / "app.py", *sorted((ROOT / "ui").glob("*.py")), *sorted((ROOT / "views").glob("*.py"))]


def phrase_sources() -> list[Path]:
    return [*sorted((ROOT / "analysis").glob("*.py")), *sorted((ROOT / "data").glob("*.py"))]


def vocabulary() -> list[str]:
    """The canonical values the interface shows with a translated label (they are data, not code literals)."""
    from analysis.coverage import NEEDS
    from analysis.filters import NOTICE, PAIRS, PERIODS
    from analysis.recurring import EARLIER
    from analysis.recurring import STATUSES as CAUSE_STATUSES
    from data.schema import REASONS, REQUEST_TYPES, STATUSES
    from ui import auth, columns, format

    words = [*REASONS, *REQUEST_TYPES, *STATUSES, *CAUSE_STATUSES, EARLIER, *PERIODS, *PAIRS, NOTICE, format.NOT_IN_FILES, "Not given"]
    words += [hint for _column, hint in NEEDS.values()]
    words += [*auth.WHAT.values(), *auth.LIST_OF, "no role", *columns.LABELS.values(), *NEEDS]
    return words


def template() -> Catalog:
    catalog = Catalog(project="Returns Radar", charset="utf-8")
    found = [(path, KEYWORDS) for path in sources()] + [(path, PHRASE_KEYWORDS) for path in phrase_sources()]
    for path, keywords in found:
        for line, message, _comments, _context in extract_from_file("python", str(path), keywords=keywords):
            if isinstance(message, str) or (isinstance(message, tuple) and all(message)):  # a tuple: singular and plural
                catalog.add(message, locations=[(str(path.relative_to(ROOT)), line)])
    for word in vocabulary():
        if word not in catalog:
            catalog.add(word, locations=[("data/schema.py", 0)])
    return catalog


def main() -> None:
    from ui.i18n import LANGUAGES, catalogue_path

    pot = template()
    for code in LANGUAGES:
        if code == "en":
            continue
        path = catalogue_path(code)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            with path.open("rb") as po:
                catalog = read_po(po, locale=code)
            catalog.update(pot, no_fuzzy_matching=True)
            catalog.obsolete.clear()
        else:
            catalog = Catalog(locale=code, project="Returns Radar", charset="utf-8")
            catalog.update(pot, no_fuzzy_matching=True)
        with path.open("wb") as po:
            write_po(po, catalog, width=120, omit_header=False, sort_output=False, include_previous=False)
        empty = sum(1 for m in catalog if m.id and not m.string)
        print(f"{code}: {len(catalog)} messages, {empty} without a translation")


if __name__ == "__main__":
    main()
