"""The character that stands for protected text (placeholders, tags, URLs) in a masked text.

One character per protected character keeps offsets unchanged, so a finding in the masked text
points at the real column. Its own module because checks.pair imports the checks that use it
(urls → numbers), which could not then import it from pair.
"""

MASK = "\uFFFC"
