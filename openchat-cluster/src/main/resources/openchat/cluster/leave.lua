-- Takes a member's seat (if it is still this node's), announcing the leave unless quiet or never announced. An owner's
-- ownership passes to its heir: the LEFT names it ('o'), or an OWNER event ('t' O) does when no LEFT is streamed.
-- KEYS: room hash, room members, rooms set, room events, the node's seats[, the name's key, the node's names, the
--   looks, the looks by name, the presence stream]
-- ARGV: roomKey, nameKey, reason, detail, quiet, at, eventsKept, permanent, node, room key prefix, the emptied rooms'
--   topics (sorted set), how many of them are kept, who made it leave (the administrator's name for a KILL; absent or
--   empty: the member itself)
-- With the name's keys it also frees the name and its look, if this node still holds the name (release.lua), in the
-- same step: a dead node's member's last leave and its name go together, so whoever reads the leave finds the name free.
--@include pass-ownership
--@include room-emptied
--@include looks
--@include presence

if KEYS[6] then
  local holder = redis.call('GET', KEYS[6])
  if holder and string.sub(holder, 1, string.len(ARGV[9]) + 1) == ARGV[9] .. '\t' then
    redis.call('DEL', KEYS[6])
    freeLook(KEYS[8], KEYS[9], ARGV[2])
    tellPresence(KEYS[10], 'off', string.match(holder, '^[^\t]*\t([^\t]*)'))
  end
  redis.call('SREM', KEYS[7], ARGV[2])
end
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
redis.call('HDEL', KEYS[1] .. ':from', ARGV[2]) -- its address (join.lua)
redis.call('SREM', KEYS[5], ARGV[1] .. '\n' .. ARGV[2])
local count = redis.call('HLEN', KEYS[2])
local heir
if redis.call('HGET', KEYS[1], 'owner') == ARGV[2] then
  redis.call('HDEL', KEYS[1], 'owner', 'ownerName', 'ownerKeyed') -- the heir holds it by presence
  heir = passOwnership(KEYS[1], KEYS[2], KEYS[4], ARGV[6], ARGV[7])
end
if announced == '1' and ARGV[5] == '0' then
  local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
  redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[7], seq .. '-0',
    't', 'L', 'f', name, 'r', ARGV[3], 'b', ARGV[13] or '', 'd', ARGV[4], 'at', ARGV[6], 'm', count, 'a', '1', 'o', heir or '')
elseif heir then
  local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
  redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[7], seq .. '-0', 't', 'O', 'f', heir, 'at', ARGV[6])
end
if count == 0 and ARGV[8] == '0' then
  roomEmptied(KEYS[3], KEYS[1], ARGV[1], ARGV[6], ARGV[10], ARGV[11], ARGV[12])
end
return 1
