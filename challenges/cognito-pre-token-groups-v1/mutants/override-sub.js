// Pre token generation, V1_0: customise the ID token.
exports.handler = async (event) => {
  const attrs = event.request.userAttributes || {};
  const groups = (event.request.groupConfiguration && event.request.groupConfiguration.groupsToOverride) || [];

  const claimsToAddOrOverride = {};
  if (attrs["custom:cohort"]) claimsToAddOrOverride.cohort = attrs["custom:cohort"];
  if (attrs["custom:employee_id"]) claimsToAddOrOverride.sub = attrs["custom:employee_id"];
  if (groups.length > 0) claimsToAddOrOverride.roles = groups.join(",");

  event.response = {
    claimsOverrideDetails: {
      claimsToAddOrOverride,
      claimsToSuppress: ["phone_number", "phone_number_verified"],
    },
  };
  return event;
};
