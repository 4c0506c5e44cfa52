-- wrk: GET /api/v1/me/contributions with a valid bearer token (BENCH_TOKEN), set by bench/run-records-bench.
wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
if os.getenv("BENCH_GZIP") == "1" then wrk.headers["Accept-Encoding"] = "gzip" end
