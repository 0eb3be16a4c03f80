"""Data for `punctuation.end`: which characters end a sentence in which script, and which differences
between the source's and the translation's final mark are each language's convention, not a slip.

Kept as tables so that adding a script or a convention is a data change, not a new branch in the
check. Character identities are Unicode's (the names in the comments are the UCD names); the
conventions come from the judged false alarms in ../shared/research/false-alarms-real-corpora.tsv.
A mark class of None means "no final punctuation".
"""

from __future__ import annotations

# Final marks by function, any script. ';' is a semicolon here; Greek reads it as a question mark
# (LANGUAGE_MARKS).
MARK_CLASSES: dict[str, str] = {
    "full stop": (
        ".。．"
        "\u0964"  # DEVANAGARI DANDA । (Hindi, Marathi, Nepali; Bengali uses it too)
        "\u06d4"  # ARABIC FULL STOP ۔ (Urdu)
        "\u1362"  # ETHIOPIC FULL STOP ። (Amharic, Tigrinya)
        "\u104b"  # MYANMAR SIGN SECTION ။ (Burmese)
        "\u17d4"  # KHMER SIGN KHAN ។
        "\u0589"  # ARMENIAN FULL STOP ։
        "\u0f0d"  # TIBETAN MARK SHAD །
    ),
    "question mark": (
        "?？"
        "\u061f"  # ARABIC QUESTION MARK ؟
        "\u055e"  # ARMENIAN QUESTION MARK ՞
        "\u1367"  # ETHIOPIC QUESTION MARK ፧
        "\u037e"  # GREEK QUESTION MARK ; (when not normalised to ';')
    ),
    "exclamation mark": "!！\u055c",  # ARMENIAN EXCLAMATION MARK ՜
    "colon": (
        ":："
        "\u1365"  # ETHIOPIC COLON ፥
        "\u1366"  # ETHIOPIC PREFACE COLON ፦ (introduces what follows)
    ),
    "semicolon": ";；\u061b\u1364",  # ARABIC SEMICOLON ؛, ETHIOPIC SEMICOLON ፤
    "comma": ",，、\u060c\u1363\u104a\u055d",  # ARABIC COMMA ، ETHIOPIC COMMA ፣ MYANMAR LITTLE SECTION ၊ ARMENIAN COMMA ՝
    "ellipsis": "…",
}

# Marks (single characters or short sequences) whose function depends on the language of the text.
LANGUAGE_MARKS: dict[str, dict[str, str]] = {
    "el": {";": "question mark"},  # the Greek question mark is U+037E, which NFC turns into ';'
    "bn": {"\u0983": "colon"},  # Bengali writes the visarga ঃ as a colon
    # The Armenian mijaket (typed as ONE DOT LEADER ․) does the colon's work ("Ամսաթիվ․" for "Date:")
    # and ends abbreviations ("Հուն․" for "Jan."): its own class, accepted for either.
    "hy": {"\u2024": "mijaket"},
    # Amharic and Tigrinya type the preface colon as ETHIOPIC WORDSPACE + hyphen: "፡-".
    "am": {"\u1361-": "colon", "\u1361": "colon"},
    "ti": {"\u1361-": "colon", "\u1361": "colon"},
}

# Closing quotes and brackets: the final mark stands inside or outside them depending on the
# language ("…session.“ in German, „…“. elsewhere), so the check looks past them. U+201C “ and
# U+2018 ‘ close German, Czech and Sorbian quotes („…“, ‚…‘).
CLOSERS = "\"'”’“‘»›」』）)]】〕〉》"

# (source mark, target mark) pairs that are the target language's convention.
ACCEPTED: dict[str, frozenset[tuple[str | None, str | None]]] = {
    # Thai and Lao use no full stop; Japanese and Chinese UI strings commonly drop 。.
    "th": frozenset({("full stop", None)}),
    "lo": frozenset({("full stop", None)}),
    # Japanese, Chinese and Korean end a lead-in sentence before a list ("…次の手順…。") with a
    # full stop, do not end list items with ';', and may end a step the English leaves bare with 。.
    "ja": frozenset({("full stop", None), ("colon", "full stop"), ("semicolon", None), (None, "full stop")}),
    "zh": frozenset({("full stop", None), ("colon", "full stop"), ("semicolon", None), (None, "full stop")}),
    "ko": frozenset({("colon", "full stop"), ("semicolon", None), (None, "full stop")}),
    # Armenian marks a question with ՞ on the stressed word and ends the sentence with ։; Burmese
    # ends a question with a question particle (လား, လဲ) and the section sign ။.
    "hy": frozenset({("question mark", "full stop"), ("colon", "mijaket")}),
    "my": frozenset({("question mark", "full stop")}),
    # ';' reads as a question mark only in Greek text: an English ';' may stay as it is.
    "el": frozenset({("semicolon", "question mark")}),
}

# How list items end is each language's convention: nothing, ',' or ';' (French, Czech, Polish) or
# '.', whatever the English items have. Only a question or exclamation lost or added is reported.
LIST_ITEM_ENDS: frozenset[str | None] = frozenset({None, "comma", "semicolon", "full stop"})

# Marks besides '.' that end an abbreviation or a one-word label in a language (the source's "Jan."
# may be "Հուն․" in Armenian).
ABBREVIATION_ENDS: dict[str, frozenset[str]] = {"hy": frozenset({"mijaket"})}
