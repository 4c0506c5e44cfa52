-- wrk: citizen logins spread over many people (issue 13): each request logs in a codice fiscale drawn at random
-- from BENCH_CF_FILE (one per line) with BENCH_PIN, so the database's indexes are read all over, not one hot row.
local codes = {}
for line in io.lines(os.getenv("BENCH_CF_FILE")) do codes[#codes + 1] = line end
local pin = os.getenv("BENCH_PIN")
local headers = {["Content-Type"] = "application/json"}

function init(args)
  -- each thread draws its own sequence
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16))
end

function request()
  local body = string.format('{"codice_fiscale":"%s","pin":"%s"}', codes[math.random(#codes)], pin)
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
local threads = {}
function setup(thread)
  threads[#threads + 1] = thread
end
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
