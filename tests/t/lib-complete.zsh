#!/bin/zsh -f
# lib-complete.zsh FPATH_DIR DUMP LINE...: what zsh's completion offers
# when each LINE is typed at an interactive zsh and Tab pressed: a line
# "LINE<TAB>MATCH" for each match, "LINE<TAB>" when there is none.
#
# An interactive `zsh -f -i` runs on a pseudo-terminal (zsh/zpty) with
# compinit and the completion functions of FPATH_DIR before zsh's own
# (only the generic ones: Base, Unix, Zsh), its dump in the file DUMP
# (the first run makes it, in seconds; the others read it); compadd is wrapped
# to print each match it adds (after zsh's own matching against the
# word), a function run after completion prints an end mark, and ^U
# clears the line for the next. Exit 2 when zsh/zpty is missing.
zmodload zsh/zpty 2>/dev/null || exit 2
fdir=$1
dump=$2
shift 2

zpty z zsh -f -i
zpty -w z "PS1='' PROMPT='' RPS1='' PS2=''"
zpty -w z "fpath=(${(q)fdir} \${(M)fpath:#*/Completion(|/Base|/Unix|/Zsh)})"
zpty -w z "autoload -U compinit; compinit -u -d ${(q)dump}"
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
zpty -w z '__done () { print -r -- "<""end>" }'
# Quoted so that the echo of the line typed is not the mark.
zpty -w z 'print -r -- "<""ready>"'
zpty -r z out '*<ready>*' || exit 1
for line; do
	# comppostfuncs is emptied after each completion.
	zpty -w z 'comppostfuncs=(__done)'
	zpty -n -w z "$line"$'\t'
	zpty -r z out '*<end>*' || exit 1
	print -r -- "$line"$'\t'
	for l in "${(@f)${out//$'\r'/}}"; do
		# The first may follow the echo of the line typed.
		[[ $l == *'<match>'* ]] && print -r -- "$line"$'\t'"${l#*<match>}"
	done
	zpty -n -w z $'\x15'
done
zpty -d z
