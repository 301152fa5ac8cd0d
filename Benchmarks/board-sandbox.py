#!/usr/bin/env python3
"""The sandbox's side of the board, over one keep-alive connection: every page of the list
(status=pending,opened, 100 a page), the changes feed's full pass and its unchanged call
(median of 20), each timed from the first request sent to the last byte read. Bodies are not
decoded (the cursor is read from the page's tail), so the figures are the sandbox's and the
loopback's, not Python's. Usage: board-sandbox.py SANDBOX_JSON"""
import base64, http.client, json, statistics, sys, time, urllib.parse

credentials = json.load(open(sys.argv[1]))
agent = credentials["keys"]["agent"]
site = urllib.parse.urlsplit(credentials["baseUrl"])
connection = http.client.HTTPConnection(site.hostname, site.port)
auth = "Basic " + base64.b64encode(f"{agent['identity']}:{agent['secret']}".encode()).decode()


def get(query):
    connection.request("GET", "/api/v1/payment-requests?" + query, headers={"Authorization": auth})
    response = connection.getresponse()
    body = response.read()
    if response.status != 200:
        sys.exit(f"HTTP {response.status} for {query}: {body[:300]!r}")
    return body


def tail(body, key):
    """The value of the last top-level key, which the sandbox writes last."""
    start = body.rindex(b'"' + key + b'":') + len(key) + 3
    return json.loads(body[start:-1])


start = time.perf_counter()
pages = items = 0
after = None
while True:
    body = get("status=pending,opened&limit=100" + (f"&after={after}" if after else ""))
    pages += 1
    items += body.count(b'"shortUrl"')
    after = tail(body, b"next")
    if not after:
        break
list_seconds = time.perf_counter() - start
print(f"  list, every page              {list_seconds:.2f} s ({pages} pages, {items} payments, {1000 * list_seconds / pages:.1f} ms a page)")

probe = get("status=pending,opened&changedSince=0&limit=1")
if b'"cursor"' not in probe:
    print("  changes feed                  not offered (the answer is a list page)")
    sys.exit(0)
start = time.perf_counter()
cursor, more, calls, fed = "0", True, 0, 0
while more:
    body = get(f"status=pending,opened&changedSince={cursor}")
    calls += 1
    fed += body.count(b'"shortUrl"')
    cursor = json.loads(body[body.index(b'"cursor":') + 9:body.index(b',"items"')])
    more = tail(body, b"more")
full_seconds = time.perf_counter() - start
# The same full pass as the board reads it: summaries (view=summary), about a quarter of the bytes.
start = time.perf_counter()
summary_cursor, more, summary_calls, summary_fed, summary_bytes = "0", True, 0, 0, 0
while more:
    body = get(f"status=pending,opened&changedSince={summary_cursor}&view=summary")
    summary_calls += 1
    summary_bytes += len(body)
    summary_fed += body.count(b'"conversationId"')
    summary_cursor = json.loads(body[body.index(b'"cursor":') + 9:body.index(b',"items"')])
    more = tail(body, b"more")
summary_seconds = time.perf_counter() - start
times = []
for _ in range(20):
    start = time.perf_counter()
    body = get(f"status=pending,opened&changedSince={cursor}")
    times.append(time.perf_counter() - start)
    cursor = json.loads(body[body.index(b'"cursor":') + 9:body.index(b',"items"')])
    if body.count(b'"shortUrl"'):
        sys.exit("the unchanged feed answered changes")
print(f"  changes feed, full pass       {full_seconds:.2f} s ({calls} calls, {fed} payments)")
print(f"  the same, view=summary        {summary_seconds:.2f} s ({summary_calls} calls, {summary_fed} payments, {summary_bytes / 1e6:.1f} MB)")
print(f"  changes feed, unchanged call  median {1000 * statistics.median(times):.2f} ms, max {1000 * max(times):.2f} ms")
