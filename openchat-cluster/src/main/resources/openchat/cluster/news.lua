-- Tells every node on the cluster stream: a ban made (kept in the bans hash), a ban lifted (forgotten there), the
-- administrator's announcement (kept nowhere else), or the administrator's stop. One step, so that a refused ban is
-- neither kept nor told.
-- KEYS: the bans hash, the cluster stream
-- ARGV: what (ban, unban, announce or stop), the ban's slot (the announcer's name for announce, empty for stop), the
-- ban's text, the announcement's or the stop's reason; for announce, its time in epoch milliseconds
if ARGV[1] == 'ban' then
  redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', '100', '*', 't', 'ban', 'b', ARGV[3])
elseif ARGV[1] == 'unban' then
  redis.call('HDEL', KEYS[1], ARGV[2])
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', '100', '*', 't', 'unban', 'b', ARGV[3])
elseif ARGV[1] == 'announce' then
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', '100', '*', 't', 'announce', 'f', ARGV[2], 'x', ARGV[3], 'at', ARGV[4])
else
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', '100', '*', 't', 'stop', 'r', ARGV[3])
end
return 1
