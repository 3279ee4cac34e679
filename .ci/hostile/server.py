#!/usr/bin/env python3
"""A hostile Usage and Costs API on 127.0.0.1, for .ci/hostile/run.

Every case of the reliability issue has a base path: http://127.0.0.1:PORT/<case>/v1/ answers the usage and
costs endpoints the way that case misbehaves. GET /_count/<case> says how many API requests the case got.
The chosen port is printed on the first line of stdout.
"""
import gzip
import http.server
import io
import json
import sys
import threading
import time
import urllib.parse

KEY = "sk-admin-HOSTILE-SENTINEL-0123456789abcdef"
DAY = 86400
MILLION_START = 1704067200  # 2024-01-01T00:00:00Z
MILLION_BUCKETS = 1_000_000
WEEKS_START = 1793491200  # 2026-11-01T00:00:00Z: the window of the issue 24 stream cases

counts = {}
lock = threading.Lock()
million_pages = {}
bomb = None


def page(data, more=False, cursor=None):
    return json.dumps({"object": "page", "data": data, "has_more": more, "next_page": cursor})


def bucket(start, width, results):
    return {"object": "bucket", "start_time": start, "end_time": start + width, "results": results}


def cost(value, line_item="gpt-4o, input", obj="organization.costs.result"):
    return {"object": obj, "amount": {"value": value, "currency": "usd"}, "line_item": line_item,
            "project_id": None}


def completions(input_tokens):
    return {"object": "organization.usage.completions.result", "input_tokens": input_tokens, "output_tokens": 1,
            "num_model_requests": 1, "input_cached_tokens": 0, "input_audio_tokens": 0, "output_audio_tokens": 0}


def million_page(index, limit):
    """Page `index` of a million one-minute buckets, each with one completions result of 1 to 3 input tokens."""
    body = million_pages.get((index, limit))
    if body is None:
        first = index * limit
        last = min(MILLION_BUCKETS, first + limit)
        parts = []
        for b in range(first, last):
            start = MILLION_START + 60 * b
            parts.append('{"object":"bucket","start_time":%d,"end_time":%d,"results":[{"object":'
                         '"organization.usage.completions.result","input_tokens":%d,"output_tokens":1,'
                         '"num_model_requests":1,"model":"gpt-4o"}]}' % (start, start + 60, 1 + b % 3))
        more = last < MILLION_BUCKETS
        body = ('{"object":"page","data":[%s],"has_more":%s,"next_page":%s}' % (
            ",".join(parts), "true" if more else "false", '"m%d"' % (index + 1) if more else "null")).encode()
        million_pages[(index, limit)] = body
    return body


def gzip_bomb():
    """About 1 MB of gzip that inflates to 1 GB."""
    global bomb
    if bomb is None:
        out = io.BytesIO()
        with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as z:
            chunk = b" " * (1 << 20)
            for _ in range(1024):
                z.write(chunk)
        bomb = out.getvalue()
    return bomb


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def send(self, status, body, content_type="application/json", headers=()):
        if isinstance(body, str):
            body = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def error(self, status, message, code="invalid_request_error"):
        self.send(status, json.dumps({"error": {"message": message, "type": code, "code": None, "param": None}}),
                  headers=[("x-request-id", "req_hostile")])

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        parts = url.path.strip("/").split("/")
        query = urllib.parse.parse_qs(url.query)
        if parts[0] == "_count":
            with lock:
                return self.send(200, str(counts.get(parts[1], 0)), "text/plain")
        case = parts[0]
        with lock:
            counts[case] = counts.get(case, 0) + 1
        cursor = query.get("page", [None])[0]
        start = int(query.get("start_time", ["0"])[0])
        getattr(self, "case_" + case.replace("-", "_"))(cursor, start, query)

    # 1. Runaways: a cursor cycle, and has_more forever with new cursors and no buckets.
    def case_cycle(self, cursor, start, query):
        self.send(200, page([], True, {None: "A", "A": "B", "B": "A"}[cursor]))

    def case_forever(self, cursor, start, query):
        self.send(200, page([], True, "c%d" % counts["forever"]))

    # 2. A body sent one byte a second.
    def case_slow(self, cursor, start, query):
        body = page([bucket(start, DAY, [cost(1)])]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            for byte in body:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(1)
        except (BrokenPipeError, ConnectionResetError):
            pass

    # 3. A gzip bomb.
    def case_bomb(self, cursor, start, query):
        self.send(200, gzip_bomb(), headers=[("Content-Encoding", "gzip")])

    # 4. A redirect loop.
    def case_redirect(self, cursor, start, query):
        self.send(302, "", "text/plain", headers=[("Location", self.path)])

    # 5. The same bucket on two pages; a bucket outside the window.
    def case_duplicate(self, cursor, start, query):
        self.send(200, page([bucket(start, DAY, [cost(1)])], cursor is None, "p2" if cursor is None else None))

    def case_outside(self, cursor, start, query):
        self.send(200, page([bucket(start, DAY, [cost(1)]), bucket(start + 400 * DAY, DAY, [cost(2)])]))

    # 6. Absurd amounts and counts.
    def case_hugeamount(self, cursor, start, query):
        self.send(200, page([bucket(start, DAY, [cost("1E+999999999")])]))

    def case_negativecount(self, cursor, start, query):
        self.send(200, page([bucket(start, DAY, [completions(-1)])]))

    def case_maxcount(self, cursor, start, query):
        self.send(200, page([bucket(start, DAY, [completions(9223372036854775807)])]))

    # 7. An unknown result type's amount counts in every format.
    def case_unknown(self, cursor, start, query):
        self.send(200, page([bucket(start, DAY, [cost("2.00"), cost("1.00", "telepathy", "organization.costs.new_thing")])]))

    # 8. The admin key, JSON-escaped, in an error message.
    def case_escapedkey(self, cursor, start, query):
        escaped = "\\u0073" + KEY[1:]
        body = '{"error":{"message":"Incorrect API key provided: %s","type":"invalid_request_error",' \
               '"code":"invalid_api_key","param":null}}' % escaped
        self.send(401, body, headers=[("x-request-id", "req_hostile")])

    # 9. Terminal escapes and a forged line in server text.
    def case_escapes(self, cursor, start, query):
        self.error(400, "\x1b[2J\x1b]0;pwned\x07bad request\r\nusage-report: everything is fine")

    # 10. 60,000 distinct projects over 30 days.
    def case_manygroups(self, cursor, start, query):
        index = 0 if cursor is None else int(cursor[1:])
        results = ['{"object":"organization.costs.result","amount":{"value":"0.01","currency":"usd"},'
                   '"line_item":null,"project_id":"proj_%06d"}' % (index * 2000 + r) for r in range(2000)]
        body = '{"object":"page","data":[{"object":"bucket","start_time":%d,"end_time":%d,"results":[%s]}],' \
               '"has_more":%s,"next_page":%s}' % (start + index * DAY, start + (index + 1) * DAY, ",".join(results),
                                                  "true" if index < 29 else "false",
                                                  '"g%d"' % (index + 1) if index < 29 else "null")
        self.send(200, body)

    # 10. A million buckets.
    def case_million(self, cursor, start, query):
        limit = int(query.get("limit", ["1440"])[0])
        index = 0 if cursor is None else int(cursor[1:])
        self.send(200, million_page(index, limit))

    # --- issue 24: the cache of final buckets ---------------------------------------------------------------------
    # 11. The million buckets of case 10 (the same pages), for any window that starts on a page boundary: a cached
    # run fetches only what its cache does not hold, from where that starts.
    def case_millionwindow(self, cursor, start, query):
        limit = int(query.get("limit", ["1440"])[0])
        offset = (start - MILLION_START) // 60
        if cursor is None and (offset < 0 or offset % limit != 0 or offset >= MILLION_BUCKETS):
            return self.error(400, "millionwindow: start_time must be a page boundary of the million buckets")
        index = offset // limit if cursor is None else int(cursor[1:])
        self.send(200, million_page(index, limit))
    # --- end of issue 24: the cache -------------------------------------------------------------------------------

    # ---- issue 24, the stream (overlapping buckets, sub-windows failing at once, Retry-After: 0) ----------------
    # 11. Beside each daily bucket, a copy shifted by one hour that overlaps the next day (56.00 for 28.00 before).
    def case_overlap(self, cursor, start, query):
        end = int(query.get("end_time", [str(start + 28 * DAY)])[0])
        limit = int(query.get("limit", ["7"])[0])
        at = int(cursor[1:]) if cursor else start
        data = []
        while at < end and len(data) < 2 * limit:
            data.append(bucket(at, DAY, [cost("1.00")]))
            data.append(bucket(at + 3600, DAY, [cost("1.00")]))
            at += DAY
        more = at < end
        self.send(200, page(data, more, "d%d" % at if more else None))

    # 12. 429 with Retry-After: 0 for ever: retries at once, and sub-windows failing together, before.
    def case_ratelimited(self, cursor, start, query):
        self.send(429, json.dumps({"error": {"message": "Rate limit reached", "type": "requests", "code": None,
                                             "param": None}}),
                  headers=[("Retry-After", "0"), ("x-request-id", "req_hostile")])

    # 13. The 2nd and 3rd weeks of a window fail for ever, at the same moments (a shared Retry-After: 1): 503,
    # or the connection dropped; the other weeks are served.
    def failing_weeks(self, start, query, fail):
        end = int(query.get("end_time", [str(start + 7 * DAY)])[0])
        week = (start - WEEKS_START) // (7 * DAY)
        if week in (1, 2):
            return fail()
        data = [bucket(t, DAY, [cost("1.00")]) for t in range(start, min(end, start + 7 * DAY), DAY)]
        self.send(200, page(data))

    def case_twowindows(self, cursor, start, query):
        self.failing_weeks(start, query, lambda: self.send(
            503, json.dumps({"error": {"message": "The server is overloaded", "type": "server_error",
                                       "code": None, "param": None}}),
            headers=[("Retry-After", "1"), ("x-request-id", "req_hostile")]))

    def case_dropwindows(self, cursor, start, query):
        def drop():
            self.close_connection = True  # no response at all: the client reads an unexpected end of stream
        self.failing_weeks(start, query, drop)
    # ---- end of issue 24, the stream --------------------------------------------------------------------------


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A client that gives up on a case (a cancelled page, a call timeout) closes its connection: expected here.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


# ---- issue 24 (usage-cli: serve, --state, project listing, page size): cases of i24-cli --------------------------
BIG_PAGES = {}


def big_page(size, tiny):
    """One daily bucket with as many completions results as fit in `size` bytes: every field set (strings and
    numbers), or `tiny` ones (the object and one count: the most results, and objects, a byte can bring)."""
    body = BIG_PAGES.get((size, tiny))
    if body is None:
        head = '{"object":"page","data":[{"object":"bucket","start_time":1793491200,"end_time":1793577600,"results":['
        tail = ']}],"has_more":false,"next_page":null}'
        parts = []
        length = len(head) + len(tail)
        i = 0
        while True:
            if tiny == "odd":
                part = '{"object":"x","n":%d,"s":"v"}' % (i % 10)
            elif tiny:
                part = ('{"object":"organization.usage.completions.result","input_tokens":%d,"output_tokens":1,'
                        '"num_model_requests":1}' % (i % 10))
            else:
                part = ('{"object":"organization.usage.completions.result","input_tokens":%d,"output_tokens":1,'
                        '"num_model_requests":1,"input_cached_tokens":0,"input_audio_tokens":0,'
                        '"output_audio_tokens":0,"project_id":"proj_%08d","user_id":"user_%08d",'
                        '"api_key_id":"key_%08d","model":"gpt-4o-%d","batch":false}' % (i, i, i, i, i % 50))
            if length + len(part) + 1 > size:
                break
            parts.append(part)
            length += len(part) + 1
            i += 1
        body = (head + ",".join(parts) + tail).encode()
        BIG_PAGES[(size, tiny)] = body
    return body


def _sized_cases(self, name):
    """/bigpageN/v1/, /tinypageN/v1/ and /oddpageN/v1/ (results of a type no endpoint names): a page of one bucket,
    N KiB less one byte (just under a cap of N KiB)."""
    for prefix, tiny in (("case_bigpage", False), ("case_tinypage", True), ("case_oddpage", "odd")):
        if name.startswith(prefix) and name[len(prefix):].isdigit():
            size = int(name[len(prefix):]) * 1024 - 1
            return lambda cursor, start, query: self.send(200, big_page(size, tiny))
    raise AttributeError(name)


Handler.__getattr__ = _sized_cases


def _projects(self, count, per_page, delay):
    """The projects listing: `count` projects, `per_page` to a page whatever the limit asked, after `delay` s."""
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
    after = query.get("after", [None])[0]
    first = 0 if after is None else int(after[5:]) + 1
    last = min(count, first + per_page)
    time.sleep(delay)
    data = ['{"object":"organization.project","id":"proj_%08d","name":"Project %d","created_at":1700000000,'
            '"status":"active"}' % (i, i) for i in range(first, last)]
    more = last < count
    self.send(200, '{"object":"list","data":[%s],"first_id":null,"last_id":%s,"has_more":%s}' % (
        ",".join(data), '"proj_%08d"' % (last - 1) if data else "null", "true" if more else "false"))


# 2,000,000 projects, 20,000 (2.4 MB) or 200 to a page; and a listing that takes a minute. Usage: one day of costs.
def case_manyprojects(self, cursor, start, query):
    if "/organization/projects" in self.path:
        return _projects(self, 2_000_000, 20_000, 0)
    self.send(200, page([bucket(start, DAY, [dict(cost(1), project_id="proj_00000001")])]))


def case_manysmallprojects(self, cursor, start, query):
    if "/organization/projects" in self.path:
        return _projects(self, 2_000_000, 200, 0)
    self.send(200, page([bucket(start, DAY, [dict(cost(1), project_id="proj_00000001")])]))


def case_slowprojects(self, cursor, start, query):
    if "/organization/projects" in self.path:
        return _projects(self, 10, 100, 60)
    self.send(200, page([bucket(start, DAY, [dict(cost(1), project_id="proj_00000001")])]))


# Plain costs: one bucket of 1.00 usd a day at the start asked for (what serve needs to save a resume point).
def case_plaincosts(self, cursor, start, query):
    self.send(200, page([bucket(start, DAY, [cost(1)])]))


Handler.case_plaincosts = case_plaincosts
Handler.case_manyprojects = case_manyprojects
Handler.case_manysmallprojects = case_manysmallprojects
Handler.case_slowprojects = case_slowprojects
# ---- end of issue 24 (i24-cli) ------------------------------------------------------------------------------------


def main():
    server = Server(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
