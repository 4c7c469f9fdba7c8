-- GET requests: one of the paths in BENCH_PATHS (a file, one path per line), chosen at random each time.
local key = os.getenv("BENCH_KEY")
local headers = { ["authorization"] = "Bearer " .. key }
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do
  paths[#paths + 1] = line
end

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
  math.randomseed(seed + os.time())
end

request = function()
  return wrk.format("GET", paths[math.random(1, #paths)], headers)
end

response = function(status, headers, body)
  if status ~= 200 then
    io.stderr:write("unexpected " .. status .. ": " .. string.sub(body, 1, 200) .. "\n")
  end
end
