// Custom message trigger: branded emails.
exports.handler = async (event) => {
  const name = event.request.userAttributes.name || "there";
  if (event.triggerSource === "CustomMessage_SignUp") {
    event.response.emailSubject = "Welcome to Acme Academy";
    event.response.emailMessage = `<h1>Hello ${name},</h1><p>Welcome to Acme Academy!</p>`;
  }
  // TODO: the code, the other messages
  return event;
};
