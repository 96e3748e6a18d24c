const { DynamoDBClient } = require("@aws-sdk/client-dynamodb");
const { DynamoDBDocumentClient, GetCommand } = require("@aws-sdk/lib-dynamodb");

const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));

// The legacy system's password hash (do not change): FNV-1a over salt + password, as hex.
function legacyHash(salt, password) {
  let h = 0x811c9dc5;
  const s = salt + password;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

const REFUSED = "Incorrect username or password";

async function findLegacyUser(userName) {
  const email = String(userName || "").trim().toLowerCase();
  const { Item } = await ddb.send(new GetCommand({ TableName: "LegacyUsers", Key: { email } }));
  return Item && Item.active !== false ? Item : null;
}

exports.handler = async (event) => {
  const user = await findLegacyUser(event.userName);
  if (!user) throw new Error(REFUSED);

  if (event.triggerSource === "UserMigration_Authentication") {
    if (legacyHash(user.salt, event.request.password || "") !== user.passwordHash) throw new Error(REFUSED);
    event.response.finalUserStatus = "CONFIRMED";
  } else if (event.triggerSource !== "UserMigration_ForgotPassword") {
    return event;
  }

  event.response.userAttributes = {
    email: user.email,
    email_verified: true,
    name: user.name,
  };
  event.response.messageAction = "SUPPRESS";
  return event;
};
