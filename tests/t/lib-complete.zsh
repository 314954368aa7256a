#!/bin/zsh -f
# lib-complete.zsh FPATH_DIR LINE: what zsh's completion offers when LINE
# is typed at an interactive zsh and Tab pressed, a match a line.
#
# An interactive `zsh -f -i` runs on a pseudo-terminal (zsh/zpty) with
# compinit and the completion functions of FPATH_DIR; compadd is wrapped
# to print each match it adds (after zsh's own matching against the
# word), and a function run after completion prints an end mark. Exit 2
# when zsh/zpty is missing.
zmodload zsh/zpty 2>/dev/null || exit 2
fdir=$1
line=$2

zpty z zsh -f -i
zpty -w z "PS1='' PROMPT='' RPS1='' PS2=''"
zpty -w z "fpath=(${(q)fdir} \$fpath); autoload -U compinit; compinit -u -D"
zpty -w z "zstyle ':completion:*' insert-tab false"
zpty -w z "bindkey '^I' complete-word"
# Spaces, not tabs: a tab typed into zsh's line editor completes.
zpty -w z 'compadd () {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then
    builtin compadd "$@"
    return
  fi
  local -a __hits
  local __h
  builtin compadd -O __hits "$@"
  for __h in "${__hits[@]}"; do
    print -r -- "<match>$IPREFIX$__h"
  done
  builtin compadd "$@"
}'
zpty -w z 'comppostfuncs=(__done); __done () { print -r -- "<""end>"; exit }'
# Quoted so that the echo of the line typed is not the mark.
zpty -w z 'print -r -- "<""ready>"'
zpty -r z out '*<ready>*' || exit 1
zpty -n -w z "$line"$'\t'
zpty -r z out '*<end>*' || exit 1
for l in "${(@f)${out//$'\r'/}}"; do
	# The first may follow the echo of the line typed.
	[[ $l == *'<match>'* ]] && print -r -- "${l#*<match>}"
done
zpty -d z
