# fish completion for acct. It keeps no lists: the binary is asked, as the
# bash completion (completions/acct.bash) says:
#
#   acct --list-cmds, acct --complete-opts (the global options)
#   acct <command> [<verb>...] [<args>] --complete-opts: the options,
#       then the verbs and the kind of the next operand (<client>, <id>,
#       <file>, <command>, <dir>) as the command's usage says
#   acct client list --names, acct todo --ids, acct report --templates,
#   acct --list-periods, acct sync --remotes: the values
#
# The book is the one acct would use: -C <dir> on the line, else
# $ACCT_DIR, else the current folder. Errors are never shown.

# __acct_ask ARGS...: what acct prints, its errors dropped; in English,
# the language of the usage lines --complete-opts reads.
function __acct_ask
    LC_ALL=C.UTF-8 LANGUAGE= command acct $argv 2>/dev/null
end

# __acct_value OPTION PREFIX CUR [-C DIR]: the values of OPTION, each
# after PREFIX ("--period=" when typed in one word).
function __acct_value
    set -l prefix $argv[2]
    set -l cur $argv[3]
    set -l book $argv[4..-1]
    set -l vals
    switch $argv[1]
        case -F --file -o --output
            __fish_complete_path $cur
            return
        case --period
            set vals (__acct_ask --list-periods)
        case --template
            set vals (__acct_ask $book report --templates)
        case --remote
            set vals (__acct_ask $book sync --remotes)
        case --client
            set vals (__acct_ask $book client list --names)
        case '*'
            return
    end
    for v in $vals
        echo $prefix$v
    end
end

function __acct_complete
    set -l tokens (commandline -opc)
    set -l cur (commandline -ct)
    set -e tokens[1]
    set -l book
    set -l cmd
    set -l args
    set -l prev
    set -q tokens[-1]; and set prev $tokens[-1]
    while set -q tokens[1]
        set -l w $tokens[1]
        set -e tokens[1]
        if test -z "$cmd"
            switch $w
                case -C
                    set book -C $tokens[1]
                    set -e tokens[1]
                case '-*'
                case '*'
                    set cmd $w
            end
        else if test "$w" = --
            __fish_complete_path $cur
            return
        else
            set -a args $w
        end
    end

    if test -z "$cmd"
        if test "$prev" = -C
            __fish_complete_directories $cur
        else if string match -q -- '-*' $cur
            string replace -- -C= -C (string split ' ' -- (__acct_ask --complete-opts))
        else
            __acct_ask --list-cmds
        end
        return
    end

    # "--period=la", or "--period la": the value of an option.
    if string match -q -r -- '^--[^=]+=' $cur
        set -l opt (string replace -r -- '=.*' '' $cur)
        __acct_value $opt $opt= (string replace -r -- '^[^=]*=' '' $cur) $book
        return
    end
    if string match -q -- '-*' $prev
        # The option goes last in args, where acct would take
        # --complete-opts for its value: ask without it.
        set -l before
        test (count $args) -gt 1; and set before $args[1..-2]
        set -l next (string split ' ' -- (__acct_ask $cmd $before --complete-opts))
        if contains -- $prev= $next; or contains -- $prev -F -o -n
            __acct_value $prev '' $cur $book
            return
        end
    end

    # What may come next: options, verbs, the kind of the next operand.
    set -l next (string split ' ' -- (__acct_ask $cmd $args --complete-opts))
    if string match -q -- '-*' $cur
        for w in $next
            switch $w
                case '--*'
                    echo $w
                case '-?='
                    string replace -- = '' $w
                case '-*'
                    echo $w
            end
        end
        return
    end
    for w in $next
        switch $w
            case '-*'
            case '<client>'
                __acct_ask $book client list --names
            case '<id>'
                # The open items, which todo done ticks (not reopen's).
                test "$args[1]" = reopen
                or __acct_ask $book todo --ids
            case '<command>'
                __acct_ask --list-cmds
            case '<dir>'
                __fish_complete_directories $cur
            case '<file>' '<base>' '<ours>' '<theirs>' '<path>'
                __fish_complete_path $cur
            case '<*'
            case '*'
                echo $w
        end
    end
end

complete -c acct -f -a '(__acct_complete)'
