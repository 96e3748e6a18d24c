// Pre token generation, V2_0: ID and access tokens, plus scopes.
const maskEmail = (email) => {
  const at = email.lastIndexOf("@");
  return at > 0 ? `${email[0]}***${email.slice(at)}` : email;
};

exports.handler = async (event) => {
  const attrs = event.request.userAttributes || {};
  const groups = (event.request.groupConfiguration && event.request.groupConfiguration.groupsToOverride) || [];

  const scopesToAdd = [];
  if (groups.includes("students") || groups.includes("instructors")) scopesToAdd.push("grades/read");
  if (groups.includes("instructors")) scopesToAdd.push("grades/write");

  event.response = {
    claimsOverrideDetails: {
      claimsToAddOrOverride: {
        email: maskEmail(attrs.email || ""),
        tenant_id: attrs["custom:tenant_id"],
        roles: groups.join(","),
      },
    },
  };
  return event;
};
