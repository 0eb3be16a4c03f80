# The l10n-qa CLI in a container: mount the repository to check at /work.
#   docker build -t l10n-qa .
#   docker run --rm -v "$PWD:/work" l10n-qa check help/ locale/
FROM python:3.11-slim

COPY pyproject.toml README.md /src/l10n-qa/
COPY src /src/l10n-qa/src
COPY glossaries /src/l10n-qa/glossaries
COPY rules /src/l10n-qa/rules
RUN python -m pip install --no-cache-dir --disable-pip-version-check /src/l10n-qa \
    && rm -rf /src/l10n-qa

WORKDIR /work
ENTRYPOINT ["l10n-qa"]
CMD ["check", "."]
