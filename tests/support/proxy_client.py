# SPDX-License-Identifier: GPL-3.0-or-later
"""tests/support/s3proxy.py run beside a Python test: started on a free port, driven through its
control API, stopped by closing its stdin."""

import json
import pathlib
import subprocess
import sys
import urllib.request


class Proxy:
    def __init__(self, upstream):
        self.p = subprocess.Popen([sys.executable, str(pathlib.Path(__file__).parent / "s3proxy.py"),
                                   "--upstream", upstream, "--port", "0"],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.port = int(self.p.stdout.readline())
        self.url = f"http://127.0.0.1:{self.port}"

    def rules(self, rules):
        req = urllib.request.Request(f"{self.url}/__proxy/rules", data=json.dumps(rules).encode(), method="POST")
        urllib.request.urlopen(req, timeout=10).read()

    def reset(self):
        """Clears the rules and the request log."""
        req = urllib.request.Request(f"{self.url}/__proxy/reset", data=b"{}", method="POST")
        urllib.request.urlopen(req, timeout=10).read()

    def log(self):
        with urllib.request.urlopen(f"{self.url}/__proxy/log", timeout=10) as r:
            return [json.loads(line) for line in r.read().decode().splitlines() if line.strip()]

    def close(self):
        self.p.stdin.close()
        self.p.wait(timeout=10)
