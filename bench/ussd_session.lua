-- wrk script: plays complete USSD report sessions (Africa's Talking wire format) against
-- POST /webhooks/africastalking/ussd, step by step, and checks every screen.
--
--   wrk -t64 -c64 -d20s -s bench/ussd_session.lua http://127.0.0.1:8080/webhooks/africastalking/ussd
--   wrk ... -s bench/ussd_session.lua <url> -- checks=off     (for a server that answers a fixed body)
--
-- Arguments after "--" (key=value):
--   checks=full    (default) status 200, "CON"/"END" prefix, and a word of the expected screen
--   checks=prefix  status 200 and "CON"/"END" only
--   checks=off     nothing checked (the nginx ceiling run, whose body never changes)
--   network=51010  networkCode sent
--   shared         allow several connections per thread (answers matched first-in, first-out)
--
-- Why one connection per thread (-t equal to -c): wrk gives a Lua state to each *thread*, and
-- neither request() nor response() says which connection it is for. With one connection per
-- thread, request() and response() strictly alternate, so the thread's state is the
-- connection's state and a session's step N+1 is sent only after step N's answer came back,
-- exactly as a handset would. A request() while this thread's request is still in flight then
-- means its answer was lost (wrk reconnected after a socket error): that session is dropped and
-- counted as lost. With "shared" the script also runs with several connections per thread
-- (answers matched to requests first-in, first-out), but an answer that overtakes another on a
-- different connection is matched to the wrong session, so the step order is no longer
-- guaranteed; done() then prints the count of overlapping requests as a warning.
--
-- Every session has its own sessionId (run salt, thread id, counter) and its own phone number
-- from the +62812... range, so no two sessions share state on the server and no session is
-- offered the "continue where you were" resume screen.

-- The complete report of the default dialog (dialogs/lapor.json, the map of Indonesia from
-- data/wilayah): 8 screens from the dial to the END.
local kInputs = {
  "1",                             -- main menu: Pengaduan
  "1",                             -- category: Kesehatan
  "1",                             -- sub-category: Puskesmas
  "koba",                          -- place: a name, looked up over the whole country
  "1",                             -- places found: Kec. Koba, Bangka Tengah
  "Antrean puskesmas lama sekali", -- details (at least 15 characters)
  "1",                             -- confirm: send as Biasa
}

-- What each step's answer must hold: its prefix and a word of the screen it leads to. A step
-- sent out of order gets another screen (or the previous one with a hint), never this word.
local kExpect = {
  {"CON", "1. Pengaduan"},
  {"CON", "Kategori"},
  {"CON", "Sub-kategori"},
  {"CON", "Di mana"},
  {"CON", "Pilih lokasi"},
  {"CON", "Ceritakan"},
  {"CON", "Kirim sebagai"},
  {"END", "nomor"},
}
local kSteps = #kExpect

-- application/x-www-form-urlencoded, as a telco gateway sends it ('*' stays as is, space is '+').
local function FormEncode(s)
  s = s:gsub("[^%w%-%._%* ]", function(c) return string.format("%%%02X", c:byte()) end)
  return (s:gsub(" ", "+"))
end

-- texts[k] = the cumulative text of step k: "" at dial, then the inputs so far joined by '*'.
local texts = {}
do
  local so_far = {}
  for k = 1, kSteps do
    texts[k] = FormEncode(table.concat(so_far, "*"))
    so_far[#so_far + 1] = kInputs[k]
  end
end

---------------------------------------------------------------------------------------------
-- Main state: number the threads, collect their counters at the end.

local threads = {}
-- One digit that differs between runs, so a rerun against the same Redis gets fresh ids.
local kRunSalt = os.time() % 10

function setup(thread)
  thread:set("tid", #threads + 1)
  thread:set("run_salt", kRunSalt)
  table.insert(threads, thread)
end

---------------------------------------------------------------------------------------------
-- Thread state (one per wrk thread).

tid = 0
run_salt = 0
checks = "full"
steps_ok = 0          -- answers that passed the checks
sessions_ok = 0       -- sessions that reached END with every step right
mismatches = 0        -- answers that failed a check (the session is then abandoned)
lost = 0              -- sessions dropped because their answer never came (strict mode)
overlaps = 0          -- request() called while another request of this thread was in flight
shared = false
verified = false
examples = {}         -- a few mismatches to print

local path, headers, network = nil, nil, "51010"
local counter = 0
-- FIFO queues as {first, last, items}.
local ready = {first = 1, last = 0}
local inflight = {first = 1, last = 0}

local function Push(q, v) q.last = q.last + 1; q[q.last] = v end
local function Pop(q)
  if q.first > q.last then return nil end
  local v = q[q.first]; q[q.first] = nil; q.first = q.first + 1
  return v
end
local function Size(q) return q.last - q.first + 1 end

local function NewSession()
  counter = counter + 1
  local id = string.format("bench-%d-%02d-%d", run_salt, tid, counter)
  -- +62 812 s tt ccccccc: 13 national digits, the E.164 maximum for Indonesia.
  local phone = string.format("+62812%d%02d%07d", run_salt, tid % 100, counter % 10000000)
  return {
    step = 1,
    prefix = "sessionId=" .. FormEncode(id) .. "&serviceCode=" .. FormEncode("*1708#") ..
             "&phoneNumber=" .. FormEncode(phone) .. "&networkCode=" .. network .. "&text=",
  }
end

function init(args)
  for _, a in ipairs(args) do
    local k, v = a:match("^(%w+)=(.*)$")
    if k == "checks" then checks = v
    elseif k == "network" then network = v
    elseif a == "shared" then shared = true
    else error("unknown argument " .. a) end
  end
  path = wrk.path
  if path == nil or path == "" or path == "/" then path = "/webhooks/africastalking/ussd" end
  headers = {["Content-Type"] = "application/x-www-form-urlencoded"}
end

function request()
  -- wrk calls the first thread's request() once before connecting, only to see what it
  -- returns (wrk.c: script_verify_request); that request is never sent.
  if tid == 1 and not verified then
    verified = true
    return wrk.format("POST", path, headers, NewSession().prefix)
  end
  if Size(inflight) > 0 then
    overlaps = overlaps + 1
    if not shared then
      while Pop(inflight) do lost = lost + 1 end
    end
  end
  local s = Pop(ready) or NewSession()
  Push(inflight, s)
  return wrk.format("POST", path, headers, s.prefix .. texts[s.step])
end

local function Check(s, status, body)
  if checks == "off" then return true end
  local want = kExpect[s.step]
  if status ~= 200 or body:sub(1, 3) ~= want[1] then return false end
  if checks == "full" and not body:find(want[2], 4, true) then return false end
  return true
end

function response(status, _, body)
  local s = Pop(inflight)
  if s == nil then return end
  if Check(s, status, body) then
    steps_ok = steps_ok + 1
    if s.step == kSteps then
      sessions_ok = sessions_ok + 1
      return
    end
    s.step = s.step + 1
    Push(ready, s)
  else
    mismatches = mismatches + 1
    if #examples < 3 then
      examples[#examples + 1] = string.format("step %d (text \"%s\"): HTTP %d \"%s\"", s.step,
          texts[s.step], status, ((body or ""):sub(1, 80):gsub("\n", " | ")))
    end
  end
end

---------------------------------------------------------------------------------------------
-- Report (main state).

function done(summary, latency, requests)
  local totals = {steps_ok = 0, sessions_ok = 0, mismatches = 0, overlaps = 0, lost = 0}
  local examples_all = {}
  for _, t in ipairs(threads) do
    for k in pairs(totals) do totals[k] = totals[k] + (t:get(k) or 0) end
    for _, e in ipairs(t:get("examples") or {}) do
      if #examples_all < 5 then examples_all[#examples_all + 1] = e end
    end
  end
  local seconds = summary.duration / 1e6
  local e = summary.errors
  local socket_errors = e.connect + e.read + e.write + e.timeout
  local errors = socket_errors + e.status + totals.mismatches + totals.lost
  local p50 = latency:percentile(50) / 1000
  local p99 = latency:percentile(99) / 1000

  io.write("\n-- USSD sessions -------------------------------------------------\n")
  io.write(string.format("steps/s     %10.0f   (%d answers in %.1f s)\n",
      summary.requests / seconds, summary.requests, seconds))
  io.write(string.format("sessions/s  %10.1f   (%d complete sessions of %d steps)\n",
      totals.sessions_ok / seconds, totals.sessions_ok, kSteps))
  io.write(string.format("latency     p50 %.2f ms   p99 %.2f ms   max %.2f ms\n",
      p50, p99, latency.max / 1000))
  io.write(string.format("errors      %d   (socket %d, HTTP status %d, screen mismatches %d, " ..
      "lost answers %d)\n", errors, socket_errors, e.status, totals.mismatches, totals.lost))
  for _, ex in ipairs(examples_all) do io.write("  mismatch: " .. ex .. "\n") end
  if totals.overlaps > 0 then
    io.write(string.format("WARNING     %d requests overlapped another of the same thread: " ..
        "more connections than threads (or a dropped socket). Step order is only guaranteed " ..
        "with -t equal to -c%s\n", totals.overlaps,
        totals.lost > 0 and "; without 'shared' the overlapped sessions were dropped" or ""))
  end
  -- One line for scripts.
  io.write(string.format("RESULT steps_per_s=%.0f sessions_per_s=%.1f p50_ms=%.2f p99_ms=%.2f " ..
      "errors=%d mismatches=%d lost=%d overlaps=%d requests=%d\n", summary.requests / seconds,
      totals.sessions_ok / seconds, p50, p99, errors, totals.mismatches, totals.lost,
      totals.overlaps, summary.requests))
end
