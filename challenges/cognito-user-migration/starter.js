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

// User migration trigger: Cognito calls it when an unknown user signs in or asks for a password reset.
exports.handler = async (event) => {
  const { Item } = await ddb.send(new GetCommand({ TableName: "LegacyUsers", Key: { email: event.userName } }));
  // TODO: check the user and the password, then describe the user Cognito must create
  event.response.userAttributes = { email: Item.email };
  return event;
};
