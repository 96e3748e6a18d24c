const ALLOWED_DOMAINS = ["example.edu", "staff.example.edu"];

exports.handler = async (event) => {
  const email = event.request.userAttributes.email || "";
  const domain = email.slice(email.lastIndexOf("@") + 1);
  if (!email.includes("@") || !ALLOWED_DOMAINS.includes(domain)) {
    throw new Error("Sign-up is limited to school email addresses");
  }
  event.response.autoConfirmUser = true;
  event.response.autoVerifyEmail = true;
  return event;
};
