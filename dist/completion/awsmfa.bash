# bash completion for awsmfa                                    -*- shell-script -*-
#
# Install: source this file from ~/.bashrc, or copy it to
# ~/.local/share/bash-completion/completions/awsmfa (bash-completion 2.x loads it on demand).
#
# Profile names, MFA serials and role ARNs are read from the AWS files with awk alone:
# completion never starts Java, so it is instant.

# ---- the flags: keep these lists in step with `awsmfa --help` -----------------------------------
# Flags of the refresh (the default command).
_awsmfa_refresh_flags='--serial-number --token-code --mfa-process --duration-seconds --profile
  --mfa-profile-name --min-remaining --force --role-arn --role-session-name --external-id --output
  --no-write --region --endpoint-url --cli-connect-timeout --cli-read-timeout --quiet --debug
  --help -h --version'
# Flags of `awsmfa status`.
_awsmfa_status_flags='--mfa-profile-name --all --warn-within --output --quiet --debug --help
  -h --version'
# Flags of `awsmfa export`.
_awsmfa_export_flags='--mfa-profile-name --format --debug --help -h --version'
# Flags of `awsmfa exec`, before the -- that ends them.
_awsmfa_exec_flags='--mfa-profile-name --debug --help -h --version'
# Flags of `awsmfa rotate`.
_awsmfa_rotate_flags='--profile --deactivate-old --mfa-profile-name --serial-number --token-code
  --mfa-process --quiet --debug --help -h --version'
# Values of `awsmfa export --format`.
_awsmfa_formats='env env-no-export fish powershell windows-cmd process json'
# Flags, of any command, that take a value (as `--flag value` or `--flag=value`).
_awsmfa_value_flags='--serial-number --token-code --mfa-process --duration-seconds --profile
  --mfa-profile-name --min-remaining --role-arn --role-session-name --external-id --output --region
  --endpoint-url --cli-connect-timeout --cli-read-timeout --warn-within --format'
# Values suggested for some of them.
_awsmfa_durations='3600 43200 129600'
_awsmfa_lead_times='1h 2h 4h'
_awsmfa_regions='us-east-1 us-east-2 us-west-1 us-west-2 ca-central-1 eu-west-1 eu-west-2
  eu-central-1 eu-north-1 ap-northeast-1 ap-northeast-2 ap-southeast-1 ap-southeast-2
  ap-south-1 sa-east-1'
# ------------------------------------------------------------------------------------------------

# The files, as awsmfa and the AWS CLI find them.
_awsmfa_credentials_file() {
  local f=${AWS_SHARED_CREDENTIALS_FILE:-$HOME/.aws/credentials}
  printf '%s\n' "${f/#\~\//$HOME/}"
}

_awsmfa_config_file() {
  local f=${AWS_CONFIG_FILE:-$HOME/.aws/config}
  printf '%s\n' "${f/#\~\//$HOME/}"
}

# Every profile name, one a line, each once: [name] in the credentials file; [default] and
# [profile name] (or [profile "a name"]) in the config file. [DEFAULT], [sso-session x],
# [services x] and the like are not profiles.
_awsmfa_profiles() {
  local credentials config
  credentials=$(_awsmfa_credentials_file)
  config=$(_awsmfa_config_file)
  {
    if [[ -r $credentials ]]; then
      awk '
        { sub(/\r$/, ""); sub(/^[ \t]+/, ""); sub(/[ \t]+$/, "") }
        /^\[.*\]/ {
          name = $0; sub(/^\[/, "", name); sub(/\][^]]*$/, "", name)
          gsub(/^[ \t]+|[ \t]+$/, "", name)
          if (name != "" && name != "DEFAULT") print name
        }' "$credentials"
    fi
    if [[ -r $config ]]; then
      awk '
        { sub(/\r$/, ""); sub(/^[ \t]+/, ""); sub(/[ \t]+$/, "") }
        /^\[.*\]/ {
          name = $0; sub(/^\[/, "", name); sub(/\][^]]*$/, "", name)
          gsub(/^[ \t]+|[ \t]+$/, "", name)
          if (name == "default") { print name; next }
          if (name !~ /^profile[ \t]/) next
          sub(/^profile[ \t]+/, "", name)
          if (name ~ /^".*"$/) {
            name = substr(name, 2, length(name) - 2); gsub(/\\"/, "\"", name); gsub(/\\\\/, "\\", name)
          } else if (name ~ /^\047.*\047$/) {
            name = substr(name, 2, length(name) - 2)
          } else if (name ~ /[ \t]/) {
            next
          }
          if (name != "") print name
        }' "$config"
    fi
  } | awk '!seen[$0]++'
}

# Every value of KEY (mfa_serial, role_arn) in the config file, one a line, each once.
_awsmfa_config_values() { # KEY
  local config
  config=$(_awsmfa_config_file)
  [[ -r $config ]] || return 0
  awk -v key="$1" '
    { sub(/\r$/, ""); line = $0; sub(/^[ \t]+/, "", line) }
    index(line, key) == 1 {
      v = substr(line, length(key) + 1)
      if (v !~ /^[ \t]*=/) next
      sub(/^[ \t]*=[ \t]*/, "", v); sub(/[ \t]+$/, "", v)
      if (v != "" && !seen[v]++) print v
    }' "$config"
}

# Appends to the array candidates each word of LIST that starts with PREFIX (bash 3.2 has no
# mapfile).
_awsmfa_add() { # LIST PREFIX
  local word
  while IFS= read -r word; do
    [[ -n $word ]] && candidates+=("$word")
  done < <(compgen -W "$1" -- "$2")
}

_awsmfa_in() { # WORD LIST: whether WORD is one of the blank-separated words of LIST
  local list=" ${2//[[:space:]]/ } "
  [[ $list == *" $1 "* ]]
}

_awsmfa() {
  COMPREPLY=()
  local wordbreaks=${COMP_WORDBREAKS-$' \t\n"\'><=;|&(:'}

  # Glue back together what COMP_WORDBREAKS split: `--profile=de` and `arn:aws:iam::1:mfa/x` are
  # one word each for awsmfa. A piece joins the one before it unless blanks stand between them.
  local -a words=()
  local line=${COMP_LINE-${COMP_WORDS[*]}} i piece rest cword=0
  [[ -n ${COMP_LINE-} && -n ${COMP_POINT-} ]] && line=${COMP_LINE:0:COMP_POINT}
  for ((i = 0; i <= COMP_CWORD && i < ${#COMP_WORDS[@]}; i++)); do
    piece=${COMP_WORDS[i]}
    rest=${line#"${line%%[![:space:]]*}"}
    # Only the text up to the cursor counts.
    [[ $rest == "$piece"* ]] || piece=$rest
    if ((i == 0)); then
      words[0]=$piece
    elif [[ $rest == "$line" ]]; then
      words[cword]+=$piece
    else
      cword=$((cword + 1))
      words[cword]=$piece
    fi
    line=${rest#"$piece"}
  done
  local cur=${words[cword]-}

  # Which command, and whether the current word is a flag's value. After --, no more flags.
  local command=refresh positional=0 expect_value=0 options_end=0 w
  for ((i = 1; i < cword; i++)); do
    w=${words[i]}
    if ((expect_value)); then
      expect_value=0
    elif ((!options_end)) && [[ $w == -- ]]; then
      options_end=1
    elif ((!options_end)) && [[ $w == -?* ]]; then
      [[ $w != *=* ]] && _awsmfa_in "$w" "$_awsmfa_value_flags" && expect_value=1
    else
      ((positional == 0)) && [[ $w == status || $w == export || $w == exec || $w == rotate ]] &&
        command=$w
      positional=$((positional + 1))
    fi
  done

  # What is being completed: a flag's value (flag set), or a flag or word (flag empty).
  local flag='' value=$cur prefix=''
  if ((expect_value)); then
    flag=${words[cword - 1]}
  elif ((!options_end)) && [[ $cur == --*=* ]]; then
    flag=${cur%%=*}
    value=${cur#*=}
    prefix=$flag=
  fi

  local -a candidates=()
  local quoted=''
  if [[ $value == [\"\']* ]]; then
    quoted=${value:0:1}
    value=${value:1}
  fi
  local unquoted=${value//\\/}

  if [[ -n $flag ]]; then
    local list=''
    case $flag in
      --profile | --mfa-profile-name)
        local name
        while IFS= read -r name; do
          [[ $name == "$unquoted"* ]] || continue
          if [[ -n $quoted ]]; then
            candidates+=("$name")
          else
            candidates+=("$(printf '%q' "$name")")
          fi
        done < <(_awsmfa_profiles)
        ;;
      --serial-number | --role-arn)
        local key=mfa_serial arn
        [[ $flag == --role-arn ]] && key=role_arn
        while IFS= read -r arn; do
          [[ $arn == "$unquoted"* ]] && candidates+=("$arn")
        done < <(_awsmfa_config_values "$key")
        ;;
      --output)
        if [[ $command == status ]]; then list=json; else list='json env'; fi
        ;;
      --format) list=$_awsmfa_formats ;;
      --duration-seconds) list=$_awsmfa_durations ;;
      --min-remaining | --warn-within) list=$_awsmfa_lead_times ;;
      --region) list=$_awsmfa_regions ;;
      *) return 0 ;; # a code, a command, a name, an id, a URL or a timeout: nothing to offer
    esac
    if [[ -n $list ]]; then
      _awsmfa_add "$list" "$unquoted"
    fi
  else
    local flags=$_awsmfa_refresh_flags
    [[ $command == status ]] && flags=$_awsmfa_status_flags
    [[ $command == export ]] && flags=$_awsmfa_export_flags
    [[ $command == exec ]] && flags=$_awsmfa_exec_flags
    [[ $command == rotate ]] && flags=$_awsmfa_rotate_flags
    if ((options_end)); then
      # exec's command: a program's name first; a token code otherwise, with nothing to offer.
      if [[ $command == exec && ${words[cword - 1]} == -- ]]; then
        local name # read as they are: compgen -W would expand a name such as $(...)
        while IFS= read -r name; do
          candidates+=("$name")
        done < <(compgen -c -- "$cur")
      fi
    elif [[ $cur == -* ]]; then
      _awsmfa_add "$flags" "$cur"
    elif [[ -z $cur ]]; then
      ((positional == 0)) && candidates+=(status export exec rotate help)
      _awsmfa_add "$flags" ''
    elif ((positional == 0)); then
      _awsmfa_add 'status export exec rotate help' "$cur"
    fi
    # A token code: nothing to offer.
  fi

  # Readline replaces only the text after the last word-break character (such as = or :) of the
  # word that is not escaped with a backslash, or after an opening quote; so each reply starts
  # there too.
  local whole=$prefix$quoted$value head
  if [[ -n $quoted ]]; then
    head=$prefix$quoted
  else
    local masked=${whole//\\?/__}
    local tail=${masked##*["$wordbreaks"]}
    head=${whole:0:${#whole}-${#tail}}
  fi
  local c
  for c in "${candidates[@]}"; do
    c=$prefix$quoted$c
    COMPREPLY+=("${c#"$head"}")
  done
  return 0
}

complete -F _awsmfa awsmfa
