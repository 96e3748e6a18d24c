const { DynamoDBClient } = require("@aws-sdk/client-dynamodb");
const { DynamoDBDocumentClient, GetCommand } = require("@aws-sdk/lib-dynamodb");

const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));

// Pre authentication trigger: runs before Cognito checks the password.
exports.handler = async (event) => {
  const attrs = event.request.userAttributes;
  if (attrs["custom:suspended"] === true) {
    event.response.blocked = true;
  }
  // TODO: the deny list
  return event;
};
