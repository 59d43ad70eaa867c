-- Registers a room on the order of its owner or the administrator: keeps the hash of the key the node made (RoomKey)
-- as the room's, in place of any before, in the registered rooms' keys (room-key.lua), which outlive the room. The
-- room's owner holds the key from now on when it is the registrant; after the administrator's, it does not. Refuses
-- who may not (room-key-holder.lua), and a room not yet registered past the most registered rooms. The change is
-- streamed ('t' G: 'f' the registrant, 'c' 1 registered, 2 given a new key), for the room's members on every node;
-- never the key nor its hash.
-- KEYS: room hash, room members, rooms set, the registered rooms' keys, room events
-- ARGV: roomKey, nameKey, name, isAdmin, permanent, hash, most, at, roomName, eventsKept, network, mostFromNetwork
-- A registration is counted against the network it was made from (RoomKey.networkOf: the registrant's IPv4 /24 or
-- IPv6 /48; empty for the administrator, counted against none), kept as the value's fifth field, so that one network
-- registers at most mostFromNetwork rooms; a new key moves the room to its giver's network.
-- Returns 2 when the new key replaced one, else 1.
--@include room-key-holder

local roomKey, nameKey = ARGV[1], ARGV[2]
local refused = notKeyHolder(KEYS[1], KEYS[2], KEYS[3], KEYS[4], roomKey, nameKey, ARGV[4], ARGV[5], false)
if refused then
  return redis.error_reply(refused)
end
local most = tonumber(ARGV[7])
local replaced = redis.call('HEXISTS', KEYS[4], roomKey) == 1
if not replaced and redis.call('HLEN', KEYS[4]) >= most then
  return redis.error_reply('TOO_MANY_REGISTERED_ROOMS ' .. most)
end
local network = ARGV[11]
if network ~= '' then
  -- A value's fifth field is its network: a room's name holds no tab and no slash, so no value of four ends so.
  local suffix = '\t' .. network
  local fromNetwork = 0
  local kept = redis.call('HGETALL', KEYS[4])
  for i = 1, #kept, 2 do
    if kept[i] ~= roomKey and string.sub(kept[i + 1], -#suffix) == suffix then
      fromNetwork = fromNetwork + 1
    end
  end
  if fromNetwork >= tonumber(ARGV[12]) then
    return redis.error_reply('TOO_MANY_REGISTERED_ROOMS_FROM_ADDRESS ' .. ARGV[12])
  end
end
redis.call('HSET', KEYS[4], roomKey,
  ARGV[6] .. '\t' .. ARGV[3] .. '\t' .. ARGV[8] .. '\t' .. ARGV[9] .. '\t' .. network)
if redis.call('HGET', KEYS[1], 'owner') == nameKey then
  redis.call('HSET', KEYS[1], 'ownerKeyed', '1')
else
  redis.call('HDEL', KEYS[1], 'ownerKeyed')
end
local change = replaced and 2 or 1
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
-- 'o': the room's owner now, whom the administrator's key concerns (its own line: ChatEvent.RoomRegistration).
local owner = redis.call('HGET', KEYS[1], 'ownerName')
if owner then
  redis.call('XADD', KEYS[5], 'MAXLEN', '~', ARGV[10], seq .. '-0', 't', 'G', 'f', ARGV[3], 'c', change, 'at', ARGV[8],
    'o', owner)
else
  redis.call('XADD', KEYS[5], 'MAXLEN', '~', ARGV[10], seq .. '-0', 't', 'G', 'f', ARGV[3], 'c', change, 'at', ARGV[8])
end
return change
