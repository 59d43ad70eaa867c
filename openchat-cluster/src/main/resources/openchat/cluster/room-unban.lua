-- Lifts a room's ban on the order of its owner (present) or the administrator (from anywhere), as room-ban.lua sets
-- one; a lapsed ban is no longer there to lift. While the room exists the change is streamed ('t' B, 'c' 0).
-- KEYS: room hash, room members, room events, rooms set, the room's bans, every room's bans
-- ARGV: byKey, byName, isAdmin, roomKey, slot, at (epoch ms), eventsKept
-- Returns the ban lifted as the room's bans kept it.
--@include room-banned
--@include moderator

local roomKey, slot, at = ARGV[4], ARGV[5], ARGV[6]
local refused = notModerator(KEYS[1], KEYS[2], KEYS[4], roomKey, ARGV[1], ARGV[3], true)
if refused then
  return redis.error_reply(refused)
end
roomBansHeld(KEYS[5], KEYS[6], roomKey, at)
local value = redis.call('HGET', KEYS[5], slot)
if not value then
  return redis.error_reply('NOT_BANNED')
end
redis.call('HDEL', KEYS[5], slot)
redis.call('ZREM', KEYS[6], roomKey .. '\n' .. slot)
if redis.call('SISMEMBER', KEYS[4], roomKey) == 1 then
  local target = string.match(value, '^[^\t]*\t[^\t]*\t[^\t]*\t[^\t]*\t([^\t]*)\t')
  local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
  redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[7], seq .. '-0', 't', 'B', 'f', ARGV[2], 'x', target, 'c', '0',
    'at', at)
end
return value
