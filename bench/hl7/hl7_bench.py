#!/usr/bin/env python3
"""HL7 benchmark driver (bench/hl7/run.sh): ADT A08 and ORM^O01 throughput over one MLLP connection,
the time until the last order is searchable, and the time from an A40 merge until QIDO-RS and FHIR
show the merged patient. Plain sockets and MLLP
framing: this is the load generator, not the archive's code."""
import argparse
import json
import socket
import statistics
import time
import urllib.request

VT, FS, CR = b"\x0b", b"\x1c", b"\x0d"


def a08(control_id, patient, name):
    return ("MSH|^~\\&|BENCH|HOSP|VESALIUS|HOSP|20261207120000||ADT^A08^ADT_A01|%s|P|2.5.1\r"
            "EVN|A08|20261207120000\rPID|1||%s^^^HOSP||%s||19700101|F\r" % (control_id, patient, name)).encode("ascii")


def a40(control_id, target, prior):
    return ("MSH|^~\\&|BENCH|HOSP|VESALIUS|HOSP|20261207120000||ADT^A40^ADT_A39|%s|P|2.5.1\r"
            "EVN|A40|20261207120000\rPID|1||%s^^^HOSP||Merged^Patient\rMRG|%s^^^HOSP\r" % (control_id, target, prior)).encode("ascii")


def orm(control_id, n):
    return ("MSH|^~\\&|BENCH|HOSP|VESALIUS|HOSP|20261207120000||ORM^O01^ORM_O01|%s|P|2.3.1\r"
            "PID|1||ORD-%d^^^HOSP||Ordered^Patient%d||19700101|F\r"
            "ORC|NW|PL-%d^RIS||||||^^^20261208093000\r"
            "OBR|1|PL-%d^RIS||CT^CT Head^LOCAL||||||||||||||ACC-%d|RP-%d|SPS-%d||||CT\r" % (control_id, n % 50, n % 7, n, n, n, n, n)
            ).encode("ascii")


class Mllp:
    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = b""

    def send(self, message):
        self.sock.sendall(VT + message + FS + CR)
        while FS not in self.buf:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise RuntimeError("connection closed")
            self.buf += chunk
        answer, self.buf = self.buf.split(FS, 1)
        self.buf = self.buf[1:] if self.buf.startswith(CR) else self.buf
        text = answer.lstrip(VT).decode("latin-1")
        code = text.split("\rMSA|", 1)[1][:2] if "\rMSA|" in text else "??"
        return code


def get_json(url):
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "application/json"}), timeout=10) as r:
        return json.loads(r.read() or b"null")


def apply_pending(http):
    """vna_hl7_apply_pending from the server's Prometheus metrics (0 when it applies before acknowledging)."""
    with urllib.request.urlopen(http + "/actuator/prometheus", timeout=10) as r:
        for line in r.read().decode().splitlines():
            if line.startswith("vna_hl7_apply_pending"):
                return float(line.split()[-1])
    return 0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--http", required=True)
    p.add_argument("--hl7-port", type=int, required=True)
    p.add_argument("--warmup", type=int, default=2000)
    p.add_argument("--messages", type=int, default=5000)
    p.add_argument("--studies", type=int, required=True, help="studies of the prior patient")
    p.add_argument("--orders", type=int, default=1000)
    p.add_argument("--json", required=True)
    a = p.parse_args()

    mllp = Mllp(a.hl7_port)
    for i in range(a.warmup):
        mllp.send(a08("W%d" % i, "THR-%d" % (i % 50), "Warm^Up%d" % (i % 7)))
    latencies, refused = [], 0
    t0 = time.perf_counter()
    for i in range(a.messages):
        t = time.perf_counter()
        if mllp.send(a08("M%d" % i, "THR-%d" % (i % 50), "Bench^Name%d" % (i % 7))) != "AA":
            refused += 1
        latencies.append((time.perf_counter() - t) * 1000)
    elapsed = time.perf_counter() - t0
    rate = a.messages / elapsed
    latencies.sort()
    # Applied behind the acknowledgement: how long after the last one until every change is in the journal.
    applied_ms = None
    t_last = time.perf_counter()
    while time.perf_counter() - t_last < 120:
        if apply_pending(a.http) == 0:
            applied_ms = (time.perf_counter() - t_last) * 1000
            break
        time.sleep(0.005)
    applied_rate = None if applied_ms is None else a.messages / (elapsed + applied_ms / 1000)

    # Orders: ORM^O01 new orders, one each, then the time until the last one is searchable (FHIR ServiceRequest).
    orders_refused = 0
    t0 = time.perf_counter()
    for i in range(a.orders):
        if mllp.send(orm("O%d" % i, i)) != "AA":
            orders_refused += 1
    orders_elapsed = time.perf_counter() - t0
    orders_rate = a.orders / orders_elapsed
    last = a.http + "/fhir/ServiceRequest?identifier=ACC-%d" % (a.orders - 1)
    searchable_ms = None
    while time.perf_counter() - t0 < orders_elapsed + 30 and searchable_ms is None:
        if len((get_json(last) or {}).get("entry", [])) >= 1:
            searchable_ms = (time.perf_counter() - t0 - orders_elapsed) * 1000
        time.sleep(0.01)

    # A40: the prior patient's studies under the target, in QIDO-RS and FHIR.
    qido = a.http + "/dicomweb/studies?PatientID=MRG-NEW&limit=%d&includefield=00100020" % (a.studies + 10)
    fhir_new = a.http + "/fhir/Patient?identifier=MRG-NEW"
    fhir_old = a.http + "/fhir/Patient?identifier=MRG-OLD"
    t = time.perf_counter()
    code = mllp.send(a40("MERGE-1", "MRG-NEW", "MRG-OLD"))
    acked = (time.perf_counter() - t) * 1000
    qido_ms = fhir_ms = None
    while time.perf_counter() - t < 60 and (qido_ms is None or fhir_ms is None):
        now = (time.perf_counter() - t) * 1000
        if qido_ms is None and len(get_json(qido) or []) >= a.studies:
            qido_ms = now
        if fhir_ms is None:
            new, old = get_json(fhir_new), get_json(fhir_old)
            if len(new.get("entry", [])) >= 1 and len(old.get("entry", [])) == 0:
                fhir_ms = now
        time.sleep(0.01)

    result = {"messages": a.messages, "refused": refused, "seconds": round(elapsed, 3), "messages_per_second": round(rate, 1),
              "applied_after_last_ack_ms": None if applied_ms is None else round(applied_ms, 1),
              "applied_messages_per_second": None if applied_rate is None else round(applied_rate, 1),
              "latency_ms": {"p50": round(latencies[len(latencies) // 2], 3), "p95": round(latencies[int(len(latencies) * 0.95)], 3),
                             "max": round(latencies[-1], 3)},
              "orders": {"messages": a.orders, "refused": orders_refused, "messages_per_second": round(orders_rate, 1),
                         "last_searchable_after_ms": None if searchable_ms is None else round(searchable_ms, 1)},
              "merge": {"ack": code, "ack_ms": round(acked, 1), "studies": a.studies,
                        "qido_ms": None if qido_ms is None else round(qido_ms, 1),
                        "fhir_ms": None if fhir_ms is None else round(fhir_ms, 1)}}
    with open(a.json, "w") as f:
        json.dump(result, f, indent=2)
    print("| measure | value |")
    print("| --- | ---: |")
    print("| ADT^A08 over one connection, message log durable | %.0f messages/s (%d messages, %d refused) |" % (rate, a.messages, refused))
    print("| A08 round trip p50 / p95 / max | %.2f / %.2f / %.2f ms |" % (result["latency_ms"]["p50"], result["latency_ms"]["p95"], result["latency_ms"]["max"]))
    print("| ... every A08 applied (journal) after the last acknowledgement | %s ms (%s messages/s first to last applied) |"
          % ("(not within 120 s)" if applied_ms is None else "%.0f" % applied_ms, "-" if applied_rate is None else "%.0f" % applied_rate))
    print("| ORM^O01 new orders over one connection (worklist item in the blob store and the index) | %.0f messages/s (%d messages, %d refused) |"
          % (orders_rate, a.orders, orders_refused))
    print("| ... the last order searchable (FHIR ServiceRequest) after the last acknowledgement | %s ms |"
          % ("(not within 30 s)" if searchable_ms is None else "%.0f" % searchable_ms))
    print("| A40 merge of a patient with %d studies: acknowledged | %s after %.0f ms |" % (a.studies, code, acked))
    print("| ... until QIDO-RS shows every study under the target | %s ms |" % ("(not within 60 s)" if qido_ms is None else "%.0f" % qido_ms))
    print("| ... until FHIR Patient shows the target and not the prior | %s ms |" % ("(not within 60 s)" if fhir_ms is None else "%.0f" % fhir_ms))


if __name__ == "__main__":
    main()
