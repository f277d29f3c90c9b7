#!/usr/bin/env python3
"""Context messages as the file backend writes them, for timing `./telltale monitor -s -c`.

Usage: benchmarks/monitor-input.py [MESSAGES] [OPEN] > input.jsonl
MESSAGES (default 1,000,000) messages: contexts of five messages each (born, three updates,
finished), OPEN (default 1,000) of them open at once, interleaved; the same lines as
MonitorCollateBenchmark makes (about 240 bytes each). Deterministic: the same arguments give the
same bytes.
"""
import sys
from datetime import datetime, timedelta, timezone


def main():
    messages = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    interleaved = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000
    objects = messages // 5
    t0 = datetime(2026, 11, 21, 23, 37, 58, 123456, tzinfo=timezone.utc)
    out = sys.stdout
    n = 0
    for first in range(0, objects, interleaved):
        last = min(objects, first + interleaved)
        lines = []
        for step in range(5):
            kind = "context.born" if step == 0 else "context.finished" if step == 4 else "context.update"
            for c in range(first, last):
                if step == 0:
                    fields = '{"url":"http://shop.example.com/orders/%d","method":"POST","user":%d}' % (c, c % 977)
                elif step == 1:
                    fields = '{"status":200}'
                elif step == 2:
                    fields = '{"db.ms":%d.25,"rows":%d}' % (c % 50, c % 7)
                elif step == 3:
                    fields = '{"cache":"hit"}'
                else:
                    fields = '{"elapsed":0.0%d,"reclaimed":false}' % (c % 90 + 10)
                t = t0 + timedelta(milliseconds=n)
                n += 1
                time = t.strftime("%Y-%m-%dT%H:%M:%S.") + "%06d789Z" % t.microsecond
                lines.append('{"kind":"%s","routingKey":"shop.request","source":"5c0f7a0e-1d8e-4b53-9a43-%012d",'
                             '"seq":%d,"time":"%s","thread":"worker-%d","host":"box-1","pid":4242,"fields":%s}\n'
                             % (kind, c, step + 1, time, c % 8, fields))
        out.write("".join(lines))


if __name__ == "__main__":
    main()
