-- wrk script: cycles through the requests listed in the file named by the REQUESTS environment
-- variable (one per line: METHOD<TAB>PATH<TAB>HEADERS<TAB>BODY, headers "Name: value" joined by
-- " ;; "), counts answers by status class, and prints a JSON summary when done.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

local function split(text, separator)
  local parts, start = {}, 1
  while true do
    local i, j = string.find(text, separator, start, true)
    if not i then
      table.insert(parts, string.sub(text, start))
      return parts
    end
    table.insert(parts, string.sub(text, start, i - 1))
    start = j + 1
  end
end

function init(args)
  requests = {}
  counts = { s2 = 0, s3 = 0, s4 = 0, s5 = 0 }
  local file = assert(io.open(os.getenv("REQUESTS"), "r"))
  for line in file:lines() do
    if line ~= "" then
      local fields = split(line, "\t")
      local headers = {}
      if fields[3] and fields[3] ~= "" then
        for _, pair in ipairs(split(fields[3], " ;; ")) do
          local colon = string.find(pair, ":", 1, true)
          headers[string.sub(pair, 1, colon - 1)] = string.sub(pair, colon + 2)
        end
      end
      local body = fields[4]
      if body == "" then body = nil end
      table.insert(requests, wrk.format(fields[1], fields[2], headers, body))
    end
  end
  file:close()
  index = math.random(#requests)
end

function request()
  index = index % #requests + 1
  return requests[index]
end

function response(status, headers, body)
  local class = "s" .. math.floor(status / 100)
  counts[class] = (counts[class] or 0) + 1
end

function done(summary, latency, requests)
  local totals = { s2 = 0, s3 = 0, s4 = 0, s5 = 0 }
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    for k, v in pairs(c) do totals[k] = (totals[k] or 0) + v end
  end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, ' ..
    '"max_ms": %.2f, "status_2xx": %d, "status_3xx": %d, "status_4xx": %d, "status_5xx": %d, ' ..
    '"connect_errors": %d, "read_errors": %d, "write_errors": %d, "timeouts": %d, "bytes": %d}\n',
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, totals.s2, totals.s3, totals.s4, totals.s5,
    e.connect, e.read, e.write, e.timeout, summary.bytes))
end
