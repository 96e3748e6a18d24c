exports.handler = async (event) => {
  const email = (event.request.userAttributes.email || "").toLowerCase();
  if (!email.includes("example.edu")) {
    throw new Error("Sign-up is limited to school email addresses");
  }
  event.response.autoConfirmUser = true;
  event.response.autoVerifyEmail = true;
  return event;
};
