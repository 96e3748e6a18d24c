const ALLOWED_DOMAINS = ["example.edu", "staff.example.edu"];

exports.handler = async (event) => {
  const email = event.request.userAttributes.email || "";
  const at = email.lastIndexOf("@");
  const domain = at >= 0 ? email.slice(at + 1).toLowerCase() : "";
  if (!ALLOWED_DOMAINS.includes(domain)) {
    throw new Error("Sign-up is limited to school email addresses");
  }
  event.response.autoConfirmUser = true;
  event.response.autoVerifyEmail = true;
  return event;
};
