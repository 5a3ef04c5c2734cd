# Sourced by scripts/setup.sh, packaging/build.sh and packaging/smoke.sh:
#   apt_install TAG PACKAGE...
# installs the Debian packages that are missing, when we are root or have password-less sudo;
# otherwise prints the apt-get line to run (prefixed with TAG) and returns 1. No dpkg: nothing.
apt_install() {
  local tag=$1 missing=() p
  shift
  command -v dpkg-query >/dev/null 2>&1 || return 0
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if [ -n "$sudo" ] && ! sudo -n true 2>/dev/null; then
    echo "$tag: please install: sudo apt-get install ${missing[*]}" >&2
    return 1
  fi
  echo "$tag: installing system packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
