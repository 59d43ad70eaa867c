-- Sets how many members a room holds on the order of its owner or the administrator, or gives it back the server's
-- capacity (limit 0), and streams the change ('t' N: 'x' the limit, 'c' 1 when given back). The administrator may set
-- it from outside the room, as it may set the topic; the room must exist. Members already in stay, however many;
-- join.lua refuses a join past it, and a room that empties forgets it (room-emptied.lua).
-- KEYS: room hash, room members, room events, rooms set
-- ARGV: nameKey, name, isAdmin, limit (0: the server's), capacity, at, eventsKept, roomKey
--@include moderator

local refused = notModerator(KEYS[1], KEYS[2], KEYS[4], ARGV[8], ARGV[1], ARGV[3], false)
if refused then
  return redis.error_reply(refused)
end
local asked, capacity = tonumber(ARGV[4]), tonumber(ARGV[5])
local reset = asked == 0
if not reset and (asked < 1 or asked > capacity) then
  return redis.error_reply('INVALID_LIMIT ' .. ARGV[4])
end
if reset then
  redis.call('HDEL', KEYS[1], 'limit')
else
  redis.call('HSET', KEYS[1], 'limit', ARGV[4])
end
local limit = reset and capacity or asked
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[7], seq .. '-0',
  't', 'N', 'f', ARGV[2], 'x', limit, 'c', reset and '1' or '0', 'at', ARGV[6])
return limit
