-- Numbers a chat line, streams it to every node and stores it in the room's history. A member past the
-- presence limit is announced first, with its first line. A member one of the room's bans keeps out (set while it
-- was in) may not speak: the administrator always may, and so may the owner that showed the room's key (an heir by
-- presence could otherwise silence it in its own room). A line is tried by the sender's name and the looks of the
-- names it had this connection, never by its address ('' is passed): others behind a banned member's address keep
-- speaking (Ban.Who.speaking).
-- KEYS: room hash, room members, room events, room history, the room's bans, every room's bans (sorted set)
-- ARGV: nameKey, name, text, notice, at, eventsKept, historyKept, the sender's away message (for its JOINED), the
--   sender's address key ('': never tried here), room key, the sender's looks (Ban.Who: split by spaces), the administrator's name
--@include room-banned

local v = redis.call('HGET', KEYS[2], ARGV[1])
if not v then
  return redis.error_reply('NOT_IN_ROOM')
end
local node, order, role, announced, name = string.match(v, '^([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$')
if role ~= 'admin' then
  local ban = roomBanned(KEYS[5], KEYS[6], ARGV[10], ARGV[1], ARGV[9], ARGV[5], ARGV[11])
  local keyed = ban and banSetter(ban) ~= ARGV[12] and redis.call('HGET', KEYS[1], 'owner') == ARGV[1]
    and redis.call('HGET', KEYS[1], 'ownerKeyed') == '1'
  if ban and not keyed then
    return redis.error_reply('ROOM_BANNED ' .. ban)
  end
end
if announced == '0' then
  redis.call('HSET', KEYS[2], ARGV[1], node .. '\t' .. order .. '\t' .. role .. '\t1\t' .. name)
  local joined = redis.call('HINCRBY', KEYS[1], 'seq', 1)
  redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[6], joined .. '-0',
    't', 'J', 'f', name, 'at', ARGV[5], 'm', redis.call('HLEN', KEYS[2]), 'a', ARGV[8])
end
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[6], seq .. '-0',
  't', 'M', 'f', ARGV[2], 'x', ARGV[3], 'n', ARGV[4], 'at', ARGV[5])
if tonumber(ARGV[7]) > 0 then
  redis.call('XADD', KEYS[4], 'MAXLEN', ARGV[7], seq .. '-0', 'f', ARGV[2], 'x', ARGV[3], 'n', ARGV[4], 'at', ARGV[5])
end
return seq
