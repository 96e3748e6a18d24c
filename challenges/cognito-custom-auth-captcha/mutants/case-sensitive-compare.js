// (mutant) see mutants.yaml
const CAPTCHAS = [
  { url: "https://captcha.example.com/c/a1.png", answer: "7QX4" },
  { url: "https://captcha.example.com/c/b2.png", answer: "K9MP" },
  { url: "https://captcha.example.com/c/c3.png", answer: "R2D5" },
];
const MAX_ATTEMPTS = 3;

const customRounds = (session) => session.filter((s) => s.challengeName === "CUSTOM_CHALLENGE");

exports.defineAuthChallenge = async (event) => {
  const session = event.request.session || [];
  const last = session[session.length - 1];
  event.response.issueTokens = false;
  event.response.failAuthentication = false;

  if (last && last.challengeName === "SRP_A") {
    event.response.challengeName = "PASSWORD_VERIFIER";
    return event;
  }
  if (last && last.challengeName === "PASSWORD_VERIFIER" && last.challengeResult !== true) {
    event.response.failAuthentication = true;
    return event;
  }
  if (last && last.challengeName === "CUSTOM_CHALLENGE" && last.challengeResult === true) {
    event.response.issueTokens = true;
    return event;
  }
  if (customRounds(session).length >= MAX_ATTEMPTS) {
    event.response.failAuthentication = true;
    return event;
  }
  event.response.challengeName = "CUSTOM_CHALLENGE";
  return event;
};

exports.createAuthChallenge = async (event) => {
  const round = customRounds(event.request.session || []).length;
  const captcha = CAPTCHAS[round % CAPTCHAS.length];
  event.response.publicChallengeParameters = { captchaUrl: captcha.url };
  event.response.privateChallengeParameters = { answer: captcha.answer };
  event.response.challengeMetadata = `CAPTCHA-${round + 1}`;
  return event;
};

exports.verifyAuthChallengeResponse = async (event) => {
  const expected = (event.request.privateChallengeParameters || {}).answer || "";
  const given = String(event.request.challengeAnswer || "").trim();
  event.response.answerCorrect = event.request.challengeAnswer === expected;
  return event;
};
