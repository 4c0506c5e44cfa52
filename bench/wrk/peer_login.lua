-- wrk: a password login at the oidc-provider peer (bench/peers/oidc-provider, POST /login), with BENCH_USER and
-- BENCH_PASSWORD from the environment, set by bench/run-peer-bench.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = string.format('{"username":"%s","password":"%s"}', os.getenv("BENCH_USER"), os.getenv("BENCH_PASSWORD"))
