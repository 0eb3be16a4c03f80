"""Long Markdown documents (changelogs of thousands of list items, like element-ui's CHANGELOG.*.md) are
aligned in pieces between anchors: a translation that leaves one item out gets one finding for that item,
not a wrong source paired with every item after it."""

from __future__ import annotations

from content_helpers import check_tree, write_tree

COMPONENTS = ["Table", "Select", "DatePicker", "Tree", "Upload", "Dialog", "Menu", "Form", "Cascader", "Tabs"]


def changelog(item_text, releases: int = 60, per_release: int = 18, skip: int | None = None) -> str:
    """A changelog in element-ui's shape: a heading per release, then "- Component" items, each with a
    nested item that names its pull request. `skip` leaves one pull request's entry out."""
    lines, number = [], 10000
    for release in range(releases, 0, -1):
        lines += [f"### 2.{release}.0", "", f"*2019-{release % 12 + 1:02d}-{release % 28 + 1:02d}*", ""]
        for k in range(per_release):
            number += 1
            if number == skip:
                continue
            lines += [f"- {COMPONENTS[k % len(COMPONENTS)]}", f"  - {item_text(number)}"]
        lines.append("")
    return "\n".join(lines)


def english(number: int) -> str:
    return f"Fix the dropdown position when the page scrolls (#{number} by @dev{number % 7})"


def spanish(number: int) -> str:
    return f"Corregida la posición del desplegable al desplazar la página (#{number} by @dev{number % 7})"


def test_an_item_left_out_of_a_long_changelog_is_one_finding_at_its_place(tmp_path):
    write_tree(tmp_path, {"CHANGELOG.en-US.md": changelog(english),
                          "CHANGELOG.es.md": changelog(spanish, skip=10005)})
    report = check_tree(tmp_path, "CHANGELOG.es.md")
    found = sorted((f.rule, f.line, f.column, f.source) for f in report.findings if not f.rule.startswith("completeness."))
    # The "- Upload" parent of #10005 and its nested item are both gone: both are reported where they
    # belong, before "- Dialog" (line 13), and every later item keeps its own source.
    assert found == sorted([("structure.missing", 13, 3, "Upload"), ("structure.missing", 13, 3, english(10005))]), found


def test_a_long_changelog_translated_item_for_item_is_silent(tmp_path):
    write_tree(tmp_path, {"CHANGELOG.en-US.md": changelog(english), "CHANGELOG.es.md": changelog(spanish)})
    report = check_tree(tmp_path, "CHANGELOG.es.md")
    assert [(f.rule, f.line) for f in report.findings if not f.rule.startswith("completeness.")] == []


def test_inline_code_compares_without_the_spaces_at_its_edges(tmp_path):
    # element-ui's changelog: "InputNumber added `select `method" translated with `select`.
    write_tree(tmp_path, {
        "CHANGELOG.en-US.md": "- InputNumber added `select `method, #13286\n- Added `after-enter` and ` after-leave` events\n"
                              "- Fixed `current-change` event\n",
        "CHANGELOG.es.md": "- InputNumber se le ha añadido el método `select`, #13286\n"
                           "- Añadidos los eventos `after-enter` y `after-leave`\n"
                           "- Corregido el evento `current-current-change`\n"})
    report = check_tree(tmp_path, "CHANGELOG.es.md", select=("structure",))
    assert [(f.rule, f.line, f.column, f.matched) for f in report.findings] == [
        ("structure.code-changed", 3, 23, "current-current-change")]
