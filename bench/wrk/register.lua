-- POST /api/grievances: a citizen's complaint by phone, a new caller each time (as on a busy day).
local key = os.getenv("BENCH_KEY")
local category = os.getenv("BENCH_CATEGORY")
local place = os.getenv("BENCH_PLACE")
local headers = { ["content-type"] = "application/json", ["authorization"] = "Bearer " .. key }
-- Complaints to send, one JSON fragment a line ("subject", "description", "language"): bench/lib.ts
-- writes the loaded history's, so the newest grievances read like the older ones.
local texts = {}
for line in io.lines(os.getenv("BENCH_TEXTS")) do
  texts[#texts + 1] = line
end

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
  math.randomseed(seed + os.time())
end

request = function()
  local phone = string.format("+9190%08d", math.random(0, 99999999))
  local body = '{"categoryId":' .. category .. ',"placeId":' .. place .. ',' .. texts[math.random(1, #texts)] ..
    ',"channel":"phone","citizen":{"phone":"' .. phone .. '"}}'
  return wrk.format("POST", "/api/grievances", headers, body)
end

response = function(status, headers, body)
  if status ~= 201 then
    io.stderr:write("unexpected " .. status .. ": " .. body .. "\n")
  end
end
