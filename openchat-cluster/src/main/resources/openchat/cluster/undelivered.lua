-- Takes a node's inbox: the private messages and invitations after the last entry the node recorded as read (all of
-- them when it recorded none), each as its flat list of fields; the inbox and the record go, in the same step, so
-- that an entry is either returned here or was in the inbox the node read.
-- KEYS: the node's inbox, its inbox-read key
local read = redis.call('GET', KEYS[2])
local entries = redis.call('XRANGE', KEYS[1], read and ('(' .. read) or '-', '+')
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
