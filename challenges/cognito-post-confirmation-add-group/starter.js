const { CognitoIdentityProviderClient, AdminAddUserToGroupCommand } = require("@aws-sdk/client-cognito-identity-provider");

const cognito = new CognitoIdentityProviderClient({});

// Post confirmation trigger: put newly confirmed users in their group.
exports.handler = async (event) => {
  const email = event.request.userAttributes.email;
  // TODO: which group? when? (AdminAddUserToGroupCommand takes UserPoolId, Username, GroupName)
  return event;
};
