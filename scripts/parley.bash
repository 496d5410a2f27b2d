# bash completion for parley(1).
# Installed as share/bash-completion/completions/parley; to try it from the
# source tree: `source scripts/parley.bash`.
#
# Commands and each command's options are read from `parley --help` and
# `parley CMD --help` when TAB is pressed, so a new command or option
# completes without a change here. Completes: commands; long options; the
# values of --format (the formats a command's --help names), --db (*.db
# files), -o/--output and --lexicon (files), --reader, --type, --lang and any
# option whose --help writes its values as a|b|c (--view, --layout ...);
# export's FORMAT; alias's add/list/why; FILE arguments of ingest, extract,
# read, load and merge-db. Works with or without the bash-completion package.

# The binary as typed (./build/parley works too), else the one on PATH.
_parley_bin() {
  local b=${COMP_WORDS[0]}
  b=${b/#\~/$HOME}
  if [[ $b == */* && -x $b ]]; then
    printf '%s' "$b"
  else
    printf '%s' parley
  fi
}

# Commands: the first word of each line of the help's "Commands:" block.
_parley_commands() {
  "$(_parley_bin)" --help 2>/dev/null |
    awk '/^Commands:/ {f = 1; next} f && /^$/ {exit} f {print $1}'
}

# The option-table lines of `parley CMD --help`.
_parley_option_lines() {
  "$(_parley_bin)" "$1" --help 2>/dev/null |
    grep -E '^ +(-[A-Za-z0-9], +)?--[a-z]'
}

# Long options of command $1.
_parley_options() {
  _parley_option_lines "$1" | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u
}

# Whether option $2 of command $1 takes a value: its help line names one
# (e.g. "--db FILE", "-f, --format F", "--view events|actors").
_parley_takes_value() {
  local cmd=$1 opt=$2 line
  if [[ $opt == --* ]]; then
    line=$(_parley_option_lines "$cmd" | grep -E -- "(^|[ ,])$opt( |=|\$)" | head -n1)
    [[ $line =~ $opt[[:space:]=]+[^[:space:]-] && ! $line =~ $opt[[:space:]]{2,} ]]
  else
    line=$(_parley_option_lines "$cmd" | grep -E -- "^ +$opt, +--" | head -n1)
    [[ $line =~ --[a-z0-9-]+[[:space:]=][^[:space:]] && ! $line =~ --[a-z0-9-]+[[:space:]]{2,} ]]
  fi
}

# The values of option $2 of command $1, when its help writes them a|b|c.
_parley_bar_values() {
  _parley_option_lines "$1" |
    grep -oE -- "$2[ =][a-z0-9]+(\|[a-z0-9]+)+" | head -n1 |
    sed -e "s/^$2[ =]//" | tr '|' ' '
}

# The values of --format for command $1: the known format names said on
# its --format line (and the line after, when it goes on).
_parley_formats() {
  local v
  v=$(_parley_bar_values "$1" --format)
  if [[ -n $v ]]; then
    printf '%s\n' "$v"
    return
  fi
  "$(_parley_bin)" "$1" --help 2>/dev/null |
    awk '/--format/ {print; getline; if ($0 ~ /^      +[a-z]/) print; exit}' |
    sed 's/.*--format//' |
    grep -oE '\b(table|json|jsonl|csv|html|svg)\b' | awk '!seen[$0]++'
}

# export's FORMAT: the first word of each line of its "Formats:" block.
_parley_export_formats() {
  "$(_parley_bin)" export --help 2>/dev/null |
    awk '/^Formats:/ {f = 1; next} f && /^$/ {exit} f {print $1}'
}

_parley_files() { # $1: an extension (without the dot) or empty for any file
  local IFS=$'\n' x
  if declare -F _filedir >/dev/null; then
    if [[ -n $1 ]]; then _filedir "$1"; else _filedir; fi
    return
  fi
  if [[ -n $1 ]]; then
    for x in $(compgen -d -- "$cur"); do COMPREPLY+=("$x/"); done
    for x in $(compgen -f -X "!*.$1" -- "$cur"); do
      [[ -d $x ]] || COMPREPLY+=("$x")
    done
  else
    for x in $(compgen -f -- "$cur"); do
      if [[ -d $x ]]; then COMPREPLY+=("$x/"); else COMPREPLY+=("$x"); fi
    done
  fi
  compopt -o nospace 2>/dev/null
  if [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} != */ ]]; then
    compopt +o nospace 2>/dev/null
  fi
}

# The values of option $opt of command $cmd (cur is the word being typed).
_parley_values() {
  local cmd=$1 opt=$2 vals=
  case $opt in
    --db) _parley_files db; return ;;
    -o | --output | --lexicon) _parley_files ""; return ;;
    -f | --format) vals=$(_parley_formats "$cmd") ;;
    -r | --reader) vals="auto text html feed jsonl" ;;
    -l | --lang)
      vals=$(_parley_bar_values "$cmd" --lang)
      [[ -n $vals ]] || vals="ar en"
      [[ $cmd == dates ]] && vals="ar en auto" ;;
    -t | --type)
      case $cmd in
        timeline) vals="meeting proposal delegation role" ;;
        actors) vals="person state organization group media place" ;;
        export) vals="meeting proposal person state organization group media place" ;;
      esac ;;
    -e | --encoding) vals="UTF-8 windows-1256 ISO-8859-6 UTF-16" ;;
    --*) vals=$(_parley_bar_values "$cmd" "$opt") ;;
  esac
  COMPREPLY=($(compgen -W "$vals" -- "$cur"))
}

_parley() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
  local cmd="" i w nargs=0
  COMPREPLY=()

  # The command, and how many arguments (not options or their values)
  # come after it before the word being completed.
  for ((i = 1; i < COMP_CWORD; i++)); do
    w=${COMP_WORDS[i]}
    if [[ -z $cmd ]]; then
      [[ $w == -* ]] || cmd=$w
      continue
    fi
    if [[ $w == -* ]]; then
      [[ $w != *=* ]] && _parley_takes_value "$cmd" "$w" && ((i++))
      continue
    fi
    ((nargs++))
  done

  if [[ -z $cmd ]]; then
    if [[ $cur == -* ]]; then
      COMPREPLY=($(compgen -W "--help --version" -- "$cur"))
    else
      COMPREPLY=($(compgen -W "$(_parley_commands)" -- "$cur"))
    fi
    return 0
  fi

  # --opt=value
  if [[ $cur == --*=* ]]; then
    local opt=${cur%%=*}
    cur=${cur#*=}
    _parley_values "$cmd" "$opt"
    return 0
  fi
  # The value of the option before.
  if [[ $prev == -* && $COMP_CWORD -gt 2 ]] && _parley_takes_value "$cmd" "$prev"; then
    _parley_values "$cmd" "$prev"
    return 0
  fi
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(_parley_options "$cmd")" -- "$cur"))
    return 0
  fi

  case $cmd in
    ingest | extract | read | load) _parley_files "" ;;
    merge-db) _parley_files db ;;
    export)
      [[ $nargs -eq 0 ]] &&
        COMPREPLY=($(compgen -W "$(_parley_export_formats)" -- "$cur")) ;;
    report) ;;
    alias)
      [[ $nargs -eq 0 ]] && COMPREPLY=($(compgen -W "add list why" -- "$cur")) ;;
    dates)
      [[ $nargs -eq 0 ]] && COMPREPLY=($(compgen -W "-" -- "$cur")) ;;
  esac
  return 0
}

complete -F _parley parley
