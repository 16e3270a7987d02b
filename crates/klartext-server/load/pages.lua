-- wrk script: POSTs pages to /v1/extract as text/html bodies, each connection thread
-- cycling through its share of the pages listed in the file named by the PAGES
-- environment variable (one path a line). At the end it prints the responses by status
-- class, so 5xx are counted apart from 4xx.
--
--   PAGES=list.txt wrk -t4 -c64 -d60s --latency -s crates/klartext-server/load/pages.lua http://127.0.0.1:8080
local threads = {}
local count = 0

function setup(thread)
  thread:set("id", count)
  count = count + 1
  table.insert(threads, thread)
end

function init(args)
  bodies = {}
  s2, s4, s5, other = 0, 0, 0, 0
  local i = 0
  local list = assert(io.open(os.getenv("PAGES") or "pages.txt"))
  for path in list:lines() do
    if i % 4 == id % 4 then
      local f = assert(io.open(path, "rb"))
      table.insert(bodies, f:read("*a"))
      f:close()
    end
    i = i + 1
  end
  list:close()
  next_body = 1
end

function request()
  local body = bodies[next_body]
  next_body = next_body % #bodies + 1
  return wrk.format("POST", "/v1/extract", { ["Content-Type"] = "text/html" }, body)
end

function response(status, headers, body)
  if status >= 500 then s5 = s5 + 1
  elseif status >= 400 then s4 = s4 + 1
  elseif status >= 200 and status < 300 then s2 = s2 + 1
  else other = other + 1 end
end

function done(summary, latency, requests)
  local t2, t4, t5, to = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    t2 = t2 + t:get("s2"); t4 = t4 + t:get("s4"); t5 = t5 + t:get("s5"); to = to + t:get("other")
  end
  io.write(string.format("status: 2xx %d, 4xx %d, 5xx %d, other %d\n", t2, t4, t5, to))
  io.write(string.format("latency: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
