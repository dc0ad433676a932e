#!/usr/bin/env python3
"""The HTTP side of `Scripts/bench freshness`: polls GET /works/{doi} for sampled DOIs until each
answers 200, and prints when it did ("<doi> <epoch ms>" per line). Deposit → visible latencies
come from joining these times with the index's deposited-at (stamped when `publish` sent it).

Usage: freshness_probe.py PORT DOIS RATE T0_MS
  DOIS   lines "<n> <doi>": the DOI published n-th (0-based), in publish order
  RATE   the offered rate (deposits/s): the n-th DOI is due at T0_MS + n/RATE; it is polled from
         then on every POLL_MS (20) ms, by THREADS (8) keep-alive connections. Polling starts at
         the due time, not before, so the prober's own load stays proportional to the lag.
A DOI not visible GIVE_UP_S (60) s after it was due is reported as "<doi> missing".
"""
import heapq, http.client, os, sys, threading, time

port, doi_file, rate, t0_ms = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
poll_s = float(os.environ.get('POLL_MS', '20')) / 1000
threads = int(os.environ.get('THREADS', '8'))
give_up_s = float(os.environ.get('GIVE_UP_S', '60'))

due = []  # heap of (next poll time, due time, doi)
for line in open(doi_file):
    n, doi = line.split()
    t = t0_ms / 1000 + int(n) / rate
    due.append((t, t, doi))
heapq.heapify(due)
lock = threading.Lock()
out = sys.stdout

def worker():
    conn = http.client.HTTPConnection('127.0.0.1', port, timeout=10)
    while True:
        with lock:
            if not due:
                return
            when, due_at, doi = heapq.heappop(due)
        wait = when - time.time()
        if wait > 0:
            time.sleep(wait)
        try:
            conn.request('GET', '/works/' + doi)
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = http.client.HTTPConnection('127.0.0.1', port, timeout=10)
            status = 0
        now = time.time()
        with lock:
            if status == 200:
                out.write('%s %d\n' % (doi, now * 1000))
            elif now - due_at > give_up_s:
                out.write('%s missing\n' % doi)
            else:
                heapq.heappush(due, (now + poll_s, due_at, doi))

pool = [threading.Thread(target=worker) for _ in range(threads)]
for t in pool:
    t.start()
for t in pool:
    t.join()
out.flush()
