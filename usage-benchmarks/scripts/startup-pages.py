#!/usr/bin/env python3
"""A local stand-in for the completions endpoint, for timing usage-report as a whole process (startup.sh).

Serves BUCKETS daily buckets of RESULTS grouped completions results each (36,000 results by default), 31 buckets
a page, every page made once at start and kept in memory, so that a run measures the report tool and not this
server. Prints its base URL on the first line and serves until killed.

    python3 startup-pages.py [buckets] [results_per_bucket]
"""
import http.server
import json
import sys

START = 1_700_006_400  # 2023-11-15T00:00:00Z, a UTC midnight
DAY = 86_400
PER_PAGE = 31


def result(bucket, r):
    seed = bucket * 1_000 + r
    inp = 1_000 + (seed * 7_919) % 900_000
    return {
        "object": "organization.usage.completions.result",
        "input_tokens": inp, "output_tokens": 200 + (seed * 104_729) % 300_000,
        "input_cached_tokens": inp // 3, "input_audio_tokens": 0, "output_audio_tokens": 0,
        "num_model_requests": 1 + seed % 500,
        "project_id": "proj_%024x" % (r % 7), "user_id": "user-%024x" % (r % 13),
        "api_key_id": "key_%016x" % (r % 11), "model": "gpt-4o-mini-2024-07-18" if r % 2 else "gpt-4o-2024-08-06",
        "batch": None, "service_tier": None,
    }


def pages(buckets, results):
    out = []
    count = (buckets + PER_PAGE - 1) // PER_PAGE
    for n in range(count):
        data = []
        for b in range(n * PER_PAGE, min(buckets, (n + 1) * PER_PAGE)):
            start = START + b * DAY
            data.append({"object": "bucket", "start_time": start, "end_time": start + DAY,
                         "results": [result(b, r) for r in range(results)]})
        more = n + 1 < count
        out.append(json.dumps({"object": "page", "data": data, "has_more": more,
                               "next_page": "page_%d" % (n + 1) if more else None},
                              separators=(",", ":")).encode())
    return out


def main():
    buckets = int(sys.argv[1]) if len(sys.argv) > 1 else 720
    results = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    served = pages(buckets, results)

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            page = 0
            if "page=page_" in self.path:
                page = int(self.path.split("page=page_")[1].split("&")[0])
            body = served[page]
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("x-request-id", "req_%032x" % (page + 1))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print("http://127.0.0.1:%d/v1/" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
