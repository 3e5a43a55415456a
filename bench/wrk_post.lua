-- wrk script: POST pre-signed unique Zendesk webhook requests, never the same one twice.
--   wrk -t1 -c64 -d10s --latency -s bench/wrk_post.lua http://127.0.0.1:PORT/webhooks/zendesk \
--       -- REQUESTS.tsv [THREADS]
-- REQUESTS.tsv holds one request a line: timestamp<TAB>signature<TAB>body (bench/events.py).
-- With several wrk threads each thread takes every THREADS-th line, starting at its own index.
-- Summary lines "ANSWERS <2xx> <4xx> <5xx>" count the answers by class (wrk's own summary
-- lumps 4xx and 5xx together), "LATENCY_US <percentile> <microseconds>" add p99.9.

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local rows, idx, stride = {}, 0, 1
ok, client_err, server_err = 0, 0, 0

function init(args)
  local file = args[1] or "requests.tsv"
  for line in io.lines(file) do
    local ts, sig, body = line:match("([^\t]+)\t([^\t]+)\t(.*)")
    rows[#rows + 1] = {ts, sig, body}
  end
  stride = tonumber(args[2] or 1)
  idx = tid - stride
end

function request()
  idx = idx + stride
  if idx >= #rows then
    -- Out of unique requests: stop rather than send duplicates.
    wrk.thread:stop()
  end
  local r = rows[(idx % #rows) + 1]
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/json",
    ["X-Zendesk-Webhook-Signature-Timestamp"] = r[1],
    ["X-Zendesk-Webhook-Signature"] = r[2],
  }, r[3])
end

function response(status, headers, body)
  if status < 300 then
    ok = ok + 1
  elseif status < 500 then
    client_err = client_err + 1
  else
    server_err = server_err + 1
  end
end

function done(summary, latency, requests)
  local a, b, c = 0, 0, 0
  for _, thread in ipairs(threads) do
    a = a + thread:get("ok")
    b = b + thread:get("client_err")
    c = c + thread:get("server_err")
  end
  io.write(string.format("ANSWERS %d %d %d\n", a, b, c))
  for _, p in ipairs({50, 90, 99, 99.9}) do
    io.write(string.format("LATENCY_US %g %d\n", p, latency:percentile(p)))
  end
end
