# Sourced by the shell tests: free_port prints a loopback TCP port nobody listens on now (another
# process may still take it before it is bound: callers that can, retry on another).
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}
