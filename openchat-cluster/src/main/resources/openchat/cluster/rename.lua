-- Renames a member of this node, at once everywhere the store keeps its name: its claim (with its away message) and
-- its look, its seat in each of its rooms (order, role and announcement kept), its node's seats and names, the rooms it
-- owns; then tells every other node with members in its rooms, once per node. The old name and its look are free
-- after it. The new look may be the member's own (alice to Alice, or to a1ice), or one no one holds.
-- KEYS: the old name's key, the new name's key, the node's names, the node's seats, the looks, the looks by name, the
--   presence stream
-- ARGV: room key prefix, node key prefix, node, oldKey, newKey, newName, oldName, at, the new name's look, the name
--   keys' prefix, then the member's room keys
--@include looks
--@include presence

local node, oldKey, newKey, newName = ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local v = redis.call('GET', KEYS[1])
if not v or string.sub(v, 1, string.len(node) + 1) ~= node .. '\t' then
  return redis.error_reply('GONE')
end
if oldKey ~= newKey and redis.call('EXISTS', KEYS[2]) == 1 then
  return redis.error_reply('NAME_TAKEN')
end
local alike = lookHolder(KEYS[5], KEYS[6], ARGV[10], ARGV[9], oldKey)
if alike then
  return redis.error_reply('NAME_LOOKALIKE ' .. alike)
end
local away = string.match(v, '^[^\t]*\t[^\t]*\t(.*)$')
local claim = node .. '\t' .. newName .. (away and ('\t' .. away) or '')
redis.call('SET', KEYS[2], claim)
if oldKey ~= newKey then
  redis.call('DEL', KEYS[1])
  freeLook(KEYS[5], KEYS[6], oldKey)
  redis.call('SREM', KEYS[3], oldKey)
  redis.call('SADD', KEYS[3], newKey)
  tellPresence(KEYS[7], 'off', ARGV[7])
  tellPresence(KEYS[7], 'on', newName)
end
holdLook(KEYS[5], KEYS[6], newKey, ARGV[9])
local nodes, rooms = {}, {}
for i = 11, #ARGV do
  local roomKey = ARGV[i]
  local members = ARGV[1] .. roomKey .. ':members'
  local seat = redis.call('HGET', members, oldKey)
  if seat then
    rooms[#rooms + 1] = roomKey
    local order, role, announced = string.match(seat, '^[^\t]*\t([^\t]*)\t([^\t]*)\t([^\t]*)\t')
    redis.call('HDEL', members, oldKey)
    redis.call('HSET', members, newKey, node .. '\t' .. order .. '\t' .. role .. '\t' .. announced .. '\t' .. newName)
    redis.call('SREM', KEYS[4], roomKey .. '\n' .. oldKey)
    redis.call('SADD', KEYS[4], roomKey .. '\n' .. newKey)
    local addresses = ARGV[1] .. roomKey .. ':from' -- join.lua
    local address = redis.call('HGET', addresses, oldKey)
    if address then
      redis.call('HDEL', addresses, oldKey)
      redis.call('HSET', addresses, newKey, address)
    end
    local room = ARGV[1] .. roomKey
    if redis.call('HGET', room, 'owner') == oldKey then -- a key it showed ('ownerKeyed') it holds under the new name
      redis.call('HSET', room, 'owner', newKey, 'ownerName', newName)
    end
    for _, other in ipairs(redis.call('HVALS', members)) do
      local otherNode = string.match(other, '^([^\t]*)\t')
      if otherNode and otherNode ~= node then
        nodes[otherNode] = true
      end
    end
  end
end
local inRooms = table.concat(rooms, '\n')
for other in pairs(nodes) do
  redis.call('XADD', ARGV[2] .. other .. ':inbox', 'MAXLEN', '~', '10000', '*',
    't', 'R', 'f', ARGV[7], 'n', newName, 'at', ARGV[8], 'r', inRooms)
end
return 1
