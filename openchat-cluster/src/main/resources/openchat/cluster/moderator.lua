-- Included by topic.lua, limit.lua, room-ban.lua, room-unban.lua and delete-messages.lua: why the member `nameKey`
-- may not change the room as its moderator, or nil when it may. Its owner may, while in it; the administrator may from
-- outside it too, and then the room must exist unless `anyRoom` (a room's bans outlive it).
local function notModerator(room, members, rooms, roomKey, nameKey, isAdmin, anyRoom)
  if redis.call('HEXISTS', members, nameKey) == 0 then
    if isAdmin ~= '1' then
      return 'NOT_IN_ROOM'
    end
    if not anyRoom and redis.call('SISMEMBER', rooms, roomKey) == 0 then
      return 'NO_SUCH_ROOM'
    end
  end
  if isAdmin ~= '1' and redis.call('HGET', room, 'owner') ~= nameKey then
    return 'NOT_MODERATOR'
  end
  return nil
end
