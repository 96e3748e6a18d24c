const { CognitoIdentityProviderClient, AdminAddUserToGroupCommand } = require("@aws-sdk/client-cognito-identity-provider");

const cognito = new CognitoIdentityProviderClient({});

const groupFor = (email) => {
  const domain = email.slice(email.lastIndexOf("@") + 1).toLowerCase();
  return domain === "staff.example.edu" ? "instructors" : "students";
};

exports.handler = async (event) => {
  // Post confirmation also runs after a password reset: only new sign-ups join a group.
  if (event.triggerSource !== "PostConfirmation_ConfirmSignUp") return event;

  const email = event.request.userAttributes.email || "";
  await cognito.send(
    new AdminAddUserToGroupCommand({
      UserPoolId: event.userPoolId,
      Username: event.userName,
      GroupName: groupFor(email),
    }),
  );
};
