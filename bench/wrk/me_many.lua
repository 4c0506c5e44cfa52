-- wrk: GET /api/v1/me for many people (issue 13): each request carries a bearer token drawn at random from
-- BENCH_TOKEN_FILE (one per line), so the sessions, citizens and credentials read are spread over the tables.
local tokens = {}
for line in io.lines(os.getenv("BENCH_TOKEN_FILE")) do tokens[#tokens + 1] = line end

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16))
end

function request()
  return wrk.format("GET", nil, {["Authorization"] = "Bearer " .. tokens[math.random(#tokens)]})
end
