-- wrk script for the single-event ingestion phase of bench/metering/run.sh: every request POSTs one new CloudEvent
-- (application/cloudevents+json) with an id unique across threads; the time is left out, so Tollgate stamps the
-- ingestion time. At the end it prints how many requests were sent, acknowledged (2xx) and failed, so the run can
-- check that the COUNT meter lies between acknowledged and sent (requests still in flight when wrk stops may commit).
local threads = {}
local key = os.getenv("TOLLGATE_API_KEY")
local run = os.getenv("BENCH_RUN") or "single"

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  sent, acked, failed = 0, 0, 0
end

function request()
  sent = sent + 1
  local body = '{"specversion":"1.0","id":"' .. run .. '-' .. tid .. '-' .. sent .. '","source":"bench","type":"bench.request",'
      .. '"subject":"' .. run .. '-customer-' .. (sent % 1000) .. '","data":{"value":' .. (sent % 9 + 1) .. ',"region":"eu"}}'
  return wrk.format("POST", "/api/v1/events",
      { ["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/cloudevents+json" }, body)
end

function response(status, headers, body)
  if status >= 200 and status < 300 then acked = acked + 1 else failed = failed + 1 end
end

function done(summary, latency, requests)
  local s, a, f = 0, 0, 0
  for _, thread in ipairs(threads) do
    s = s + thread:get("sent"); a = a + thread:get("acked"); f = f + thread:get("failed")
  end
  io.write(string.format("sent=%d\nevents_acked=%d\nerrors=%d\n", s, a, f))
  io.write(string.format("requests_per_s=%d\n", math.floor(a / (summary.duration / 1e6) + 0.5)))
  io.write(string.format("p50_ms=%.2f\np99_ms=%.2f\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
