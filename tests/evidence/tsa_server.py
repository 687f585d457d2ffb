"""A real RFC 3161 time-stamp authority on 127.0.0.1: Debian's ``openssl ts -reply`` behind a
tiny HTTP handler."""

from __future__ import annotations

import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.evidence.pki import Issued

_CONFIG = """\
[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
dir = {dir}
serial = {dir}/serial
crypto_device = builtin
signer_cert = {cert}
certs = {chain}
signer_key = {key}
signer_digest = sha256
default_policy = 1.3.6.1.4.1.99999.1
other_policies = 1.3.6.1.4.1.99999.2
digests = sha256
accuracy = secs:1
ordering = no
tsa_name = no
ess_cert_id_chain = no
ess_cert_id_alg = sha256
"""


@contextmanager
def running_tsa(signer: Issued, ca: Issued) -> Iterator[str]:
    """Serve ``openssl ts -reply`` signing with ``signer``; yields the TSA URL."""
    workdir = Path(tempfile.mkdtemp(prefix="lw-tsa-"))
    (workdir / "serial").write_text("01\n")
    config = workdir / "tsa.cnf"
    config.write_text(_CONFIG.format(dir=workdir, cert=signer.cert_path, key=signer.key_path, chain=ca.cert_path))
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            query = self.rfile.read(int(self.headers["Content-Length"]))
            with lock, tempfile.TemporaryDirectory(dir=workdir) as tmp:
                (Path(tmp) / "q.tsq").write_bytes(query)
                done = subprocess.run(
                    [
                        "openssl",
                        "ts",
                        "-reply",
                        "-config",
                        str(config),
                        "-queryfile",
                        f"{tmp}/q.tsq",
                        "-out",
                        f"{tmp}/r.tsr",
                    ],
                    capture_output=True,
                    check=False,
                )
                if done.returncode != 0:
                    self.send_error(500, done.stderr.decode(errors="replace")[-200:])
                    return
                body = (Path(tmp) / "r.tsr").read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/tsa"
    finally:
        server.shutdown()
        server.server_close()
