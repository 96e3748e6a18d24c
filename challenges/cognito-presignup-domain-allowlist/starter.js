// Pre sign-up trigger: only school addresses (example.edu, staff.example.edu) may sign up,
// and they are confirmed (and their email verified) right away.
const ALLOWED_DOMAINS = ["example.edu", "staff.example.edu"];

exports.handler = async (event) => {
  const email = event.request.userAttributes.email;
  // TODO: refuse anything that is not a school address, confirm the rest
  return event;
};
