# shellcheck shell=bash disable=SC2154  # root and build_dir are the sourcing script's
# What the USSD benchmarks share (sourced, after they define `log`, `die`, `root` and
# `build_dir`): the Debian packages they lack, and the Release server they measure.

# apt-get install of the packages named, as root or through sudo; nothing when none is named.
install_packages() {
  (($#)) || return 0
  log "installing $*"
  local sudo_cmd=()
  ((EUID == 0)) || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get install -y "$@" >&2
}

# Builds lapor1708 (Release, no tests) in $build_dir unless BENCH_SKIP_BUILD=1, and dies when
# there is no binary there afterwards.
build_release_server() {
  if [[ ${BENCH_SKIP_BUILD:-0} != 1 ]]; then
    log "building Release in $build_dir"
    cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DLAPOR_TESTS=OFF >/dev/null
    cmake --build "$build_dir" -j"$(nproc)" >/dev/null
  fi
  [[ -x $build_dir/lapor1708 ]] || die "no binary at $build_dir/lapor1708"
}
