"""How we run git on a tree we check.

git honours the checked tree's own .git/config, which is not part of a clone or a pull request: a
cached workspace or an unpacked archive can set commands there. Those that the commands we run would
execute are switched off (D12 of ../shared/fuzz-repro: core.fsmonitor ran for `diff` and `ls-files`);
callers also pass --no-ext-diff and --no-textconv to `diff` and `log`, so no diff driver runs.
"""

SAFE_GIT = ("git", "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null")
