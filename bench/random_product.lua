-- Spreads single-product requests over every seeded id, so each request is a real index
-- lookup rather than one hot row cached all the way down. The driver writes one id per line
-- to a file and passes its path after `--`.

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
  for id in io.lines(args[1]) do
    requests[#requests + 1] = wrk.format("GET", "/api/v1/products/" .. id)
  end
end

function request()
  return requests[math.random(#requests)]
end
