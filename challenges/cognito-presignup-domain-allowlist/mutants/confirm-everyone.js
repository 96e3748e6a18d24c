const ALLOWED_DOMAINS = ["example.edu", "staff.example.edu"];

exports.handler = async (event) => {
  const email = event.request.userAttributes.email || "";
  const domain = email.slice(email.lastIndexOf("@") + 1).toLowerCase();
  if (ALLOWED_DOMAINS.includes(domain)) {
    event.response.autoConfirmUser = true;
    event.response.autoVerifyEmail = true;
  }
  // everyone else signs up too, just unconfirmed
  return event;
};
