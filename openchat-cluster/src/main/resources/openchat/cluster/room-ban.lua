-- Bans a name or a mask from a room on the order of its owner (present) or the administrator (from anywhere, even
-- while the room is empty and gone: its bans outlive it), or bans it again with a new reason and end. The ban goes in
-- the room's bans (room-banned.lua says how it is kept) and in every room's bans, a sorted set of 'ROOMKEY\nSLOT' by
-- when each was made. Past `most` bans in the room a new one is refused; past `mostInAll` in every room the oldest ban
-- of a room that no longer exists makes way, and the new one is refused when there is none. A name ban naming a member
-- in the room keeps its address (the room's addresses, join.lua) unless it is the setter's own. While the room
-- exists the change is streamed ('t' B: 'x' the target, 'c' 1 set, 0 lifted; a ban set also 'e' its end, epoch ms or ''
-- for none, and 'r' its reason) for its members on every node.
-- KEYS: room hash, room members, room events, rooms set, the room's bans, every room's bans, the room's addresses
-- ARGV: byKey, byName, isAdmin, roomKey, slot, expires (epoch ms, '' never), the ban (StreamEntries.banText), the
--   named member's key ('' for a mask), the setter's address key ('' none), at (epoch ms), eventsKept, most, mostInAll,
--   room key prefix, target, the ban's looks (Ban.looks, split by spaces: room-banned.lua), its reason
-- Returns the address kept ('' none).
--@include room-banned
--@include moderator

local roomKey, slot, at = ARGV[4], ARGV[5], ARGV[10]
local refused = notModerator(KEYS[1], KEYS[2], KEYS[4], roomKey, ARGV[1], ARGV[3], true)
if refused then
  return redis.error_reply(refused)
end
local held = roomBansHeld(KEYS[5], KEYS[6], roomKey, at)
local renewed = redis.call('HEXISTS', KEYS[5], slot) == 1
if not renewed and #held / 2 >= tonumber(ARGV[12]) then
  return redis.error_reply('TOO_MANY_ROOM_BANS ' .. ARGV[12])
end
if not renewed and redis.call('ZCARD', KEYS[6]) >= tonumber(ARGV[13]) then
  local pushed = false
  for _, made in ipairs(redis.call('ZRANGE', KEYS[6], 0, -1)) do
    local otherRoom, otherSlot = string.match(made, '^(.-)\n(.*)$')
    if redis.call('SISMEMBER', KEYS[4], otherRoom) == 0 then
      redis.call('HDEL', ARGV[14] .. otherRoom .. ':bans', otherSlot)
      redis.call('ZREM', KEYS[6], made)
      pushed = true
      break
    end
  end
  if not pushed then
    return redis.error_reply('TOO_MANY_ROOM_BANS ' .. ARGV[13])
  end
end
local address = ''
if ARGV[8] ~= '' then
  local seat = redis.call('HGET', KEYS[2], ARGV[8])
  local kept = redis.call('HGET', KEYS[7], ARGV[8])
  if seat and kept and string.match(seat, '^[^\t]*\t[^\t]*\t([^\t]*)\t') ~= 'admin' and kept ~= ARGV[9] then
    address = kept
  end
end
redis.call('HSET', KEYS[5], slot, ARGV[6] .. '\t' .. address .. '\t' .. ARGV[7] .. '\t' .. ARGV[16])
redis.call('ZADD', KEYS[6], at, roomKey .. '\n' .. slot)
if redis.call('SISMEMBER', KEYS[4], roomKey) == 1 then
  local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
  redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[11], seq .. '-0', 't', 'B', 'f', ARGV[2], 'x', ARGV[15], 'c', '1',
    'at', at, 'e', ARGV[6], 'r', ARGV[17])
end
return address
