-- Included by join.lua and room-claim.lua: whether `hash` (RoomKey.hash of the key a member showed) is the key of the
-- room `roomKey`. The registered rooms' keys are kept apart from the rooms' hashes, in `keys` (room key to
-- HASH\tBY\tAT\tROOM\tNETWORK: the hash, who registered the room and when, epoch ms, the room's name as written,
-- and the network it was registered from, empty for none; a value kept by an older node has no NETWORK), so
-- that a registration outlives its room's emptying and its making anew; a room not registered opens to no key.
local function opensRoom(keys, roomKey, hash)
  local kept = redis.call('HGET', keys, roomKey)
  return kept and string.match(kept, '^[^\t]*') == hash or false
end
