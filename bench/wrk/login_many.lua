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
