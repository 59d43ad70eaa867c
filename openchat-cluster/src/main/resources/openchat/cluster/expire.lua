-- Deletes a room stream's entries said before a time (--history-max-age). A room's entries are in time order (its
-- numbers are handed out as things happen in it), so it walks from the oldest and stops at the first one still kept,
-- or after ARGV[2] entries, so that one call stays short: the next sweep goes on from there.
-- KEYS: the stream
-- ARGV: the oldest time kept (epoch milliseconds), the most entries to examine
-- Returns the number of entries deleted.
local oldest = tonumber(ARGV[1])
local budget = tonumber(ARGV[2])
local start = '-'
local kept = nil
local last = nil
local examined = 0
while examined < budget do
  local page = redis.call('XRANGE', KEYS[1], start, '+', 'COUNT', 100)
  for _, entry in ipairs(page) do
    local fields = entry[2]
    local at = nil
    for i = 1, #fields, 2 do
      if fields[i] == 'at' then
        at = tonumber(fields[i + 1])
        break
      end
    end
    if at == nil or at >= oldest then
      kept = entry[1]
      break
    end
    last = entry[1]
    examined = examined + 1
  end
  if kept or #page < 100 then
    break
  end
  start = '(' .. last
end
if kept then
  return redis.call('XTRIM', KEYS[1], 'MINID', kept)
end
if last then
  local ms, n = string.match(last, '^(%d+)-(%d+)$')
  return redis.call('XTRIM', KEYS[1], 'MINID', ms .. '-' .. (tonumber(n) + 1))
end
return 0
