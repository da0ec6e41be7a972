-- Argo CD health of a ContactOperator resource, from its Ready and Synced conditions: the check of every kind that has
-- none of its own (FailoverPlan has, Kinds/FailoverPlans/FailoverPlan.health.lua).
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

-- Ready=False reasons the operator is still working through; every other False reason needs a person.
local working = { Creating = true, WaitingForDependency = true, Deleting = true, AwsError = true }

if obj.metadata.deletionTimestamp ~= nil then
  hs.status = "Progressing"
  hs.message = "Deleting: the operator is applying the deletionPolicy before removing its finalizer"
  return hs
end

local generation = obj.metadata.generation
local observed = nil
if obj.status ~= nil then
  observed = obj.status.observedGeneration
end
if generation ~= nil and (observed == nil or observed < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. generation
  return hs
end

local ready = condition("Ready")
local synced = condition("Synced")

if synced ~= nil and synced.status == "False" then
  if synced.reason == "AwsError" then
    hs.status = "Progressing"
    hs.message = "Retrying: " .. describe(synced)
    return hs
  end
  hs.status = "Degraded"
  hs.message = describe(synced)
  return hs
end

if ready == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to report the Ready condition"
  return hs
end

if ready.status == "True" then
  if ready.observedGeneration ~= nil and generation ~= nil and ready.observedGeneration < generation then
    hs.status = "Progressing"
    hs.message = "Applying generation " .. generation
    return hs
  end
  if ready.reason == "ObserveOnly" then
    hs.status = "Suspended"
    hs.message = describe(ready)
    return hs
  end
  hs.status = "Healthy"
  hs.message = ready.message or "Ready"
  return hs
end

if ready.status == "False" and not working[ready.reason] then
  hs.status = "Degraded"
else
  hs.status = "Progressing"
end
hs.message = describe(ready)
return hs
