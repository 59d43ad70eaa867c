-- Included by kick.lua and leave.lua (Script.read: a line '--@include room-emptied'), so that both end a room alike.
-- A room left empty (not the lobby) is no more: it leaves the rooms set, has no owner, and no longer counts against
-- the address and the network it was made from (join.lua). Its topic stays, as its history does.
local function roomEmptied(rooms, room, roomKey)
  redis.call('SREM', rooms, roomKey)
  for _, made in ipairs(redis.call('HMGET', room, 'madeFrom', 'madeIn')) do
    if made then
      redis.call('SREM', made, roomKey)
    end
  end
  redis.call('HDEL', room, 'owner', 'ownerName', 'madeFrom', 'madeIn')
end
