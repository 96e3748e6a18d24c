// Custom authentication with a CAPTCHA. Cognito calls the three handlers in a loop:
// defineAuthChallenge -> createAuthChallenge -> (client answers) -> verifyAuthChallengeResponse -> defineAuthChallenge ...
const CAPTCHAS = [
  { url: "https://captcha.example.com/c/a1.png", answer: "7QX4" },
  { url: "https://captcha.example.com/c/b2.png", answer: "K9MP" },
  { url: "https://captcha.example.com/c/c3.png", answer: "R2D5" },
];

exports.defineAuthChallenge = async (event) => {
  // event.request.session: [{ challengeName, challengeResult, challengeMetadata }, ...]
  // TODO: decide between issueTokens, failAuthentication and the next challengeName
  event.response.challengeName = "CUSTOM_CHALLENGE";
  event.response.issueTokens = false;
  event.response.failAuthentication = false;
  return event;
};

exports.createAuthChallenge = async (event) => {
  const captcha = CAPTCHAS[0];
  // TODO: choose the CAPTCHA of this round; what may the client see?
  event.response.publicChallengeParameters = { captchaUrl: captcha.url };
  event.response.privateChallengeParameters = { answer: captcha.answer };
  return event;
};

exports.verifyAuthChallengeResponse = async (event) => {
  // TODO: compare event.request.challengeAnswer with the expected answer
  event.response.answerCorrect = false;
  return event;
};
