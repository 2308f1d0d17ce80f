# Sourced by the shell tests: free_port prints a loopback TCP port nobody listens on now (another
# process may still take it before it is bound: callers that can, retry on another).
#
# The port is drawn below the kernel's ephemeral range (ip_local_port_range, 32768 by default):
# while the other tests run, thousands of client sockets take ports from that range, and a port
# found free there could be some connection's local port by the time Redis binds it.
free_port() {
  local p low=32768
  read -r low _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || true
  ((low > 12000)) || low=32768
  while :; do
    p=$((10000 + RANDOM % (low - 10000)))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}
