-- Keeps this node alive for ttl more milliseconds; 0 when the store no longer knows it (declared dead, the store
-- lost its data, or another instance took its id meanwhile): its members must connect again. Then the store's
-- clock (TIME: seconds, microseconds), by which the node's writes are given their deadlines.
-- Records the id of the last inbox entry the node has read.
-- Then what IRC's LUSERS tells of the whole cluster, read here so that counting costs no member's request a round
-- trip: the live nodes (listed, their alive key present; this one included), the names held on the other live nodes
-- and on all of them, the rooms, and 1 when a member of another live node holds the administrator's name.
-- KEYS: epoch, nodes set, the node's alive key, the node's inbox-read key, rooms set, the administrator's name key
-- ARGV: epoch, node, ttl, this instance's token, the last inbox entry read, the node keys' prefix
local now = redis.call('TIME')
local alive = redis.call('GET', KEYS[3])
if redis.call('GET', KEYS[1]) ~= ARGV[1] or redis.call('SISMEMBER', KEYS[2], ARGV[2]) == 0
    or (alive and alive ~= ARGV[4]) then
  return {0, now[1], now[2]}
end
redis.call('SET', KEYS[3], ARGV[4], 'PX', ARGV[3])
redis.call('SET', KEYS[4], ARGV[5])

local live, nodes, members, mine = {}, 0, 0, 0
for _, node in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  if node == ARGV[2] or redis.call('EXISTS', ARGV[6] .. node .. ':alive') == 1 then
    live[node] = true
    nodes = nodes + 1
    local held = redis.call('SCARD', ARGV[6] .. node .. ':names')
    members = members + held
    if node == ARGV[2] then
      mine = held
    end
  end
end
local administrator = 0
local holder = redis.call('GET', KEYS[6])
if holder then
  local node = string.match(holder, '^([^\t]*)')
  if node ~= ARGV[2] and live[node] then
    administrator = 1
  end
end
return {1, now[1], now[2], nodes, members - mine, members, redis.call('SCARD', KEYS[5]), administrator}
