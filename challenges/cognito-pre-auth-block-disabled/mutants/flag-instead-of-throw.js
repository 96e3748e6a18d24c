const { DynamoDBClient } = require("@aws-sdk/client-dynamodb");
const { DynamoDBDocumentClient, GetCommand } = require("@aws-sdk/lib-dynamodb");

const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));

exports.handler = async (event) => {
  // With PreventUserExistenceErrors, Cognito also calls us for unknown users: behave the same way.
  if (event.request.userNotFound) return event;

  const attrs = event.request.userAttributes || {};
  if (attrs["custom:suspended"] === "true") {
    event.response.blocked = true;
    return event;
  }
  const { Item } = await ddb.send(new GetCommand({ TableName: "DenyList", Key: { username: event.userName } }));
  if (Item) {
    event.response.blocked = true;
  }
  return event;
};
