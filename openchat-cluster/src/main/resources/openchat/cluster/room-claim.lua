-- A member in a room shows the room's key (its hash: RoomKey): it owns the room from now on and holds the key
-- ('ownerKeyed'), taking the room from the member who held it, who stays; every node's members are told by an OWNER
-- entry ('t' O) naming that member ('p'). A member the room was never told of is announced first (its JOINED streamed
-- before the OWNER), as its heir would be. The administrator, which owns no room, changes nothing. Returns the
-- member's role in the room: 'owner', 'admin' or 'member' (the lobby's, which no key opens).
-- KEYS: room hash, room members, room events, the registered rooms' keys
-- ARGV: roomKey, nameKey, hash, at, eventsKept, permanent, the member's away message (for its JOINED)
--@include room-key

local nameKey, at, eventsKept = ARGV[2], ARGV[4], ARGV[5]
local seat = redis.call('HGET', KEYS[2], nameKey)
if not seat then
  return redis.error_reply('NOT_IN_ROOM')
end
if not opensRoom(KEYS[4], ARGV[1], ARGV[3]) then
  return redis.error_reply(redis.call('HEXISTS', KEYS[4], ARGV[1]) == 0 and 'WRONG_ROOM_KEY unregistered'
    or 'WRONG_ROOM_KEY')
end
local node, order, role, announced, name = string.match(seat, '^([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$')
if role == 'admin' then
  return 'admin'
end
if ARGV[6] == '1' then
  return 'member'
end
redis.call('HSET', KEYS[1], 'ownerKeyed', '1')
if redis.call('HGET', KEYS[1], 'owner') == nameKey then
  return 'owner'
end
local previous = redis.call('HGET', KEYS[1], 'ownerName')
redis.call('HSET', KEYS[1], 'owner', nameKey, 'ownerName', name)
if announced ~= '1' then
  redis.call('HSET', KEYS[2], nameKey, node .. '\t' .. order .. '\t' .. role .. '\t1\t' .. name)
  local joined = redis.call('HINCRBY', KEYS[1], 'seq', 1)
  redis.call('XADD', KEYS[3], 'MAXLEN', '~', eventsKept, joined .. '-0',
    't', 'J', 'f', name, 'at', at, 'm', redis.call('HLEN', KEYS[2]), 'a', ARGV[7])
end
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
redis.call('XADD', KEYS[3], 'MAXLEN', '~', eventsKept, seq .. '-0', 't', 'O', 'f', name, 'at', at, 'p', previous or '')
return 'owner'
