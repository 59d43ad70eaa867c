-- Deletes messages from a room's history on the order of its owner (present) or the administrator (from outside the
-- room too; the room must exist), and streams the deletion ('t' D) so that every node tells its members present, the
-- deleter excepted. The messages' numbers are not handed out again, and the room's sequence goes on: the deletion takes
-- a number of its own, as a change of the limit does. A number the history no longer holds is passed over.
-- KEYS: room hash, room members, room events, rooms set, room history
-- ARGV: nameKey, name, isAdmin, roomKey, at (epoch ms), eventsKept, the messages' sender, reason, their Seqs (by
--   commas), when the first and the last of them were sent (epoch ms; empty when not known)
-- Returns how many the history held.
--@include moderator

local refused = notModerator(KEYS[1], KEYS[2], KEYS[4], ARGV[4], ARGV[1], ARGV[3], false)
if refused then
  return redis.error_reply(refused)
end
local ids = {}
for seq in string.gmatch(ARGV[9], '%d+') do
  ids[#ids + 1] = seq .. '-0'
end
local held = 0
if #ids > 0 then
  held = redis.call('XDEL', KEYS[5], unpack(ids))
end
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[6], seq .. '-0',
  't', 'D', 'f', ARGV[2], 's', ARGV[7], 'x', ARGV[9], 'r', ARGV[8], 'at', ARGV[5], 'fs', ARGV[10], 'ls', ARGV[11])
return held
