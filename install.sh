#!/bin/sh
# Builds ollama-scan in release mode and installs it with its shell completions (bash, zsh, fish) and its
# manual page, or removes all of that again.
#
#   ./install.sh                      # into ~/.local (bin/, share/…), no root needed
#   ./install.sh --prefix /usr/local  # system-wide (run with sudo)
#   ./install.sh --uninstall [--prefix DIR]
set -eu

prefix="${HOME}/.local"
action=install
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) prefix="$2"; shift 2 ;;
        --prefix=*) prefix="${1#--prefix=}"; shift ;;
        --uninstall) action=uninstall; shift ;;
        -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done

bin="$prefix/bin/ollama-scan"
bash_completion="$prefix/share/bash-completion/completions/ollama-scan"
zsh_completion="$prefix/share/zsh/site-functions/_ollama-scan"
fish_completion="$prefix/share/fish/vendor_completions.d/ollama-scan.fish"
manual="$prefix/share/man/man1/ollama-scan.1"

if [ "$action" = uninstall ]; then
    for file in "$bin" "$bash_completion" "$zsh_completion" "$fish_completion" "$manual"; do
        if [ -e "$file" ]; then rm -f "$file" && echo "removed $file"; fi
    done
    exit 0
fi

cd "$(dirname "$0")"
swift build -c release --product ollama-scan
built="$(swift build -c release --show-bin-path)/ollama-scan"

mkdir -p "$(dirname "$bin")" "$(dirname "$bash_completion")" "$(dirname "$zsh_completion")" \
    "$(dirname "$fish_completion")" "$(dirname "$manual")"
install -m 0755 "$built" "$bin"
"$built" --generate-completion-script bash > "$bash_completion"
"$built" --generate-completion-script zsh > "$zsh_completion"
"$built" --generate-completion-script fish > "$fish_completion"

# The manual comes from the commands' own help, through argument-parser's generate-manual plugin.
pages="$(mktemp -d)"
trap 'rm -rf "$pages"' EXIT
swift package --allow-writing-to-directory "$pages" generate-manual --output-directory "$pages" >/dev/null
# The help's EXAMPLES and EXIT CODES are laid out by hand: keep them as literal blocks, not filled paragraphs.
awk '
    /^(EXAMPLES|EXIT CODES):$/ { print ".Pp"; print $0; print ".Bd -literal -offset indent"; block = 1; next }
    block && (/^$/ || /^\./) { print ".Ed"; block = 0 }
    block { sub(/^  /, ""); print; next }
    { print }
    END { if (block) print ".Ed" }
' "$pages/ollama-scan.1" > "$pages/ollama-scan.fixed.1"
install -m 0644 "$pages/ollama-scan.fixed.1" "$manual"

echo "installed $bin"
echo "  completions: $bash_completion, $zsh_completion, $fish_completion"
echo "  manual: $manual (man ollama-scan)"
case ":$PATH:" in
    *":$prefix/bin:"*) ;;
    *) echo "note: $prefix/bin is not on your PATH; add it, e.g. export PATH=\"$prefix/bin:\$PATH\"" ;;
esac
