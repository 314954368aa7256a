# bash completion for acct. It keeps no lists: the binary is asked.
#
#   acct --list-cmds                   the commands
#   acct <command> [<verb>...] [<args>] --complete-opts
#                                      the options; then what may come next
#                                      as the command's usage says: verbs
#                                      ("import") and the kind of the next
#                                      operand ("<client>", "<id>", "<file>")
#   acct client list --names           client slugs       (<client>, --client)
#   acct todo --ids                    open action items  (<id>: todo done)
#   acct report --templates            template names     (--template)
#   acct --list-periods                periods            (--period)
#   acct sync --remotes                git remotes        (--remote)
#
# The book is the one acct would use: -C <dir> on the line, else $ACCT_DIR,
# else the current folder. Errors (outside a book) are never shown.

# _acct_ask ARGS...: what acct prints, its errors dropped; in English,
# the language of the usage lines --complete-opts reads.
_acct_ask()
{
	LC_ALL=C.UTF-8 LANGUAGE= command acct "$@" 2>/dev/null
}

# _acct_values OPTION: the values of OPTION, a word a line; status 1 when
# acct has nothing to offer for it (file names then, if it names a file).
_acct_values()
{
	case $1 in
	--period) _acct_ask --list-periods ;;
	--template) _acct_ask "${_acct_book[@]}" report --templates ;;
	--remote) _acct_ask "${_acct_book[@]}" sync --remotes ;;
	--client) _acct_ask "${_acct_book[@]}" client list --names ;;
	*) return 1 ;;
	esac
}

_acct()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev="" i w cmd="" opt="" pre="" words
	local -a args=() _acct_book=() reply=()

	# "--period=la": bash splits it at '=' (COMP_WORDBREAKS); where '='
	# is not a break, the word is whole and its matches keep "--period=".
	if ((COMP_CWORD >= 2)) && [[ $cur == = ]]; then
		opt=${COMP_WORDS[COMP_CWORD-1]} cur=""
	elif ((COMP_CWORD >= 3)) && [[ ${COMP_WORDS[COMP_CWORD-1]} == = ]]; then
		opt=${COMP_WORDS[COMP_CWORD-2]}
	elif [[ $cur == --*=* ]]; then
		opt=${cur%%=*} pre=${cur%%=*}= cur=${cur#*=}
	elif ((COMP_CWORD >= 2)); then
		prev=${COMP_WORDS[COMP_CWORD-1]}
	fi

	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [[ -z $cmd ]]; then
			case $w in
			-C) _acct_book=(-C "${COMP_WORDS[i+1]}"); ((i++)) ;;
			-*) ;;
			*) cmd=$w ;;
			esac
		elif [[ $w == -- ]]; then
			COMPREPLY=($(compgen -f -- "$cur"))
			return
		else
			args+=("$w")
		fi
	done
	# An option=value split by bash comes back whole for acct.
	for ((i = ${#args[@]} - 1; i > 0; i--)); do
		if [[ ${args[i]} == = ]]; then
			args[i-1]+="=${args[i+1]}"
			unset 'args[i]' 'args[i+1]'
			args=("${args[@]}")
		fi
	done

	if [[ -z $cmd ]]; then
		if [[ $prev == -C ]]; then
			COMPREPLY=($(compgen -d -- "$cur"))
		elif [[ $cur == -* ]]; then
			words=$(_acct_ask --complete-opts)
			COMPREPLY=($(compgen -W "${words//-C=/-C}" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$(_acct_ask --list-cmds)" -- "$cur"))
		fi
		return
	fi

	# The value of an option ("--period <Tab>"): the option goes last in
	# args, where acct would take --complete-opts for its value.
	if [[ -z $opt && $prev == -* ]]; then
		words=$(_acct_ask "$cmd" "${args[@]:0:${#args[@]}-1}" --complete-opts)
		case " $words " in
		*" $prev= "*) opt=$prev ;;
		esac
		case $prev in
		-F|-o|-n) opt=$prev ;;
		esac
	fi
	if [[ -n $opt ]]; then
		case $opt in
		-F|--file|-o|--output) COMPREPLY=($(compgen -f -- "$cur")) ;;
		*) COMPREPLY=($(compgen -W "$(_acct_values "$opt")" -- "$cur")) ;;
		esac
		[[ -z $pre ]] || COMPREPLY=("${COMPREPLY[@]/#/$pre}")
		return
	fi

	# What may come next: options, verbs, the kind of the next operand.
	words=$(_acct_ask "$cmd" "${args[@]}" --complete-opts)
	if [[ $cur == -* ]]; then
		reply=()
		for w in $words; do
			case $w in
			--*) reply+=("$w") ;;
			-?=) reply+=("${w%=}") ;;
			-*) reply+=("$w") ;;
			esac
		done
		COMPREPLY=($(compgen -W "${reply[*]}" -- "$cur"))
		# "--period=": the value follows, no space.
		if [[ ${#COMPREPLY[@]} == 1 && ${COMPREPLY[0]} == *= ]]; then
			compopt -o nospace 2>/dev/null || :
		fi
		return
	fi
	reply=()
	for w in $words; do
		case $w in
		-*) ;;
		'<client>') reply+=($(_acct_ask "${_acct_book[@]}" client list --names)) ;;
		'<id>')
			# The open items, which todo done ticks (not reopen's).
			[[ ${args[0]} == reopen ]] ||
				reply+=($(_acct_ask "${_acct_book[@]}" todo --ids | cut -f1)) ;;
		'<command>') reply+=($(_acct_ask --list-cmds)) ;;
		'<file>'|'<dir>'|'<base>'|'<ours>'|'<theirs>'|'<path>')
			COMPREPLY=($(compgen -f -- "$cur"))
			return ;;
		'<'*) ;;
		*) reply+=("$w") ;;
		esac
	done
	COMPREPLY=($(compgen -W "${reply[*]}" -- "$cur"))
}
complete -F _acct acct
