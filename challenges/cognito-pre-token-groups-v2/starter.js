// Pre token generation (trigger version V2_0): customise the ID token, the access token and its scopes.
const maskEmail = (email) => {
  const at = email.lastIndexOf("@");
  return at > 0 ? `${email[0]}***${email.slice(at)}` : email;
};

exports.handler = async (event) => {
  const attrs = event.request.userAttributes;
  const groups = event.request.groupConfiguration.groupsToOverride; // e.g. ["students"]
  // event.request.scopes: the access token's scopes, e.g. ["openid", "email", "aws.cognito.signin.user.admin"]
  event.response = {
    claimsAndScopeOverrideDetails: {
      idTokenGeneration: {},
      accessTokenGeneration: {},
      // TODO
    },
  };
  return event;
};
