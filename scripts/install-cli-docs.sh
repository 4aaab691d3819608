#!/bin/sh
# Installs alvh's man page and shell completions under PREFIX (default: ~/.local):
#   PREFIX/share/man/man1/alvh.1                       (ArgumentParser's generate-manual plugin)
#   PREFIX/share/bash-completion/completions/alvh      (bash-completion loads it on demand)
#   PREFIX/share/zsh/site-functions/_alvh              (add the folder to fpath)
#   PREFIX/share/fish/vendor_completions.d/alvh.fish
# Usage: scripts/install-cli-docs.sh [PREFIX]   (run from the repository; builds alvh in release)
set -eu
prefix=${1:-$HOME/.local}
cd "$(dirname "$0")/.."
swift build -c release --product alvh
swift package --allow-writing-to-package-directory generate-manual
manual=.build/plugins/GenerateManual/outputs/alvh/alvh.1
alvh=.build/release/alvh
install -d "$prefix/share/man/man1" "$prefix/share/bash-completion/completions" \
    "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d"
install -m 644 "$manual" "$prefix/share/man/man1/alvh.1"
"$alvh" --generate-completion-script bash > "$prefix/share/bash-completion/completions/alvh"
"$alvh" --generate-completion-script zsh > "$prefix/share/zsh/site-functions/_alvh"
"$alvh" --generate-completion-script fish > "$prefix/share/fish/vendor_completions.d/alvh.fish"
echo "installed: $prefix/share/man/man1/alvh.1 (man alvh) and completions for bash, zsh and fish"
