-- The name, as its holder writes it, of the member on any node whose name has the look ARGV[1] and is not the name of
-- key ARGV[2]; nil when there is none.
-- KEYS: the looks, the looks by name
-- ARGV: look, nameKey, the name keys' prefix
--@include looks

return lookHolder(KEYS[1], KEYS[2], ARGV[3], ARGV[1], ARGV[2])
