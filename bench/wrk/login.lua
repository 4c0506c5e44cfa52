-- wrk: citizen login with the right PIN (POST /api/v1/sessions). The code and PIN come from the
-- environment (BENCH_CF, BENCH_PIN), set by bench/run-http-bench.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = string.format('{"codice_fiscale":"%s","pin":"%s"}', os.getenv("BENCH_CF"), os.getenv("BENCH_PIN"))
