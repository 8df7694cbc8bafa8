#!/usr/bin/env python3
"""Stands in for a service JVM or the Kafka broker in the launcher's own test: listens on the given ports and
answers /actuator/health with UP, like the real thing, in milliseconds instead of a minute."""
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Health(BaseHTTPRequestHandler):
    def do_GET(self):
        body = b'{"status":"UP"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def serve(port):
    ThreadingHTTPServer(("127.0.0.1", int(port)), Health).serve_forever()


name, ports = sys.argv[1], [p for p in sys.argv[2:] if p]
print(f"fake {name} pid {os.getpid()} started on {' '.join(ports)}", flush=True)
for port in ports[1:]:
    threading.Thread(target=serve, args=(port,), daemon=True).start()
serve(ports[0])
