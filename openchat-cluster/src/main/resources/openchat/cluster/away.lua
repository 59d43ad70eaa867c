-- Sets (or clears, with an empty message) the away message of a member of this node, kept with its name so that it
-- goes when the name does, and tells every other node with members in the member's rooms, once per node.
-- KEYS: the name's key
-- ARGV: room key prefix, node key prefix, node, nameKey, name, message, at, then the member's room keys
local v = redis.call('GET', KEYS[1])
if not v or string.sub(v, 1, string.len(ARGV[3]) + 1) ~= ARGV[3] .. '\t' then
  return 0
end
if ARGV[6] == '' then
  redis.call('SET', KEYS[1], ARGV[3] .. '\t' .. ARGV[5])
else
  redis.call('SET', KEYS[1], ARGV[3] .. '\t' .. ARGV[5] .. '\t' .. ARGV[6])
end
local nodes, rooms = {}, {}
for i = 8, #ARGV do
  rooms[#rooms + 1] = ARGV[i]
  for _, seat in ipairs(redis.call('HVALS', ARGV[1] .. ARGV[i] .. ':members')) do
    local node = string.match(seat, '^([^\t]*)\t')
    if node and node ~= ARGV[3] then
      nodes[node] = true
    end
  end
end
local inRooms = table.concat(rooms, '\n')
for node in pairs(nodes) do
  redis.call('XADD', ARGV[2] .. node .. ':inbox', 'MAXLEN', '~', '10000', '*',
    't', 'A', 'f', ARGV[5], 'k', ARGV[4], 'x', ARGV[6], 'at', ARGV[7], 'r', inRooms)
end
return 1
