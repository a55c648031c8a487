-- wrk script: POST customer messages round-robin over the conversations given as
-- arguments, each with a unique client_msg_id (so every request is a real insert).
local thread_no = 0
function setup(thread)
  thread:set("tid", thread_no)
  thread_no = thread_no + 1
end

local conversations = {}
local counter = 0
function init(args)
  for i, id in ipairs(args) do conversations[i] = id end
end

function request()
  counter = counter + 1
  local cid = conversations[(counter % #conversations) + 1]
  local body = string.format(
    '{"text":"영업시간이 어떻게 되나요? #%d","client_msg_id":"t%s-%d"}', counter, tid, counter)
  return wrk.format("POST", "/api/v1/conversations/" .. cid .. "/messages",
                    {["Content-Type"] = "application/json"}, body)
end
