-- Included by room-register.lua and room-unregister.lua: why the member `nameKey` may not register the room anew or,
-- with `dropping`, drop its registration, or nil when it may: the single server's checks (Room.requireKeyHolder), in
-- its order. Its owner may, while in it, and the administrator, from outside it too; the room must exist then, unless
-- the administrator drops the registration of a room that emptied. The lobby belongs to no one. A registered room's
-- owner may only when it holds the key ('ownerKeyed': it showed the key, or registered the room, while in it), not an
-- heir by presence; the administrator always may.
--@include moderator

local function notKeyHolder(room, members, rooms, keys, roomKey, nameKey, isAdmin, permanent, dropping)
  local refused = notModerator(room, members, rooms, roomKey, nameKey, isAdmin, dropping)
  -- The lobby has no owner, so its members are not its moderators: they are told it is no one's.
  if permanent == '1' and (refused == nil or refused == 'NOT_MODERATOR') then
    return 'LOBBY_UNOWNED'
  end
  if refused then
    return refused
  end
  local registered = redis.call('HEXISTS', keys, roomKey) == 1
  if dropping and not registered then
    return 'NOT_REGISTERED'
  end
  if registered and isAdmin ~= '1' and redis.call('HGET', room, 'ownerKeyed') ~= '1' then
    return 'NOT_KEY_HOLDER'
  end
  return nil
end
