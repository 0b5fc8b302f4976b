-- wrk's report as one JSON line, for scripts/benchmark_load.py (make benchmark-load).
-- Latencies are wrk's, in microseconds, converted to milliseconds; "non2xx" counts the
-- responses whose status was not 2xx or 3xx; the errors are wrk's socket errors.
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "seconds": %.3f, "rps": %.2f, "bytes": %d, ' ..
    '"mean_ms": %.3f, "p50_ms": %.3f, "p95_ms": %.3f, "p99_ms": %.3f, "max_ms": %.3f, ' ..
    '"non2xx": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d}\n',
    summary.requests, seconds, summary.requests / seconds, summary.bytes,
    latency.mean / 1000, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect, e.read, e.write, e.timeout))
end

-- WRK_EACH_TIME set: every request asks for the page at an address of its own (a query
-- parameter the page ignores), so that nothing is served from a cache: each is rendered.
if os.getenv("WRK_EACH_TIME") then
  local threads = 0
  setup = function(thread)
    threads = threads + 1
    thread:set("thread_id", threads)
  end
  local sent = 0
  request = function()
    sent = sent + 1
    local join = string.find(wrk.path, "?", 1, true) and "&" or "?"
    return wrk.format(nil, wrk.path .. join .. "each=" .. thread_id .. "-" .. sent)
  end
end
