"""l10n-qa: quality checks for translated customer-support content."""

__version__ = "0.1.0"
