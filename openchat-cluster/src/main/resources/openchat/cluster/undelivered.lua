-- Takes a node's inbox: the private messages and invitations after the last entry the node recorded as read, each as
-- its flat list of fields; without a record (a node that died before its first heartbeat, or that ran a version that
-- did not record it), those of the last window milliseconds only, not all the inbox still keeps. The inbox and the
-- record go in the same step, so that an entry is either returned here or was in the inbox the node read.
-- KEYS: the node's inbox, its inbox-read key
-- ARGV: the window, in milliseconds
local read = redis.call('GET', KEYS[2])
local from
if read then
  from = '(' .. read
else
  local now = redis.call('TIME')
  from = string.format('%.0f', tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) - tonumber(ARGV[1]))
end
local entries = redis.call('XRANGE', KEYS[1], from, '+')
local unread = {}
for _, entry in ipairs(entries) do
  local fields = entry[2]
  for i = 1, #fields, 2 do
    if fields[i] == 't' and (fields[i + 1] == 'P' or fields[i + 1] == 'I') then
      unread[#unread + 1] = fields
      break
    end
  end
end
redis.call('DEL', KEYS[1], KEYS[2])
return unread
