-- wrk: GET /api/v1/me with a valid bearer token (BENCH_TOKEN), set by bench/run-http-bench.
wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
