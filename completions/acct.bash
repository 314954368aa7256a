# bash completion for acct: no lists here, the binary is asked
# (acct --list-cmds, acct <command> --complete-opts, acct client list --names).
_acct()
{
	local cur=${COMP_WORDS[COMP_CWORD]} i cmd="" verb="" pre=()

	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-C) pre+=(-C "${COMP_WORDS[i+1]}"); ((i++)) ;;
		-*) ;;
		*) if [[ -z $cmd ]]; then cmd=${COMP_WORDS[i]}
		   elif [[ -z $verb ]]; then verb=${COMP_WORDS[i]}; fi ;;
		esac
	done
	if [[ -z $cmd ]]; then
		COMPREPLY=($(compgen -W "$(acct --list-cmds 2>/dev/null)" -- "$cur"))
		return
	fi
	if [[ $cmd == client && -z $verb ]]; then
		COMPREPLY=($(compgen -W "$(acct client --complete-opts 2>/dev/null)" -- "$cur"))
		return
	fi
	# an option that names a file to write: file names
	case ${COMP_WORDS[COMP_CWORD-1]} in
	-o|--output) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(acct "${pre[@]}" $cmd $verb --complete-opts 2>/dev/null)" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -W "$(acct "${pre[@]}" client list --names 2>/dev/null)" -- "$cur"))
}
complete -F _acct acct
