-- Argo CD health of a FailoverPlan: its phase (Pending, Provisioning, Ready, CheckingPreconditions, ShiftingTraffic,
-- SwitchingRoutingControls, Completed, Failed), the Ready and Synced conditions, and whether drills are suspended.
-- Uses only Lua's base functions (Argo CD opens no string or math library for health checks).
local hs = {}

local function condition(conditionType)
  if obj.status == nil or obj.status.conditions == nil then
    return nil
  end
  for _, c in ipairs(obj.status.conditions) do
    if c.type == conditionType then
      return c
    end
  end
  return nil
end

local function describe(c)
  if c.message ~= nil and c.message ~= "" then
    return c.reason .. ": " .. c.message
  end
  return c.reason
end

local moving = { CheckingPreconditions = true, ShiftingTraffic = true, SwitchingRoutingControls = true }

if obj.metadata.deletionTimestamp ~= nil then
  hs.status = "Progressing"
  hs.message = "Deleting: the operator is applying the deletionPolicy before removing its finalizer"
  return hs
end

local status = obj.status or {}
local phase = status.phase
local generation = obj.metadata.generation
if generation ~= nil and (status.observedGeneration == nil or status.observedGeneration < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. generation
  return hs
end

if moving[phase] then
  local move = status.inProgress or {}
  local what = "Failing over"
  if move.drill then
    what = "Drill: moving"
  end
  hs.status = "Progressing"
  hs.message = what .. " from " .. tostring(move.fromRegion) .. " to " .. tostring(move.toRegion) .. " (" .. phase .. ")"
  if move.step ~= nil then
    hs.message = hs.message .. ": " .. move.step
  end
  return hs
end

if phase == "Failed" then
  hs.status = "Degraded"
  hs.message = "Failover failed"
  if status.history ~= nil and status.history[1] ~= nil and status.history[1].message ~= nil then
    hs.message = hs.message .. ": " .. status.history[1].message
  else
    local ready = condition("Ready")
    if ready ~= nil then
      hs.message = hs.message .. ": " .. describe(ready)
    end
  end
  return hs
end

local synced = condition("Synced")
if synced ~= nil and synced.status == "False" then
  if synced.reason == "AwsError" then
    hs.status = "Progressing"
    hs.message = "Retrying: " .. describe(synced)
  else
    hs.status = "Degraded"
    hs.message = describe(synced)
  end
  return hs
end

if phase == "Ready" or phase == "Completed" then
  if obj.spec.activeRegion ~= status.activeRegion then
    hs.status = "Progressing"
    hs.message = "Failover to " .. obj.spec.activeRegion .. " requested; active region is " .. tostring(status.activeRegion)
    return hs
  end
  if obj.spec.drill ~= nil and obj.spec.drill.suspend then
    hs.status = "Suspended"
    hs.message = "Drills suspended; active in " .. tostring(status.activeRegion)
    return hs
  end
  hs.status = "Healthy"
  hs.message = "Active in " .. tostring(status.activeRegion)
  return hs
end

local ready = condition("Ready")
hs.status = "Progressing"
if ready ~= nil and ready.status == "False" and (ready.reason == "InvalidSpec" or ready.reason == "AwsInvalidRequest" or ready.reason == "AwsQuotaExceeded" or ready.reason == "NameConflict") then
  hs.status = "Degraded"
end
if ready ~= nil then
  hs.message = describe(ready)
elseif phase == "Provisioning" then
  hs.message = "Provisioning the replica in " .. obj.spec.replica.region
else
  hs.message = "Waiting for the operator to provision the replica in " .. obj.spec.replica.region
end
return hs
