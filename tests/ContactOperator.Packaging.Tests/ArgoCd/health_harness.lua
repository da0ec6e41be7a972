-- Runs one Argo CD health.lua the way Argo CD does: the live object in the global `obj`, the script's return value
-- is the health (`hs.status`, `hs.message`). Argo CD's VM opens only the base and table libraries (plus a safe `os`
-- the checks here do not need), so the script gets exactly those: no string, math, io, os, debug, require or load.
-- Usage: lua5.4 health_harness.lua HEALTH_LUA OBJECT_LUA   (OBJECT_LUA: `return { ... }`, the object as a table)
local script_path, object_path = arg[1], arg[2]
local object = assert(loadfile(object_path, "t", {}))()

local env = {
  obj = object, table = table, ipairs = ipairs, pairs = pairs, next = next, type = type, tostring = tostring,
  tonumber = tonumber, select = select, error = error, assert = assert, pcall = pcall, xpcall = xpcall, print = print,
  setmetatable = setmetatable, getmetatable = getmetatable, rawget = rawget, rawset = rawset, rawequal = rawequal,
  rawlen = rawlen, unpack = table.unpack, _VERSION = _VERSION,
}
env._G = env

local file = assert(io.open(script_path, "r"))
local source = file:read("a")
file:close()
local chunk = assert(load(source, "@" .. script_path, "t", env))

-- Without the string library, method calls on strings ("x"):find() do not exist either.
local string_meta = getmetatable("")
local string_index = string_meta.__index
string_meta.__index = {}
local ok, hs = pcall(chunk)
string_meta.__index = string_index

if not ok then
  io.stderr:write(tostring(hs), "\n")
  os.exit(2)
end
if type(hs) ~= "table" then
  io.stderr:write("health.lua returned ", type(hs), ", not a table\n")
  os.exit(3)
end
io.stdout:write(tostring(hs.status), "\n", tostring(hs.message), "\n")
