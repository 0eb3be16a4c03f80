"""Data packs (glossaries now; culture and legal rule packs next) and the one engine they compile to.

Modules, from the bottom up:
- `text`: how a text is read in a language (word tokens with stems, or folded characters for
  scripts without spaces), once per text: `TextView`.
- `matcher`: `Pattern` (literal or regex; case, inflection) and `Matcher`, an index over any number
  of patterns whose per-text cost does not grow with their number.
- `rules`: the primitives `Concept`, `Require`, `Forbid` with `Scope` and `Origin`, compiled per
  source/target language into a `RuleSet` that evaluates a segment pair into `Violation`s.
- `glossary`: the glossary model and YAML format, validation, entries → rules, `TermBase`.
- `tbx`, `csv_glossary`: importers into the same model. `loading`: files → glossaries, cached per
  process. `builtin`: where the built-in packs live.
"""
