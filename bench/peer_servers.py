"""What the bench scripts that start servers share (run-peer-bench, run-tls-idle, resting_memory.py): a free
loopback port, a process tree's resident memory, nginx's configuration, and sportello's environment on a fresh work
folder and its start."""
import os
import re
import shutil
import socket
import subprocess
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kib(pids):
    """The resident memory of `pids`, summed (/proc/PID/status)."""
    total = 0
    for pid in pids:
        with open("/proc/%d/status" % pid) as status:
            total += next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
    return total


def with_children(process):
    """`process`'s pid and its children's (nginx's workers)."""
    children = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True, text=True).stdout
    return [process.pid] + [int(p) for p in children.split()]


def start_nginx(work, server_block):
    """nginx (Debian's, installed when missing) with 2 workers and the access log off, serving `server_block`
    (its `%(root)s` is a folder holding a 20-byte index.html and hello.txt); the process."""
    if not shutil.which("nginx"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "nginx-light"], check=True, stdout=subprocess.DEVNULL,
                       env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    root = os.path.join(work, "www")
    os.makedirs(root)
    for name in ("hello.txt", "index.html"):
        with open(os.path.join(root, name), "w") as f:
            f.write("hello from a peer.\n\n")  # 20 bytes
    conf = os.path.join(work, "nginx.conf")
    with open(conf, "w") as f:
        f.write("worker_processes 2;\ndaemon off;\nuser root;\npid %s/nginx.pid;\nerror_log %s/nginx-error.log;\n"
                "worker_rlimit_nofile 65536;\nevents { worker_connections 20000; }\n"
                "http { access_log off; client_body_temp_path %s; proxy_temp_path %s;\n  %s }\n"
                % (work, work, work, work, server_block % {"root": root}))
    return subprocess.Popen(["nginx", "-c", conf], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)


def sportello_env(work, settings=()):
    """The environment for sportello on a fresh SQLite file and fresh keys in `work`, throttles and the connection
    caps lifted (every bench connection comes from 127.0.0.1), then `settings` ("NAME=VALUE")."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPORTELLO_")}
    env.update({
        "SPORTELLO_DATABASE_URL": "sqlite:" + os.path.join(work, "sportello.db"),
        "SPORTELLO_OUTBOX_KEY_FILE": os.path.join(work, "outbox.key"),
        "SPORTELLO_AUDIT_KEY_FILE": os.path.join(work, "audit.key"),
        "SPORTELLO_AUDIT_SIGNING_KEY_FILE": os.path.join(work, "audit-signing.key"),
        "SPORTELLO_AUDIT_CHECKPOINT_FILE": os.path.join(work, "audit-checkpoints.log"),
        "SPORTELLO_SERVER_THROTTLE_PER_MINUTE": "1000000", "SPORTELLO_SERVER_THROTTLE_BURST": "1000000",
        "SPORTELLO_SERVER_MAX_CONNECTIONS": "20000", "SPORTELLO_SERVER_MAX_CONNECTIONS_PER_ADDRESS": "20000",
    })
    env.update(setting.split("=", 1) for setting in settings)
    if os.environ.get("SPORTELLO_DATA_DIR"):
        env["SPORTELLO_REFERENCE_DATA_DIR"] = os.environ["SPORTELLO_DATA_DIR"]
    return env


def start_sportello(build, work, env):
    """`sportello serve` with `env` on a port the kernel picks, its output in `work`/sportello.log; the process and
    the port, read from the log's "listening on" line (HTTP, or HTTPS when `env` gives a certificate)."""
    log_path = os.path.join(work, "sportello.log")
    with open(log_path, "w") as log:
        process = subprocess.Popen([os.path.join(build, "src", "sportello"), "serve", "--listen", "127.0.0.1:0"],
                                   env=env, stdout=log, stderr=subprocess.STDOUT)
    for _ in range(300):
        with open(log_path) as log:
            found = re.search(r"listening on https?://127\.0\.0\.1:(\d+)", log.read())
        if found:
            return process, int(found.group(1))
        if process.poll() is not None:
            raise RuntimeError("sportello ended at start-up: see " + log_path)
        time.sleep(0.1)
    raise RuntimeError("sportello did not start: see " + log_path)
