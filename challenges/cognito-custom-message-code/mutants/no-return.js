// Custom message trigger: branded emails for sign-up, password reset and admin-created accounts.
exports.handler = async (event) => {
  const { codeParameter, usernameParameter, userAttributes } = event.request;
  const name = (userAttributes && userAttributes.name) || "there";

  switch (event.triggerSource) {
    case "CustomMessage_SignUp":
    case "CustomMessage_ResendCode":
      event.response.emailSubject = "Welcome to Acme Academy";
      event.response.emailMessage = `<h1>Hello ${name},</h1><p>Your Acme Academy verification code is <b>${codeParameter}</b>.</p>`;
      break;
    case "CustomMessage_ForgotPassword":
      event.response.emailSubject = "Reset your Acme Academy password";
      event.response.emailMessage = `<h1>Hello ${name},</h1><p>Use the code <b>${codeParameter}</b> to choose a new password.</p>`;
      break;
    case "CustomMessage_AdminCreateUser":
      event.response.emailSubject = "Your Acme Academy account";
      event.response.emailMessage = `<h1>Hello ${name},</h1><p>Your username is <b>${usernameParameter}</b> and your temporary password is <b>${codeParameter}</b>.</p>`;
      break;
    default:
      // other messages keep Cognito's defaults
      break;
  }
};
