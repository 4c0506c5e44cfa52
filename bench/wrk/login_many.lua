-- wrk: citizen logins spread over many people (issue 13): each request logs in a codice fiscale from
-- BENCH_CF_FILE (one per line) with BENCH_PIN, so the database's indexes are read all over, not one hot row.
-- Drawn at random; or, with BENCH_START=N, taken in the file's order from line N+1 on, the BENCH_THREADS threads
-- (default 2) interleaved, so that no person comes twice until the file is used up (a wrong PIN blocks its code
-- for a while: a second draw of the same person would be refused without a hash).
local codes = {}
for line in io.lines(os.getenv("BENCH_CF_FILE")) do codes[#codes + 1] = line end
local pin = os.getenv("BENCH_PIN")
local start = tonumber(os.getenv("BENCH_START") or "")
local headers = {["Content-Type"] = "application/json"}

-- Each thread's place, set from wrk's main state before the thread starts (a global of the thread's own state).
-- How many threads there are is given (BENCH_THREADS, wrk's -t): a thread may start before the next is set up.
local thread_count = tonumber(os.getenv("BENCH_THREADS") or "2")
local threads = {}
function setup(thread)
  thread:set("thread_index", #threads)
  threads[#threads + 1] = thread
end

local sent = 0
function init(args)
  -- each thread draws its own sequence
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16))
end

local function next_code()
  if not start then return codes[math.random(#codes)] end
  local line = (start + thread_index + sent * thread_count) % #codes + 1
  sent = sent + 1
  return codes[line]
end

function request()
  local body = string.format('{"codice_fiscale":"%s","pin":"%s"}', next_code(), pin)
  return wrk.format("POST", nil, headers, body)
end

-- BENCH_DELAY_MS, when set, is each connection's pause before its next request: 160 connections pausing 250 ms
-- offer at most 640 logins a second, a flood at a chosen rate rather than as fast as refusals come back.
local pause = tonumber(os.getenv("BENCH_DELAY_MS") or "")
if pause then
  function delay()
    return pause
  end
end

-- Answers by status, printed after the run as "statuses: 201=N 401=N 503=N" (bench/wrk_figures.py reads it).
statuses = {}
function response(status)
  statuses[status] = (statuses[status] or 0) + 1
end
function done()
  local all = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do all[status] = (all[status] or 0) + n end
  end
  local keys = {}
  for status in pairs(all) do keys[#keys + 1] = status end
  table.sort(keys)
  local line = "statuses:"
  for _, status in ipairs(keys) do line = line .. string.format(" %d=%d", status, all[status]) end
  io.write(line .. "\n")
end
