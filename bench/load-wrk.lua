-- The wrk side of the benchmark's load (bench/load-wrk.ts runs `wrk -s bench/load-wrk.lua`).
-- It reads the request list that load-wrk.ts wrote (BENCH_WRK_REQUESTS: a Lua chunk returning
-- { start, stride, requests = { { method, path, headers, body, templated }, ... } }), sends the
-- requests in turn and prints the figures as one JSON line. wrk runs LuaJIT (Lua 5.1): no
-- bitwise operators, integer arithmetic in doubles.
--
-- The thread cycles through the list and each connection takes the next request, where
-- autocannon cycles per connection: the same mix either way.
--
-- No response() callback on purpose: with one, wrk parses every answer and falls behind.

local data = dofile(os.getenv("BENCH_WRK_REQUESTS"))
local list = data.requests

-- Same as ipFor() in bench/template.ts: 127.a.b.c, a and c in 1..254.
local function ip(n)
  local c = 1 + n % 254
  local b = math.floor(n / 254) % 256
  local a = 1 + math.floor(n / (254 * 256)) % 254
  return "127." .. a .. "." .. b .. "." .. c
end

local function expand(text, vars)
  if text == nil then return nil end
  -- An unknown {word} stays as it is (gsub keeps the match when the table has no value).
  return (string.gsub(text, "{(%a+)}", vars))
end

if #list == 1 and not list[1].templated then
  -- One fixed request: wrk formats it once and sends those bytes (no Lua call per request).
  local r = list[1]
  wrk.method, wrk.path, wrk.body = r.method, r.path, r.body
  for name, value in pairs(r.headers) do wrk.headers[name] = value end
else
  local fixed = {}  -- the formatted bytes of each request without placeholders
  local i = 0
  local n

  function init(args)
    -- {n} of this thread: start + id, then every stride-th (id and stride from setup below).
    n = data.start + (id or 0) - data.stride
    for k, r in ipairs(list) do
      if not r.templated then
        local headers = {}
        for name, value in pairs(r.headers) do headers[name] = value end
        fixed[k] = wrk.format(r.method, r.path, headers, r.body)
      end
    end
  end

  function request()
    i = i % #list + 1
    if fixed[i] then return fixed[i] end
    local r = list[i]
    n = n + data.stride
    last = n  -- a global: done() reads it through thread:get
    local vars = { n = string.format("%d", n), ip = ip(n) }
    local headers = {}
    for name, value in pairs(r.headers) do headers[name] = expand(value, vars) end
    return wrk.format(r.method, expand(r.path, vars), headers, expand(r.body, vars))
  end
end

-- Below: wrk's main Lua state, which sets the threads up and sums up.
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local lastN = -1
  for _, thread in ipairs(threads) do
    local l = thread:get("last")
    if l and l > lastN then lastN = l end
  end
  local e = summary.errors
  io.write(string.format(
    'bench-wrk-result {"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"lastN":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), lastN,
    e.connect, e.read, e.write, e.status, e.timeout))
end
