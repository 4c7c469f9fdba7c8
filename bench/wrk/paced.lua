-- Open-loop GET requests: each connection sends on a fixed schedule (BENCH_RATE requests a second over
-- BENCH_CONNECTIONS connections, each at its own random phase), whatever the answers do, as a day's
-- callers would. A closed loop (wrk's own) sends the next request only when the last is answered, so
-- at saturation it measures the queue it makes itself (mean latency = connections / throughput); this
-- measures the latency of a given offered load.
--
-- Latency is counted from when the request was due, not from when it went out: a connection still
-- waiting for a slow answer sends its next request late, and that lateness is the caller's wait too
-- (what wrk2 calls correcting coordinated omission). Run with one connection per thread (-t equal to
-- -c): wrk gives the script no handle on which connection a callback is for, and with one connection
-- per Lua state the request in flight is the one whose due time was last handed out.
local ffi = require("ffi")
ffi.cdef([[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec *tp);
]])
local ts = ffi.new("bench_timespec")
local function now()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC, in ms
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local key = os.getenv("BENCH_KEY")
local headers = { ["authorization"] = "Bearer " .. key }
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do
  paths[#paths + 1] = line
end
local interval = tonumber(os.getenv("BENCH_CONNECTIONS")) * 1000 / tonumber(os.getenv("BENCH_RATE"))

local threads = {}
function setup(thread)
  thread:set("seed", math.random(1, 1000000))
  threads[#threads + 1] = thread
end

local start, due, sent
local k = 0
latency = {} -- ms from due to answered
service = {} -- ms from sent to answered
errors = 0

function init(args)
  math.randomseed(seed)
end

function delay()
  local t = now()
  if not start then
    start = t + math.random() * interval
  end
  due = start + k * interval
  k = k + 1
  -- Whole milliseconds (wrk's timers), rounded up: never early, at most a millisecond late, counted.
  return math.max(0, math.ceil(due - t))
end

function request()
  sent = now()
  return wrk.format("GET", paths[math.random(1, #paths)], headers)
end

function response(status, headers, body)
  local t = now()
  latency[#latency + 1] = t - due
  service[#service + 1] = t - sent
  if status ~= 200 then
    errors = errors + 1
  end
end

local function percentile(sorted, p)
  if #sorted == 0 then
    return 0 / 0
  end
  return sorted[math.max(1, math.ceil(#sorted * p))]
end

function done(summary, _, _)
  local all, served, failed = {}, {}, 0
  for _, thread in ipairs(threads) do
    for _, v in ipairs(thread:get("latency")) do
      all[#all + 1] = v
    end
    for _, v in ipairs(thread:get("service")) do
      served[#served + 1] = v
    end
    failed = failed + thread:get("errors")
  end
  table.sort(all)
  table.sort(served)
  local seconds = summary.duration / 1e6
  io.write(string.format(
    'PACED {"offered":%.1f,"answered":%.1f,"p50":%.3f,"p90":%.3f,"p99":%.3f,"p999":%.3f,"max":%.3f,' ..
      '"serviceP50":%.3f,"serviceP99":%.3f,"errors":%d}\n',
    tonumber(os.getenv("BENCH_RATE")), #all / seconds, percentile(all, 0.5), percentile(all, 0.9),
    percentile(all, 0.99), percentile(all, 0.999), all[#all] or 0 / 0, percentile(served, 0.5),
    percentile(served, 0.99), failed + summary.errors.status + summary.errors.timeout))
end
