-- For `Scripts/bench api`: requests the paths listed in the file named by $WRK_PATHS (one per
-- line) in random order, and prints one parseable line when done:
--   WRK <requests/s> <p50 ms> <p95 ms> <p99 ms> <max ms> <non-2xx responses> <requests>
local paths = {}

function init(args)
  for line in io.lines(os.getenv("WRK_PATHS")) do paths[#paths + 1] = line end
  -- Each thread has its own Lua state: its table address tells the threads apart.
  math.randomseed(os.time() + tonumber(tostring(paths):match("0x(%x+)") or "0", 16))
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function done(summary, latency, requests)
  io.write(string.format("WRK %.0f %.3f %.3f %.3f %.3f %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.errors.status, summary.requests))
end
