-- Reads random orders of the signed-in customer: `GET /api/v1/orders/{id}` with the bearer
-- token. The driver passes the access token and a file of the customer's order ids (one per
-- line) after `--`.

local thread_count = 0

-- Runs once per thread in the main Lua state: gives each thread its own random sequence.
function setup(thread)
  thread_count = thread_count + 1
  thread:set("seed", thread_count)
end

local requests = {}

-- Runs in each thread's own Lua state; requests are formatted once, not per call.
function init(args)
  math.randomseed(seed)
  local headers = { ["Authorization"] = "Bearer " .. args[1] }
  for id in io.lines(args[2]) do
    requests[#requests + 1] = wrk.format("GET", "/api/v1/orders/" .. id, headers)
  end
end

function request()
  return requests[math.random(#requests)]
end
