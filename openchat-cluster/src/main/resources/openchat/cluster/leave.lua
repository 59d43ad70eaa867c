-- Takes a member's seat (if it is still this node's), announcing the leave unless quiet or never announced.
-- KEYS: room hash, room members, rooms set, room events, the node's seats
-- ARGV: roomKey, nameKey, reason, detail, quiet, at, eventsKept, permanent, node
local v = redis.call('HGET', KEYS[2], ARGV[2])
if not v then
  redis.call('SREM', KEYS[5], ARGV[1] .. '\n' .. ARGV[2])
  return 0
end
local node, order, role, announced, name = string.match(v, '^([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$')
if node ~= ARGV[9] then
  redis.call('SREM', KEYS[5], ARGV[1] .. '\n' .. ARGV[2])
  return 0
end
redis.call('HDEL', KEYS[2], ARGV[2])
redis.call('SREM', KEYS[5], ARGV[1] .. '\n' .. ARGV[2])
local count = redis.call('HLEN', KEYS[2])
if redis.call('HGET', KEYS[1], 'owner') == ARGV[2] then
  redis.call('HDEL', KEYS[1], 'owner', 'ownerName')
end
if announced == '1' and ARGV[5] == '0' then
  local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
  redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[7], seq .. '-0',
    't', 'L', 'f', name, 'r', ARGV[3], 'b', '', 'd', ARGV[4], 'at', ARGV[6], 'm', count, 'a', '1')
end
if count == 0 and ARGV[8] == '0' then
  redis.call('SREM', KEYS[3], ARGV[1])
  redis.call('HDEL', KEYS[1], 'owner', 'ownerName') -- the topic stays, as the history does
end
return 1
