-- Places one-line orders as the signed-in customer: `POST /api/v1/orders` for a random active
-- product, each request with its own `Idempotency-Key` (run, thread and a per-thread counter),
-- so none is answered from the idempotency store. The driver passes the access token, the file
-- of active product ids (one per line) and a label unique to this wrk run after `--`.

local thread_count = 0

-- Runs once per thread in the main Lua state: a random sequence and a key prefix per thread.
function setup(thread)
  thread_count = thread_count + 1
  thread:set("seed", thread_count)
end

local products = {}
local headers = {}
local key_prefix = ""
local counter = 0

function init(args)
  math.randomseed(seed)
  headers["Authorization"] = "Bearer " .. args[1]
  headers["Content-Type"] = "application/json"
  key_prefix = "bench-" .. args[3] .. "-" .. seed .. "-"
  for id in io.lines(args[2]) do
    products[#products + 1] = id
  end
end

-- The body and the key change per request, so each one is formatted here.
function request()
  counter = counter + 1
  headers["Idempotency-Key"] = key_prefix .. counter
  local body = '{"lines":[{"product_id":"' .. products[math.random(#products)]
    .. '","quantity":1}]}'
  return wrk.format("POST", "/api/v1/orders", headers, body)
end
