from l10n_qa.cli import main

main()
