// Pre token generation (trigger version V1_0): add claims to the ID token, hide the phone number.
exports.handler = async (event) => {
  const attrs = event.request.userAttributes;
  // event.request.groupConfiguration.groupsToOverride: the user's groups, e.g. ["students"]
  event.response = {
    claimsOverrideDetails: {
      claimsToAddOrOverride: { cohort: attrs["custom:cohort"] },
      // TODO: roles, employee_id, and hide phone_number
    },
  };
  return event;
};
