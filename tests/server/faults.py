"""A TCP proxy between the sync client and the server that cuts connections on purpose: the
request goes through whole (the server does the work) and the answer is cut after a number of
bytes, for as many connections as asked. The machine's edge is the only thing mocked."""

from __future__ import annotations

import socket
import threading


class CuttingProxy:
    def __init__(self, target_port: int):
        self.target = ("127.0.0.1", target_port)
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.cuts = 0  # connections still to cut
        self.spared = 0  # connections to let through before the cuts begin
        self.answer_bytes = 0  # bytes of the answer let through before the cut
        self.cut_count = 0
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def cut_next(self, connections: int, answer_bytes: int = 0, after: int = 0) -> None:
        with self.lock:
            self.cuts, self.answer_bytes, self.spared = connections, answer_bytes, after

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            with self.lock:
                cut = self.cuts > 0 and self.spared == 0
                self.spared = max(self.spared - 1, 0)
                if cut:
                    self.cuts -= 1
                    self.cut_count += 1
                limit = self.answer_bytes if cut else None
            threading.Thread(target=self._serve, args=(client, limit), daemon=True).start()

    def _serve(self, client: socket.socket, limit: int | None) -> None:
        upstream = socket.create_connection(self.target)
        done = threading.Event()

        def pump(source, sink, budget):
            sent = 0
            try:
                while True:
                    data = source.recv(65536)
                    if not data:
                        break
                    if budget is not None and sent + len(data) > budget:
                        sink.sendall(data[:max(budget - sent, 0)])
                        break
                    sink.sendall(data)
                    sent += len(data)
            except OSError:
                pass
            finally:
                done.set()

        threading.Thread(target=pump, args=(client, upstream, None), daemon=True).start()
        pump(upstream, client, limit)
        for sock in (client, upstream):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()

    def close(self) -> None:
        self.listener.close()
