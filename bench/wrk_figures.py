"""wrk runs read as figures, for the bench scripts: requests a second, p50 and p99 in milliseconds, non-2xx."""
import re
import subprocess


def command(script, url, connections, seconds, threads=2):
    line = ["wrk", "-t%d" % threads, "-c%d" % connections, "-d%ds" % seconds, "--latency"]
    return line + (["-s", script] if script else []) + [url]


def figures(out):
    """The figures of one wrk run's output."""
    def millis(label):
        value, unit = re.search(r"^\s+%s\s+([\d.]+)(us|ms|s)\s*$" % re.escape(label), out, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    statuses = re.search(r"^statuses:(.*)$", out, re.M)  # from a script that counts them (login_many.lua)
    return {"per_second": rate, "p50_ms": millis("50%"), "p99_ms": millis("99%"),
            "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
            "socket_errors": sum(int(n) for n in errors.groups()) if errors else 0,
            "statuses": dict(pair.split("=") for pair in statuses.group(1).split()) if statuses else {}}


def wrk(script, url, connections, seconds, env, threads=2):
    out = subprocess.run(command(script, url, connections, seconds, threads), check=True, text=True,
                         capture_output=True, env=env).stdout
    return figures(out)
